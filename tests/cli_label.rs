//! The kenmerk (a worker's own short label) through the built binary: `add` takes it, `show`
//! prints it in both languages, `edit` changes it, bad input is refused without repeating it
//! and without changing the vault, and the vault's check finds personal data in it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

#[test]
fn add_and_show_the_kenmerk() {
    let v = TestVault::new();
    let id = v.add(r#"{"consulted_on": "2026-03-14", "label": "Casus school Noord-2"}"#).remove(0);
    let bare = v.add(r#"{"consulted_on": "2026-03-15"}"#).remove(0);
    let en = stdout(&v.run(&["show", &id], None));
    let pair = |text: &str, key: &str, value: &str| {
        text.lines()
            .any(|l| l.starts_with(&format!("{key}:")) && l.trim_end().ends_with(&format!(" {value}")))
    };
    assert!(pair(&en, "Label", "Casus school Noord-2"), "{en}");
    let mut nl = v.cmd(&["show", &id]);
    nl.env("CONSULTLOG_LANG", "nl");
    let nl = stdout(&run_cmd(nl, None));
    assert!(pair(&nl, "Kenmerk", "Casus school Noord-2"), "{nl}");
    // Without one, the field still shows (as "—"), and the JSON has no empty key.
    let shown = stdout(&v.run(&["show", &bare], None));
    assert!(pair(&shown, "Label", "—"), "{shown}");
    let list = v.list_json();
    let get = |want: &str| list.iter().find(|r| r["id"] == want).unwrap().clone();
    assert_eq!(get(&id)["label"], "Casus school Noord-2");
    assert!(get(&bare).get("label").is_none());
    // `edit` changes it and the history names the field.
    let file = v.tmp.path().join("patch.json");
    std::fs::write(&file, r#"{"label": "Casus Zuid"}"#).unwrap();
    let out = v.run(&["edit", &bare, file.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("label"), "{}", stderr(&out));
    let json: serde_json::Value =
        serde_json::from_slice(&v.run(&["show", &bare, "--json"], None).stdout).unwrap();
    assert_eq!(json["label"], "Casus Zuid");
}

#[test]
fn a_bad_kenmerk_is_refused_and_not_repeated() {
    let v = TestVault::new();
    v.add(r#"{"consulted_on": "2026-03-14"}"#);
    let before = v.bytes();
    let long = "Casus over de familie aan de lange straat bij school";
    let out = v.run(&["add", "-"], Some(&format!(r#"{{"consulted_on": "2026-03-14", "label": "{long}"}}"#)));
    assert_one_line_error(&out, "label");
    assert!(stderr(&out).contains("40"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("lange straat"), "the label was repeated: {}", stderr(&out));
    let out = v.run(&["add", "-"], Some(r#"{"consulted_on": "2026-03-14", "label": "twee\nregels"}"#));
    assert_one_line_error(&out, "label");
    assert_eq!(before, v.bytes(), "a refused add changed the vault");
}

#[test]
fn personal_data_in_the_kenmerk_is_found() {
    let v = TestVault::new();
    let id = v.add(r#"{"consulted_on": "2026-03-14", "label": "moeder 06-12345678"}"#).remove(0);
    // Like any free text: the case cannot leave the vault until it is resolved.
    let out =
        v.run(&["export", &id, "--format", "md", "-o", v.tmp.path().join("x.md").to_str().unwrap()], None);
    assert!(!out.status.success(), "exported a case with a phone number in its label");
}
