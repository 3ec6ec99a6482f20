//! The npm package `workmail-policy`: built from `crates/workmail-policy-wasm` into
//! `target/npm/workmail-policy/`, packed with `npm pack`, and tested (wasm-bindgen-test in Node.js
//! and headless Chromium, then the Node.js tests against the packed tarball); [`bench()`] measures
//! it in Node.js against the native core.
//!
//! The package has an entry point per module (see [`MODULES`]): `workmail-policy` (answers),
//! `workmail-policy/analysis` (answers and the analysis of a whole organization) and the
//! command's `cli/`. One `.wasm` serves each entry point in every environment: wasm-bindgen's
//! `web` glue (browsers and bundlers, with `init()`/`initSync()`), its `nodejs` glue (`require`)
//! and a small wrapper that instantiates the web glue from the file system (`import` in
//! Node.js). Both generations of glue import the same functions, so they share the module; the
//! tests load it all three ways.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::suites;
use crate::tools;
use crate::util::{self, cargo, root, run, step};

const CRATE: &str = "workmail-policy-wasm";
const TARGET: &str = "wasm32-unknown-unknown";

/// The features the Rust toolchain enables on `wasm32-unknown-unknown`; `wasm-opt` must allow
/// them (the release profile strips the section that would tell it).
const WASM_FEATURES: [&str; 8] = [
    "--enable-bulk-memory",
    "--enable-bulk-memory-opt",
    "--enable-call-indirect-overlong",
    "--enable-multivalue",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-sign-ext",
];

fn crate_dir() -> PathBuf {
    root().join("crates").join(CRATE)
}

fn npm_dir() -> PathBuf {
    util::target_dir().join("npm")
}

/// The package folder, ready to publish.
fn package_dir() -> PathBuf {
    npm_dir().join("workmail-policy")
}

/// One wasm module of the package, built from the crate with some of its features.
struct Module {
    /// What it is, for progress messages.
    purpose: &'static str,
    /// The crate features it is built with (none: the crate's default features are off).
    feature: Option<&'static str>,
    /// wasm-bindgen's `--out-name`: the stem of the module's files.
    name: &'static str,
    /// Its folder in the package (`""` for the root).
    folder: &'static str,
    /// Whether it is an entry point for Node.js too (CommonJS glue and an ESM wrapper), not
    /// only the web glue.
    node: bool,
    /// How large it may be.
    budget: Budget,
}

