//! The runner on its own thread, so the screen never waits on the disk for long: each effect
//! is sent to the thread that owns the vault, and the loop waits for its answer only a short
//! while (`slow`). A write that hangs (a stuck disk, a network drive gone) then comes back as
//! "not yet": the loop keeps drawing and says so, and the answer is taken in when it arrives.
//! Effects keep their order: while one is outstanding, later ones queue behind it.

use super::action::{Action, Effect};
use super::effects::Runner;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

enum Job {
    Run(Effect),
    /// Whether quitting should first write a backup (answered as `[BackupDue]` or `[]`).
    QuitBackupDue,
    /// The automatic backup of quitting, when one is due.
    QuitBackup,
}

pub struct Worker {
    jobs: Option<Sender<Job>>,
    answers: Receiver<Vec<Action>>,
    done: Receiver<()>,
    /// Jobs sent whose answers have not been taken yet.
    outstanding: usize,
    slow: Duration,
}

impl Worker {
    /// Moves `runner` (and the vault it holds) to its own thread. `slow`: how long `run`
    /// waits for an answer before it reports "not yet".
    pub fn spawn(mut runner: Runner, slow: Duration) -> Worker {
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let (answer_tx, answers) = mpsc::channel();
        let (done_tx, done) = mpsc::channel();
        std::thread::spawn(move || {
            for job in job_rx {
                let out = match job {
                    Job::Run(e) => runner.run(e),
                    Job::QuitBackupDue if runner.quit_backup_due() => vec![Action::BackupDue],
                    Job::QuitBackupDue => vec![],
                    Job::QuitBackup if runner.quit_backup_due() => runner.run(Effect::AutoBackup),
                    Job::QuitBackup => vec![],
                };
                if answer_tx.send(out).is_err() {
                    break;
                }
            }
            // The vault closes (and flushes) here, before the program ends.
            drop(runner);
            let _ = done_tx.send(());
        });
        Worker { jobs: Some(jobs), answers, done, outstanding: 0, slow }
    }

    fn send(&mut self, job: Job) -> bool {
        let sent = self.jobs.as_ref().is_some_and(|j| j.send(job).is_ok());
        if sent {
            self.outstanding += 1;
        }
        sent
    }

    /// Runs `effect`: its answer, or `None` when it did not come within `slow` (or earlier
    /// work is still outstanding); it then arrives through `poll`.
    pub fn run(&mut self, effect: Effect) -> Option<Vec<Action>> {
        self.run_job(Job::Run(effect), self.slow)
    }

    fn run_job(&mut self, job: Job, wait: Duration) -> Option<Vec<Action>> {
        let behind = self.outstanding > 0;
        if !self.send(job) {
            return Some(vec![]);
        }
        if behind {
            return None;
        }
        match self.answers.recv_timeout(wait) {
            Ok(out) => {
                self.outstanding -= 1;
                Some(out)
            }
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => {
                self.outstanding = 0;
                Some(vec![])
            }
        }
    }

    /// Answers that arrived late, in the order their effects were sent.
    pub fn poll(&mut self) -> Vec<Vec<Action>> {
        let mut out = vec![];
        while self.outstanding > 0 {
            match self.answers.try_recv() {
                Ok(a) => {
                    self.outstanding -= 1;
                    out.push(a);
                }
                Err(mpsc::TryRecvError::Empty) => break,
                Err(mpsc::TryRecvError::Disconnected) => {
                    self.outstanding = 0;
                    break;
                }
            }
        }
        out
    }

    /// Whether an effect's answer is still to come.
    pub fn waiting(&self) -> bool {
        self.outstanding > 0
    }

    /// Waits up to `wait` for every outstanding answer (leaving the program); what arrived.
    pub fn drain(&mut self, wait: Duration) -> Vec<Vec<Action>> {
        let until = std::time::Instant::now() + wait;
        let mut out = vec![];
        while self.outstanding > 0 {
            let left = until.saturating_duration_since(std::time::Instant::now());
            match self.answers.recv_timeout(left) {
                Ok(a) => {
                    self.outstanding -= 1;
                    out.push(a);
                }
                Err(_) => break,
            }
        }
        out
    }

    /// Whether quitting should first write a backup (false when the answer does not come).
    pub fn quit_backup_due(&mut self, wait: Duration) -> bool {
        self.outstanding == 0 && self.run_job(Job::QuitBackupDue, wait).is_some_and(|a| !a.is_empty())
    }

    /// The automatic backup of quitting, when one is due; waits up to `wait` for it.
    pub fn quit_backup(&mut self, wait: Duration) -> Option<Vec<Action>> {
        self.drain(wait);
        if self.outstanding > 0 {
            return None;
        }
        self.run_job(Job::QuitBackup, wait)
    }
}

/// Ends the thread after its current job and waits a little for the vault to close.
impl Drop for Worker {
    fn drop(&mut self) {
        self.jobs = None;
        let _ = self.done.recv_timeout(Duration::from_secs(5));
    }
}
