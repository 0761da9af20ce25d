//! The terminal UI: set-up and tear-down in one place, and the event loop that feeds keys
//! through the keymap into `App::update` and runs the returned effects.

pub mod action;
pub mod app;
pub mod contacts;
pub mod effects;
pub mod form;
pub mod idle;
pub mod keymap;
pub mod list_state;
pub mod manage;
pub mod paths;
pub mod screens;
pub mod stats_export;
pub mod stats_view;
pub mod step;
pub mod text;
pub mod theme;
pub mod transfer;
pub mod view;
pub mod worker;

use crate::error::AppError;
use crate::i18n::Lang;
use action::{Action, Effect};
use app::App;
use crossterm::event::{self, Event, KeyEventKind};
use effects::Runner;
pub use idle::should_lock;
use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Settings of one UI session.
pub struct Options {
    pub lang: Lang,
    /// Lock after this much idle time.
    pub lock_after: Duration,
    /// How often unsaved editor text is written to the encrypted draft.
    pub draft_every: Duration,
    pub demo: bool,
    /// Where "today" comes from; read again while the program runs, so overdue and
    /// departure markers move on past midnight.
    pub clock: crate::clock::Clock,
}

/// Restores the terminal when dropped, so every way out (return, `?`, panic unwinding)
/// leaves a usable shell. `ratatui::init` also installs a panic hook that restores it.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = crossterm::execute!(std::io::stdout(), event::DisableBracketedPaste);
        ratatui::restore();
    }
}

enum Input {
    Ready,
    Idle,
    HungUp,
}

/// Waits up to `timeout` for terminal input, and tells a hang-up apart from data.
fn wait_input(timeout: Duration) -> Input {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = std::io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let ts = Timespec { tv_sec: timeout.as_secs() as i64, tv_nsec: i64::from(timeout.subsec_nanos()) };
    match poll(&mut fds, Some(&ts)) {
        Ok(0) => Input::Idle,
        Ok(_) if fds[0].revents().intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) => {
            Input::HungUp
        }
        Ok(_) => Input::Ready,
        Err(rustix::io::Errno::INTR) => Input::Idle,
        Err(_) => Input::HungUp,
    }
}

/// A last resort: if the loop cannot wind down within a few seconds of SIGTERM/SIGHUP (a
/// terminal gone mid-write), leave anyway; the draft of a few seconds ago is in the vault.
fn watchdog(stop: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(100));
        }
        std::thread::sleep(Duration::from_secs(3));
        // Not `process::exit`: its stdout flush would wait on the stuck writer. SIGKILL also
        // leaves no core dump with decrypted text behind.
        let _ = rustix::process::kill_process(rustix::process::getpid(), rustix::process::Signal::KILL);
    });
}

/// The loop's working state: effects to run now, and background work for idle moments.
struct Loop {
    fx: worker::Worker,
    app: App,
    background: VecDeque<Effect>,
    /// An automatic backup is due; it runs once no key came for `IDLE_BEFORE_BACKUP`.
    backup_pending: bool,
}

/// An automatic backup takes a second or more (its passphrase is stretched): it waits until
/// the user pauses, so typing is never held up.
const IDLE_BEFORE_BACKUP: Duration = Duration::from_secs(2);

/// However the program ends, decrypted text in memory is overwritten first.
impl Drop for Loop {
    fn drop(&mut self) {
        self.app.wipe();
    }
}

enum Flow {
    Go,
    Quit,
}

impl Loop {
    /// Applies an action and runs the effects it causes, at once and in order, so the next
    /// key always meets an up-to-date screen. Background loading is set aside for idle time.
    fn apply(&mut self, action: Action) -> Flow {
        let mut effects: VecDeque<Effect> = self.app.update(action).into();
        while let Some(e) = effects.pop_front() {
            match e {
                // Text that could not be kept as a draft is not left behind: the app asks.
                Effect::Quit if self.app.take_quit_refused() => {}
                Effect::Quit => return Flow::Quit,
                e @ Effect::LoadSearchTexts { .. } => self.background.push_back(e),
                // An automatic backup waits for a moment without keys (`IDLE_BEFORE_BACKUP`).
                Effect::AutoBackup => self.backup_pending = true,
                // Deriving the key takes about a second: the screen shows "bezig met
                // ontgrendelen" (or the passphrase dialog "bezig…") first, then the work
                // runs as the next idle step.
                e @ (Effect::Unlock(_) | Effect::CreateVault(_) | Effect::ChangePassphrase { .. }) => {
                    self.background.push_front(e)
                }
                e => {
                    let quiet = quiet(&e);
                    match self.fx.run(e) {
                        Some(actions) => {
                            for a in actions {
                                effects.extend(self.app.update(a));
                            }
                        }
                        // Not back yet: say so (the answer is taken in by `take_late`).
                        None if !quiet => effects.extend(self.app.update(Action::StorageBusy(true))),
                        None => {}
                    }
                }
            }
        }
        Flow::Go
    }