/// The package's modules. Applications import the main one (`workmail-policy`); the analysis
/// (`workmail-policy/analysis`, about 240 KiB more) and the command (`cli/`: the command line's
/// library, run by `bin/workmail-policy.mjs` with a host over Node.js's `fs`) are modules of
/// their own, so answering costs only the first.
const MODULES: [Module; 3] = [
    Module {
        purpose: "the main wasm module",
        feature: None,
        name: "workmail_policy",
        folder: "",
        node: true,
        // What applications load: 492,311 bytes raw and 206,985 gzip -9 when set, with a few hundred
        // bytes of room. The floor of serde's typed JSON alone is 149 KiB (see `serde_floor`);
        // above it are the table of operations (each one's typed request and response through
        // serde, the shapes, the evaluation and its explanations, the mobile device access
        // operations, `ListUsers` and `DescribeUser` among them), the document loader and the
        // batch path. Requests and documents are read from their checked JSON as objects only
        // (`json::members` in the core), and no request flattens another type, so serde adds
        // neither an array form of each struct nor a buffered copy of each request. Then IP
        // ranges kept in place and read without a copy (loading the largest document 23%
        // faster): 493,394 bytes raw and 207,883 gzip -9; then the compiled evaluation's events
        // sorted by address alone, without the generic sort it fell back on: 492,904 and
        // 207,427.
        budget: Budget {
            raw: 494_000,
            gzip: 208_000,
        },
    },
    Module {
        purpose: "the analysis entry point's wasm module",
        feature: Some("analysis"),
        name: "workmail_policy_analysis",
        folder: "analysis",
        node: true,
        // Its size when the budgets were set, with the batch path and the values the
        // playground shows added to the core, then loading in linear time (the characters'
        // index of a long line) and the 50-diagnostic text (1.1 KB raw, 0.6 KB gzip more), the
        // coded path that `call`, `callMany` and `accessEffects` share (2 KB raw), and `replay`
        // (reading events as JSON values, the report and its serialization, awaiting async
        // iterables: about 64 KB raw and 25 KB gzip), the operations the main module's budget
        // was raised for (838,554 bytes raw and 337,203 gzip -9 with them), then the mobile
        // device access analysis (its decision table, diff and saved tests), the loader's capped
        // diagnostics and the replay's piecewise reader: 885,409 bytes raw and 356,429 gzip -9
        // with them; then the decision table's filters ("who can": a `TableQuery` read from
        // JSON, resolved against the directory and cut into the table, with its errors):
        // 910,391 bytes raw and 366,692 gzip -9 with them (24,878 and 10,210 more); then the
        // guarantees: properties checked over every request of a set (a scope read from JSON,
        // its references checked, the set cut into the space, a counterexample per failing
        // class), version gates, the coverage of a tests file and SARIF logs, with their npm
        // functions: 1,018,368 bytes raw and about 409,800 gzip -9 with them. It may not grow
        // otherwise.
        budget: Budget {
            raw: 1_025_000,
            gzip: 413_000,
        },
    },
    Module {
        purpose: "the command's wasm module",
        feature: Some("cli"),
        name: "workmail_policy_cli",
        folder: "cli",
        node: false,
        // The command line's library with clap: its size when it replaced the hand-kept
        // JavaScript command, with a little room; then `replay` (reading logs in every
        // format, the renderers; gzip is decompressed by the host with Node.js's zlib, so
        // the module holds no inflater): 1,006,278 bytes raw and 405,764 gzip -9 when added;
        // then the operations the main module's budget was raised for: 1,134,490 bytes raw and
        // 452,813 gzip -9 with them; then the analysis module's additions of the same release:
        // 1,180,938 bytes raw and 474,152 gzip -9; then the decision table's filters (the
        // core's, and the `table` options that pass them): 1,206,149 bytes raw and 482,003
        // gzip -9; then the guarantees (properties in `test`, `check`, `test --coverage`,
        // `--output sarif` for `lint`, `test` and `check`): 1,344,717 bytes raw and about
        // 542,500 gzip -9.
        budget: Budget {
            raw: 1_351_000,
            gzip: 546_000,
        },
    },
];

impl Module {
    fn cargo_features(&self) -> Vec<&'static str> {
        let mut arguments = vec!["--no-default-features"];
        if let Some(feature) = self.feature {
            arguments.extend(["--features", feature]);
        }
        arguments
    }

    /// A file wasm-bindgen generated for `target`: the module's name followed by `suffix`.
    fn glue(&self, glue: &Path, target: &str, suffix: &str) -> PathBuf {
        glue.join(self.name)
            .join(target)
            .join(format!("{}{suffix}", self.name))
    }

    /// The module's file in the package: its name followed by `suffix`, in its folder.
    fn packaged(&self, package: &Path, suffix: &str) -> PathBuf {
        package
            .join(self.folder)
            .join(format!("{}{suffix}", self.name))
    }
}

