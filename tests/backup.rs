//! `backup` and `restore`: a restored vault is the same vault (ids, history, received advice,
//! address book, audit log, identity), an adviser's restored vault still replies, bad input
//! changes nothing, and a killed backup or restore leaves no half vault.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

const CLEAN: &str = r#"{"consulted_on": "2026-05-04", "forms": ["abandonment"], "urgency": "high",
  "prompts": {"facts": "Jongere is na de zomervakantie niet teruggekomen."}, "advice": "Eigen notitie van de werker."}"#;

fn ok(o: &std::process::Output) {
    assert!(o.status.success(), "failed: {}", stderr(o));
}

/// A vault folder that does not exist yet, to restore into.
fn empty_target() -> TestVault {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    TestVault { tmp, dir }
}

fn backup(v: &TestVault, name: &str) -> PathBuf {
    let file = v.tmp.path().join(name);
    ok(&v.run(&["backup", "-o", file.to_str().unwrap(), "--kdf-log-n", "10"], None));
    file
}

fn restore(file: &Path) -> TestVault {
    let t = empty_target();
    let out = t.run(&["restore", file.to_str().unwrap(), "--kdf-log-n", "10"], None);
    ok(&out);
    assert!(stdout(&out).contains("sound"), "restore runs verify: {}", stdout(&out));
    t
}

fn card(v: &TestVault, name: &str) -> PathBuf {
    let file = v.tmp.path().join(format!("{name}.card"));
    ok(&v.run(&["card", "--name", name, "--organisation", "Test", "-o", file.to_str().unwrap()], None));
    file
}

/// Everything the CLI shows of a vault that a restore must keep.
fn state(v: &TestVault) -> (Vec<serde_json::Value>, String, String, String) {
    let log = stdout(&v.run(&["log", "--json"], None));
    let keys = stdout(&v.run(&["keys", "list"], None));
    let recipient = stdout(&v.run(&["recipient"], None));
    (v.list_json(), log, keys, recipient)
}

