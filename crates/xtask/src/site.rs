//! The playground (`www/`): serving it while developing, building the static site, and its
//! browser tests (components under wasm-bindgen-test, then end to end with playwright-core).

use std::path::{Path, PathBuf};
use std::process::Command;

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

/// Runs a command, echoing its output, and returns that output when it succeeds.
fn run_captured(command: &mut Command, shown: &str) -> util::Result<String> {
    eprintln!("    $ {shown}");
    let output = command
        .current_dir(root())
        .output()
        .map_err(|error| format!("cannot start `{shown}`: {error}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    eprint!("{stderr}");
    print!("{stdout}");
    if output.status.success() {
        Ok(format!("{stdout}\n{stderr}"))
    } else {
        Err(format!("`{shown}` failed ({})", output.status))
    }
}

/// The number after `label` on the last line that has it (`test result: ok. 12 passed`).
fn count_after(text: &str, label: &str) -> Option<u64> {
    text.lines().rev().find_map(|line| {
        let rest = line.get(line.find(label)? + label.len()..)?;
        rest.split_whitespace().next()?.parse().ok()
    })
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
    let dir = root().join("target").join("www");
    std::fs::create_dir_all(&dir)
        .map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
    let path = dir.join("webdriver.json");
    std::fs::write(&path, json)
        .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
    Ok(path)
}

/// The component tests (`www/tests/components.rs`) in headless Chromium. Fails when they ran
/// no test, which is how a misconfigured runner shows.
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
    let output = run_captured(
        &mut command,
        "cargo test -p workmail-policy-www --target wasm32-unknown-unknown --test components",
    )?;
    match count_after(&output, "test result: ok.") {
        Some(passed) if passed > 0 => Ok(()),
        _ => Err("the component tests ran no test in Chromium".to_owned()),
    }
}

/// The end-to-end tests (`tests/e2e/*.test.mjs`) against `dist/`. Fails when they ran no test.
fn end_to_end_tests(dist: &Path) -> util::Result {
    step("running the end-to-end tests (node --test, playwright-core driving Chromium)");
    let dir = root().join("tests").join("e2e");
    let files = util::node_test_files(&dir)?;
    let tap = root().join("target").join("www").join("e2e.tap");
    if let Some(parent) = tap.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|error| format!("cannot create {}: {error}", parent.display()))?;
    }
    let mut command = Command::new("node");
    command
        .arg("--test")
        .arg("--test-concurrency=1")
        .arg("--test-reporter=spec")
        .arg("--test-reporter-destination=stdout")
        .arg("--test-reporter=tap")
        .arg(format!("--test-reporter-destination={}", tap.display()))
        .args(&files)
        .env("PATH", tools::path_with_tools())
        .env("WORKMAIL_POLICY_DIST", dist)
        .env("CHROMIUM", CHROMIUM)
        .env("CHROMIUM_FLAGS", CHROMIUM_FLAGS.join(" "));
    run(&mut command)?;
    let report = std::fs::read_to_string(&tap)
        .map_err(|error| format!("cannot read {}: {error}", tap.display()))?;
    let passed = count_after(&report, "# pass").unwrap_or(0);
    let failed = count_after(&report, "# fail").unwrap_or(0);
    if passed == 0 || failed > 0 {
        return Err(format!(
            "the end-to-end tests passed {passed} and failed {failed}"
        ));
    }
    step(&format!("{passed} end-to-end tests passed"));
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_read_from_the_last_summary() {
        let cargo = "test result: ok. 0 passed; 0 failed\nrunning 7 tests\ntest result: ok. 7 passed; 0 failed";
        assert_eq!(count_after(cargo, "test result: ok."), Some(7));
        let tap = "# tests 12\n# pass 11\n# fail 1\n";
        assert_eq!(count_after(tap, "# pass"), Some(11));
        assert_eq!(count_after(tap, "# fail"), Some(1));
        assert_eq!(count_after("nothing", "# pass"), None);
    }
}
