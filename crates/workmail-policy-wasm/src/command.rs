//! The package's `workmail-policy` command: the Rust command line's own library
//! (`workmail-policy-cli`), run with a host that `bin/workmail-policy.mjs` writes over Node.js's
//! `fs`. Arguments, help, usage errors, every message and every exit status come from that one
//! library, so `npx workmail-policy` and the native `workmail-policy` print the same bytes.
//!
//! The host's methods answer with plain values (see [`NodeHost`]); this file only reads them
//! into the library's types.

use std::path::Path;

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use workmail_policy::Timestamp;
use workmail_policy_cli::{
    FileKind, Host, Opened, SaveError, SaveStep, StdoutError, Terminal, WHOLE_READ_LIMIT, whole,
};

#[wasm_bindgen]
extern "C" {
    /// The command's host, implemented in JavaScript:
    ///
    /// - `read(path, limit)`: a `Uint8Array` of at most `limit + 1` bytes, or the reason as a
    ///   string;
    /// - `kind(path)`: `{kind}` (`regular`, `folder`, `named-pipe`, `socket`, `device`, `other`)
    ///   or `{error}`;
    /// - `save(path, text)`: `undefined`, `{step, reason}` (a [`SaveStep`] in kebab case) or
    ///   `{kind}` when the path is not a regular file;
    /// - `stdout(text)`: `undefined`, `{closed: true}` or `{error}`; `stderr(text)`;
    /// - `terminal()`: `{stdout, stderr, noColour, columns?}`;
    /// - `now()`: epoch milliseconds; `fillRandom(bytes)`: `undefined` or the reason;
    /// - `gunzip(bytes)`: the decompressed `Uint8Array`, or the reason as a string (a log that
    ///   starts as gzip does is decompressed by Node.js's zlib, so the module holds no inflater).
    pub type NodeHost;

    #[wasm_bindgen(method)]
    fn read(this: &NodeHost, path: &str, limit: f64) -> JsValue;
    #[wasm_bindgen(method)]
    fn kind(this: &NodeHost, path: &str) -> JsValue;
    #[wasm_bindgen(method)]
    fn save(this: &NodeHost, path: &str, text: &str) -> JsValue;
    #[wasm_bindgen(method)]
    fn stdout(this: &NodeHost, text: &str) -> JsValue;
    #[wasm_bindgen(method)]
    fn stderr(this: &NodeHost, text: &str);
    #[wasm_bindgen(method)]
    fn terminal(this: &NodeHost) -> JsValue;
    #[wasm_bindgen(method)]
    fn now(this: &NodeHost) -> f64;
    #[wasm_bindgen(method, js_name = fillRandom)]
    fn fill_random(this: &NodeHost, bytes: &mut [u8]) -> JsValue;
    #[wasm_bindgen(method)]
    fn gunzip(this: &NodeHost, bytes: &[u8]) -> JsValue;
}

/// Runs one command line (`args[0]` is the program's name) with `host`, and returns the exit
/// status.
#[wasm_bindgen(js_name = runCommand, skip_typescript)]
pub fn run_command(args: Vec<String>, mut host: NodeHost) -> u8 {
    crate::install_panic_hook();
    workmail_policy_cli::run(args, &mut host).code()
}

/// A member of a host's answer, as a string.
fn text(value: &JsValue, name: &str) -> Option<String> {
    Reflect::get(value, &JsValue::from_str(name))
        .ok()
        .and_then(|member| member.as_string())
}

/// A path as the host names it.
fn path_text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// A reason the host gave, or a plain word when it gave none.
fn reason(value: &JsValue) -> String {
    value
        .as_string()
        .or_else(|| text(value, "error"))
        .or_else(|| text(value, "reason"))
        .unwrap_or_else(|| "unknown error".to_owned())
}

fn file_kind(name: &str) -> FileKind {
    match name {
        "regular" => FileKind::Regular,
        "folder" => FileKind::Folder,
        "named-pipe" => FileKind::NamedPipe,
        "socket" => FileKind::Socket,
        "device" => FileKind::Device,
        _ => FileKind::Other,
    }
}

