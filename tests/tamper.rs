//! A record altered on disk or copied to another id fails to decrypt and is reported by id;
//! every other record still reads.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

fn record_key(id: &str) -> Vec<u8> {
    let mut k = vec![b'r'];
    k.extend_from_slice(uuid::Uuid::parse_str(id).unwrap().as_bytes());
    k
}

/// Opens the vault's database directly, as an attacker with the folder could.
fn with_db(v: &TestVault, f: impl FnOnce(&sled::Db)) {
    // sled releases its file lock when its background flusher has stopped, a moment after
    // the previous handle was dropped: wait for it rather than fail on a busy machine.
    let mut tries = 0;
    let db = loop {
        match sled::open(v.dir.join("db")) {
            Ok(db) => break db,
            Err(e) if tries < 100 && e.to_string().contains("could not acquire lock") => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e) => panic!("{e}"),
        }
    };
    f(&db);
    db.flush().unwrap();
}

#[test]
fn altered_record_is_named_by_verify_and_others_still_read() {
    let v = TestVault::new();
    let ids = v.add("{\"consulted_on\":\"2026-01-01\"}\n{\"consulted_on\":\"2026-01-02\"}\n{\"consulted_on\":\"2026-01-03\"}");
    with_db(&v, |db| {
        let k = record_key(&ids[1]);
        let mut val = db.get(&k).unwrap().unwrap().to_vec();
        let mid = val.len() / 2;
        val[mid] ^= 0x40;
        db.insert(k, val).unwrap();
    });
    let out = v.run(&["verify"], None);
    assert!(!out.status.success());
    assert!(stdout(&out).contains(&ids[1]), "verify must name the damaged record: {}", stdout(&out));
    // The others are not named as damaged. (They can appear among the candidates of the
    // manifest's bucket, "it is one of: ...", when their id shares its first byte mod 64.)
    for line in stdout(&out).lines().filter(|l| l.contains(&ids[0]) || l.contains(&ids[2])) {
        assert!(line.contains("one of:"), "{line}");
    }
    assert_one_line_error(&v.run(&["show", &ids[1]], None), "does not decrypt");
    for ok in [&ids[0], &ids[2]] {
        assert!(v.run(&["show", ok], None).status.success());
    }
    // list --json prints every record that reads, and warns about the other.
    let out = v.run(&["list", "--json"], None);
    assert!(out.status.success());
    assert!(stderr(&out).contains("could not be read"), "{}", stderr(&out));
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let mut listed: Vec<String> = listed.iter().map(|r| r["id"].as_str().unwrap().to_string()).collect();
    listed.sort();
    let mut expected = vec![ids[0].clone(), ids[2].clone()];
    expected.sort();
    assert_eq!(listed, expected);
}

#[test]
fn record_copied_to_another_id_never_loads_as_that_id() {
    let v = TestVault::new();
    let ids = v.add("{\"consulted_on\":\"2026-01-01\",\"advice\":\"A\"}\n{\"consulted_on\":\"2026-01-02\",\"advice\":\"B\"}");
    with_db(&v, |db| {
        let a = db.get(record_key(&ids[0])).unwrap().unwrap();
        db.insert(record_key(&ids[1]), a).unwrap();
    });
    let out = v.run(&["show", &ids[1], "--json"], None);
    assert_one_line_error(&out, "does not decrypt");
    let out = v.run(&["verify"], None);
    assert!(!out.status.success() && stdout(&out).contains(&ids[1]));
    assert!(v.run(&["show", &ids[0]], None).status.success());
}

#[test]
fn summary_swapped_between_records_is_caught() {
    let v = TestVault::new();
    let ids = v.add("{\"consulted_on\":\"2026-01-01\"}\n{\"consulted_on\":\"2026-01-02\"}");
    with_db(&v, |db| {
        let mut ka = record_key(&ids[0]);
        ka[0] = b's';
        let mut kb = record_key(&ids[1]);
        kb[0] = b's';
        let a = db.get(&ka).unwrap().unwrap();
        db.insert(kb, a).unwrap();
    });
    let out = v.run(&["verify"], None);
    assert!(!out.status.success());
    assert!(stdout(&out).contains(&ids[1]), "{}", stdout(&out));
    let out = v.run(&["list"], None);
    assert!(out.status.success());
    assert!(stderr(&out).contains("could not be read"), "{}", stderr(&out));
}

fn meta_key(name: &str) -> Vec<u8> {
    let mut k = vec![b'm'];
    k.extend_from_slice(name.as_bytes());
    k
}

fn get(v: &TestVault, k: &[u8]) -> Option<Vec<u8>> {
    let mut out = None;
    with_db(v, |db| out = db.get(k).unwrap().map(|x| x.to_vec()));
    out
}

