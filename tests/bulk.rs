//! A bulk add larger than one chunk (1000 records) is written chunk by chunk, and is still all
//! or nothing: a chunk that fails undoes the chunks before it, and an add cut short (the undo
//! refused too, or the process killed) is undone when the vault is next opened.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod faulty_engine;
use age::secrecy::SecretString;
use consultlog::domain::{Consultation, Date};
use consultlog::store::Vault;
use faulty_engine::Faults;

fn pass() -> SecretString {
    SecretString::from("fictief wachtwoord voor tests".to_string())
}

fn many(n: usize) -> Vec<Consultation> {
    (0..n).map(|_| Consultation::new(Date::parse_iso("2026-11-02").unwrap())).collect()
}

/// Markers of unfinished bulk adds still in the vault.
fn markers(v: &Vault) -> usize {
    v.scan_meta("bulk/").count()
}

/// Each chunk is one commit: its batch and its sync are two writes.
const WRITES_PER_CHUNK: usize = 2;

#[test]
fn a_bulk_add_whose_third_chunk_fails_leaves_the_vault_as_it_was() {
    let t = tempfile::tempdir().unwrap();
    drop(Vault::create(t.path(), &pass(), Some(10)).unwrap());
    let faults = Faults::default();
    let v = Vault::open_with_engine(t.path(), &pass(), faults.opener()).unwrap();
    let first = v.add(Consultation::new(Date::parse_iso("2026-11-01").unwrap())).unwrap();
    faults.fail_after(2 * WRITES_PER_CHUNK, 1);
    assert!(v.add_many(many(2500)).is_err());
    // Two chunks had landed; they were taken out again once the engine was reopened.
    assert!(faults.opens() >= 2, "the failure did not happen where the test meant it to");
    let rows = v.summaries().unwrap().rows;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].id, first);
    assert_eq!(markers(&v), 0);
    assert!(v.verify().unwrap().is_sound(), "{:?}", v.verify().unwrap());
    // The same add goes through whole once the disk behaves.
    let ids = v.add_many(many(2500)).unwrap();
    assert_eq!(ids.len(), 2500);
    assert_eq!(v.summaries().unwrap().rows.len(), 2501);
    assert_eq!(markers(&v), 0);
    assert!(v.verify().unwrap().is_sound());
    drop(v);
    let v = Vault::open(t.path(), &pass()).unwrap();
    assert!(v.open_notice().is_none());
    assert_eq!(v.summaries().unwrap().rows.len(), 2501);
    assert!(v.get(&ids[2499]).is_ok());
}

#[test]
fn a_bulk_add_cut_short_is_undone_when_the_vault_is_next_opened() {
    let t = tempfile::tempdir().unwrap();
    drop(Vault::create(t.path(), &pass(), Some(10)).unwrap());
    let v = Vault::open(t.path(), &pass()).unwrap();
    let first = v.add(Consultation::new(Date::parse_iso("2026-11-01").unwrap())).unwrap();
    drop(v);
    let faults = Faults::default();
    let v = Vault::open_with_engine(t.path(), &pass(), faults.opener()).unwrap();
    // The third chunk fails and so does every write after it (the undo too), as when the
    // process is killed there.
    faults.fail_after(2 * WRITES_PER_CHUNK, usize::MAX);
    assert!(v.add_many(many(2500)).is_err());
    assert_eq!(v.summaries().unwrap().rows.len(), 2001, "the first two chunks should be on disk");
    assert_eq!(markers(&v), 2);
    drop(v);
    let v = Vault::open(t.path(), &pass()).unwrap();
    let rows = v.summaries().unwrap().rows;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].id, first);
    assert_eq!(markers(&v), 0);
    assert!(v.open_notice().is_none());
    assert!(v.verify().unwrap().is_sound(), "{:?}", v.verify().unwrap());
}