    fn apply_all(&mut self, actions: Vec<Action>) -> Flow {
        for a in actions {
            if let Flow::Quit = self.apply(a) {
                return Flow::Quit;
            }
        }
        Flow::Go
    }

    /// Runs one effect outside `apply` (background work, start-up).
    fn run_effect(&mut self, e: Effect) -> Flow {
        let quiet = quiet(&e);
        match self.fx.run(e) {
            Some(actions) => self.apply_all(actions),
            None if !quiet => self.apply(Action::StorageBusy(true)),
            None => Flow::Go,
        }
    }

    /// Answers that came late, applied in order; the notice goes once nothing is left.
    fn take_late(&mut self) -> Flow {
        for actions in self.fx.poll() {
            if let Flow::Quit = self.apply_all(actions) {
                return Flow::Quit;
            }
        }
        if !self.fx.waiting() && self.app.storage_busy {
            return self.apply(Action::StorageBusy(false));
        }
        Flow::Go
    }

    /// One slice of background work; false when there is none.
    fn idle_step(&mut self) -> Flow {
        if let Some(e) = self.background.pop_front() {
            return self.run_effect(e);
        } else if self.app.list.scanning() {
            return self.apply(Action::SearchStep);
        }
        Flow::Go
    }

    fn busy(&self) -> bool {
        !self.background.is_empty() || self.app.list.scanning()
    }
}

/// Effects that are slow by nature and say so themselves (unlocking, a new passphrase, a
/// backup, search loading): no "the disk is slow" notice for them.
fn quiet(e: &Effect) -> bool {
    matches!(
        e,
        Effect::Unlock(_)
            | Effect::CreateVault(_)
            | Effect::ChangePassphrase { .. }
            | Effect::AutoBackup
            | Effect::CheckBackup
            | Effect::Lock
            | Effect::LoadSearchTexts { .. }
    )
}

/// How long the loop waits for an effect before it draws "bezig met opslaan" and goes on.
const SLOW: Duration = Duration::from_millis(1500);
/// Leaving: how long outstanding writes and the quit's backup are waited for.
const LEAVING: Duration = Duration::from_secs(30);

/// Runs the UI until the user quits. `start`: effects to run first (an unlock with a preset
/// passphrase, say).
pub fn run(opts: Options, fx: Runner, app: App, start: Vec<Effect>) -> Result<i32, AppError> {
    let mut after = None;
    let code = run_terminal(opts, fx, app, start, &mut after);
    // Said once the terminal is back to normal, so it stays readable.
    if let Some(note) = after {
        eprintln!("{note}");
    }
    code
}

/// Leaving after the user quit: the automatic backup of the changes made, when one is set.
/// A failure is said after the terminal is restored (`after`).
fn finish(
    lp: &mut Loop,
    terminal: &mut ratatui::DefaultTerminal,
    after: &mut Option<String>,
) -> Result<i32, AppError> {
    let lang = lp.app.lang;
    // Writes still under way (a slow disk) finish first.
    if lp.fx.waiting() {
        lp.app.message = Some(crate::i18n::t(lang, "ui.msg.storage_slow").to_string());
        let _ = terminal.draw(|f| screens::render(&lp.app, f.area(), f.buffer_mut()));
        lp.fx.drain(LEAVING);
        if lp.fx.waiting() {
            *after = Some(crate::i18n::t(lang, "ui.msg.storage_stuck_on_quit").to_string());
            return Ok(0);
        }
    }
    if lp.fx.quit_backup_due(SLOW) {
        lp.app.message = Some(crate::i18n::t(lang, "ui.backup.running").to_string());
        let _ = terminal.draw(|f| screens::render(&lp.app, f.area(), f.buffer_mut()));
        for a in lp.fx.quit_backup(LEAVING).unwrap_or_default() {
            if let Action::BackupFailed(m) = a
                && !m.is_empty()
            {
                *after = Some(crate::i18n::tf(lang, "ui.backup.quit_failed", &[("error", &m)]));
            }
        }
    }
    Ok(0)
}

