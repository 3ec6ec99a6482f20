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
/// and binaryen's `wasm-opt` from the npm development tools; then the code editor's bundle,
/// which Trunk copies.
fn build_tools() -> util::Result {
    tools::wasm_target()?;
    tools::wasm_bindgen_cli()?;
    tools::trunk()?;
    crate::editor::bundle()
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
    let mut rebundle = crate::editor::watch()?;
    step("serving the playground at http://127.0.0.1:8080 (Ctrl+C stops; reload after a change)");
    // No auto-reload: its inline script would break the page's Content-Security-Policy.
    let served = run(trunk().args([
        "serve",
        "--address",
        "127.0.0.1",
        "--port",
        "8080",
        "--no-autoreload",
    ]));
    let _ignored = rebundle.kill();
    served
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
    step("minifying the page's scripts and style sheet (esbuild; crates/xtask/site/minify.mjs)");
    run(Command::new("node")
        .arg(
            root()
                .join("crates")
                .join("xtask")
                .join("site")
                .join("minify.mjs"),
        )
        .arg(&dist)
        .env("PATH", tools::path_with_tools()))?;
    report_size(&dist);
    Ok(dist)
}

/// How much a first visit may download before the first answer, after `gzip -9`, in bytes:
/// the page and every file it names (loader, wasm-bindgen module, WebAssembly, style sheet,
/// icon). The analysis module, the loader worker and the code editor are fetched later. It was
/// 300 KiB until mobile device access joined the page, then 325 KiB. Back to 300 KiB (306,410
/// bytes measured) once the share link was compressed by the browser, the operations' outcomes,
/// the mobile device answer and the Semantics page moved into the analysis module, and the
/// page's scripts and style sheet were minified (`site/minify.mjs`).
const FIRST_LOAD_BUDGET_GZIP: u64 = 300 * 1024;

/// The files a first visit fetches before the first answer: `index.html` and every file of the
/// site it names in an `href`, `src`, `data-js` or `data-wasm` attribute, each once.
fn first_load_files(dist: &Path) -> util::Result<Vec<PathBuf>> {
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index)
        .map_err(|error| format!("cannot read {}: {error}", index.display()))?;
    let mut files = vec![index];
    for name in named_files(&html) {
        let file = dist.join(&name);
        if !file.is_file() {
            return Err(format!(
                "dist/index.html names `{name}`, which dist/ does not hold"
            ));
        }
        if !files.contains(&file) {
            files.push(file);
        }
    }
    Ok(files)
}

/// The site's own files an HTML text names (`./name` values of `href`, `src`, `data-js` and
/// `data-wasm`, quoted or not: a minified page leaves the quotes out where it may), without
/// query or fragment, in order.
fn named_files(html: &str) -> Vec<String> {
    let mut names = Vec::new();
    for attribute in [" href=", " src=", " data-js=", " data-wasm="] {
        for (at, _) in html.match_indices(attribute) {
            let value = html.get(at + attribute.len()..).unwrap_or_default();
            let value = match value.chars().next() {
                Some(quote @ ('"' | '\'')) => {
                    value.get(1..).unwrap_or_default().split(quote).next()
                }
                _ => value
                    .split(|c: char| c.is_ascii_whitespace() || c == '>')
                    .next(),
            };
            let Some(name) = value.unwrap_or_default().strip_prefix("./") else {
                continue;
            };
            let name = name.split(['?', '#']).next().unwrap_or_default();
            if !name.is_empty() && !names.iter().any(|known| known == name) {
                names.push(name.to_owned());
            }
        }
    }
    names
}

/// The playground's first load, `gzip -9`, in bytes (each file's size is printed).
pub fn first_load_size(dist: &Path) -> util::Result<u64> {
    step("the playground's first load (the page and the files it names)");
    let files = first_load_files(dist)?;
    let sizes = crate::npm::print_sizes(&files)?;
    Ok(sizes.iter().map(|&(_, gzip)| gzip).sum())
}

/// Fails when the first load is over its budget: a size check, not a timing.
fn check_first_load(dist: &Path) -> util::Result {
    let total = first_load_size(dist)?;
    if total > FIRST_LOAD_BUDGET_GZIP {
        return Err(format!(
            "the playground's first load is {total} bytes gzip -9, over its budget of {FIRST_LOAD_BUDGET_GZIP}"
        ));
    }
    step(&format!(
        "the playground's first load is within its budget: {:.1} of {} KiB gzip",
        total as f64 / 1024.0,
        FIRST_LOAD_BUDGET_GZIP / 1024
    ));
    Ok(())
}

/// Prints the size of what `dist/` holds before compression.
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
/// document until the next frame, that document's decision table, and pastes of hostile
/// documents of 32 and 128 MiB and of a 32 MiB directory while a question is typed: the paste's
/// own task, the longest main-thread task after it, the times until the loader's answer and
/// until the outcome shows) and returns the Markdown table it prints, with the first load's
/// size.
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
    let mut table = String::from_utf8_lossy(&output.stdout).into_owned();
    if !table.contains("| Measure |") {
        return Err("the benchmark printed no table".to_owned());
    }
    let first = first_load_size(&dist)?;
    step("what the playground fetches later (the analysis module, the loader, the code editor)");
    let mut later: Vec<PathBuf> = [
        "workmail-policy-analysis.js",
        "workmail-policy-analysis_bg.wasm",
        "loader.js",
        "workmail-policy-loader.js",
        "workmail-policy-loader_bg.wasm",
    ]
    .iter()
    .map(|name| dist.join(name))
    .collect();
    later.push(crate::editor::built(&dist));
    let later = crate::npm::print_sizes(&later)?;
    let kib = |bytes: u64| bytes as f64 / 1024.0;
    table.push_str(&format!(
        "\nFirst load (the page and every file it names, fetched before the first answer): {:.1} KiB gzip -9 (budget {} KiB, checked by `cargo xtask test`). Fetched on first use: the analysis module {:.1} KiB, the loader {:.1} KiB gzip -9. Fetched after the first answer: the code editor {:.1} KiB gzip -9.\n",
        kib(first),
        FIRST_LOAD_BUDGET_GZIP / 1024,
        kib(later.iter().take(2).map(|&(_, gzip)| gzip).sum()),
        kib(later.iter().skip(2).take(3).map(|&(_, gzip)| gzip).sum()),
        kib(later.iter().skip(5).map(|&(_, gzip)| gzip).sum()),
    ));
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
    check_first_load(&dist)?;
    end_to_end_tests(&dist)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_load_is_every_own_file_the_page_names() {
        let html = r##"<script type="module" src="./boot.js" data-js="./app-1.js" data-wasm="./app-1_bg.wasm"></script>
<link rel="stylesheet" href="./style-2.css"/><link rel="icon" href="./icon.svg?v=1">
<link rel="modulepreload" href="./app-1.js"><a href="https://example.com/">x</a><a href="#top">y</a>
<link href=./font.woff2 rel=preload><img src='./logo.png'><link href=./min.css>"##;
        assert_eq!(
            named_files(html),
            [
                "style-2.css",
                "icon.svg",
                "app-1.js",
                "font.woff2",
                "min.css",
                "boot.js",
                "logo.png",
                "app-1_bg.wasm"
            ]
        );
    }
}
