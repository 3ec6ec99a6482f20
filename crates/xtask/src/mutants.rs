//! Mutation testing of the core with cargo-mutants (installed when missing): every behaviour of
//! `crates/workmail-policy` should be pinned by one of its own tests, so a small change to its
//! code (a comparison flipped, a match arm deleted, a function returning a default) should fail
//! one.
//!
//! - `cargo xtask mutants [FILE...]` tests every mutant of the core, or of the files named, and
//!   writes `target/mutants-report.md`: caught, missed, unviable and timeouts, per file, and
//!   every survivor with why it cannot be observed. A full pass takes hours on two cores.
//! - `cargo xtask mutants --sample N` tests one mutant in `N` of the whole core, spread evenly
//!   over every file ([`sample`]), and reports, besides what it found, the share of the whole
//!   core's viable mutants that is caught at least, at 95% confidence: the whole core's figure
//!   in an hour rather than a day.
//! - [`diff_step`], run by `cargo xtask test`, tests only the mutants of the lines the last
//!   commit changed in the core's sources (against its first parent, so a merge is tested on
//!   what it brought in), sampled so the step stays within a few minutes however large the diff.
//!
//! A survivor no test can observe (an equivalent mutant) is listed with a one-line reason in
//! [`EQUIVALENT`]; both commands accept it and fail on any other survivor.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::util::{self, cargo, output, root, run as run_command, step};

/// The cargo-mutants release this project is tested with.
const CARGO_MUTANTS_VERSION: &str = "27.1.0";

/// The package mutated, and whose tests (only) run against each mutant.
const CORE: &str = "workmail-policy";

/// The core's sources, as the diff step reads them from git.
const CORE_SOURCES: &str = "crates/workmail-policy/src";

/// The accepted equivalent mutants, relative to the workspace root.
const EQUIVALENT: &str = "crates/xtask/mutants-equivalent.txt";

/// The most mutants the diff step tests; a larger diff is sampled. On two busy cores the step
/// took 3 minutes for a diff of 257 mutants (a baseline build and run of the core's tests, then
/// two mutants, each a build and a run), and 7 minutes with three mutants in a fresh clone,
/// where the baseline also compiles every dependency into `target/mutants/`.
const DIFF_SAMPLE: usize = 2;

const USAGE: &str = "usage: cargo xtask mutants [FILE...]
       cargo xtask mutants --sample N
       cargo xtask mutants --in-diff

Runs cargo-mutants over the core (crates/workmail-policy/src), or over the files named (paths
or globs relative to the workspace root), with the core's own tests, one mutant at a time, and
writes target/mutants-report.md: caught, missed, unviable and timeouts per file, and every
survivor with the reason it is accepted (crates/xtask/mutants-equivalent.txt) or not. Fails
when a survivor is not accepted. cargo-mutants is installed from crates.io when missing.

A full pass over the core takes hours. --sample N tests one mutant in N of the whole core,
every N-th of the list of every file's mutants (from a place the commit picks), and adds to the
report the share of the whole core's viable mutants caught at least, at 95% confidence.

--in-diff runs what `cargo xtask test` runs: the
mutants of the lines HEAD changes in the core's sources against its first parent, at most 2 of
them, sampled across the diff.";