fn put(v: &TestVault, k: &[u8], val: Option<Vec<u8>>) {
    with_db(v, |db| {
        match val {
            Some(x) => db.insert(k, x).unwrap(),
            None => db.remove(k).unwrap(),
        };
    });
}

fn verify_fails_with(v: &TestVault, needle: &str) -> String {
    let out = v.run(&["verify"], None);
    assert!(!out.status.success(), "verify must fail: {}", stdout(&out));
    let text = stdout(&out);
    assert!(text.contains(needle), "expected {needle:?} in {text}");
    text
}

const THREE: &str =
    "{\"consulted_on\":\"2026-01-01\"}\n{\"consulted_on\":\"2026-01-02\"}\n{\"consulted_on\":\"2026-01-03\"}";

#[test]
fn a_record_rolled_back_to_an_earlier_version_is_named() {
    let v = TestVault::new();
    let ids = v.add(THREE);
    let (kr, mut ks) = (record_key(&ids[1]), record_key(&ids[1]));
    ks[0] = b's';
    let (old_r, old_s) = (get(&v, &kr), get(&v, &ks));
    let patch = v.tmp.path().join("p.json");
    std::fs::write(&patch, r#"{"advice": "nieuwe tekst"}"#).unwrap();
    assert!(v.run(&["edit", &ids[1], patch.to_str().unwrap()], None).status.success());
    assert!(v.run(&["verify"], None).status.success());
    put(&v, &kr, old_r);
    put(&v, &ks, old_s);
    let text = verify_fails_with(&v, "rolled back to an earlier version");
    assert!(text.contains(&ids[1]), "{text}");
}

#[test]
fn a_deleted_record_and_its_summary_are_noticed() {
    let v = TestVault::new();
    let ids = v.add(THREE);
    let mut ks = record_key(&ids[0]);
    ks[0] = b's';
    put(&v, &record_key(&ids[0]), None);
    put(&v, &ks, None);
    verify_fails_with(&v, "Consultations are missing: 3 expected, 2 found");
}

#[test]
fn a_cut_audit_log_is_noticed() {
    let v = TestVault::new();
    let ids = v.add(THREE);
    assert!(v.run(&["delete", &ids[0], "--yes"], None).status.success());
    let head = get(&v, &meta_key("audit-head"));
    assert!(v.run(&["delete", &ids[1], "--yes"], None).status.success());
    // The last entry removed and the head put back: the chain itself is consistent again.
    put(&v, &meta_key("audit/000000000002"), None);
    put(&v, &meta_key("audit-head"), head);
    verify_fails_with(&v, "The audit log was cut: 2 entries expected, 1 found");
}

#[test]
fn an_old_address_book_put_back_is_noticed() {
    let v = TestVault::new();
    let other = TestVault::new();
    let r = stdout(&other.run(&["recipient"], None)).trim().to_string();
    assert!(v.run(&["keys", "add", "eerste", &r], None).status.success());
    let old = get(&v, &meta_key("addressbook"));
    assert!(v.run(&["keys", "remove", "eerste"], None).status.success());
    assert!(v.run(&["keys", "add", "tweede", &r], None).status.success());
    put(&v, &meta_key("addressbook"), old);
    verify_fails_with(&v, "The address book is not the version last saved");
}

#[test]
fn a_removed_manifest_and_a_whole_folder_put_back_are_noticed() {
    let v = TestVault::new();
    v.add(THREE);
    let copy = v.tmp.path().join("copy");
    assert!(std::process::Command::new("cp").arg("-a").arg(&v.dir).arg(&copy).status().unwrap().success());
    v.add("{\"consulted_on\":\"2026-01-04\"}");
    std::fs::remove_dir_all(&v.dir).unwrap();
    std::fs::rename(&copy, &v.dir).unwrap();
    let out = v.run(&["list"], None);
    assert!(stderr(&out).contains("older than the last version"), "every open warns: {}", stderr(&out));
    verify_fails_with(&v, "The whole vault is older than the last version this computer saw");
    put(&v, &meta_key("manifest"), None);
    verify_fails_with(&v, "manifest is missing or unreadable");
}

#[test]
fn a_vault_without_a_manifest_gets_one_once() {
    let v = TestVault::new();
    v.add(THREE);
    put(&v, &meta_key("manifest"), None);
    // As a vault made before manifests: this computer never saw its counter.
    std::fs::remove_dir_all(v.tmp.path().join("state")).unwrap();
    let out = v.run(&["list"], None);
    assert!(stderr(&out).contains("now has a manifest"), "{}", stderr(&out));
    let out = v.run(&["verify"], None);
    assert!(out.status.success() && !stderr(&out).contains("manifest"), "{}", stderr(&out));
}
