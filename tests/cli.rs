//! The command-line contract, driven through the built binary: every command and every bad
//! input, asserting the message and that the vault is unchanged.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;
use std::os::unix::fs::PermissionsExt;

const CONTRACT_FIELDS: [&str; 11] = [
    "id",
    "consulted_on",
    "forms",
    "certainty",
    "client",
    "urgency",
    "prompts",
    "advice",
    "actions",
    "status",
    "consent",
];

#[test]
fn init_refuses_to_overwrite_and_makes_private_files() {
    let v = TestVault::new();
    let before = v.bytes();
    let out = v.run(&["init", "--kdf-log-n", "10"], None);
    assert_one_line_error(&out, "already exists");
    assert_eq!(before, v.bytes(), "a refused init changed the vault");
    assert_eq!(std::fs::metadata(&v.dir).unwrap().permissions().mode() & 0o777, 0o700);
    v.add(FULL);
    for (path, _) in v.bytes() {
        let mode = std::fs::metadata(v.dir.join(&path)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{} is {mode:o}", path.display());
    }
}

#[test]
fn add_list_show_round_trip_with_every_contract_field() {
    let v = TestVault::new();
    let ids = v.add(FULL);
    assert_eq!(ids.len(), 1);
    assert_eq!(ids[0].len(), 36);
    // A minimal record: every field of the contract is still printed.
    let ids2 = v.add(r#"{"consulted_on": "2026-03-15"}"#);
    let mut list = v.list_json();
    assert_eq!(list.len(), 2);
    // JSON comes in storage order; the table is newest first.
    list.sort_by_key(|r| std::cmp::Reverse(r["consulted_on"].as_str().unwrap().to_string()));
    assert_eq!(list[0]["id"], ids2[0].as_str());
    let table = stdout(&v.run(&["list"], None));
    assert!(table.find(&ids2[0]).unwrap() < table.find(&ids[0]).unwrap(), "table newest first: {table}");
    for rec in &list {
        for f in CONTRACT_FIELDS {
            assert!(rec.get(f).is_some(), "missing {f} in {rec}");
        }
        for f in ["lkha_informed", "share_with_ministry", "statistics"] {
            assert!(rec["consent"].get(f).is_some());
        }
    }
    assert_eq!(list[0]["consent"]["statistics"], "unknown");
    assert_eq!(list[0]["client"]["age_band"], "unknown");
    assert_eq!(list[0]["status"], "open");
    let full = &list[1];
    let expected: serde_json::Value = serde_json::from_str(FULL).unwrap();
    for (k, val) in expected.as_object().unwrap() {
        assert_eq!(&full[k], val, "field {k}");
    }
    let show = v.run(&["show", &ids[0], "--json"], None);
    assert!(show.status.success());
    let shown: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    assert_eq!(&shown, full);
    let text = stdout(&v.run(&["show", &ids[0]], None));
    assert!(text.contains("Familie-eer en angst voor verwestersing."), "{text}");
    assert!(text.contains("Forced marriage, Abandonment abroad"), "{text}");
    let table = stdout(&v.run(&["list"], None));
    assert!(table.contains(&ids[0]) && table.contains("14-03-2026"), "{table}");
}

#[test]
fn add_accepts_array_and_json_lines() {
    let v = TestVault::new();
    assert_eq!(v.add(r#"[{"consulted_on":"2026-01-01"},{"consulted_on":"2026-01-02"}]"#).len(), 2);
    assert_eq!(v.add("{\"consulted_on\":\"2026-01-03\"}\n{\"consulted_on\":\"2026-01-04\"}\n").len(), 2);
    let file = v.tmp.path().join("in.json");
    std::fs::write(&file, FULL).unwrap();
    let out = v.run(&["add", file.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(v.list_json().len(), 5);
}

#[test]
fn bad_input_is_refused_whole_and_named() {
    let v = TestVault::new();
    v.add(FULL);
    let before = v.bytes();
    let cases: &[(&str, &str)] = &[
        (
            "{\"consulted_on\":\"2026-01-01\"}\n{\"consulted_on\":\"2026-01-02\",\"client\":{\"age_band\":\"40-50\"}}",
            "line 2, field client.age_band: unknown code '40-50'",
        ),
        ("{\"consulted_on\": \"2026-01-01\",\n \"forms\": [\"forced_marriage\",]\n}", "line 2"),
        ("{\"consulted_on\":\"2023-02-29\"}", "impossible date '2023-02-29'"),
        ("{\"forms\":[\"abandonment\"]}", "consulted_on"),
        ("{\"consulted_on\":\"2026-01-01\",\"forms\":[\"kidnap\"]}", "forms[0]: unknown code 'kidnap'"),
        (
            "{\"consulted_on\":\"2026-01-01\",\"prompts\":{\"weather\":\"x\"}}",
            "prompts.weather: unknown prompt id",
        ),
        ("{\"consulted_on\":\"2026-01-01\",\"consent\":{\"statistics\":\"maybe\"}}", "consent.statistics"),
        ("{\"consulted_on\":\"2026-01-01\",\"urgncy\":\"acute\"}", "unknown field `urgncy`"),
        ("[]", "empty"),
        ("", "empty"),
        ("[{\"consulted_on\":\"2026-01-01\"},\n 42]", "line 2"),
    ];
    for (input, needle) in cases {
        let out = v.run(&["add", "-"], Some(input));
        assert_one_line_error(&out, needle);
        assert!(out.stdout.is_empty(), "ids printed for refused input {input}");
    }
    let out = v.run(&["add", v.tmp.path().join("missing.json").to_str().unwrap()], None);
    assert_one_line_error(&out, "missing.json");
    let latin1 = v.tmp.path().join("latin1.json");
    std::fs::write(&latin1, b"{\"consulted_on\":\"2026-01-01\",\"advice\":\"caf\xe9\"}").unwrap();
    assert_one_line_error(&v.run(&["add", latin1.to_str().unwrap()], None), "not UTF-8");
    assert_eq!(before, v.bytes(), "refused input changed the vault");
    assert_eq!(v.list_json().len(), 1);
}

#[test]
fn bad_input_is_named_in_dutch_by_default() {
    let v = TestVault::new();
    let cases: &[(&str, &str)] = &[
        (
            "{\"consulted_on\":\"2026-13-01\"}",
            "veld consulted_on: onmogelijke datum '2026-13-01' (schrijf JJJJ-MM-DD)",
        ),
        (
            "{\"consulted_on\":\"2026-01-01\",\"forms\":[\"kidnap\"]}",
            "veld forms[0]: onbekende code 'kidnap' (kies uit: ",
        ),
        ("{\"consulted_on\":\"2026-01-01\",\"urgncy\":\"acute\"}", "onbekend veld 'urgncy'"),
        (
            "{\"forms\":[\"abandonment\"]}",
            "de datum van de consultatie 'consulted_on' (JJJJ-MM-DD) is verplicht",
        ),
        (
            "{\"consulted_on\":\"2026-01-01\",\"forms\":\"Fatima Yilmaz\"}",
            "verkeerde soort waarde: tekst, verwacht een lijst",
        ),
        ("{\"consulted_on\":\"Fatima\"}", "onmogelijke datum een waarde (niet herhaald"),
        ("{\"consulted_on\":\"2026-01-01\",", "de JSON houdt te vroeg op"),
        (
            "{\"consulted_on\":\"2026-01-01\",\"actions\":[{\"done\":true}]}",
            "veld actions[0]: 'text' ontbreekt",
        ),
        ("[]", "de lijst is leeg"),
    ];
    for (input, needle) in cases {
        let mut cmd = v.cmd(&["add", "-"]);
        cmd.env_remove("CONSULTLOG_LANG");
        let out = run_cmd(cmd, Some(input));
        assert_one_line_error(&out, needle);
        let err = stderr(&out);
        assert!(err.contains("Ongeldige invoer: ") && err.contains("Er is niets opgeslagen."), "{err}");
        for english in ["expected", "unknown", "invalid", "malformed", "field ", "Fatima"] {
            assert!(!err.contains(english), "{input}: {err}");
        }
    }
    assert!(v.list_json().is_empty());
}

#[test]
fn edit_replaces_fields_and_keeps_history() {
    let v = TestVault::new();
    let id = v.add(FULL).remove(0);
    let patch = v.tmp.path().join("patch.json");
    std::fs::write(
        &patch,
        r#"{"urgency": "acute", "prompts": {"facts": "Nieuwe feiten."}, "client": {"country": null}}"#,
    )
    .unwrap();
    let out = v.run(&["edit", &id, patch.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let rec = &v.list_json()[0];
    assert_eq!(rec["urgency"], "acute");
    assert_eq!(rec["prompts"]["facts"], "Nieuwe feiten.");
    assert_eq!(
        rec["prompts"]["motives"], "Familie-eer en angst voor verwestersing.",
        "untouched prompt kept"
    );
    assert_eq!(rec["client"]["country"], serde_json::Value::Null);
    assert_eq!(rec["client"]["age_band"], "16-17");
    let history = rec["history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[1]["action"], "edited");
    let fields: Vec<&str> =
        history[1]["fields"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
    assert_eq!(fields, ["client", "prompts", "urgency"]);
    // Bad edits change nothing.
    let before = v.list_json();
    std::fs::write(&patch, r#"{"urgency": "extreme"}"#).unwrap();
    assert_one_line_error(
        &v.run(&["edit", &id, patch.to_str().unwrap()], None),
        "urgency: unknown code 'extreme'",
    );
    std::fs::write(&patch, r#"[1, 2]"#).unwrap();
    assert_one_line_error(&v.run(&["edit", &id, patch.to_str().unwrap()], None), "one JSON object");
    std::fs::write(&patch, r#"{"consulted_on": "2026-04-31"}"#).unwrap();
    assert_one_line_error(&v.run(&["edit", &id, patch.to_str().unwrap()], None), "impossible date");
    std::fs::write(&patch, r#"{"urgency": "low"}"#).unwrap();
    assert_one_line_error(
        &v.run(&["edit", "00000000-0000-4000-8000-000000000000", patch.to_str().unwrap()], None),
        "No consultation with id",
    );
    assert_eq!(before, v.list_json());
}

#[test]
fn delete_and_unknown_ids() {
    let v = TestVault::new();
    let ids = v.add("{\"consulted_on\":\"2026-01-01\"}\n{\"consulted_on\":\"2026-01-02\"}");
    let out = v.run(&["delete", &ids[0]], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let left = v.list_json();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["id"], ids[1].as_str());
    for bad in [ids[0].as_str(), "not-an-id", "00000000-0000-4000-8000-000000000000"] {
        assert_one_line_error(&v.run(&["show", bad], None), "No consultation with id");
        assert_one_line_error(&v.run(&["delete", bad], None), "No consultation with id");
    }
    assert_eq!(v.list_json(), left);
}

/// The 8 characters of an id that share file names show are enough to name a consultation;
/// too short or unknown is refused in one sentence, changing nothing.
#[test]
fn an_id_prefix_names_a_consultation() {
    let v = TestVault::new();
    let lines: Vec<String> =
        (1..=40).map(|d| format!("{{\"consulted_on\":\"2026-01-{:02}\"}}", 1 + d % 28)).collect();
    let ids = v.add(&lines.join("\n"));
    let shown = v.run(&["show", &ids[0][..8], "--json"], None);
    assert!(shown.status.success(), "{}", stderr(&shown));
    let r: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(r["id"], ids[0].as_str());
    assert_one_line_error(&v.run(&["show", &ids[0][..3]], None), "No consultation with id");
    let before = v.list_json();
    assert_one_line_error(&v.run(&["delete", "zzzzzzzz"], None), "No consultation with id");
    assert_eq!(v.list_json(), before);
}

#[test]
fn recipient_passwd_and_verify() {
    let v = TestVault::new();
    let id = v.add(FULL).remove(0);
    let r = v.run(&["recipient"], None);
    let recipient = stdout(&r).trim().to_string();
    assert!(recipient.starts_with("age1") && recipient.len() > 50, "{recipient}");
    let key_before = std::fs::read(v.dir.join("keys.age")).unwrap();
    let mut c = v.cmd(&["passwd", "--kdf-log-n", "10"]);
    c.env("CONSULTLOG_NEW_PASSPHRASE", "een nieuwe fictieve wachtwoordzin");
    let out = run_cmd(c, None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_ne!(key_before, std::fs::read(v.dir.join("keys.age")).unwrap());
    assert_one_line_error(&v.run(&["list"], None), "Wrong passphrase");
    let mut c = v.cmd(&["show", &id, "--json"]);
    c.env("CONSULTLOG_PASSPHRASE", "een nieuwe fictieve wachtwoordzin");
    let out = run_cmd(c, None);
    assert!(out.status.success(), "records must survive a passphrase change: {}", stderr(&out));
    let mut c = v.cmd(&["recipient"]);
    c.env("CONSULTLOG_PASSPHRASE", "een nieuwe fictieve wachtwoordzin");
    assert_eq!(stdout(&run_cmd(c, None)).trim(), recipient, "identity kept");
    let mut c = v.cmd(&["verify"]);
    c.env("CONSULTLOG_PASSPHRASE", "een nieuwe fictieve wachtwoordzin");
    let out = run_cmd(c, None);
    assert!(out.status.success() && stdout(&out).contains("Sound: 1"), "{}", stdout(&out));
}

#[test]
fn passphrase_file_is_read_without_its_newline() {
    let v = TestVault::new();
    let f = v.tmp.path().join("pass.txt");
    std::fs::write(&f, format!("{PASS}\n")).unwrap();
    let mut c = v.cmd(&["--passphrase-file", f.to_str().unwrap(), "list"]);
    c.env_remove("CONSULTLOG_PASSPHRASE");
    let out = run_cmd(c, None);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut c = v.cmd(&["list"]);
    c.env_remove("CONSULTLOG_PASSPHRASE").env("CONSULTLOG_PASSPHRASE_FILE", &f);
    assert!(run_cmd(c, None).status.success());
    // No passphrase and no terminal: a clear message, not a hang.
    let mut c = v.cmd(&["list"]);
    c.env_remove("CONSULTLOG_PASSPHRASE");
    assert_one_line_error(&run_cmd(c, None), "No passphrase");
}

#[test]
fn wrong_passphrase_missing_vault_and_vault_in_use() {
    let v = TestVault::new();
    v.add(FULL);
    let before = v.bytes();
    let mut c = v.cmd(&["add", "-"]);
    c.env("CONSULTLOG_PASSPHRASE", "verkeerd");
    assert_one_line_error(&run_cmd(c, Some(FULL)), "Wrong passphrase");
    assert_eq!(before, v.bytes());

    let missing = v.tmp.path().join("nowhere");
    let mut c = v.cmd(&["list"]);
    c.arg("--vault").arg(&missing);
    assert_one_line_error(&run_cmd(c, None), "consultlog init");
    assert!(!missing.exists(), "a missing vault must not be created by list");

    // Hold the lock as another process would.
    let lock = std::fs::OpenOptions::new().write(true).open(v.dir.join("lock")).unwrap();
    lock.lock().unwrap();
    assert_one_line_error(&v.run(&["list"], None), "in use");
    assert_one_line_error(&v.run(&["add", "-"], Some(FULL)), "in use");
    drop(lock);
    assert!(v.run(&["list"], None).status.success());
}

#[test]
fn messages_are_dutch_by_default() {
    let v = TestVault::new();
    let mut c = v.cmd(&["show", "onbekend"]);
    c.env_remove("CONSULTLOG_LANG");
    assert_one_line_error(&run_cmd(c, None), "Geen consultatie met id");
    let mut c = v.cmd(&["list"]);
    c.env_remove("CONSULTLOG_LANG").env("CONSULTLOG_PASSPHRASE", "fout");
    assert_one_line_error(&run_cmd(c, None), "Onjuiste wachtwoordzin");
}

#[test]
fn damaged_or_foreign_key_file_is_reported() {
    let v = TestVault::new();
    v.add(FULL);
    let key = v.dir.join("keys.age");
    let good = std::fs::read(&key).unwrap();
    std::fs::write(&key, &good[..good.len() / 2]).unwrap();
    assert_one_line_error(&v.run(&["list"], None), "damaged");
    std::fs::write(&key, b"this is not an age file at all\n").unwrap();
    assert_one_line_error(&v.run(&["list"], None), "damaged");
    std::fs::write(&key, b"").unwrap();
    assert_one_line_error(&v.run(&["list"], None), "damaged");
    std::fs::write(&key, &good).unwrap();
    assert_eq!(v.list_json().len(), 1, "restoring the key file restores access");
}

#[test]
fn demo_data_adds_valid_fictional_records() {
    let v = TestVault::new();
    let out = v.run(&["demo-data", "--count", "25", "--seed", "3"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(v.list_json().len(), 25);
    assert!(v.run(&["verify"], None).status.success());
    assert_one_line_error(&v.run(&["demo-data", "--count", "0"], None), "at least 1");
}

/// `--today` pins the calendar: demo data with one seed and one reference date is the same
/// on every run, another date moves it, and a bad date is one sentence that changes nothing.
#[test]
fn demo_data_is_reproducible_for_a_seed_and_a_reference_date() {
    let content = |today: &str| {
        let v = TestVault::new();
        let out = v.run(&["--today", today, "demo-data", "--count", "40", "--seed", "5"], None);
        assert!(out.status.success(), "{}", stderr(&out));
        let mut all: Vec<serde_json::Value> = v
            .list_json()
            .into_iter()
            .map(|mut r| {
                let o = r.as_object_mut().unwrap();
                // Ids and event times are new in every vault; the content is what repeats.
                for volatile in ["id", "created", "updated", "history"] {
                    o.remove(volatile);
                }
                r
            })
            .collect();
        all.sort_by_key(|r| r.to_string());
        all
    };
    let a = content("2028-02-29");
    assert!(a == content("2028-02-29"), "same seed and reference date, other records");
    assert!(a.iter().all(|r| r["consulted_on"].as_str().unwrap() <= "2028-02-29"));
    assert!(a != content("2031-06-30"), "another reference date moves the data");

    let v = TestVault::new();
    for bad in ["2027-02-29", "31-12-2026", "morgen"] {
        assert_one_line_error(&v.run(&["--today", bad, "demo-data"], None), "YYYY-MM-DD");
    }
    assert!(v.list_json().is_empty(), "nothing added");
}

/// A new passphrase shorter than 12 characters is refused with nothing created; a passphrase
/// file others can read is named in a warning, and only one line ending is dropped from it.
#[test]
fn short_passphrases_are_refused_and_open_passphrase_files_named() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    let out = run_cmd(
        {
            let mut c = std::process::Command::new(bin());
            c.arg("--vault").arg(&dir).args(["init", "--kdf-log-n", "10"]);
            c.env("CONSULTLOG_PASSPHRASE", "kort").env("CONSULTLOG_LANG", "en");
            c.env("CONSULTLOG_TEST_ONLY_WEAK_KDF", "1");
            c
        },
        None,
    );
    assert_one_line_error(&out, "shorter than 12 characters");
    assert!(!dir.exists(), "a refused init left a folder");

    let v = TestVault::new();
    let mut c = v.cmd(&["passwd", "--kdf-log-n", "10"]);
    c.env("CONSULTLOG_NEW_PASSPHRASE", "nog te kort");
    assert_one_line_error(&run_cmd(c, None), "shorter than 12");
    assert!(v.run(&["list"], None).status.success(), "the old passphrase still opens the vault");

    use std::os::unix::fs::PermissionsExt;
    let file = tmp.path().join("pass.txt");
    std::fs::write(&file, format!("{PASS}\n")).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let mut c = v.cmd(&["list"]);
    c.env_remove("CONSULTLOG_PASSPHRASE").arg("--passphrase-file").arg(&file);
    let out = run_cmd(c, None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("can be read by others"), "{}", stderr(&out));
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let mut c = v.cmd(&["list"]);
    c.env_remove("CONSULTLOG_PASSPHRASE").arg("--passphrase-file").arg(&file);
    let out = run_cmd(c, None);
    assert!(out.status.success() && !stderr(&out).contains("read by others"), "{}", stderr(&out));
    // Two line endings: only one is dropped, so the passphrase is wrong.
    std::fs::write(&file, format!("{PASS}\n\n")).unwrap();
    let mut c = v.cmd(&["list"]);
    c.env_remove("CONSULTLOG_PASSPHRASE").arg("--passphrase-file").arg(&file);
    assert!(!run_cmd(c, None).status.success());
}

/// A scrypt cost that makes the key file cheap to attack, or impossible to open, is refused
/// with nothing created; tests get cheap vaults only with a clearly named variable.
#[test]
fn kdf_costs_outside_the_safe_range_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    for (n, flag) in [("10", false), ("23", true), ("14", false)] {
        let dir = tmp.path().join(format!("v{n}"));
        let mut c = std::process::Command::new(bin());
        c.arg("--vault").arg(&dir).args(["init", "--kdf-log-n", n]);
        c.env("CONSULTLOG_PASSPHRASE", PASS)
            .env("CONSULTLOG_LANG", "en")
            .env_remove("CONSULTLOG_TEST_ONLY_WEAK_KDF");
        if flag {
            c.env("CONSULTLOG_TEST_ONLY_WEAK_KDF", "1");
        }
        assert_one_line_error(&run_cmd(c, None), "15 to 22");
        assert!(!dir.exists(), "--kdf-log-n {n} left a folder");
    }
    let v = TestVault::new();
    let mut c = v.cmd(&["passwd", "--kdf-log-n", "23"]);
    c.env("CONSULTLOG_NEW_PASSPHRASE", "een nieuwe fictieve wachtwoordzin");
    assert_one_line_error(&run_cmd(c, None), "15 to 22");
    assert!(v.run(&["list"], None).status.success(), "the old passphrase still opens the vault");
}

/// A database without its key file says so (and not "no vault here"); links planted in the
/// vault folder are never followed when it is made private again, loops included.
#[test]
fn a_missing_key_file_is_named_and_links_in_the_vault_are_not_followed() {
    use std::os::unix::fs::PermissionsExt;
    let v = TestVault::new();
    let outside = v.tmp.path().join("elders.txt");
    std::fs::write(&outside, "x").unwrap();
    std::fs::set_permissions(&outside, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::os::unix::fs::symlink(&outside, v.dir.join("link")).unwrap();
    std::os::unix::fs::symlink(&v.dir, v.dir.join("loop")).unwrap();
    assert!(v.run(&["list"], None).status.success());
    assert_eq!(std::fs::metadata(&outside).unwrap().permissions().mode() & 0o777, 0o644, "followed a link");

    let keys = v.dir.join("keys.age");
    let saved = std::fs::read(&keys).unwrap();
    std::fs::remove_file(&keys).unwrap();
    assert_one_line_error(&v.run(&["list"], None), "key file keys.age is missing");
    assert_one_line_error(&v.run(&["init", "--kdf-log-n", "10"], None), "already exists");
    std::fs::write(&keys, saved).unwrap();
    assert!(v.run(&["list"], None).status.success());
}

/// `log` is a table a person reads (action in words, details as name: value); `--json` is
/// for scripts.
#[test]
fn the_audit_log_reads_as_a_table() {
    let v = TestVault::new();
    let ids = v.add("{\"consulted_on\":\"2026-01-01\"}\n{\"consulted_on\":\"2026-01-02\"}");
    assert!(v.run(&["delete", &ids[0], "--yes"], None).status.success());
    let mut c = v.cmd(&["log"]);
    c.env("CONSULTLOG_LANG", "nl");
    let table = stdout(&run_cmd(c, None));
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].contains("actie") && lines[0].contains("details"), "{table}");
    let row = lines.iter().find(|l| l.contains("verwijderd")).unwrap_or_else(|| panic!("{table}"));
    assert!(
        row.contains(&format!("consultatie: {}", ids[0])) && !row.contains('{'),
        "detail names in Dutch: {row}"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&v.run(&["log", "--json"], None))).unwrap();
    assert_eq!(json[0]["action"], "delete");
}

/// The help is Dutch by default, English with --lang en, for the program and each command.
#[test]
fn help_speaks_dutch_unless_asked_otherwise() {
    let v = TestVault::new();
    let mut c = v.cmd(&["--help"]);
    c.env_remove("CONSULTLOG_LANG");
    let nl = stdout(&run_cmd(c, None));
    assert!(nl.contains("Opdrachten:") && nl.contains("Maak een nieuwe kluis"), "{nl}");
    assert!(!nl.contains("Create a new vault"), "{nl}");
    let mut c = v.cmd(&["stats", "report", "--help"]);
    c.env_remove("CONSULTLOG_LANG");
    let sub = stdout(&run_cmd(c, None));
    assert!(sub.contains("Het rapport om te overhandigen") && sub.contains("Toon deze hulp"), "{sub}");
    let en = stdout(&v.run(&["--lang", "en", "--help"], None));
    assert!(en.contains("Create a new vault") && en.contains("Commands:"), "{en}");
}

/// `export` writes the consultation for the client's file: every answer, the advice and the
/// follow-ups, private (0600), never over an existing file, with an audit entry; a note that
/// still has possible personal data needs --yes outside a terminal.
#[test]
fn export_writes_the_case_for_the_dossier() {
    use std::os::unix::fs::PermissionsExt;
    let v = TestVault::new();
    let id = v.add(FULL).remove(0);
    let out = v.tmp.path().join("dossier.md");
    let o = v.run(&["export", &id[..8], "-o", out.to_str().unwrap()], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    let rec = &v.list_json()[0];
    for (_, answer) in rec["prompts"].as_object().unwrap() {
        let first = answer.as_str().unwrap().lines().next().unwrap();
        assert!(text.contains(first.split(['*', '_']).next().unwrap()), "missing {first:?} in:\n{text}");
    }
    assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600);
    let again = v.run(&["export", &id, "-o", out.to_str().unwrap()], None);
    assert!(!again.status.success());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), text, "overwritten");
    assert!(stdout(&v.run(&["log", "--json"], None)).contains("\"export\""));
    let txt = v.tmp.path().join("dossier.txt");
    assert!(v.run(&["export", &id, "--format", "txt", "-o", txt.to_str().unwrap()], None).status.success());
    assert_one_line_error(
        &v.run(&["export", &id, "--format", "docx", "-o", "x.docx"], None),
        "Unknown export format",
    );
    // Possible personal data still in the note.
    let risky = v
        .add("{\"consulted_on\":\"2026-02-02\",\"prompts\":{\"facts\":\"Bel haar op 0612345678.\"}}")
        .remove(0);
    let f = v.tmp.path().join("risky.md");
    assert_one_line_error(&v.run(&["export", &risky, "-o", f.to_str().unwrap()], None), "--yes");
    assert!(!f.exists());
    assert!(v.run(&["export", &risky, "--yes", "-o", f.to_str().unwrap()], None).status.success());
}

/// Mistakes on the command line itself (an unknown command or option, a missing value) are
/// one sentence in the user's language, with exit code 2, not clap's English.
#[test]
fn command_line_mistakes_are_one_sentence_in_dutch() {
    let v = TestVault::new();
    let nl = |args: &[&str]| {
        let mut c = v.cmd(args);
        c.env("CONSULTLOG_LANG", "nl");
        run_cmd(c, None)
    };
    for (args, needle) in [
        (&["backupp"][..], "De opdracht backupp bestaat niet"),
        (&["list", "--bogus"][..], "--bogus is hier geen optie"),
        (&["backup", "-o"][..], "Na --output <FILE> hoort een waarde."),
        (&["restore"][..], "Er ontbreekt iets: <FILE>"),
        (&["backup", "-o", "x", "--auto"][..], "kan niet samen met --auto"),
    ] {
        let out = nl(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_one_line_error(&out, needle);
        assert!(!stderr(&out).contains("error:") && !stderr(&out).contains("Usage"), "{}", stderr(&out));
    }
    assert_one_line_error(&v.run(&["list", "--bogus"], None), "--bogus is not an option here");
    // Help is still help.
    let out = nl(&["--help"]);
    assert!(out.status.success() && stdout(&out).contains("Gebruik"));
}