#[test]
fn restored_vaults_are_the_same_and_a_restored_adviser_still_replies() {
    let worker = TestVault::new();
    let adviser = TestVault::new();
    ok(&worker.run(&["keys", "add", "lkha", card(&adviser, "lkha").to_str().unwrap()], None));
    ok(&adviser.run(&["keys", "add", "wijkteam", card(&worker, "wijkteam").to_str().unwrap()], None));
    let id = worker.add(CLEAN).remove(0);
    worker.add("{\"consulted_on\":\"2026-01-02\",\"advice\":\"tweede\"}");
    let bundle = worker.tmp.path().join("case.age");
    ok(&worker.run(&["share", &id, "--to", "lkha", "-o", bundle.to_str().unwrap()], None));
    let received = stdout(&adviser.run(&["import", bundle.to_str().unwrap()], None)).trim().to_string();

    // The adviser's laptop is replaced: back up, restore elsewhere, reply from there.
    let file = backup(&adviser, "adviser.age");
    let adviser2 = restore(&file);
    assert_eq!(state(&adviser), state(&adviser2));
    let log = stdout(&adviser2.run(&["log", "--json"], None));
    assert!(log.contains("\"backup\""), "the backup is in its own audit log: {log}");
    let patch = adviser2.tmp.path().join("advice.json");
    std::fs::write(&patch, r#"{"advice": "Veiligheidsplan maken.", "advice_date": "2026-05-06"}"#).unwrap();
    ok(&adviser2.run(&["edit", &received, patch.to_str().unwrap()], None));
    let reply = adviser2.tmp.path().join("reply.age");
    ok(&adviser2.run(&["reply", &received, "-o", reply.to_str().unwrap()], None));
    ok(&worker.run(&["import", reply.to_str().unwrap()], None));

    // The worker's vault with received advice, history and an edit, restored.
    let patch = worker.tmp.path().join("p.json");
    std::fs::write(&patch, r#"{"urgency": "medium"}"#).unwrap();
    ok(&worker.run(&["edit", &id, patch.to_str().unwrap()], None));
    let file = backup(&worker, "worker.age");
    let worker2 = restore(&file);
    let (list, log, keys, recipient) = state(&worker2);
    assert_eq!((list.clone(), log, keys, recipient), state(&worker));
    let rec = list.iter().find(|r| r["id"] == id.as_str()).unwrap();
    assert_eq!(rec["received_advice"][0]["text"], "Veiligheidsplan maken.");
    assert!(rec["history"].as_array().unwrap().len() >= 3, "{rec}");
    // The backup file is private and holds no plain text.
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    let bytes = std::fs::read(&file).unwrap();
    assert!(!String::from_utf8_lossy(&bytes).contains("zomervakantie"));
}

#[test]
fn a_recovery_recipient_opens_the_backup_without_the_passphrase() {
    let v = TestVault::new();
    v.add(CLEAN);
    let key = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/demo-adviser.key");
    let text = std::fs::read_to_string(&key).unwrap();
    let recipient = text.lines().find_map(|l| l.strip_prefix("# public key: ")).unwrap();
    let file = v.tmp.path().join("b.age");
    ok(&v.run(&["backup", "-o", file.to_str().unwrap(), "--recovery", recipient, "--kdf-log-n", "10"], None));
    // The passphrase opens it ...
    let by_pass = restore(&file);
    assert_eq!(by_pass.list_json(), v.list_json());
    // ... and so does the organisation's key, with a new passphrase for the restored vault.
    let t = empty_target();
    let mut c =
        t.cmd(&["restore", file.to_str().unwrap(), "--identity", key.to_str().unwrap(), "--kdf-log-n", "10"]);
    c.env("CONSULTLOG_PASSPHRASE", "een heel nieuw wachtwoord");
    ok(&run_cmd(c, None));
    let mut c = t.cmd(&["list", "--json"]);
    c.env("CONSULTLOG_PASSPHRASE", "een heel nieuw wachtwoord");
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&run_cmd(c, None).stdout).unwrap();
    assert_eq!(listed, v.list_json());
}

#[test]
fn bad_input_changes_nothing() {
    let v = TestVault::new();
    v.add(CLEAN);
    let file = backup(&v, "b.age");
    // Never over an existing file.
    let before = std::fs::read(&file).unwrap();
    assert_one_line_error(
        &v.run(&["backup", "-o", file.to_str().unwrap(), "--kdf-log-n", "10"], None),
        "already exists",
    );
    assert_eq!(std::fs::read(&file).unwrap(), before);
    // Not into a vault or any non-empty folder.
    assert_one_line_error(&v.run(&["restore", file.to_str().unwrap()], None), "not empty");
    // A wrong passphrase, and a damaged file: nothing is left behind.
    let t = empty_target();
    let mut c = t.cmd(&["restore", file.to_str().unwrap(), "--kdf-log-n", "10"]);
    c.env("CONSULTLOG_PASSPHRASE", "een ander wachtwoord");
    assert_one_line_error(&run_cmd(c, None), "Wrong passphrase");
    let mut damaged = before.clone();
    let at = damaged.len() - 40;
    damaged[at] ^= 1;
    let bad = v.tmp.path().join("bad.age");
    std::fs::write(&bad, &damaged).unwrap();
    assert_one_line_error(&t.run(&["restore", bad.to_str().unwrap(), "--kdf-log-n", "10"], None), "damaged");
    let short = v.tmp.path().join("short.age");
    std::fs::write(&short, &before[..before.len() - 100]).unwrap();
    assert_one_line_error(
        &t.run(&["restore", short.to_str().unwrap(), "--kdf-log-n", "10"], None),
        "damaged",
    );
    let left: Vec<_> = std::fs::read_dir(t.tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n != "state")
        .collect();
    assert!(left.is_empty(), "a failed restore leaves nothing: {left:?}");
    // An empty folder is a fine target.
    std::fs::create_dir(&t.dir).unwrap();
    ok(&t.run(&["restore", file.to_str().unwrap(), "--kdf-log-n", "10"], None));
    assert_eq!(t.list_json(), v.list_json());
}

/// Kills `args` after `wait`; returns whether it had already finished.
fn kill_after(v: &TestVault, args: &[&str], wait: Duration) -> bool {
    let mut c = v.cmd(args);
    c.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
    let mut child = c.spawn().unwrap();
    std::thread::sleep(wait);
    let done = child.try_wait().unwrap().is_some();
    let _ = child.kill();
    let _ = child.wait();
    done
}

#[test]
fn sigkill_during_backup_or_restore_leaves_no_half_vault() {
    let v = TestVault::new();
    let lines: Vec<String> =
        (0..300).map(|i| format!("{{\"consulted_on\":\"2026-02-01\",\"advice\":\"nummer {i}\"}}")).collect();
    v.add(&lines.join("\n"));
    let file = backup(&v, "b.age");
    let expected = v.list_json();
    for round in 0..8u64 {
        let wait = Duration::from_millis(round * 7);
        let out = v.tmp.path().join(format!("k{round}.age"));
        kill_after(&v, &["backup", "-o", out.to_str().unwrap(), "--kdf-log-n", "10"], wait);
        ok(&v.run(&["verify"], None));
        if out.exists() {
            // A backup that has its name is whole.
            let r = restore(&out);
            assert_eq!(r.list_json(), expected);
        }
        let t = empty_target();
        kill_after(&t, &["restore", file.to_str().unwrap(), "--kdf-log-n", "10"], wait);
        if t.dir.exists() {
            // Only ever a whole vault.
            ok(&t.run(&["verify"], None));
        } else {
            ok(&t.run(&["restore", file.to_str().unwrap(), "--kdf-log-n", "10"], None));
        }
        assert_eq!(t.list_json(), expected);
        let left: Vec<_> = std::fs::read_dir(t.tmp.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .filter(|n| n != "state")
            .collect();
        assert_eq!(left.len(), 1, "no unfinished restore folder stays behind: {left:?}");
    }
}

/// Runs `args` on `v` with another vault's state folder (one computer, two vault folders).
fn run_beside(
    v: &TestVault,
    state_of: &TestVault,
    args: &[&str],
    stdin: Option<&str>,
) -> std::process::Output {
    let mut c = v.cmd(args);
    c.env("CONSULTLOG_STATE_DIR", state_of.tmp.path().join("state"));
    run_cmd(c, stdin)
}

#[test]
fn a_restored_copy_beside_its_original_makes_neither_look_rolled_back() {
    let original = TestVault::new();
    original.add(CLEAN);
    let file = backup(&original, "copy.age");
    // Restored on the same computer (the same state folder), next to the original.
    let copy = empty_target();
    ok(&run_beside(&copy, &original, &["restore", file.to_str().unwrap(), "--kdf-log-n", "10"], None));
    for _ in 0..3 {
        ok(&run_beside(&copy, &original, &["add", "-"], Some(CLEAN)));
    }
    ok(&original.run(&["add", "-"], Some(CLEAN)));
    for (v, n) in [(&original, 2), (&copy, 4)] {
        let out = run_beside(v, &original, &["list"], None);
        ok(&out);
        assert!(!stderr(&out).contains("older than"), "no false alarm: {}", stderr(&out));
        let out = run_beside(v, &original, &["verify"], None);
        assert!(out.status.success() && stdout(&out).contains("sound"), "{}", stdout(&out));
        assert_eq!(stdout(&run_beside(v, &original, &["list", "--json"], None)).matches("\"id\"").count(), n);
    }
    // Each copy still notices its own folder being put back.
    let old = copy.tmp.path().join("old");
    assert!(std::process::Command::new("cp").arg("-a").arg(&copy.dir).arg(&old).status().unwrap().success());
    ok(&run_beside(&copy, &original, &["add", "-"], Some(CLEAN)));
    std::fs::remove_dir_all(&copy.dir).unwrap();
    std::fs::rename(&old, &copy.dir).unwrap();
    let out = run_beside(&copy, &original, &["verify"], None);
    assert!(!out.status.success(), "the put-back copy is reported: {}", stdout(&out));
    assert!(stdout(&out).contains("older than the last version"), "{}", stdout(&out));
    ok(&original.run(&["verify"], None));
}

#[test]
fn settings_are_checked_kept_sealed_and_audited_and_backup_auto_rotates() {
    let v = TestVault::new();
    v.add(CLEAN);
    let usb = v.tmp.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    // Bad values: one sentence each, nothing changed.
    assert_one_line_error(&v.run(&["settings", "backup.keep", "0"], None), "from 1 to 1000");
    assert_one_line_error(&v.run(&["settings", "backup.kep", "3"], None), "no setting backup.kep");
    assert_one_line_error(
        &v.run(&["settings", "backup.dir", "/does/not/exist"], None),
        "not an existing folder",
    );
    assert_one_line_error(
        &v.run(&["settings", "backup.dir", v.dir.to_str().unwrap()], None),
        "inside the vault",
    );
    assert_one_line_error(&v.run(&["settings", "backup.recovery", "age1nope"], None), "not an age recipient");
    assert_eq!(stdout(&v.run(&["settings", "backup.keep"], None)).trim(), "10");
    // No folder yet: --auto says how to set one.
    assert_one_line_error(&v.run(&["backup", "--auto", "--kdf-log-n", "10"], None), "settings backup.dir");
    assert_one_line_error(&v.run(&["backup"], None), "-o FILE");
    ok(&v.run(&["settings", "backup.dir", usb.to_str().unwrap()], None));
    ok(&v.run(&["settings", "backup.keep", "2"], None));
    let all = stdout(&v.run(&["settings"], None));
    assert!(all.contains(&format!("backup.dir = {}", usb.canonicalize().unwrap().display())), "{all}");
    assert!(all.contains("backup.keep = 2"), "{all}");
    // The folder name is not in the vault folder in clear (settings are sealed like all else).
    let needle = usb.canonicalize().unwrap().display().to_string();
    for f in walk(&v.dir) {
        let bytes = std::fs::read(&f).unwrap();
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
            "{} holds the path",
            f.display()
        );
    }
    for _ in 0..3 {
        ok(&v.run(&["backup", "--auto", "--kdf-log-n", "10"], None));
    }
    let mut names: Vec<String> = std::fs::read_dir(&usb)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "keep 2: {names:?}");
    assert!(names.iter().all(|n| n.starts_with("consultlog-") && n.ends_with(".backup")), "{names:?}");
    let log = stdout(&v.run(&["log", "--json"], None));
    assert!(log.contains("\"settings\"") && log.matches("\"backup\"").count() >= 3, "{log}");
    // The newest restores, with automatic backups off (a test restore must not write into
    // the original's folder and rotate its backups away).
    let t = empty_target();
    let out =
        t.run(&["restore", usb.join(names.last().unwrap()).to_str().unwrap(), "--kdf-log-n", "10"], None);
    ok(&out);
    assert!(stderr(&out).contains("Automatic backups are off in the restored vault"), "{}", stderr(&out));
    assert_eq!(t.list_json().len(), 1);
    assert_eq!(stdout(&t.run(&["settings", "backup.dir"], None)).trim(), "(not set)");
    assert_eq!(stdout(&t.run(&["settings", "backup.keep"], None)).trim(), "2", "the rest is kept");
    // A manual backup inside the vault folder, or into a missing folder, is refused.
    let inside = v.dir.join("in.backup");
    assert_one_line_error(&v.run(&["backup", "-o", inside.to_str().unwrap()], None), "inside the vault");
    let missing = v.tmp.path().join("nope").join("x.backup");
    assert_one_line_error(
        &v.run(&["backup", "-o", missing.to_str().unwrap()], None),
        "nope is not an existing folder",
    );
    // Negative numbers and empty values get the setting's own sentence.
    assert_one_line_error(&v.run(&["settings", "backup.keep", "-3"], None), "from 1 to 1000");
    assert_one_line_error(&v.run(&["settings", "backup.dir", ""], None), "--unset");
    ok(&v.run(&["settings", "backup.dir", "--unset"], None));
    assert_eq!(stdout(&v.run(&["settings", "backup.dir"], None)).trim(), "(not set)");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}