/// `cargo xtask mutants [FILE...]`, or `cargo xtask mutants --in-diff` ([`diff_step`]).
pub fn run(args: &[String]) -> util::Result {
    match args.first().map(String::as_str) {
        Some("-h" | "--help") => {
            println!("{USAGE}");
            return Ok(());
        }
        Some("--in-diff") if args.len() == 1 => return diff_step(),
        Some("--sample") if args.len() == 2 => {
            return match args.get(1).map(|every| every.parse::<usize>()) {
                Some(Ok(every)) if every > 0 => sample(every),
                _ => Err(format!("--sample takes a whole number over 0\n\n{USAGE}")),
            };
        }
        Some(option) if option.starts_with('-') => {
            return Err(format!("unknown option `{option}`\n\n{USAGE}"));
        }
        _ => {}
    }
    let scope = if args.is_empty() {
        format!("every file of `{CORE_SOURCES}`")
    } else {
        args.iter()
            .map(|file| format!("`{file}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    reported(
        &scope,
        "mutants-full",
        |command| {
            for file in args {
                command.args(["--file", file]);
            }
        },
        |_| String::new(),
    )
}

/// `cargo xtask mutants --sample N`: one mutant in `every` of the whole core, every `every`-th
/// of cargo-mutants' list (round-robin sharding, which spreads the sample over every file), from
/// a place the commit picks. The report adds the share of the core's viable mutants caught at
/// least, at 95% confidence, treating the evenly spread sample as a random one.
fn sample(every: usize) -> util::Result {
    let shard = Shard::starting(every, &head_commit());
    let scope = format!(
        "one mutant in {every} of every file of `{CORE_SOURCES}` (round-robin shard {shard})"
    );
    reported(
        &scope,
        "mutants-sample",
        |command| shard.add_to(command),
        |outcomes| sampled(outcomes, every),
    )
}

/// Tests the mutants of `scope` (which `select` adds to the command), its outcomes kept in
/// `target/<out>/`, and writes `target/mutants-report.md`: the report, then what `more` says of
/// the outcomes. Fails when a survivor is not accepted.
fn reported(
    scope: &str,
    out: &str,
    select: impl FnOnce(&mut Command),
    more: impl FnOnce(&Outcomes) -> String,
) -> util::Result {
    install()?;
    let out = util::target_dir().join(out);
    step(&format!(
        "mutation testing {scope} with the core's own tests (cargo mutants, one at a time)"
    ));
    let started = Instant::now();
    let mut command = cargo_mutants();
    select(&mut command);
    tested(command.arg("--output").arg(&out))?;
    let outcomes = Outcomes::read(&out.join("mutants.out"))?;
    let equivalent = Equivalent::read()?;
    let mut report = report(scope, &outcomes, &equivalent, started.elapsed().as_secs());
    report.push_str(&more(&outcomes));
    let path = util::target_dir().join("mutants-report.md");
    std::fs::write(&path, &report)
        .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
    println!("{report}");
    step(&format!("report written to {}", path.display()));
    unexplained(&outcomes, &equivalent, &path)
}

/// What a sample of one mutant in `every` says of the whole core: the shares caught, and
/// caught or timed out (a mutant whose tests never end is found too), at least, at 95%
/// confidence.
fn sampled(outcomes: &Outcomes, every: usize) -> String {
    let (caught, timeouts) = (outcomes.caught.len(), outcomes.timeouts.len());
    let viable = caught + outcomes.missed.len() + timeouts;
    if viable == 0 {
        return "\n## The whole core\n\nThe sample held no viable mutant.\n".to_owned();
    }
    let at_least = |found: usize| 100.0 * lower_bound(found, viable, 0.05);
    format!(
        "\n## The whole core\n\nThis sample is one mutant in {every} of the whole core, spread \
         evenly over every file. Taken as a random sample, it shows, at 95% confidence (the \
         exact binomial bound), that at least {:.1}% of the core's viable mutants are caught \
         ({caught} of {viable} here), and at least {:.1}% are caught or time out ({} of \
         {viable}).\n",
        at_least(caught),
        at_least(caught + timeouts),
        caught + timeouts,
    )
}

/// The one-sided lower confidence bound on a proportion, from `successes` of `trials`: the
/// smallest `p` for which seeing `successes` or more has a chance of at least `alpha`
/// (Clopper and Pearson's exact bound), found by bisection.
#[expect(
    clippy::cast_precision_loss,
    reason = "mutant counts are far below 2^52"
)]
fn lower_bound(successes: usize, trials: usize, alpha: f64) -> f64 {
    if successes == 0 || trials == 0 {
        return 0.0;
    }
    // The chance of `successes` or more at `p`, from the terms of the binomial distribution in
    // logarithms (no term overflows or underflows to zero on the way).
    let at_least = |p: f64| -> f64 {
        let (n, log_p, log_q) = (trials as f64, p.ln(), (1.0 - p).ln());
        let mut log_choose = 0.0;
        let mut total = 0.0;
        for i in 0..=trials {
            if i > 0 {
                log_choose += ((n - i as f64 + 1.0) / i as f64).ln();
            }
            if i >= successes {
                total += (log_choose + i as f64 * log_p + (n - i as f64) * log_q).exp();
            }
        }
        total
    };
    let (mut low, mut high) = (0.0_f64, 1.0_f64);
    for _ in 0..60 {
        let middle = f64::midpoint(low, high);
        if at_least(middle) < alpha {
            low = middle;
        } else {
            high = middle;
        }
    }
    low
}

