//! Vault benchmarks at 1k, 10k and 100k fictional consultations (about 2 KB each).
//!
//! `cargo bench --bench vault` (sizes: env CONSULTLOG_BENCH_SIZES=1000,10000). Vaults are built
//! once under target/bench-vaults and reused. Prints two Markdown tables (the everyday
//! operations; bulk add, backup, restore, verify and open against their references, each
//! ratio the median of three rounds); the figures in docs/performance.md come from them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use age::secrecy::SecretString;
use consultlog::domain::demo;
use consultlog::store::Vault;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

// The same allocator as the binary, so in-process figures match what users get.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const PASS: &str = "fictieve benchmark-wachtwoordzin";

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn dir_size(p: &Path) -> u64 {
    std::fs::read_dir(p)
        .unwrap()
        .flatten()
        .map(|e| if e.path().is_dir() { dir_size(&e.path()) } else { e.metadata().unwrap().len() })
        .sum()
}

/// Builds (or reuses) a vault with `n` records; returns its folder and the plaintext size.
fn vault_with(n: usize) -> (PathBuf, u64) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-vaults");
    let dir = root.join(n.to_string());
    let marker = dir.join("plaintext-bytes");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    if let Ok(s) = std::fs::read_to_string(&marker) {
        return (dir, s.trim().parse().unwrap());
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&root).unwrap();
    let pass = SecretString::from(PASS.to_string());
    // A low KDF cost: the benchmark measures the vault, not scrypt.
    let vault = Vault::create(&dir, &pass, Some(4)).unwrap();
    let mut plain = 0u64;
    let t = Instant::now();
    for chunk in demo::generate(n, 42, today).chunks(1000) {
        plain += chunk.iter().map(|c| serde_json::to_vec(c).unwrap().len() as u64).sum::<u64>();
        vault.add_many(chunk.to_vec()).unwrap();
    }
    eprintln!("built {n} records in {:.1?}", t.elapsed());
    drop(vault);
    std::fs::write(&marker, plain.to_string()).unwrap();
    (dir, plain)
}

fn open_and_load(dir: &Path) -> Duration {
    let pass = SecretString::from(PASS.to_string());
    let t = Instant::now();
    let vault = Vault::open(dir, &pass).unwrap();
    let rows = vault.summaries().unwrap();
    let d = t.elapsed();
    assert!(!rows.rows.is_empty());
    d
}

fn durable_adds(dir: &Path, count: usize) -> (Duration, Duration) {
    let pass = SecretString::from(PASS.to_string());
    let vault = Vault::open(dir, &pass).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    let items = demo::generate(count, 7, today);
    let mut times = Vec::with_capacity(count);
    let mut ids = Vec::with_capacity(count);
    for c in items {
        let t = Instant::now();
        // The editor's save: the record and the draft cleared in one durable write.
        ids.push(vault.save(None, c, &["draft"]).unwrap().0);
        times.push(t.elapsed());
    }
    // Leave the vault as it was, so repeated runs measure the same size.
    for id in ids {
        vault.delete(&id).unwrap();
    }
    times.sort();
    (times[times.len() / 2], times[times.len() * 95 / 100])
}