/// Builds the package into `target/npm/workmail-policy/`, packs it into `target/npm/` and prints
/// the sizes.
pub fn build() -> util::Result<Built> {
    tools::wasm_target()?;
    tools::wasm_bindgen_cli()?;
    tools::node_modules()?;

    let glue = npm_dir().join("bindgen");
    remove_dir(&glue)?;
    for module in &MODULES {
        step(&format!(
            "building {} (cargo build --profile wasm-release {})",
            module.purpose,
            module.cargo_features().join(" ")
        ));
        let built = build_module(module)?;
        let targets: &[&str] = if module.node {
            &["web", "nodejs"]
        } else {
            &["web"]
        };
        for target in targets {
            bindgen(
                &built,
                target,
                module.name,
                &glue.join(module.name).join(target),
            )?;
        }
    }

    let package = package_dir();
    remove_dir(&package)?;
    create_dir(&package.join("bin"))?;
    step(
        "optimizing the wasm modules for size (wasm-opt --merge-similar-functions -Oz --converge)",
    );
    for module in &MODULES {
        create_dir(&package.join(module.folder))?;
        optimize(
            &module.glue(&glue, "web", "_bg.wasm"),
            &module.packaged(&package, "_bg.wasm"),
        )?;
    }

    step("assembling target/npm/workmail-policy");
    let sources = crate_dir().join("npm");
    for module in &MODULES {
        copy(
            &module.glue(&glue, "web", ".js"),
            &module.packaged(&package, ".js"),
        )?;
        copy(
            &module.glue(&glue, "web", ".d.ts"),
            &module.packaged(&package, ".d.ts"),
        )?;
        // The crate's JavaScript (`src/batch.js`), which both generations of glue import from
        // `snippets/` beside them.
        copy_tree(
            &glue.join(module.name).join("web").join("snippets"),
            &package.join(module.folder).join("snippets"),
        )?;
        if module.node {
            let types = module.glue(&glue, "nodejs", ".d.ts");
            copy(
                &module.glue(&glue, "nodejs", ".js"),
                &module.packaged(&package, ".cjs"),
            )?;
            copy(&types, &module.packaged(&package, ".d.cts"))?;
            copy(&types, &module.packaged(&package, ".node.d.mts"))?;
            // The ESM wrapper for Node.js, written for the main module, names its files.
            let wrapper = read(&sources.join("workmail_policy.node.mjs"))?
                .replace("./workmail_policy", &format!("./{}", module.name));
            write(&module.packaged(&package, ".node.mjs"), &wrapper)?;
        }
    }
    for (from, to) in [
        (
            sources.join("bin").join("workmail-policy.mjs"),
            "bin/workmail-policy.mjs",
        ),
        (sources.join("README.md"), "README.md"),
        (root().join("LICENSE"), "LICENSE"),
    ] {
        copy(&from, &package.join(to))?;
    }
    // The JSON Schemas, for editors (`"$schema": "./node_modules/workmail-policy/schemas/…"`)
    // and for tools that validate with them.
    create_dir(&package.join("schemas"))?;
    for file in ["organization.schema.json", "tests.schema.json"] {
        copy(
            &root().join(crate::types::SCHEMAS).join(file),
            &package.join("schemas").join(file),
        )?;
    }
    make_executable(&package.join("bin").join("workmail-policy.mjs"))?;
    // The manifest's version and license come from the workspace.
    let version = workspace_package("version")?;
    let manifest = read(&sources.join("package.json"))?
        .replacen("\"0.0.0\"", &format!("\"{version}\""), 1)
        .replacen(
            "\"WORKSPACE-LICENSE\"",
            &format!("\"{}\"", workspace_package("license")?),
            1,
        );
    write(&package.join("package.json"), &manifest)?;

    step("packing (npm pack)");
    let tarball = npm_dir().join(format!("workmail-policy-{version}.tgz"));
    run(Command::new("npm")
        .args(["pack", "--silent", "--pack-destination"])
        .arg(npm_dir())
        .current_dir(&package)
        .stdout(Stdio::null()))?;
    if !tarball.is_file() {
        return Err(format!("npm pack did not write {}", tarball.display()));
    }
    let mut sized: Vec<PathBuf> = MODULES
        .iter()
        .map(|module| module.packaged(&package, "_bg.wasm"))
        .collect();
    sized.push(tarball.clone());
    let sizes = print_sizes(&sized)?;
    Ok(Built { tarball, sizes })
}

/// What [`build`] made: the packed tarball, and each module's raw and gzip sizes (in
/// [`MODULES`] order).
pub struct Built {
    /// The `.tgz` that `npm pack` wrote.
    pub tarball: PathBuf,
    /// Each module's raw and `gzip -9` size in bytes.
    sizes: Vec<(u64, u64)>,
}

