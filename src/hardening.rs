//! Process hardening, once at start: no core dumps, so a crash never writes decrypted notes,
//! the data key or a passphrase to disk, and other processes of the same user cannot attach
//! a debugger to read them (a non-dumpable process is not ptrace-able by them either).

/// Sets the core-file limit to zero and marks the process non-dumpable. Failures are
/// ignored: the program still works, and the limits are best effort on other systems.
pub fn no_core_dumps() {
    use rustix::process::{DumpableBehavior, Resource, Rlimit, set_dumpable_behavior, setrlimit};
    let _ = setrlimit(Resource::Core, Rlimit { current: Some(0), maximum: Some(0) });
    let _ = set_dumpable_behavior(DumpableBehavior::NotDumpable);
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_process_is_not_dumpable_and_has_no_core_limit() {
        super::no_core_dumps();
        assert_eq!(
            rustix::process::dumpable_behavior().ok(),
            Some(rustix::process::DumpableBehavior::NotDumpable)
        );
        assert_eq!(rustix::process::getrlimit(rustix::process::Resource::Core).current, Some(0));
    }
}
