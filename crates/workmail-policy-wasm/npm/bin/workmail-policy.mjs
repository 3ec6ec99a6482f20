#!/usr/bin/env node
// `workmail-policy` for JavaScript projects. The command itself (arguments, help, usage errors,
// every answer and message, exit statuses) is the Rust command line's own library compiled to
// WebAssembly; this file only gives it a host: files through Node.js's `fs`, the two output
// streams, the terminal, the clock and randomness. `serve` is the native command's alone.

import {
  chmodSync,
  closeSync,
  fsyncSync,
  lstatSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { randomBytes, randomFillSync } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { initSync, runCommand } from "../cli/workmail_policy_cli.js";

initSync({ module: readFileSync(new URL("../cli/workmail_policy_cli_bg.wasm", import.meta.url)) });

/** A temporary file left by a save this long ago belongs to a save that was killed. */
const STALE_AFTER_MS = 15 * 60 * 1000;

/** A file system error in plain words, as the native command words them. */
function describe(error) {
  switch (error.code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a folder, not a file";
    case "ENOTDIR":
      return "a folder on its path is a file, not a folder";
    default: {
      const text = String(error.message ?? error);
      return text.charAt(0).toLowerCase() + text.slice(1);
    }
  }
}

/** Writes all of `text` to a file descriptor, waiting out a full pipe. */
function writeAll(fd, text) {
  const buffer = Buffer.from(text, "utf8");
  let written = 0;
  while (written < buffer.length) {
    try {
      written += writeSync(fd, buffer, written);
    } catch (error) {
      if (error.code !== "EAGAIN") throw error;
    }
  }
}

/** What a path names, following links, in the host's words. */
function kindOf(stats) {
  if (stats.isFile()) return "regular";
  if (stats.isDirectory()) return "folder";
  if (stats.isFIFO()) return "named-pipe";
  if (stats.isSocket()) return "socket";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "device";
  return "other";
}

/**
 * Removes the temporary files of killed saves of one file: regular files in `folder` named
 * `${prefix}XXXXXX.tmp` (letters and digits in the middle) last modified more than 15 minutes
 * ago. Best effort.
 */
function sweepStaleTemporaries(folder, prefix) {
  let names;
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(".tmp")) continue;
    const random = name.slice(prefix.length, -".tmp".length);
    if (!/^[A-Za-z0-9]{1,32}$/.test(random)) continue;
    const path = join(folder, name);
    try {
      const stats = lstatSync(path);
      if (stats.isFile() && now - stats.mtimeMs > STALE_AFTER_MS) unlinkSync(path);
    } catch {
      // Removed by another process, or not ours to remove.
    }
  }
}

function tryUnlink(path) {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

/** The host the command runs in: see `NodeHost` in the crate's `command.rs`. */
const host = {
  /** At most `limit + 1` bytes, so an endless file (`/dev/zero`) is refused with bounded memory. */
  read(path, limit) {
    let fd;
    // `-` is standard input (`replay` reads logs from it).
    const stdin = path === "-";
    try {
      fd = stdin ? 0 : openSync(path, "r");
      const chunks = [];
      let total = 0;
      while (total <= limit) {
        const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, limit + 1 - total));
        let read;
        try {
          read = readSync(fd, chunk, 0, chunk.length, null);
        } catch (error) {
          // A non-blocking standard input has no data yet; Windows ends a pipe with EOF.
          if (error.code === "EAGAIN") continue;
          if (error.code === "EOF") break;
          throw error;
        }
        if (read === 0) break;
        chunks.push(chunk.subarray(0, read));
        total += read;
      }
      return new Uint8Array(Buffer.concat(chunks, total));
    } catch (error) {
      return describe(error);
    } finally {
      if (fd !== undefined && !stdin) closeSync(fd);
    }
  },

  gunzip(bytes) {
    try {
      return new Uint8Array(gunzipSync(bytes));
    } catch (error) {
      return describe(error);
    }
  },

  kind(path) {
    try {
      return { kind: kindOf(statSync(path)) };
    } catch (error) {
      return { error: describe(error) };
    }
  },

  /** A temporary file beside the target, written, given its mode, flushed, renamed over it. */
  save(path, text) {
    const failed = (step, error) => ({ step, reason: describe(error) });
    let target;
    try {
      target = realpathSync(path);
    } catch (error) {
      return failed("find", error);
    }
    let stats;
    try {
      stats = statSync(target);
    } catch (error) {
      return failed("examine", error);
    }
    if (!stats.isFile()) return { kind: kindOf(stats) };
    const mode = stats.mode & 0o7777;
    const folder = dirname(target);
    const temporary = join(folder, `.${basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
    let fd;
    try {
      fd = openSync(temporary, "wx", 0o600);
    } catch (error) {
      return failed("create-temporary", error);
    }
    const steps = [
      ["write-temporary", () => writeAll(fd, text)],
      ["copy-permissions", () => chmodSync(temporary, mode)],
      ["flush-temporary", () => fsyncSync(fd)],
    ];
    for (const [step, run] of steps) {
      try {
        run();
      } catch (error) {
        closeSync(fd);
        tryUnlink(temporary);
        return failed(step, error);
      }
    }
    closeSync(fd);
    try {
      renameSync(temporary, target);
    } catch (error) {
      tryUnlink(temporary);
      return failed("rename", error);
    }
    sweepStaleTemporaries(folder, `.${basename(target)}.`);
    try {
      const folderFd = openSync(folder, "r");
      try {
        fsyncSync(folderFd);
      } finally {
        closeSync(folderFd);
      }
    } catch (error) {
      return failed("flush-folder", error);
    }
    return undefined;
  },

  stdout(text) {
    try {
      writeAll(1, text);
      return undefined;
    } catch (error) {
      return error.code === "EPIPE" ? { closed: true } : { error: describe(error) };
    }
  },

  stderr(text) {
    try {
      writeAll(2, text);
    } catch {
      // Nowhere left to report it.
    }
  },

  terminal() {
    const columns = process.env.COLUMNS ?? "";
    return {
      stdout: Boolean(process.stdout.isTTY),
      stderr: Boolean(process.stderr.isTTY),
      noColour: Boolean(process.env.NO_COLOR),
      columns: /^[1-9][0-9]*$/.test(columns) ? Number(columns) : process.stdout.columns,
    };
  },

  now() {
    return Date.now();
  },

  fillRandom(bytes) {
    try {
      randomFillSync(bytes);
      return undefined;
    } catch (error) {
      return describe(error);
    }
  },
};

process.exitCode = runCommand(["workmail-policy", ...process.argv.slice(2)], host);