/// Every npm test: the bindings under wasm-bindgen-test in Node.js and in headless Chromium,
/// then the Node.js tests of the packed package (corpus, CommonJS and ESM, the command line
/// against the Rust one, TypeScript).
pub fn test() -> util::Result {
    let Built { tarball, sizes } = build()?;
    check_budgets(&sizes)?;

    step("running the bindings' tests in Node.js (wasm-bindgen-test)");
    suites::cargo_suite(
        "npm bindings in Node.js (wasm-bindgen-test)",
        &mut wasm_tests(),
    )?;

    tools::chromium()?;
    let webdriver = npm_dir().join("webdriver.json");
    let args: Vec<String> = tools::CHROMIUM_FLAGS
        .iter()
        .map(|flag| format!("\"{flag}\""))
        .collect();
    write(
        &webdriver,
        &format!(
            "{{\"goog:chromeOptions\": {{\"args\": [{}]}}}}\n",
            args.join(", ")
        ),
    )?;
    step("running the bindings' tests in headless Chromium (wasm-bindgen-test)");
    suites::cargo_suite(
        "npm bindings in Chromium (wasm-bindgen-test)",
        wasm_tests()
            .env("WASM_BINDGEN_USE_BROWSER", "1")
            .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", &webdriver)
            .env("CHROMEDRIVER", "/usr/bin/chromedriver"),
    )?;

    step("building the Rust command line, to compare the package's command with it");
    run(cargo().args(["build", "--package", "workmail-policy-cli", "--locked"]))?;
    let cli = util::debug_binary("workmail-policy");

    let tests_dir = crate_dir().join("npm").join("test");
    let files = util::node_test_files(&tests_dir)?;
    step("running the npm package's tests (node --test)");
    suites::node_suite(
        "npm package (node --test)",
        Command::new("node")
            .env("WORKMAIL_POLICY_TARBALL", &tarball)
            .env("WORKMAIL_POLICY_CLI", &cli)
            .env("WORKMAIL_POLICY_CASES", root().join("tests").join("cases"))
            .env("WORKMAIL_POLICY_TSC", tools::node_bin().join("tsc"))
            .env("WORKMAIL_POLICY_CHROMIUM", "/usr/bin/chromium")
            .env(
                "WORKMAIL_POLICY_CHROMIUM_FLAGS",
                tools::CHROMIUM_FLAGS.join(" "),
            ),
        &files,
    )?;

    step("running the npm benchmark once, briefly (its answers are checked, no timing asserted)");
    let table = captured(
        Command::new("node")
            .arg(bench_script())
            .env("WORKMAIL_POLICY_PACKAGE", package_dir())
            .env("WORKMAIL_POLICY_BENCH_SECONDS", "0.05"),
    )?;
    if table.contains('|') {
        Ok(())
    } else {
        Err("the npm benchmark printed no table".to_owned())
    }
}

/// `wasm-opt` as every module of the package gets it, from `from` to `to`.
fn optimize(from: &Path, to: &Path) -> util::Result {
    run(Command::new(tools::node_bin().join("wasm-opt"))
        // `--merge-similar-functions` first merges functions that differ only in constants
        // (4 KiB; after `-Oz` it finds nothing); `--converge` repeats the passes while they
        // still shrink the module (1 KiB more).
        .args(["--merge-similar-functions", "-Oz", "--converge"])
        .args(WASM_FEATURES)
        .arg(from)
        .arg("-o")
        .arg(to))
}

/// Builds `examples/serde_floor.rs` exactly as the package's modules are built (profile,
/// wasm-bindgen, wasm-opt): a module that only reads and writes the API's types through serde,
/// the floor under the main module's size. Returns the optimized module's path.
fn serde_floor() -> util::Result<PathBuf> {
    step("building the size floor (examples/serde_floor.rs) like the package's modules");
    run(cargo().args([
        "build",
        "--package",
        CRATE,
        "--example",
        "serde_floor",
        "--target",
        TARGET,
        "--profile",
        "wasm-release",
        "--no-default-features",
        "--locked",
    ]))?;
    let built = util::target_dir()
        .join(TARGET)
        .join("wasm-release")
        .join("examples")
        .join("serde_floor.wasm");
    let glue = npm_dir().join("bindgen").join("serde_floor");
    bindgen(&built, "web", "serde_floor", &glue)?;
    let optimized = npm_dir().join("serde_floor_bg.wasm");
    optimize(&glue.join("serde_floor_bg.wasm"), &optimized)?;
    Ok(optimized)
}

