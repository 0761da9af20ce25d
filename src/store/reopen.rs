//! The vault's engine, reopened after a failure: a sled handle that met an I/O error (a full
//! disk, say) keeps failing for the rest of its life, so after any error the next operation
//! first closes it and opens the database again. A worker whose disk was full can save again
//! once there is space, without restarting the program.

use super::engine::{KvEngine, KvIter};
use super::error::VaultError;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};

/// Opens the engine (again).
pub type Opener = Box<dyn Fn() -> Result<Box<dyn KvEngine>, VaultError> + Send + Sync>;

pub(crate) struct Reopening {
    open: Opener,
    inner: RwLock<Option<Arc<dyn KvEngine>>>,
    failed: Arc<AtomicBool>,
}

fn poisoned() -> VaultError {
    VaultError::Storage("lock poisoned".into())
}

impl Reopening {
    pub(super) fn new(open: Opener) -> Result<Reopening, VaultError> {
        let first: Arc<dyn KvEngine> = Arc::from(open()?);
        Ok(Reopening { open, inner: RwLock::new(Some(first)), failed: Arc::new(AtomicBool::new(false)) })
    }

    /// The engine to use now: the current one, or a fresh one after a failure.
    fn current(&self) -> Result<Arc<dyn KvEngine>, VaultError> {
        if !self.failed.load(Ordering::Acquire)
            && let Some(e) = self.inner.read().map_err(|_| poisoned())?.as_ref()
        {
            return Ok(Arc::clone(e));
        }
        let mut inner = self.inner.write().map_err(|_| poisoned())?;
        if self.failed.load(Ordering::Acquire) || inner.is_none() {
            // The old handle first: sled's file lock is free only once it is gone.
            drop(inner.take());
            let fresh: Arc<dyn KvEngine> = Arc::from((self.open)()?);
            *inner = Some(fresh);
            self.failed.store(false, Ordering::Release);
        }
        inner.as_ref().map(Arc::clone).ok_or_else(poisoned)
    }

    fn watch<T>(&self, r: Result<T, VaultError>) -> Result<T, VaultError> {
        // A refused write on a read-only copy is not a failed handle.
        if matches!(&r, Err(e) if !matches!(e, VaultError::Io { context, .. } if context == super::readonly::REFUSED))
        {
            self.failed.store(true, Ordering::Release);
        }
        r
    }
}

impl KvEngine for Reopening {
    fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>, VaultError> {
        let e = self.current()?;
        self.watch(e.get(key))
    }

    fn apply(&self, ops: Vec<(Vec<u8>, Option<Vec<u8>>)>) -> Result<(), VaultError> {
        let e = self.current()?;
        self.watch(e.apply(ops))
    }

    fn scan_prefix(&self, prefix: &[u8]) -> KvIter {
        match self.current() {
            Ok(e) => {
                let failed = Arc::clone(&self.failed);
                Box::new(e.scan_prefix(prefix).inspect(move |r| {
                    if r.is_err() {
                        failed.store(true, Ordering::Release);
                    }
                }))
            }
            Err(e) => Box::new(std::iter::once(Err(e))),
        }
    }

    fn sync(&self) -> Result<(), VaultError> {
        let e = self.current()?;
        self.watch(e.sync())
    }
}
