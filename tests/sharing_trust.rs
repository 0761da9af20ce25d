//! Whom a file comes from: forged advice, strangers, re-addressed bundles and unshared cases
//! are refused and change nothing; cards are checked; nothing the terminal would obey is
//! printed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;
use consultlog::share::bundle::{self, ReplyItem};
use consultlog::share::{Card, addressbook, ops, signed};
use std::path::PathBuf;

const CASE: &str = r#"{"consulted_on": "2026-05-04", "forms": ["abandonment"], "urgency": "high",
  "travel": {"situation": "travel_planned", "departure": "2026-07-01"},
  "prompts": {"facts": "Jongere vreest de zomervakantie."}}"#;

fn ok(o: &std::process::Output) {
    assert!(o.status.success(), "failed: {}{}", stdout(o), stderr(o));
}

fn card_file(v: &TestVault, name: &str) -> PathBuf {
    let file = v.tmp.path().join(format!("{name}.card"));
    if !file.exists() {
        ok(&v.run(&["card", "--name", name, "-o", file.to_str().unwrap()], None));
    }
    file
}

fn exchange_cards(a: &TestVault, a_name: &str, b: &TestVault, b_name: &str) {
    ok(&a.run(&["keys", "add", b_name, card_file(b, b_name).to_str().unwrap()], None));
    ok(&b.run(&["keys", "add", a_name, card_file(a, a_name).to_str().unwrap()], None));
}

fn open(v: &TestVault) -> consultlog::store::Vault {
    consultlog::store::Vault::open(&v.dir, &age::secrecy::SecretString::from(PASS.to_string())).unwrap()
}

fn reply_item(id: &str, text: &str) -> ReplyItem {
    ReplyItem { consultation: id.into(), advice: text.into(), advice_categories: vec![], advice_date: None }
}

/// Everything a user can see of a vault: its records and its audit log.
fn state(v: &TestVault) -> (Vec<serde_json::Value>, String) {
    (v.list_json(), stdout(&v.run(&["log", "--json"], None)))
}