/// The package's benchmark script, kept with the other benchmarks in xtask.
fn bench_script() -> PathBuf {
    root()
        .join("crates")
        .join("xtask")
        .join("bench")
        .join("npm.mjs")
}

/// The Node.js benchmark (`crates/xtask/bench/npm.mjs`): builds the package and the size floor
/// ([`serde_floor`]), measures the native baseline (the core's `examples/native_baseline.rs`, a release
/// build), then the package in Node.js. Returns the benchmark's Markdown section (decisions per
/// second, the modules' sizes).
pub fn bench() -> util::Result<String> {
    build()?;
    let floor = serde_floor()?;
    let documents = util::target_dir().join("bench-documents");
    step("writing the benchmark's documents and requests (crates/xtask/bench/documents.mjs)");
    run(Command::new("node")
        .arg(bench_script().with_file_name("documents.mjs"))
        .arg(&documents))?;
    step("measuring the native baseline (cargo run --release --example native_baseline)");
    let native = captured(
        cargo()
            .args([
                "run",
                "--quiet",
                "--release",
                "--locked",
                "--package",
                "workmail-policy",
                "--example",
                "native_baseline",
                "--",
            ])
            .arg(&documents),
    )?;
    step("measuring the package in Node.js (crates/xtask/bench/npm.mjs)");
    captured(
        Command::new("node")
            .arg(bench_script())
            .env("WORKMAIL_POLICY_PACKAGE", package_dir())
            .env("WORKMAIL_POLICY_FLOOR", floor)
            .env("WORKMAIL_POLICY_NATIVE", native.trim()),
    )
}

/// Runs a command in the workspace root and returns its standard output; its standard error
/// passes through.
fn captured(command: &mut Command) -> util::Result<String> {
    let output = command
        .current_dir(root())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|error| format!("cannot start {:?}: {error}", command.get_program()))?;
    if !output.status.success() {
        return Err(format!(
            "{:?} failed ({})",
            command.get_program(),
            output.status
        ));
    }
    String::from_utf8(output.stdout)
        .map_err(|_| format!("{:?} printed text that is not UTF-8", command.get_program()))
}

/// Builds the crate for `wasm32-unknown-unknown` with the `wasm-release` profile and the
/// module's features; returns the built module's path.
fn build_module(module: &Module) -> util::Result<PathBuf> {
    run(cargo()
        .args([
            "build",
            "--package",
            CRATE,
            "--target",
            TARGET,
            "--profile",
            "wasm-release",
            "--locked",
        ])
        .args(module.cargo_features()))?;
    Ok(util::target_dir()
        .join(TARGET)
        .join("wasm-release")
        .join("workmail_policy_wasm.wasm"))
}

/// `wasm-bindgen --target TARGET --out-name NAME --out-dir DIR MODULE`.
fn bindgen(module: &Path, target: &str, name: &str, dir: &Path) -> util::Result {
    run(Command::new("wasm-bindgen")
        .env("PATH", tools::path_with_tools())
        .args(["--target", target, "--out-name", name, "--out-dir"])
        .arg(dir)
        .arg(module))
}

fn wasm_tests() -> Command {
    let mut command = cargo();
    command
        .args([
            "test",
            "--package",
            CRATE,
            "--target",
            TARGET,
            "--test",
            "web",
            "--locked",
        ])
        .env("PATH", tools::path_with_tools());
    command
}

/// A string field of the root `Cargo.toml`'s `[workspace.package]` (`version`, `license`).
fn workspace_package(field: &str) -> util::Result<String> {
    let manifest = read(&root().join("Cargo.toml"))?;
    let mut in_package = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_package = line == "[workspace.package]";
        } else if in_package
            && let Some(value) = line
                .strip_prefix(field)
                .map(str::trim_start)
                .and_then(|rest| rest.strip_prefix('='))
                .map(|rest| rest.trim().trim_matches('"'))
        {
            return Ok(value.to_owned());
        }
    }
    Err(format!(
        "the root Cargo.toml has no [workspace.package] {field}"
    ))
}