fn save_step(name: &str) -> SaveStep {
    match name {
        "find" => SaveStep::Find,
        "examine" => SaveStep::Examine,
        "read-permissions" => SaveStep::ReadPermissions,
        "create-temporary" => SaveStep::CreateTemporary,
        "write-temporary" => SaveStep::WriteTemporary,
        "copy-permissions" => SaveStep::CopyPermissions,
        "flush-temporary" => SaveStep::FlushTemporary,
        "flush-folder" => SaveStep::FlushFolder,
        // A step the host does not name failed before the rename, where nothing changed.
        _ => SaveStep::Rename,
    }
}

impl Host for NodeHost {
    fn read(&mut self, path: &Path, limit: usize) -> Result<Vec<u8>, String> {
        #[expect(
            clippy::cast_precision_loss,
            reason = "the limit is 128 MiB, far below 2^53"
        )]
        let answer = NodeHost::read(self, &path_text(path), limit as f64);
        match answer.dyn_into::<Uint8Array>() {
            Ok(bytes) => Ok(bytes.to_vec()),
            Err(other) => Err(reason(&other)),
        }
    }

    fn open(&mut self, path: &Path) -> Result<Opened, String> {
        let bytes = Host::read(self, path, WHOLE_READ_LIMIT)?;
        if !bytes.starts_with(&[0x1f, 0x8b]) {
            return whole(bytes);
        }
        match NodeHost::gunzip(self, &bytes).dyn_into::<Uint8Array>() {
            Ok(plain) => whole(plain.to_vec()),
            Err(other) => Err(format!("cannot decompress it: {}", reason(&other))),
        }
    }

    fn kind(&mut self, path: &Path) -> Result<FileKind, String> {
        let answer = NodeHost::kind(self, &path_text(path));
        text(&answer, "kind")
            .map(|name| file_kind(&name))
            .ok_or_else(|| reason(&answer))
    }

    fn save(&mut self, path: &Path, text_to_save: &str) -> Result<(), SaveError> {
        let answer = NodeHost::save(self, &path_text(path), text_to_save);
        if answer.is_undefined() || answer.is_null() {
            return Ok(());
        }
        if let Some(kind) = text(&answer, "kind") {
            return Err(SaveError::NotRegular(file_kind(&kind)));
        }
        Err(SaveError::Step {
            step: save_step(&text(&answer, "step").unwrap_or_default()),
            reason: reason(&answer),
        })
    }

    fn stdout(&mut self, text_to_print: &str) -> Result<(), StdoutError> {
        let answer = NodeHost::stdout(self, text_to_print);
        if answer.is_undefined() || answer.is_null() {
            return Ok(());
        }
        let closed = Reflect::get(&answer, &JsValue::from_str("closed"))
            .is_ok_and(|closed| closed.is_truthy());
        if closed {
            Err(StdoutError::Closed)
        } else {
            Err(StdoutError::Failed(reason(&answer)))
        }
    }

    fn stderr(&mut self, text_to_print: &str) {
        NodeHost::stderr(self, text_to_print);
    }

    fn terminal(&self) -> Terminal {
        let answer = NodeHost::terminal(self);
        let flag = |name: &str| {
            Reflect::get(&answer, &JsValue::from_str(name)).is_ok_and(|value| value.is_truthy())
        };
        let columns = Reflect::get(&answer, &JsValue::from_str("columns"))
            .ok()
            .and_then(|value| value.as_f64())
            .filter(|columns| (1.0..=f64::from(u16::MAX)).contains(columns))
            // In range, so the cast only drops a fraction Node.js never gives.
            .map(|columns| columns as u16);
        Terminal {
            stdout: flag("stdout"),
            stderr: flag("stderr"),
            no_colour: flag("noColour"),
            columns,
        }
    }

    fn now(&mut self) -> Timestamp {
        Timestamp::from_epoch_seconds(NodeHost::now(self) / 1000.0).unwrap_or(Timestamp::EPOCH)
    }

    fn fill_random(&mut self, out: &mut [u8]) -> Result<(), String> {
        let answer = NodeHost::fill_random(self, out);
        if answer.is_undefined() || answer.is_null() {
            Ok(())
        } else {
            Err(reason(&answer))
        }
    }
}