fn run_terminal(
    opts: Options,
    fx: Runner,
    mut app: App,
    start: Vec<Effect>,
    after: &mut Option<String>,
) -> Result<i32, AppError> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(sig, Arc::clone(&stop))
            .map_err(|source| AppError::ReadInput { path: "signal".into(), source })?;
    }
    watchdog(Arc::clone(&stop));
    let mut terminal =
        ratatui::try_init().map_err(|source| AppError::ReadInput { path: "terminal".into(), source })?;
    let _guard = TerminalGuard;
    let _ = crossterm::execute!(std::io::stdout(), event::EnableBracketedPaste);
    app.demo = opts.demo;
    let fx = worker::Worker::spawn(fx, SLOW);
    let mut lp = Loop { fx, app, background: VecDeque::new(), backup_pending: false };
    for e in start {
        match e {
            Effect::LoadSearchTexts { .. } => lp.background.push_back(e),
            Effect::Quit => return Ok(0),
            e => {
                if let Flow::Quit = lp.run_effect(e) {
                    return finish(&mut lp, &mut terminal, after);
                }
            }
        }
    }
    let mut last_input = Instant::now();
    let mut last_draft = Instant::now();
    loop {
        if let Flow::Quit = lp.take_late() {
            return finish(&mut lp, &mut terminal, after);
        }
        let size = terminal.size().unwrap_or_default();
        lp.app.page = size.height.saturating_sub(6).max(1) as usize;
        lp.app.width = size.width;
        // Work put off while keys came in (the editor's check for personal data) is done
        // once per batch, just before the batch's one frame.
        lp.app.settle();
        // A terminal that can no longer be drawn on is gone: wind down as on SIGHUP.
        if terminal.draw(|f| screens::render(&lp.app, f.area(), f.buffer_mut())).is_err() {
            stop.store(true, Ordering::Relaxed);
        }
        if stop.load(Ordering::Relaxed) {
            lp.apply(Action::Terminate);
            return Ok(0);
        }
        // Our own readiness check comes first: on a hung-up terminal crossterm's reader
        // spins forever, so a closed window must be noticed before crossterm is asked.
        let wait = if lp.busy() {
            Duration::ZERO
        } else if lp.fx.waiting() {
            Duration::from_millis(50)
        } else {
            Duration::from_millis(200)
        };
        if let Input::HungUp = wait_input(wait) {
            stop.store(true, Ordering::Relaxed);
            continue;
        }
        // Every event crossterm holds (it may parse several from one read), then draw.
        let mut had_input = false;
        while event::poll(Duration::ZERO).unwrap_or(false) {
            let action = match event::read() {
                Ok(Event::Key(k)) if k.kind == KeyEventKind::Press => {
                    Some(keymap::resolve(lp.app.context(), k))
                }
                Ok(Event::Paste(s)) => Some(Action::Paste(s)),
                Ok(_) => None,
                Err(_) => {
                    stop.store(true, Ordering::Relaxed);
                    break;
                }
            };
            had_input = true;
            if let Some(a) = action {
                last_input = Instant::now();
                if let Flow::Quit = lp.apply(a) {
                    return finish(&mut lp, &mut terminal, after);
                }
            }
            if let Input::HungUp = wait_input(Duration::ZERO) {
                break;
            }
        }
        if !had_input && let Flow::Quit = lp.idle_step() {
            return finish(&mut lp, &mut terminal, after);
        }
        if lp.backup_pending && !had_input && last_input.elapsed() >= IDLE_BEFORE_BACKUP {
            lp.backup_pending = false;
            if let Flow::Quit = lp.run_effect(Effect::AutoBackup) {
                return finish(&mut lp, &mut terminal, after);
            }
        }
        if last_draft.elapsed() >= opts.draft_every {
            last_draft = Instant::now();
            lp.apply(Action::DraftTick);
            // Changes saved within the backup interval get their backup once it has passed.
            if lp.app.is_unlocked()
                && !lp.app.backing_up
                && let Flow::Quit = lp.run_effect(Effect::CheckBackup)
            {
                return finish(&mut lp, &mut terminal, after);
            }
            let today = opts.clock.today();
            if today != lp.app.today {
                lp.apply(Action::NewDay(today));
            }
        }
        // Keys that arrived meanwhile are handled first (the next round): locking now would
        // type them into the passphrase field of the lock screen.
        let pending = || event::poll(Duration::ZERO).unwrap_or(false);
        if should_lock(lp.app.is_unlocked(), last_input.elapsed(), opts.lock_after, pending) {
            last_input = Instant::now();
            lp.apply(Action::Cmd(action::Cmd::Lock));
        }
    }
}