/// Prints each file's size raw, gzipped and brotli-compressed (both at their highest level), and
/// returns the raw and gzip sizes in bytes.
pub fn print_sizes(files: &[PathBuf]) -> util::Result<Vec<(u64, u64)>> {
    const SCRIPT: &str = r#"
const { readFileSync } = require("node:fs");
const { basename } = require("node:path");
const zlib = require("node:zlib");
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`.padStart(11);
console.error(`${"file".padEnd(32)}${"raw".padStart(11)}${"gzip".padStart(11)}${"brotli".padStart(11)}`);
const sizes = [];
for (const file of process.argv.slice(1)) {
  const bytes = readFileSync(file);
  const gzip = zlib.gzipSync(bytes, { level: 9 }).length;
  const brotli = zlib.brotliCompressSync(bytes, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;
  console.error(`${basename(file).padEnd(32)}${kb(bytes.length)}${kb(gzip)}${kb(brotli)}`);
  sizes.push([bytes.length, gzip]);
}
console.log(JSON.stringify(sizes));
"#;
    step("sizes");
    let output = Command::new("node")
        .arg("-e")
        .arg(SCRIPT)
        .args(files)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|error| format!("cannot start node: {error}"))?;
    if !output.status.success() {
        return Err(format!("measuring the sizes failed ({})", output.status));
    }
    serde_json::from_slice(&output.stdout)
        .map_err(|error| format!("measuring the sizes printed no sizes: {error}"))
}

/// How large a module may be, raw and after `gzip -9`, in bytes. `cargo xtask test` fails when
/// a module is larger: a size check, not a timing.
#[derive(Debug, Clone, Copy)]
struct Budget {
    raw: u64,
    gzip: u64,
}

/// Fails when a module is over its budget, naming it, its size and the budget.
fn check_budgets(sizes: &[(u64, u64)]) -> util::Result {
    let mut over = Vec::new();
    for (module, &(raw, gzip)) in MODULES.iter().zip(sizes) {
        let budget = module.budget;
        if raw > budget.raw || gzip > budget.gzip {
            over.push(format!(
                "{} is {raw} bytes raw and {gzip} gzip -9, over its budget of {} and {}",
                module.purpose, budget.raw, budget.gzip
            ));
        }
    }
    if over.is_empty() {
        step("every wasm module is within its size budget");
        Ok(())
    } else {
        Err(over.join("; "))
    }
}

fn read(path: &Path) -> util::Result<String> {
    std::fs::read_to_string(path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))
}

fn write(path: &Path, text: &str) -> util::Result {
    std::fs::write(path, text).map_err(|error| format!("cannot write {}: {error}", path.display()))
}

fn copy(from: &Path, to: &Path) -> util::Result {
    std::fs::copy(from, to).map(|_| ()).map_err(|error| {
        format!(
            "cannot copy {} to {}: {error}",
            from.display(),
            to.display()
        )
    })
}

/// Copies a folder and everything in it.
fn copy_tree(from: &Path, to: &Path) -> util::Result {
    create_dir(to)?;
    let entries = std::fs::read_dir(from)
        .map_err(|error| format!("cannot read {}: {error}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|error| format!("cannot read {}: {error}", from.display()))?;
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_tree(&path, &target)?;
        } else {
            copy(&path, &target)?;
        }
    }
    Ok(())
}

fn create_dir(path: &Path) -> util::Result {
    std::fs::create_dir_all(path)
        .map_err(|error| format!("cannot create {}: {error}", path.display()))
}

fn remove_dir(path: &Path) -> util::Result {
    match std::fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(format!("cannot remove {}: {error}", path.display())),
    }
}

#[cfg(unix)]
fn make_executable(path: &Path) -> util::Result {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .map_err(|error| format!("cannot make {} executable: {error}", path.display()))
}

#[cfg(not(unix))]
fn make_executable(_path: &Path) -> util::Result {
    Ok(())
}
