//! Installing the tools the wasm, npm and browser steps need, each only when missing or at the
//! wrong version, with a progress message. Versions follow the project's pinned `Cargo.lock`.

use std::path::PathBuf;
use std::process::Command;

use crate::util::{self, cargo, output, root, run, step};

/// trunk 0.21.14 is the newest release that builds with this project's toolchain.
const TRUNK_VERSION: &str = "0.21.14";

/// The `wasm32-unknown-unknown` standard library.
pub fn wasm_target() -> util::Result {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"]))
        .is_some_and(|list| {
            list.lines()
                .any(|line| line.trim() == "wasm32-unknown-unknown")
        });
    if installed {
        return Ok(());
    }
    step("installing the wasm32-unknown-unknown target (rustup)");
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// The `wasm-bindgen` version in `Cargo.lock`: the CLI must match it exactly.
pub fn wasm_bindgen_version() -> util::Result<String> {
    // `cargo pkgid` answers from the lock file: `registry+https://...#wasm-bindgen@0.2.130`.
    let id = output(cargo().args(["pkgid", "--quiet", "wasm-bindgen"]))
        .ok_or("`cargo pkgid wasm-bindgen` failed: is wasm-bindgen in Cargo.lock?")?;
    id.trim()
        .rsplit_once('@')
        .map(|(_, version)| version.to_owned())
        .ok_or_else(|| format!("cannot read a version in `{}`", id.trim()))
}

fn installed_version(program: &str) -> Option<String> {
    let text = output(Command::new(program).arg("--version"))?;
    text.split_whitespace().nth(1).map(str::to_owned)
}

/// `wasm-bindgen` and `wasm-bindgen-test-runner`, at the version of the `wasm-bindgen` crate.
pub fn wasm_bindgen_cli() -> util::Result {
    let wanted = wasm_bindgen_version()?;
    if installed_version("wasm-bindgen").as_deref() == Some(wanted.as_str()) {
        return Ok(());
    }
    step(&format!(
        "installing wasm-bindgen-cli {wanted} from crates.io (about 3 minutes)"
    ));
    let locked = run(cargo().args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &wanted,
        "--locked",
    ]));
    if locked.is_ok() {
        return Ok(());
    }
    step("retrying without --locked (a locked dependency may be missing from the registry)");
    run(cargo().args(["install", "wasm-bindgen-cli", "--version", &wanted]))
}

/// `trunk`, built from crates.io (its own downloads of helper tools are never used).
pub fn trunk() -> util::Result {
    if installed_version("trunk").as_deref() == Some(TRUNK_VERSION) {
        return Ok(());
    }
    step(&format!(
        "installing trunk {TRUNK_VERSION} from crates.io (about 6 minutes)"
    ));
    run(cargo()
        .args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"])
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16"))
}

/// The npm development tools of the root `package.json` (playwright-core, TypeScript, binaryen's
/// `wasm-opt`), installed from `package-lock.json`.
pub fn node_modules() -> util::Result {
    let root = root();
    let marker = root.join("node_modules/.package-lock.json");
    let lock = root.join("package-lock.json");
    let fresh = match (std::fs::metadata(&marker), std::fs::metadata(&lock)) {
        (Ok(marker), Ok(lock)) => match (marker.modified(), lock.modified()) {
            (Ok(marker), Ok(lock)) => marker >= lock,
            _ => false,
        },
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    step("installing npm development tools (npm ci)");
    run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]))
}

/// `node_modules/.bin`, to put first on `PATH` (wasm-opt, tsc).
pub fn node_bin() -> PathBuf {
    root().join("node_modules").join(".bin")
}

/// `PATH` with `node_modules/.bin` and cargo's bin directory first.
pub fn path_with_tools() -> std::ffi::OsString {
    let mut paths = vec![node_bin()];
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        paths.push(PathBuf::from(home).join("bin"));
    } else if let Some(home) = std::env::var_os("HOME") {
        paths.push(PathBuf::from(home).join(".cargo").join("bin"));
    }
    if let Some(path) = std::env::var_os("PATH") {
        paths.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(paths).unwrap_or_default()
}

/// Debian's Chromium and ChromeDriver (`/usr/bin/chromium`, `/usr/bin/chromedriver`).
pub fn chromium() -> util::Result {
    let present = |path: &str| std::path::Path::new(path).exists();
    if present("/usr/bin/chromium") && present("/usr/bin/chromedriver") {
        return Ok(());
    }
    step("installing Chromium and ChromeDriver (apt-get)");
    let sudo = output(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() != "0");
    let apt = |args: &[&str]| {
        let mut command = if sudo {
            let mut command = Command::new("sudo");
            command.arg("apt-get");
            command
        } else {
            Command::new("apt-get")
        };
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut command)
    };
    apt(&["update", "-q"])?;
    apt(&["install", "-y", "-q", "chromium", "chromium-driver"])
}

/// The Chromium flags that keep it off the network in this closed environment.
pub const CHROMIUM_FLAGS: [&str; 8] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];
