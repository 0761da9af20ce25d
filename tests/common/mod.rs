//! Helpers for tests that drive the built binary against temporary vaults.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub const PASS: &str = "fictief wachtwoord voor tests";

/// The date every binary run of the tests takes as today (`CONSULTLOG_TODAY`), so that no
/// test depends on the day it runs. Every fixture date lies before it, and demo data (five
/// years back from it) covers the whole years 2022 to 2026.
pub const TODAY: &str = "2026-12-31";

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_consultlog")
}

/// A temporary vault folder, created with a cheap KDF (tests only).
pub struct TestVault {
    pub tmp: tempfile::TempDir,
    pub dir: PathBuf,
}

impl TestVault {
    pub fn new() -> TestVault {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("vault");
        let v = TestVault { tmp, dir };
        let out = v.run(&["init", "--kdf-log-n", "10"], None);
        assert!(out.status.success(), "init failed: {}", stderr(&out));
        v
    }

    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(bin());
        c.arg("--vault").arg(&self.dir).args(args);
        c.env("CONSULTLOG_PASSPHRASE", PASS)
            .env_remove("CONSULTLOG_PASSPHRASE_FILE")
            .env("CONSULTLOG_LANG", "en")
            .env("CONSULTLOG_TODAY", TODAY)
            // The newest manifest counter of each vault is kept here, not in the user's home.
            .env("CONSULTLOG_STATE_DIR", self.tmp.path().join("state"))
            // Cheap vaults (--kdf-log-n 10) are for tests only.
            .env("CONSULTLOG_TEST_ONLY_WEAK_KDF", "1");
        c
    }

    /// Runs with optional stdin; never inherits the terminal.
    pub fn run(&self, args: &[&str], stdin: Option<&str>) -> Output {
        run_cmd(self.cmd(args), stdin)
    }

    pub fn add(&self, json: &str) -> Vec<String> {
        let out = self.run(&["add", "-"], Some(json));
        assert!(out.status.success(), "add failed: {}", stderr(&out));
        stdout(&out).lines().map(str::to_string).collect()
    }

    pub fn list_json(&self) -> Vec<serde_json::Value> {
        let out = self.run(&["list", "--json"], None);
        assert!(out.status.success(), "list failed: {}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// Every byte of every file under the vault, by relative path.
    pub fn bytes(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        all_files(&self.dir)
    }
}

pub fn run_cmd(mut c: Command, stdin: Option<&str>) -> Output {
    c.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();
    if let Some(s) = stdin {
        use std::io::Write;
        let mut w = child.stdin.take().unwrap();
        w.write_all(s.as_bytes()).unwrap();
    }
    child.wait_with_output().unwrap()
}

pub fn all_files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A failure is one line on stderr, nothing on stdout, non-zero exit, no panic text.
pub fn assert_one_line_error(o: &Output, needle: &str) {
    let err = stderr(o);
    assert!(!o.status.success(), "expected failure, got success; stderr: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "not one line: {err:?}");
    assert!(err.contains(needle), "expected {needle:?} in {err:?}");
    assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"), "panic: {err}");
}

pub const FULL: &str = r#"{"consulted_on": "2026-03-14", "forms": ["forced_marriage", "abandonment"],
 "certainty": "suspected", "client": {"age_band": "16-17", "gender": "female", "location": "netherlands", "country": "MA"},
 "urgency": "high", "prompts": {"motives": "Familie-eer en angst voor verwestersing.", "facts": "School meldt verzuim."},
 "advice": "Eerst informatie verzamelen, niet met de ouders praten.", "actions": [{"text": "Terugbellen LKHA", "due": "2026-03-20", "done": false}],
 "status": "open", "consent": {"lkha_informed": "yes", "share_with_ministry": "not_asked_safety", "statistics": "yes"},
 "signals": ["withdrawn", "fear_of_holiday"], "motives": ["family_honour"], "marriage": {"form": "religious", "stage": "planned"},
 "travel": {"situation": "travel_planned", "departure": "2026-07-01"}, "parties": ["school", "intermediary"],
 "meldcode_step": "2", "advice_categories": ["gather_information"], "advice_date": "2026-03-14", "outcome": "unknown"}"#;