/// Runs the real binary's `list --json`; returns its wall time and peak resident memory.
fn list_json(dir: &Path) -> (Duration, u64) {
    let t = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_consultlog"))
        .args(["list", "--json", "--vault"])
        .arg(dir)
        .env("CONSULTLOG_PASSPHRASE", PASS)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let status = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0u64;
    loop {
        if let Ok(s) = std::fs::read_to_string(&status)
            && let Some(line) = s.lines().find(|l| l.starts_with("VmHWM:"))
        {
            peak_kb = peak_kb.max(line.split_whitespace().nth(1).unwrap_or("0").parse().unwrap_or(0));
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    (t.elapsed(), peak_kb * 1024)
}

/// Runs the real binary on `dir`; returns its wall time. Panics when it fails.
fn cli(dir: &Path, args: &[&str]) -> Duration {
    cli_in(dir, args, None)
}

/// As `cli`, with the counters kept outside vaults in `state` (a restored copy shares its
/// original's identity, so beside it the original would look rolled back).
fn cli_in(dir: &Path, args: &[&str], state: Option<&Path>) -> Duration {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_consultlog"));
    if let Some(state) = state {
        cmd.env("CONSULTLOG_STATE_DIR", state);
    }
    let t = Instant::now();
    let out = cmd
        .args(args)
        .arg("--vault")
        .arg(dir)
        .env("CONSULTLOG_PASSPHRASE", PASS)
        .env("CONSULTLOG_LANG", "en")
        // A low KDF cost for the fresh vault: the benchmark measures the vault, not scrypt.
        .env("CONSULTLOG_TEST_ONLY_WEAK_KDF", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let d = t.elapsed();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    d
}

/// Raw sled: the same number of values, of the JSON's sizes, inserted and flushed once.
fn raw_sled(dir: &Path, lines: &[Vec<u8>]) -> Duration {
    let t = Instant::now();
    let db = sled::Config::new().path(dir).mode(sled::Mode::LowSpace).open().unwrap();
    for line in lines {
        db.insert(uuid::Uuid::new_v4().as_bytes(), line.as_slice()).unwrap();
    }
    db.flush().unwrap();
    let d = t.elapsed();
    drop(db);
    d
}

/// How many times the bulk figures are taken: each ratio is the median of the ratios of runs
/// taken one right after the other, so that a host losing time to its neighbours (CPU steal,
/// up to half here) slows both sides of a ratio alike.
const ROUNDS: usize = 3;

fn median_f(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Bulk add of an n-line file vs raw sled; backup and restore vs `list --json`; verify; open.
fn bulk(n: usize, dir: &Path) {
    let work = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench-vaults/bulk-{n}"));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let lines: Vec<Vec<u8>> =
        demo::generate(n, 43, today).iter().map(|c| serde_json::to_vec(c).unwrap()).collect();
    let file = work.join("add.jsonl");
    std::fs::write(&file, lines.join(&b'\n')).unwrap();
    // Backup and restore at the default cost (the backup file's stanza and the restored key
    // file each stretched for about a second, by design) and at the vaults' lowered cost,
    // which shows the work that grows with the vault.
    let state = work.join("state");
    let round = |name: &str, kdf: &[&str]| {
        let file = work.join(format!("{name}.age"));
        let out = [&["backup", "-o", file.to_str().unwrap()][..], kdf].concat();
        let backup = cli(dir, &out);
        let into = [&["restore", file.to_str().unwrap()][..], kdf].concat();
        let target = work.join(format!("restored-{name}"));
        let restore = cli_in(&target, &into, Some(&state));
        let _ = std::fs::remove_file(&file);
        let _ = std::fs::remove_dir_all(&target);
        (backup, restore)
    };
    let (backup, restore) = round("default", &[]);
    let (mut adds, mut raws, mut lists, mut backups, mut restores) = (vec![], vec![], vec![], vec![], vec![]);
    for i in 0..ROUNDS {
        let fresh = work.join(format!("added-{i}"));
        cli(&fresh, &["init", "--kdf-log-n", "10"]);
        adds.push(cli(&fresh, &["add", file.to_str().unwrap()]).as_secs_f64());
        let _ = std::fs::remove_dir_all(&fresh);
        let raw = work.join(format!("raw-{i}"));
        raws.push(raw_sled(&raw, &lines).as_secs_f64());
        let _ = std::fs::remove_dir_all(&raw);
        lists.push(list_json(dir).0.as_secs_f64());
        let (b, r) = round(&format!("low-{i}"), &["--kdf-log-n", "4"]);
        backups.push(b.as_secs_f64());
        restores.push(r.as_secs_f64());
    }
    let ratio = |a: &[f64], b: &[f64]| median_f(a.iter().zip(b).map(|(a, b)| a / b).collect());
    let list = median_f(lists.clone());
    let verify = cli(dir, &["verify"]);
    let pass = SecretString::from(PASS.to_string());
    let open = median(
        (0..5)
            .map(|_| {
                let t = Instant::now();
                drop(Vault::open(dir, &pass).unwrap());
                t.elapsed()
            })
            .collect(),
    );
    let s = |d: f64| format!("{d:.2} s");
    println!(
        "| {n} | {} | {} | {:.2}x | {} / {} ({:.2}x / {:.2}x) | {} / {} ({:.2}x / {:.2}x) | {} | {} | {:.0} ms |",
        s(median_f(adds.clone())),
        s(median_f(raws.clone())),
        ratio(&adds, &raws),
        s(backup.as_secs_f64()),
        s(restore.as_secs_f64()),
        backup.as_secs_f64() / list,
        restore.as_secs_f64() / list,
        s(median_f(backups.clone())),
        s(median_f(restores.clone())),
        ratio(&backups, &lists),
        ratio(&restores, &lists),
        s(list),
        s(verify.as_secs_f64()),
        open.as_secs_f64() * 1e3
    );
    let _ = std::fs::remove_dir_all(&work);
}

fn main() {
    // `cargo test --benches` passes --bench-less flags; only run when asked to benchmark.
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return;
    }
    let sizes: Vec<usize> = std::env::var("CONSULTLOG_BENCH_SIZES")
        .unwrap_or_else(|_| "1000,10000,100000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    println!(
        "| records | open + unlock + load list (median of 5) | durable add median / p95 | list --json | peak memory (list --json) | on disk / plaintext |"
    );
    println!("|---:|---:|---:|---:|---:|---:|");
    let mut dirs = Vec::new();
    for &n in &sizes {
        let (dir, plain) = vault_with(n);
        let open = median((0..5).map(|_| open_and_load(&dir)).collect());
        let (add_med, add_p95) = durable_adds(&dir, 200);
        let (list, peak) = list_json(&dir);
        dirs.push((n, dir.clone()));
        let disk = dir_size(&dir);
        println!(
            "| {n} | {:.0} ms | {:.2} ms / {:.2} ms | {:.2} s | {:.0} MB | {:.0} MB / {:.0} MB = {:.2}x |",
            open.as_secs_f64() * 1e3,
            add_med.as_secs_f64() * 1e3,
            add_p95.as_secs_f64() * 1e3,
            list.as_secs_f64(),
            peak as f64 / 1e6,
            disk as f64 / 1e6,
            plain as f64 / 1e6,
            disk as f64 / plain as f64
        );
    }
    println!();
    println!(
        "| records | add (n-line file) | raw sled insert + flush | ratio | backup / restore (vs list --json) | the same at the vaults' KDF cost | list --json | verify | open |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    println!(
        "<!-- add, raw sled, list --json and the low-cost backup and restore: medians of {ROUNDS} rounds; ratios: medians of each round's ratio -->"
    );
    for (n, dir) in dirs {
        bulk(n, &dir);
    }
}