fn write(v: &TestVault, name: &str, bytes: &[u8]) -> String {
    let path = v.tmp.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

/// A worker and an adviser who exchanged cards; the worker shared one of two cases.
struct Setup {
    worker: TestVault,
    adviser: TestVault,
    shared: String,
    unshared: String,
}

fn setup() -> Setup {
    let worker = TestVault::new();
    let adviser = TestVault::new();
    exchange_cards(&worker, "wijkteam-noord", &adviser, "lkha-adviseur");
    let shared = worker.add(CASE).remove(0);
    let unshared = worker.add(CASE).remove(0);
    let file = worker.tmp.path().join("case.age");
    ok(&worker.run(&["share", &shared, "--to", "lkha-adviseur", "-o", file.to_str().unwrap()], None));
    Setup { worker, adviser, shared, unshared }
}

#[test]
fn forged_advice_is_refused_and_changes_nothing() {
    let s = setup();
    let worker_recipient = stdout(&s.worker.run(&["recipient"], None)).trim().to_string();
    let adviser_recipient = stdout(&s.adviser.run(&["recipient"], None)).trim().to_string();
    let forged_text = "Geen risico, de reis kan doorgaan; sluit de zaak.";
    let before = state(&s.worker);

    // 1. Unsigned, claiming to be the adviser: anyone with the worker's public key can make it.
    let doc = bundle::reply_json(&adviser_recipient, &[reply_item(&s.shared, forged_text)]);
    let bytes =
        bundle::encrypt(doc.to_string().as_bytes(), std::slice::from_ref(&worker_recipient), false).unwrap();
    let f = write(&s.worker, "unsigned.age", &bytes);
    assert_one_line_error(&s.worker.run(&["import", &f], None), "not signed");
    assert_one_line_error(&s.worker.run(&["import", "--allow-unverified", &f], None), "advice never");

    // 2. Signed by a stranger with their own card.
    let stranger = TestVault::new();
    let sv = open(&stranger);
    let doc = bundle::reply_json(&sv.recipient(), &[reply_item(&s.shared, forged_text)]);
    let bytes = ops::signed_file(&sv, doc, std::slice::from_ref(&worker_recipient), false).unwrap();
    let f = write(&s.worker, "stranger.age", &bytes);
    assert_one_line_error(&s.worker.run(&["import", &f], None), "not a verified contact");

    // 3. The stranger copies the adviser's card but signs with their own key.
    let adviser_card =
        Card::parse(&std::fs::read_to_string(card_file(&s.adviser, "lkha-adviseur")).unwrap()).unwrap();
    let mut doc = bundle::reply_json(&adviser_recipient, &[reply_item(&s.shared, forged_text)]);
    signed::sign(&mut doc, &adviser_card, std::slice::from_ref(&worker_recipient), &sv.signing_key());
    let bytes =
        bundle::encrypt(doc.to_string().as_bytes(), std::slice::from_ref(&worker_recipient), false).unwrap();
    let f = write(&s.worker, "copied-card.age", &bytes);
    assert_one_line_error(&s.worker.run(&["import", &f], None), "altered or forged");
    drop(sv);

    // 4. The real adviser, signed, but for the case the worker never shared with them.
    let av = open(&s.adviser);
    let doc = bundle::reply_json(&av.recipient(), &[reply_item(&s.unshared, forged_text)]);
    let bytes = ops::signed_file(&av, doc, &[worker_recipient.clone(), av.recipient()], false).unwrap();
    drop(av);
    let f = write(&s.worker, "unshared.age", &bytes);
    assert_one_line_error(&s.worker.run(&["import", &f], None), "never shared");

    assert_eq!(before, state(&s.worker), "a refused file changed the vault");
    assert!(!stdout(&s.worker.run(&["list", "--json"], None)).contains(forged_text));
}

#[test]
fn a_bundle_passed_on_to_someone_else_is_refused() {
    let s = setup();
    // A second adviser who also knows the worker's card.
    let other = TestVault::new();
    exchange_cards(&s.worker, "wijkteam-noord", &other, "lkha-tweede");
    // The first adviser decrypts the worker's file and re-encrypts it, unchanged, to the second.
    let file = s.worker.tmp.path().join("case.age");
    let av = open(&s.adviser);
    let plain = bundle::decrypt(&std::fs::read(&file).unwrap(), av.identity()).unwrap();
    drop(av);
    let to = stdout(&other.run(&["recipient"], None)).trim().to_string();
    let bytes = bundle::encrypt(&plain, &[to], false).unwrap();
    let f = write(&other, "passed-on.age", &bytes);
    assert_one_line_error(&other.run(&["import", &f], None), "other recipients");
    assert_one_line_error(&other.run(&["import", "--allow-unverified", &f], None), "other recipients");
    assert!(other.list_json().is_empty());
    // The first adviser, to whom it was sent, takes it in: verified, named, with the
    // departure date (the case's clock) and no history.
    ok(&s.adviser.run(&["import", file.to_str().unwrap()], None));
    let rec = &s.adviser.list_json()[0];
    assert_eq!(rec["received"]["verified"], true);
    assert_eq!(rec["received"]["from_name"], "wijkteam-noord");
    assert_eq!(rec["travel"]["departure"], "2026-07-01");
    let shown = stdout(&s.adviser.run(&["show", rec["id"].as_str().unwrap()], None));
    assert!(shown.contains("wijkteam-noord") && !shown.contains("NOT verified"), "{shown}");
}

#[test]
fn cards_are_checked_and_the_demo_card_stays_in_the_demo() {
    let v = TestVault::new();
    let other = TestVault::new();
    let card = card_file(&other, "Adviseur Oost");
    let text = std::fs::read_to_string(&card).unwrap();
    assert!(text.contains("name: Adviseur Oost") && text.contains("fingerprint: "), "{text}");
    // A card changed on the way: refused, nothing added.
    let changed = write(&v, "changed.card", text.replace("Adviseur Oost", "Adviseur West").as_bytes());
    assert_one_line_error(&v.run(&["keys", "add", "oost", &changed], None), "checksum");
    let parsed = Card::parse(&text).unwrap();
    let rekeyed = text.replace(&parsed.recipient, stdout(&v.run(&["recipient"], None)).trim());
    let rekeyed = write(&v, "rekeyed.card", rekeyed.as_bytes());
    assert_one_line_error(&v.run(&["keys", "add", "oost", &rekeyed], None), "checksum");
    // The published demo adviser: only in `consultlog demo`.
    let demo = write(&v, "demo.card", addressbook::DEMO_CARD.as_bytes());
    assert_one_line_error(&v.run(&["keys", "add", "demo", &demo], None), "demo");
    assert!(stdout(&v.run(&["log", "--json"], None)).trim() == "[]", "refusals are not logged as changes");
    // The real card: verified, with the same fingerprint the owner reads out.
    ok(&v.run(&["keys", "add", "oost", card.to_str().unwrap()], None));
    let listed = stdout(&v.run(&["keys", "list"], None));
    assert!(listed.contains(&format!("verified, fingerprint {}", parsed.fingerprint())), "{listed}");
    // A bare key is unverified; renaming and removing are logged.
    let third = stdout(&TestVault::new().run(&["recipient"], None)).trim().to_string();
    ok(&v.run(&["keys", "add", "kaal", &third], None));
    assert!(stdout(&v.run(&["keys", "list"], None)).contains("kaal\t"));
    ok(&v.run(&["keys", "rename", "kaal", "coordinator"], None));
    ok(&v.run(&["keys", "remove", "coordinator"], None));
    let log: Vec<serde_json::Value> =
        serde_json::from_str(&stdout(&v.run(&["log", "--json"], None))).unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["contact_add", "contact_add", "contact_rename", "contact_remove"]);
    assert_eq!(log[1]["detail"]["verified"], false);
    // A card for a key already known unverified verifies that contact, under its name.
    let fourth = TestVault::new();
    let bare = stdout(&fourth.run(&["recipient"], None)).trim().to_string();
    ok(&v.run(&["keys", "add", "wijkteam-zuid", &bare], None));
    ok(&v.run(&["keys", "add", "zuid", card_file(&fourth, "Wijkteam Zuid").to_str().unwrap()], None));
    let listed = stdout(&v.run(&["keys", "list"], None));
    let line = listed.lines().find(|l| l.contains(&bare)).unwrap_or_default();
    assert!(line.starts_with("wijkteam-zuid\t") && line.contains("verified, fingerprint"), "{listed}");
    assert_eq!(listed.lines().filter(|l| l.contains(&bare)).count(), 1, "{listed}");
}

