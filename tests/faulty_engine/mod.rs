//! A storage engine that fails on purpose: sled underneath, with a switch that makes the next
//! N writes fail as a full disk does. Like a sled handle after a real I/O error, a handle
//! that failed once keeps failing, so only a vault that reopens its engine recovers.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use consultlog::store::{KvEngine, KvIter, SledEngine, VaultError};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Shared by the test and every engine it opens.
#[derive(Clone, Default)]
pub struct Faults {
    /// Writes (apply or sync) still to fail.
    pub fail_writes: Arc<AtomicUsize>,
    /// Writes to let through before the failures start.
    pub skip_writes: Arc<AtomicUsize>,
    /// How many times an engine was opened.
    pub opens: Arc<AtomicUsize>,
    /// While true, every write waits (a disk that does not answer).
    pub stuck: Arc<(std::sync::Mutex<bool>, std::sync::Condvar)>,
}

impl Faults {
    pub fn fail_next(&self, n: usize) {
        self.fail_writes.store(n, Ordering::SeqCst);
    }

    /// Lets `skip` writes through, then fails `n`.
    pub fn fail_after(&self, skip: usize, n: usize) {
        self.skip_writes.store(skip, Ordering::SeqCst);
        self.fail_writes.store(n, Ordering::SeqCst);
    }

    /// Makes writes hang (`true`) until released (`false`).
    pub fn stick(&self, on: bool) {
        let (lock, cv) = &*self.stuck;
        *lock.lock().unwrap() = on;
        cv.notify_all();
    }

    pub fn opens(&self) -> usize {
        self.opens.load(Ordering::SeqCst)
    }

    /// The opener to give `Vault::open_with_engine`.
    pub fn opener(&self) -> impl Fn(&Path) -> Result<Box<dyn KvEngine>, VaultError> + Send + Sync + 'static {
        let faults = self.clone();
        move |dir: &Path| {
            faults.opens.fetch_add(1, Ordering::SeqCst);
            let inner = SledEngine::open(dir)?;
            Ok(Box::new(Faulty { inner, faults: faults.clone(), broken: AtomicBool::new(false) })
                as Box<dyn KvEngine>)
        }
    }
}

struct Faulty {
    inner: SledEngine,
    faults: Faults,
    broken: AtomicBool,
}

fn disk_full() -> VaultError {
    VaultError::Io {
        context: "database".into(),
        source: std::io::Error::from(std::io::ErrorKind::StorageFull),
    }
}

impl Faulty {
    fn check(&self, write: bool) -> Result<(), VaultError> {
        if write {
            let (lock, cv) = &*self.faults.stuck;
            let mut stuck = lock.lock().unwrap();
            while *stuck {
                stuck = cv.wait(stuck).unwrap();
            }
        }
        if self.broken.load(Ordering::SeqCst) {
            return Err(disk_full());
        }
        let dec = |n: usize| n.checked_sub(1);
        if write && self.faults.skip_writes.fetch_update(Ordering::SeqCst, Ordering::SeqCst, dec).is_ok() {
            return Ok(());
        }
        if write && self.faults.fail_writes.fetch_update(Ordering::SeqCst, Ordering::SeqCst, dec).is_ok() {
            self.broken.store(true, Ordering::SeqCst);
            return Err(disk_full());
        }
        Ok(())
    }
}

impl KvEngine for Faulty {
    fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>, VaultError> {
        self.check(false)?;
        self.inner.get(key)
    }

    fn apply(&self, ops: Vec<(Vec<u8>, Option<Vec<u8>>)>) -> Result<(), VaultError> {
        self.check(true)?;
        self.inner.apply(ops)
    }

    fn scan_prefix(&self, prefix: &[u8]) -> KvIter {
        match self.check(false) {
            Ok(()) => self.inner.scan_prefix(prefix),
            Err(e) => Box::new(std::iter::once(Err(e))),
        }
    }

    fn sync(&self) -> Result<(), VaultError> {
        self.check(true)?;
        self.inner.sync()
    }
}
