//! The playground (`www/`): serving it while developing, building the static site, and its
//! browser tests (components under wasm-bindgen-test, then end to end with playwright-core).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::suites;
use crate::tools::{self, CHROMIUM_FLAGS};
use crate::util::{self, cargo, root, run, step};

/// Where Debian puts ChromeDriver and Chromium.
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// The tools a Trunk build needs: the target, `wasm-bindgen` at the locked version, `trunk`,
/// and binaryen's `wasm-opt` from the npm development tools.
fn build_tools() -> util::Result {
    tools::wasm_target()?;
    tools::wasm_bindgen_cli()?;
    tools::trunk()?;
    tools::node_modules()
}

/// `trunk`, finding `wasm-bindgen` and `wasm-opt` on `PATH` so it never downloads them.
fn trunk() -> Command {
    let mut command = Command::new("trunk");
    command
        .env("PATH", tools::path_with_tools())
        .env("TRUNK_SKIP_VERSION_CHECK", "true");
    command
}

/// `cargo xtask serve`: the playground at <http://127.0.0.1:8080>, rebuilt on every change.
pub fn serve() -> util::Result {
    build_tools()?;
    step("serving the playground at http://127.0.0.1:8080 (Ctrl+C stops; reload after a change)");
    // No auto-reload: its inline script would break the page's Content-Security-Policy.
    run(trunk().args([
        "serve",
        "--address",
        "127.0.0.1",
        "--port",
        "8080",
        "--no-autoreload",
    ]))
}

/// `cargo xtask dist`: the release site in `dist/`, with relative asset URLs.
pub fn dist() -> util::Result<PathBuf> {
    build_tools()?;
    let dist = root().join("dist");
    step("building the playground into dist/ (trunk build --release)");
    run(trunk().args(["build", "--release", "--dist"]).arg(&dist))?;
    if !dist.join("index.html").is_file() {
        return Err("trunk reported success but dist/index.html is missing".to_owned());
    }
    report_size(&dist);
    Ok(dist)
}

/// Prints the size of what a first visit loads (gzip sizes are checked by the end-to-end tests).
fn report_size(dist: &Path) {
    let total: u64 = std::fs::read_dir(dist)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| entry.metadata().ok())
        .filter(std::fs::Metadata::is_file)
        .map(|metadata| metadata.len())
        .sum();
    step(&format!(
        "dist/ holds {} KB before compression",
        total.div_ceil(1024)
    ));
}

/// The ChromeDriver capabilities for wasm-bindgen-test: the project's Chromium flags.
fn webdriver_json() -> util::Result<PathBuf> {
    let flags: Vec<String> = CHROMIUM_FLAGS
        .iter()
        .map(|flag| format!("\"{flag}\""))
        .collect();
    let json = format!(
        "{{\"goog:chromeOptions\": {{\"binary\": \"{CHROMIUM}\", \"args\": [{}]}}}}\n",
        flags.join(", ")
    );
    let dir = util::target_dir().join("www");
    std::fs::create_dir_all(&dir)
        .map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
    let path = dir.join("webdriver.json");
    std::fs::write(&path, json)
        .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
    Ok(path)
}

/// The component tests (`www/tests/components.rs`) in headless Chromium, counted.
fn component_tests() -> util::Result {
    step("running the playground's component tests in headless Chromium (wasm-bindgen-test)");
    let webdriver = webdriver_json()?;
    let mut command = cargo();
    command
        .args([
            "test",
            "-p",
            "workmail-policy-www",
            "--target",
            "wasm32-unknown-unknown",
            "--test",
            "components",
        ])
        .env("PATH", tools::path_with_tools())
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", &webdriver)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "180");
    suites::cargo_suite(
        "playground components in Chromium (wasm-bindgen-test)",
        &mut command,
    )
    .map(|_| ())
}

/// The end-to-end tests (`tests/e2e/*.test.mjs`) against `dist/`, counted.
fn end_to_end_tests(dist: &Path) -> util::Result {
    step("running the end-to-end tests (node --test, playwright-core driving Chromium)");
    let dir = root().join("tests").join("e2e");
    let files = util::node_test_files(&dir)?;
    let mut command = Command::new("node");
    command
        .arg("--test-concurrency=1")
        .env("PATH", tools::path_with_tools())
        .env("WORKMAIL_POLICY_DIST", dist)
        .env(
            "WORKMAIL_POLICY_SCREENSHOTS",
            util::target_dir().join("www").join("screenshots"),
        )
        .env("CHROMIUM", CHROMIUM)
        .env("CHROMIUM_FLAGS", CHROMIUM_FLAGS.join(" "));
    suites::node_suite("playground end to end (node --test)", &mut command, &files).map(|_| ())
}

/// `cargo xtask bench`: builds `dist/`, then measures the playground in headless Chromium
/// (`tests/e2e/bench.mjs`: the first answer after navigation, a keystroke in the largest legal
/// document, that document's decision table) and returns the Markdown table it prints.
pub fn bench() -> util::Result<String> {
    tools::chromium()?;
    tools::node_modules()?;
    let dist = dist()?;
    step("measuring the playground in headless Chromium (tests/e2e/bench.mjs)");
    let script = root().join("tests").join("e2e").join("bench.mjs");
    let output = Command::new("node")
        .arg(&script)
        .current_dir(root())
        .env("PATH", tools::path_with_tools())
        .env("WORKMAIL_POLICY_DIST", &dist)
        .env("CHROMIUM", CHROMIUM)
        .env("CHROMIUM_FLAGS", CHROMIUM_FLAGS.join(" "))
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|error| format!("cannot start `node {}`: {error}", script.display()))?;
    if !output.status.success() {
        return Err(format!("the benchmark failed ({})", output.status));
    }
    let table = String::from_utf8_lossy(&output.stdout).into_owned();
    if !table.contains("| Measure |") {
        return Err("the benchmark printed no table".to_owned());
    }
    Ok(table)
}

/// The playground's part of `cargo xtask test` (its native tests run with the workspace's).
pub fn test() -> util::Result {
    tools::wasm_target()?;
    tools::wasm_bindgen_cli()?;
    tools::chromium()?;
    tools::node_modules()?;
    component_tests()?;
    let dist = dist()?;
    end_to_end_tests(&dist)
}