/// The step of `cargo xtask test`: the mutants of the core's lines that `HEAD` changes against
/// its first parent, at most [`DIFF_SAMPLE`] of them, must all be caught (or accepted as
/// equivalent). A diff that touches no core source tests nothing, and says so.
pub fn diff_step() -> util::Result {
    step(&format!(
        "mutation testing the lines HEAD changes in {CORE_SOURCES} (cargo mutants --in-diff)"
    ));
    let Some(diff) = head_diff() else {
        step("HEAD has no first parent in this clone: no diff, so no mutant to test");
        return Ok(());
    };
    if diff.trim().is_empty() {
        step(&format!(
            "HEAD changes no core source ({CORE_SOURCES}): no mutant to test"
        ));
        return Ok(());
    }
    install()?;
    let out = util::target_dir().join("mutants-diff");
    std::fs::create_dir_all(&out)
        .map_err(|error| format!("cannot create {}: {error}", out.display()))?;
    let diff_file = out.join("head.diff");
    std::fs::write(&diff_file, &diff)
        .map_err(|error| format!("cannot write {}: {error}", diff_file.display()))?;
    let in_diff = |command: &mut Command| {
        command.arg("--in-diff").arg(&diff_file);
    };
    let all = list(in_diff)?;
    if all.is_empty() {
        step(&format!(
            "HEAD changes {} lines of the core, none of them code a mutant can change",
            changed_lines(&diff)
        ));
        return Ok(());
    }
    let shard = Shard::sampling(all.len(), &head_commit());
    let with_shard = |command: &mut Command| {
        in_diff(command);
        shard.add_to(command);
    };
    let sampled = list(with_shard)?;
    step(&format!(
        "{} mutants in the diff; testing {} of them (shard {shard}):\n        {}",
        all.len(),
        sampled.len(),
        sampled.join("\n        ")
    ));
    let started = Instant::now();
    let mut command = cargo_mutants();
    with_shard(&mut command);
    tested(command.arg("--output").arg(&out))?;
    let outcomes = Outcomes::read(&out.join("mutants.out"))?;
    if outcomes.total() != sampled.len() {
        return Err(format!(
            "cargo mutants tested {} mutants of the {} listed: a step that tests nothing must not pass",
            outcomes.total(),
            sampled.len()
        ));
    }
    step(&format!(
        "{} mutants tested in {} s: {}",
        outcomes.total(),
        started.elapsed().as_secs(),
        outcomes.counts()
    ));
    unexplained(&outcomes, &Equivalent::read()?, &out.join("mutants.out"))
}

/// `cargo mutants` over the core with the core's tests, its builds kept in
/// `target/mutants/` so that dependencies are compiled once across runs.
fn cargo_mutants() -> Command {
    let mut command = cargo();
    command
        .arg("mutants")
        .args(["--package", CORE, "--test-package", CORE, "--jobs", "1"])
        // The TypeScript declarations (`typescript.rs`) and their tests exist only with `ts`,
        // which `cargo test --workspace` enables: without it, their mutants change nothing built.
        .args(["--features", "ts"])
        .arg("--colors=never")
        .env("CARGO_TARGET_DIR", util::target_dir().join("mutants"));
    command
}

/// Runs cargo-mutants to the end. Its exit status says whether mutants were missed (2) or timed
/// out (3); the outcomes are read from its files instead, so only the other failures (usage,
/// a failing baseline) fail here.
fn tested(command: &mut Command) -> util::Result {
    let shown = util::show(command);
    eprintln!("    $ {shown}");
    let status = command
        .current_dir(root())
        .status()
        .map_err(|error| format!("cannot start `{shown}`: {error}"))?;
    match status.code() {
        Some(0 | 2 | 3) => Ok(()),
        _ => Err(format!("`{shown}` failed ({status})")),
    }
}

