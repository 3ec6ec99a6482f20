//! The playground's code editor (`www/editor/`, CodeMirror 6 and the project's own extensions),
//! bundled from the npm development tools by esbuild into one minified module,
//! `www/editor/build/editor.js`, which Trunk copies into `dist/`. The page loads it after its
//! first answer (see `www/boot.js`), so it is not part of the first load.

use std::path::PathBuf;
use std::process::{Child, Command};

use crate::tools;
use crate::util::{self, root, run, step};

/// The bundle's entry point.
fn entry() -> PathBuf {
    root().join("www").join("editor").join("editor.js")
}

/// Where the bundle is written (ignored by git; `www/index.html` names it for Trunk).
fn bundle_file() -> PathBuf {
    root()
        .join("www")
        .join("editor")
        .join("build")
        .join("editor.js")
}

/// esbuild with the bundle's options: one ES module for the browsers the page supports.
fn esbuild() -> Command {
    let mut command = Command::new(tools::node_bin().join("esbuild"));
    command
        .arg(entry())
        .args([
            "--bundle",
            "--format=esm",
            "--minify",
            "--target=es2022",
            "--legal-comments=none",
            "--log-level=warning",
        ])
        .arg(format!("--outfile={}", bundle_file().display()))
        .current_dir(root());
    command
}

/// Bundles the editor (installing the npm development tools first when missing).
pub fn bundle() -> util::Result {
    tools::node_modules()?;
    step("bundling the code editor into www/editor/build/editor.js (esbuild)");
    run(&mut esbuild())
}

/// Starts esbuild rebundling the editor on every change of its sources, for
/// `cargo xtask serve` (Trunk then sees the new bundle and rebuilds the site).
pub fn watch() -> util::Result<Child> {
    esbuild()
        .arg("--watch=forever")
        .spawn()
        .map_err(|error| format!("cannot start esbuild --watch: {error}"))
}

/// The bundle's path in a built site, for the size reports.
pub fn built(dist: &std::path::Path) -> PathBuf {
    dist.join("editor.js")
}
