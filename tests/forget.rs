//! What is removed is gone: compaction leaves no earlier version of an edited note on disk,
//! `passwd` re-keys so an old key file opens nothing newer, and a process killed in the
//! middle of either leaves a vault that opens and verifies.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;
use std::time::Duration;

const CANARY: &str = "Kanarievogelnaam";

fn open(v: &TestVault, pass: &str) -> consultlog::store::Vault {
    consultlog::store::Vault::open(&v.dir, &age::secrecy::SecretString::from(pass.to_string())).unwrap()
}

/// Whether `needle` occurs in any file under `dir`.
fn on_disk(dir: &std::path::Path, needle: &[u8]) -> bool {
    all_files(dir).values().any(|bytes| bytes.windows(needle.len()).any(|w| w == needle))
}

#[test]
fn compaction_removes_earlier_versions_from_disk() {
    let v = TestVault::new();
    let id = v
        .add(&format!(r#"{{"consulted_on": "2026-05-04", "prompts": {{"facts": "Tante {CANARY} belde."}}}}"#))
        .remove(0);
    let old = open(&v, PASS).sealed_record(&id).unwrap().unwrap();
    let patch = v.tmp.path().join("p.json");
    std::fs::write(&patch, r#"{"prompts": {"facts": "Tante belde."}}"#).unwrap();
    assert!(v.run(&["edit", &id, patch.to_str().unwrap()], None).status.success());
    assert!(on_disk(&v.dir, &old), "sled keeps the earlier version until it is rewritten");

    let out = v.run(&["compact"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!on_disk(&v.dir, &old), "the earlier version is still on disk after compact");
    assert!(v.run(&["verify"], None).status.success());
    assert!(stdout(&v.run(&["show", &id], None)).contains("Tante belde."));
    let log = stdout(&v.run(&["log", "--json"], None));
    assert!(log.contains("\"compact\""), "{log}");
}

#[test]
fn after_passwd_the_old_key_file_opens_nothing_new() {
    let v = TestVault::new();
    let id = v.add(r#"{"consulted_on": "2026-05-04", "prompts": {"facts": "Oud."}}"#).remove(0);
    let old_keys = std::fs::read(v.dir.join("keys.age")).unwrap();
    let new_pass = "een nieuwe fictieve wachtwoordzin";
    let mut c = v.cmd(&["passwd", "--kdf-log-n", "10"]);
    c.env("CONSULTLOG_NEW_PASSPHRASE", new_pass);
    let out = run_cmd(c, None);
    assert!(out.status.success(), "{}", stderr(&out));

    let vault = open(&v, new_pass);
    let sealed = vault.sealed_record(&id).unwrap().unwrap();
    let old =
        consultlog::crypto::KeyFile::open(&old_keys, &age::secrecy::SecretString::from(PASS.to_string()))
            .unwrap();
    let old_cipher = consultlog::crypto::RecordCipher::new(&old.data_key);
    assert!(
        old_cipher.open(format!("consultlog/r/v1/{id}").as_bytes(), &sealed).is_err(),
        "the old key opens the new record"
    );
    assert_eq!(vault.recipient(), old.recipient(), "the identity stays, so advisers' replies still arrive");
    drop(vault);
    let mut c = v.cmd(&["list"]);
    c.env("CONSULTLOG_PASSPHRASE", new_pass);
    assert!(run_cmd(c, None).status.success());
    assert!(!v.run(&["list"], None).status.success(), "the old passphrase no longer opens it");
}

/// Killed at any moment of a compaction or a re-key, the vault opens with the old or the new
/// state and verifies.
#[test]
fn a_kill_during_compact_or_passwd_leaves_a_sound_vault() {
    let v = TestVault::new();
    assert!(v.run(&["demo-data", "--count", "1500", "--seed", "4"], None).status.success());
    let new_pass = "een nieuwe fictieve wachtwoordzin";
    let mut current = PASS.to_string();
    let mut interrupted = 0;
    for (round, delay_ms) in [5u64, 40, 120, 300, 700].into_iter().enumerate() {
        let passwd = round % 2 == 1;
        let mut c = if passwd { v.cmd(&["passwd", "--kdf-log-n", "10"]) } else { v.cmd(&["compact"]) };
        c.env("CONSULTLOG_PASSPHRASE", &current);
        let target = if current == PASS { new_pass } else { PASS };
        c.env("CONSULTLOG_NEW_PASSPHRASE", target);
        c.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
        let mut child = c.spawn().unwrap();
        if passwd && round == 1 {
            // Once for certain inside the rewrite: kill as soon as the new database appears.
            let started = std::time::Instant::now();
            while !v.dir.join("db.new").exists() && started.elapsed() < Duration::from_secs(20) {
                if child.try_wait().unwrap().is_some() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(1));
            }
        } else {
            std::thread::sleep(Duration::from_millis(delay_ms));
        }
        let _ = child.kill();
        let _ = child.wait();
        if ["db.new", "db.old", "keys.age.new"].iter().any(|f| v.dir.join(f).exists()) {
            interrupted += 1;
        }
        // One of the two passphrases opens it, and it verifies.
        let opened = [current.clone(), target.to_string()].into_iter().find(|p| {
            let mut c = v.cmd(&["verify"]);
            c.env("CONSULTLOG_PASSPHRASE", p);
            run_cmd(c, None).status.success()
        });
        let Some(p) = opened else { panic!("round {round}: the vault neither opens nor verifies") };
        current = p;
        let mut c = v.cmd(&["list", "--json"]);
        c.env("CONSULTLOG_PASSPHRASE", &current);
        let list: Vec<serde_json::Value> = serde_json::from_slice(&run_cmd(c, None).stdout).unwrap();
        assert_eq!(list.len(), 1500, "round {round}");
        for leftover in ["db.new", "db.old", "keys.age.new"] {
            assert!(!v.dir.join(leftover).exists(), "round {round}: {leftover} left behind");
        }
    }
    assert!(interrupted > 0, "no kill landed inside a rewrite: the test tested nothing");

    // A purge killed midway: the deletion is one write, so either every closed consultation
    // is gone or none, and the vault verifies.
    let closed = |v: &TestVault, p: &str| -> (usize, usize) {
        let mut c = v.cmd(&["list", "--json"]);
        c.env("CONSULTLOG_PASSPHRASE", p);
        let list: Vec<serde_json::Value> = serde_json::from_slice(&run_cmd(c, None).stdout).unwrap();
        (list.len(), list.iter().filter(|r| r["status"] == "closed").count())
    };
    let (_, closed_before) = closed(&v, &current);
    assert!(closed_before > 0);
    let mut c = v.cmd(&["purge", "--closed-before", "2999-01-01", "--yes"]);
    c.env("CONSULTLOG_PASSPHRASE", &current)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut child = c.spawn().unwrap();
    std::thread::sleep(Duration::from_millis(60));
    let _ = child.kill();
    let _ = child.wait();
    let mut c = v.cmd(&["verify"]);
    c.env("CONSULTLOG_PASSPHRASE", &current);
    assert!(run_cmd(c, None).status.success(), "the vault does not verify after a killed purge");
    let (total, closed_after) = closed(&v, &current);
    assert!(
        closed_after == 0 && total == 1500 - closed_before || closed_after == closed_before && total == 1500,
        "{total} {closed_after}"
    );
}

/// Retention: purge lists the closed consultations it will delete, needs --yes outside a
/// terminal, deletes exactly those in one logged step and compacts them off the disk.
#[test]
fn purge_removes_exactly_the_closed_consultations_before_the_date() {
    let v = TestVault::new();
    let ids = v.add(&format!(
        r#"[{{"consulted_on": "2019-03-01", "status": "closed", "prompts": {{"facts": "{CANARY} eerste"}}}},
            {{"consulted_on": "2019-04-01", "status": "closed"}},
            {{"consulted_on": "2019-05-01", "status": "open"}}]"#
    ));
    let sealed = open(&v, PASS).sealed_record(&ids[0]).unwrap().unwrap();
    assert_one_line_error(&v.run(&["purge", "--closed-before", "morgen"], None), "--closed-before");
    // Not a terminal and no --yes: refused, nothing deleted.
    let out = v.run(&["purge", "--closed-before", "2999-01-01"], None);
    assert!(!out.status.success() && stderr(&out).contains("--yes"), "{}", stderr(&out));
    assert_eq!(v.list_json().len(), 3);
    // Nothing closed before an early date.
    assert!(v.run(&["purge", "--closed-before", "01-01-2000", "--yes"], None).status.success());
    assert_eq!(v.list_json().len(), 3);
    let out = v.run(&["purge", "--closed-before", "2999-01-01", "--yes"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let listed = stdout(&out);
    assert!(listed.contains(&ids[0]) && listed.contains(&ids[1]) && !listed.contains(&ids[2]), "{listed}");
    let left = v.list_json();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["id"], ids[2].as_str());
    assert!(!on_disk(&v.dir, &sealed), "the purged record is still on disk");
    let log: Vec<serde_json::Value> =
        serde_json::from_str(&stdout(&v.run(&["log", "--json"], None))).unwrap();
    let purge = log.iter().find(|e| e["action"] == "purge").unwrap();
    assert_eq!(purge["detail"]["ids"].as_array().unwrap().len(), 2);
    assert!(v.run(&["verify"], None).status.success());
}

/// The retention period is the organisation's setting, logged, and reports what is past it.
#[test]
fn retention_is_set_logged_and_counts_what_is_past_it() {
    let v = TestVault::new();
    v.add(r#"[{"consulted_on": "2019-03-01", "status": "closed"}, {"consulted_on": "2019-04-01", "status": "open"}]"#);
    assert!(stdout(&v.run(&["retention"], None)).contains("No retention period set"));
    assert_one_line_error(&v.run(&["retention", "--years", "0"], None), "1 to 100");
    let out = v.run(&["--today", "2999-01-01", "retention", "--years", "5"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("kept 5 year(s)") && stdout(&out).contains("1 are past that"),
        "{}",
        stdout(&out)
    );
    let out = v.run(&["retention"], None);
    assert!(stdout(&out).contains("0 are past that"), "{}", stdout(&out));
    assert!(stdout(&v.run(&["log", "--json"], None)).contains("\"retention\""));
}