/// The mutants `scope` selects, as `--list` names them.
fn list(scope: impl Fn(&mut Command)) -> util::Result<Vec<String>> {
    let mut command = cargo_mutants();
    command.arg("--list");
    scope(&mut command);
    let shown = util::show(&command);
    output(&mut command)
        .map(|text| text.lines().map(str::to_owned).collect())
        .ok_or_else(|| format!("`{shown}` failed"))
}

/// The diff of the core's sources from `HEAD`'s first parent to `HEAD`; `None` when `HEAD` has
/// no parent here (the first commit, or a shallow clone).
fn head_diff() -> Option<String> {
    output(Command::new("git").args(["rev-parse", "--verify", "--quiet", "HEAD^1"]))?;
    output(Command::new("git").args(["diff", "HEAD^1", "HEAD", "--", CORE_SOURCES]))
}

fn head_commit() -> String {
    output(Command::new("git").args(["rev-parse", "HEAD"])).unwrap_or_default()
}

/// The lines a unified diff adds or removes.
fn changed_lines(diff: &str) -> usize {
    diff.lines()
        .filter(|line| {
            (line.starts_with('+') && !line.starts_with("+++"))
                || (line.starts_with('-') && !line.starts_with("---"))
        })
        .count()
}

/// One of `count` round-robin shards of the listed mutants, so that a diff with more than
/// [`DIFF_SAMPLE`] mutants is sampled across all its files. The commit chooses the shard: a
/// rerun tests the same mutants, the next commit others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shard {
    index: usize,
    count: usize,
}

impl Shard {
    /// A shard of `mutants` holding about [`DIFF_SAMPLE`] of them, at a place `commit` picks.
    fn sampling(mutants: usize, commit: &str) -> Self {
        Self::starting(mutants.div_ceil(DIFF_SAMPLE), commit)
    }

    /// One shard in `count`, the one `commit` picks (by its first eight hex digits).
    fn starting(count: usize, commit: &str) -> Self {
        let count = count.max(1);
        let seed = commit
            .get(..8)
            .and_then(|hex| usize::from_str_radix(hex, 16).ok())
            .unwrap_or(0);
        Self {
            index: seed % count,
            count,
        }
    }

    fn add_to(self, command: &mut Command) {
        command
            .arg(format!("--shard={self}"))
            .arg("--sharding=round-robin");
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// One mutant as cargo-mutants reports it: `file:line:column: description`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Mutant {
    file: String,
    line: u32,
    description: String,
}

impl Mutant {
    fn parse(text: &str) -> Option<Self> {
        let (file, rest) = text.split_once(':')?;
        let (line, rest) = rest.split_once(':')?;
        let (_column, description) = rest.split_once(": ")?;
        Some(Self {
            file: file.to_owned(),
            line: line.parse().ok()?,
            description: description.to_owned(),
        })
    }

    /// The name without line and column, as [`EQUIVALENT`] lists it: it survives edits above.
    fn key(&self) -> String {
        format!("{}: {}", self.file, self.description)
    }
}

/// What a cargo-mutants run found, from the lists it writes in `mutants.out/`.
#[derive(Debug, Default)]
struct Outcomes {
    caught: Vec<Mutant>,
    missed: Vec<Mutant>,
    unviable: Vec<Mutant>,
    timeouts: Vec<Mutant>,
}

impl Outcomes {
    fn read(dir: &Path) -> util::Result<Self> {
        let read = |name: &str| -> util::Result<Vec<Mutant>> {
            let path = dir.join(name);
            let text = std::fs::read_to_string(&path)
                .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
            text.lines()
                .map(|line| {
                    Mutant::parse(line)
                        .ok_or_else(|| format!("{}: cannot read `{line}`", path.display()))
                })
                .collect()
        };
        Ok(Self {
            caught: read("caught.txt")?,
            missed: read("missed.txt")?,
            unviable: read("unviable.txt")?,
            timeouts: read("timeout.txt")?,
        })
    }

    fn total(&self) -> usize {
        self.caught.len() + self.missed.len() + self.unviable.len() + self.timeouts.len()
    }

