//! When the idle lock may fire.

use std::time::Duration;

/// Whether the idle lock fires now: unlocked, idle for `lock_after`, and no key waiting to
/// be read (`pending` is asked last, only when the rest says yes). Keys typed before the
/// lock are never swallowed or typed into the lock screen.
pub fn should_lock(
    unlocked: bool,
    idle: Duration,
    lock_after: Duration,
    pending: impl FnOnce() -> bool,
) -> bool {
    unlocked && idle >= lock_after && !pending()
}

#[cfg(test)]
mod tests {
    use super::should_lock;
    use std::time::Duration;

    #[test]
    fn the_idle_lock_waits_for_keys_already_typed() {
        let after = Duration::from_secs(300);
        let idle = Duration::from_secs(301);
        assert!(should_lock(true, idle, after, || false));
        assert!(!should_lock(true, idle, after, || true), "keys waiting: handle them first");
        assert!(!should_lock(true, Duration::from_secs(10), after, || panic!("not asked before time")));
        assert!(!should_lock(false, idle, after, || false), "already locked");
    }
}
