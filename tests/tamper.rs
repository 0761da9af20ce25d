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
    let db = sled::open(v.dir.join("db")).unwrap();
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
    assert!(!stdout(&out).contains(&ids[0]) && !stdout(&out).contains(&ids[2]));
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