    /// `caught 30, missed 1, unviable 4, timeouts 0`.
    fn counts(&self) -> String {
        format!(
            "caught {}, missed {}, unviable {}, timeouts {}",
            self.caught.len(),
            self.missed.len(),
            self.unviable.len(),
            self.timeouts.len()
        )
    }

    /// Caught, missed, unviable and timeouts of each file, by file name.
    fn per_file(&self) -> BTreeMap<&str, [usize; 4]> {
        let mut files: BTreeMap<&str, [usize; 4]> = BTreeMap::new();
        let kinds = [&self.caught, &self.missed, &self.unviable, &self.timeouts];
        for (kind, mutants) in kinds.into_iter().enumerate() {
            for mutant in mutants {
                if let Some(count) = files.entry(&mutant.file).or_default().get_mut(kind) {
                    *count += 1;
                }
            }
        }
        files
    }
}

/// The accepted equivalent mutants of [`EQUIVALENT`]: `file: description  # reason` a line.
#[derive(Debug, Default)]
struct Equivalent {
    reasons: BTreeMap<String, String>,
}

impl Equivalent {
    fn read() -> util::Result<Self> {
        let path = root().join(EQUIVALENT);
        let text = std::fs::read_to_string(&path)
            .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
        Self::parse(&text).map_err(|error| format!("{EQUIVALENT}: {error}"))
    }

    fn parse(text: &str) -> util::Result<Self> {
        let mut reasons = BTreeMap::new();
        for (at, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (mutant, reason) = line
                .rsplit_once("  # ")
                .filter(|(_, reason)| !reason.trim().is_empty())
                .ok_or_else(|| {
                    format!(
                        "line {}: an accepted mutant needs a reason after `  # `",
                        at + 1
                    )
                })?;
            reasons.insert(mutant.trim().to_owned(), reason.trim().to_owned());
        }
        Ok(Self { reasons })
    }

    fn reason(&self, mutant: &Mutant) -> Option<&str> {
        self.reasons.get(&mutant.key()).map(String::as_str)
    }
}

/// Fails when a survivor is not an accepted equivalent mutant, naming each.
fn unexplained(outcomes: &Outcomes, equivalent: &Equivalent, details: &Path) -> util::Result {
    let survivors: Vec<String> = outcomes
        .missed
        .iter()
        .filter(|mutant| equivalent.reason(mutant).is_none())
        .map(|mutant| format!("  {}:{}: {}", mutant.file, mutant.line, mutant.description))
        .collect();
    if survivors.is_empty() {
        return Ok(());
    }
    Err(format!(
        "{} mutants survived the core's tests (details in {}): add a test that tells each from \
         the code, or accept it in {EQUIVALENT} with why none can\n{}",
        survivors.len(),
        details.display(),
        survivors.join("\n")
    ))
}

/// The Markdown report of a run: the totals, each file, then every survivor with its reason.
fn report(scope: &str, outcomes: &Outcomes, equivalent: &Equivalent, seconds: u64) -> String {
    let mut text = String::from("# Mutation testing of the core\n\n");
    let _ = writeln!(
        text,
        "cargo-mutants {CARGO_MUTANTS_VERSION} over {scope}, with the core's own tests, in {} min.\n",
        seconds.div_ceil(60)
    );
    let viable = outcomes.caught.len() + outcomes.missed.len() + outcomes.timeouts.len();
    let share = if viable == 0 {
        "no viable mutant".to_owned()
    } else {
        format!(
            "{:.1}% of {viable} viable mutants caught",
            percent(outcomes.caught.len(), viable)
        )
    };
    let _ = writeln!(text, "{}: {share}.\n", outcomes.counts());
    text.push_str("| File | Caught | Missed | Unviable | Timeouts |\n");
    text.push_str("|---|--:|--:|--:|--:|\n");
    for (file, [caught, missed, unviable, timeouts]) in outcomes.per_file() {
        let _ = writeln!(
            text,
            "| `{file}` | {caught} | {missed} | {unviable} | {timeouts} |"
        );
    }
    text.push_str("\n## Survivors\n\n");
    if outcomes.missed.is_empty() {
        text.push_str("None: every viable mutant was caught.\n");
    }
    for mutant in &outcomes.missed {
        let why = equivalent.reason(mutant).map_or_else(
            || {
                format!(
                    "**not accepted**: a test should catch it, or `{EQUIVALENT}` say why none can"
                )
            },
            |reason| format!("accepted: {reason}"),
        );
        let _ = writeln!(
            text,
            "- `{}:{}`: {}. {why}.",
            mutant.file, mutant.line, mutant.description
        );
    }
    let missed: Vec<String> = outcomes.missed.iter().map(Mutant::key).collect();
    let unmet: Vec<(&String, &String)> = equivalent
        .reasons
        .iter()
        .filter(|(mutant, _)| !missed.contains(mutant))
        .collect();
    if !unmet.is_empty() {
        let _ = writeln!(
            text,
            "\n## Accepted equivalent mutants not met in this run\n\n\
             Listed in `{EQUIVALENT}`, but not among this run's survivors: outside its scope, \
             caught, or no longer generated (then remove the entry).\n"
        );
        for (mutant, reason) in unmet {
            let _ = writeln!(text, "- `{mutant}`: {reason}.");
        }
    }
    text
}

#[expect(
    clippy::cast_precision_loss,
    reason = "mutant counts are far below 2^52"
)]
fn percent(part: usize, whole: usize) -> f64 {
    100.0 * part as f64 / whole as f64
}