#[test]
fn nothing_the_terminal_would_obey_is_printed() {
    let v = TestVault::new();
    let note = "{\"consulted_on\": \"2026-05-04\", \"prompts\": {\"facts\": \"titel \\u001b]0;X\\u0007 en \\u009b2J\"}}";
    let id = v.add(note).remove(0);
    for args in [vec!["show", id.as_str()], vec!["list"], vec!["log"]] {
        let out = v.run(&args, None);
        ok(&out);
        assert!(!out.stdout.iter().any(|b| *b == 0x1b || *b == 0x07), "{args:?} printed a control byte");
        assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{9b}'), "{args:?} printed a C1 control");
    }
    assert!(stdout(&v.run(&["show", &id], None)).contains("titel ␛]0;X␇"));
    // An error that quotes a file name holding an escape sequence.
    let out = v.run(&["import", "/nonexistent/\u{1b}]0;X\u{7}.age"], None);
    assert!(!out.stderr.iter().any(|b| *b == 0x1b || *b == 0x07), "{}", stderr(&out));
}

/// Output files are private, never replace anything, and never follow a link planted at the
/// output name; a refused write leaves no temporary file behind.
#[test]
fn output_files_are_private_and_follow_no_link() {
    use std::os::unix::fs::PermissionsExt;
    let s = setup();
    let outside = s.worker.tmp.path().join("elders.txt");
    std::fs::write(&outside, "ongewijzigd").unwrap();
    let link = s.worker.tmp.path().join("link.age");
    std::os::unix::fs::symlink(&outside, &link).unwrap();
    let dangling = s.worker.tmp.path().join("dangling.age");
    std::os::unix::fs::symlink(s.worker.tmp.path().join("bestaat-niet"), &dangling).unwrap();
    for target in [&link, &dangling] {
        let out = s
            .worker
            .run(&["share", &s.shared, "--to", "lkha-adviseur", "-o", target.to_str().unwrap()], None);
        assert_one_line_error(&out, "already exists");
    }
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "ongewijzigd");
    assert!(!s.worker.tmp.path().join("bestaat-niet").exists(), "a dangling link was followed");
    let file = s.worker.tmp.path().join("nieuw.age");
    ok(&s.worker.run(&["share", &s.shared, "--to", "lkha-adviseur", "-o", file.to_str().unwrap()], None));
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    let leftovers: Vec<_> = std::fs::read_dir(s.worker.tmp.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