/// cargo-mutants at [`CARGO_MUTANTS_VERSION`], installed when missing or at another version.
fn install() -> util::Result {
    // `cargo mutants --version` prints `cargo-mutants 27.1.0`; without it, cargo fails.
    let installed = output(cargo().args(["mutants", "--version"]))
        .and_then(|text| text.split_whitespace().nth(1).map(str::to_owned));
    if installed.as_deref() == Some(CARGO_MUTANTS_VERSION) {
        return Ok(());
    }
    step(&format!(
        "installing cargo-mutants {CARGO_MUTANTS_VERSION} from crates.io (about 4 minutes)"
    ));
    run_command(cargo().args([
        "install",
        "cargo-mutants",
        "--version",
        CARGO_MUTANTS_VERSION,
        "--locked",
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mutant(text: &str) -> Mutant {
        Mutant::parse(text).unwrap_or_else(|| panic!("`{text}` is a mutant"))
    }

    #[test]
    fn a_mutant_is_read_with_its_file_line_and_description() {
        let read = mutant("crates/a/src/b.rs:12:9: replace == with != in f");
        assert_eq!(read.file, "crates/a/src/b.rs");
        assert_eq!(read.line, 12);
        assert_eq!(read.key(), "crates/a/src/b.rs: replace == with != in f");
        assert_eq!(Mutant::parse("no line here"), None);
    }

    #[test]
    fn an_accepted_mutant_needs_a_reason() {
        let text = "# comment\n\ncrates/a/src/b.rs: replace f -> bool with true  # f is only ever true here\n";
        let equivalent = Equivalent::parse(text).unwrap_or_default();
        let listed = mutant("crates/a/src/b.rs:3:1: replace f -> bool with true");
        assert_eq!(equivalent.reason(&listed), Some("f is only ever true here"));
        let other = mutant("crates/a/src/b.rs:3:1: replace f -> bool with false");
        assert_eq!(equivalent.reason(&other), None);
        assert!(Equivalent::parse("crates/a/src/b.rs: replace f -> bool with true").is_err());
        assert!(Equivalent::parse("crates/a/src/b.rs: replace f -> bool with true  # ").is_err());
    }

    #[test]
    fn a_large_diff_is_sampled_and_a_small_one_tested_whole() {
        let whole = Shard::sampling(DIFF_SAMPLE, "ffffffff");
        assert_eq!(whole, Shard { index: 0, count: 1 });
        let sampled = Shard::sampling(10 * DIFF_SAMPLE + 1, "0000000b");
        assert_eq!(
            sampled,
            Shard {
                index: 0,
                count: 11
            }
        );
        assert_eq!(Shard::sampling(10 * DIFF_SAMPLE, "0000000b").index, 1);
        assert_eq!(Shard::sampling(10 * DIFF_SAMPLE, "not hex!").index, 0);
        assert_eq!(sampled.to_string(), "0/11");
    }

    #[test]
    fn a_sample_bounds_the_share_caught_from_below() {
        // Every one of n caught: the bound is alpha^(1/n).
        let all = lower_bound(100, 100, 0.05);
        assert!((all - 0.05_f64.powf(0.01)).abs() < 1e-9, "{all}");
        // 45 of 50: the chance of 45 or more out of 50 is 5% at p = 0.80117 (summed apart).
        let most = lower_bound(45, 50, 0.05);
        assert!((most - 0.80117).abs() < 1e-5, "{most}");
        assert_eq!(lower_bound(0, 10, 0.05), 0.0);
        assert!(lower_bound(140, 150, 0.05) < 140.0 / 150.0);
        assert_eq!(
            Shard::starting(20, "0000000b"),
            Shard {
                index: 11,
                count: 20
            }
        );
        assert_eq!(Shard::starting(0, "0000000b"), Shard { index: 0, count: 1 });
        // The report counts a timeout as found, apart from caught.
        let outcomes = Outcomes {
            caught: vec![mutant("a.rs:1:1: replace f with ()"); 2],
            timeouts: vec![mutant("a.rs:2:1: replace += with *= in g")],
            unviable: vec![mutant("a.rs:3:1: replace h -> u8 with 0")],
            ..Outcomes::default()
        };
        let text = sampled(&outcomes, 20);
        assert!(text.contains("one mutant in 20"), "{text}");
        let bound = |found| 100.0 * lower_bound(found, 3, 0.05);
        assert!(
            text.contains(&format!(
                "at least {:.1}% of the core's viable mutants are caught (2 of 3 here)",
                bound(2)
            )),
            "{text}"
        );
        assert!(
            text.contains(&format!(
                "at least {:.1}% are caught or time out (3 of 3)",
                bound(3)
            )),
            "{text}"
        );
        assert!(sampled(&Outcomes::default(), 20).contains("no viable mutant"));
    }

    #[test]
    fn changed_lines_count_additions_and_removals_only() {
        let diff = "--- a/x.rs\n+++ b/x.rs\n@@ -1,2 +1,2 @@\n context\n-old\n+new\n+more\n";
        assert_eq!(changed_lines(diff), 3);
    }

    #[test]
    fn the_report_counts_each_file_and_gives_each_survivor_its_reason() {
        let outcomes = Outcomes {
            caught: vec![
                mutant("a.rs:1:1: replace f with ()"),
                mutant("b.rs:1:1: replace g with ()"),
                mutant("b.rs:2:1: replace h with ()"),
            ],
            missed: vec![
                mutant("b.rs:3:1: replace == with != in k"),
                mutant("b.rs:4:1: replace < with <= in m"),
            ],
            unviable: vec![mutant("a.rs:2:1: replace f -> X with Default::default()")],
            timeouts: Vec::new(),
        };
        let equivalent =
            Equivalent::parse("b.rs: replace < with <= in m  # m never sees equal values\nc.rs: delete ! in n  # gone\n")
                .unwrap_or_default();
        let text = report("`a.rs`, `b.rs`", &outcomes, &equivalent, 61);
        assert!(text.contains(
            "caught 3, missed 2, unviable 1, timeouts 0: 60.0% of 5 viable mutants caught."
        ));
        assert!(text.contains("in 2 min."));
        assert!(text.contains("| `a.rs` | 1 | 0 | 1 | 0 |\n| `b.rs` | 2 | 2 | 0 | 0 |\n"));
        assert!(text.contains("- `b.rs:3`: replace == with != in k. **not accepted**"));
        assert!(
            text.contains(
                "- `b.rs:4`: replace < with <= in m. accepted: m never sees equal values."
            )
        );
        assert!(text.contains("- `c.rs: delete ! in n`: gone."));
        let error = unexplained(&outcomes, &equivalent, Path::new("out")).err();
        assert!(
            error.is_some_and(|error| error.starts_with("1 mutants survived")
                && error.ends_with("  b.rs:3: replace == with != in k"))
        );
    }
}
