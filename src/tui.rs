//! The terminal UI: set-up and tear-down in one place, and the event loop that feeds keys
//! through the keymap into `App::update` and runs the returned effects.

pub mod action;
pub mod app;
pub mod contacts;
pub mod effects;
pub mod form;
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

use crate::error::AppError;
use crate::i18n::Lang;
use action::{Action, Effect};
use app::App;
use crossterm::event::{self, Event, KeyEventKind};
use effects::Runner;
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
    fx: Runner,
    app: App,
    background: VecDeque<Effect>,
}

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
                Effect::Quit => return Flow::Quit,
                e @ Effect::LoadSearchTexts { .. } => self.background.push_back(e),
                // Deriving the key takes about a second: the screen shows "bezig met
                // ontgrendelen" (or the passphrase dialog "bezig…") first, then the work
                // runs as the next idle step.
                e @ (Effect::Unlock(_) | Effect::CreateVault(_) | Effect::ChangePassphrase { .. }) => {
                    self.background.push_front(e)
                }
                e => {
                    for a in self.fx.run(e) {
                        effects.extend(self.app.update(a));
                    }
                }
            }
        }
        Flow::Go
    }

    /// One slice of background work; false when there is none.
    fn idle_step(&mut self) -> Flow {
        if let Some(e) = self.background.pop_front() {
            for a in self.fx.run(e) {
                if let Flow::Quit = self.apply(a) {
                    return Flow::Quit;
                }
            }
        } else if self.app.list.scanning() {
            return self.apply(Action::SearchStep);
        }
        Flow::Go
    }

    fn busy(&self) -> bool {
        !self.background.is_empty() || self.app.list.scanning()
    }
}

/// Runs the UI until the user quits. `start`: effects to run first (an unlock with a preset
/// passphrase, say).
pub fn run(opts: Options, fx: Runner, mut app: App, start: Vec<Effect>) -> Result<i32, AppError> {
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
    let mut lp = Loop { fx, app, background: VecDeque::new() };
    for e in start {
        let results = match e {
            Effect::LoadSearchTexts { .. } => {
                lp.background.push_back(e);
                continue;
            }
            Effect::Quit => return Ok(0),
            e => lp.fx.run(e),
        };
        for a in results {
            if let Flow::Quit = lp.apply(a) {
                return Ok(0);
            }
        }
    }
    let mut last_input = Instant::now();
    let mut last_draft = Instant::now();
    loop {
        let size = terminal.size().unwrap_or_default();
        lp.app.page = size.height.saturating_sub(6).max(1) as usize;
        lp.app.width = size.width;
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
        let wait = if lp.busy() { Duration::ZERO } else { Duration::from_millis(200) };
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
                    return Ok(0);
                }
            }
            if let Input::HungUp = wait_input(Duration::ZERO) {
                break;
            }
        }
        if !had_input && let Flow::Quit = lp.idle_step() {
            return Ok(0);
        }
        if last_draft.elapsed() >= opts.draft_every {
            last_draft = Instant::now();
            lp.apply(Action::DraftTick);
            let today = opts.clock.today();
            if today != lp.app.today {
                lp.apply(Action::NewDay(today));
            }
        }
        if lp.app.is_unlocked() && last_input.elapsed() >= opts.lock_after {
            last_input = Instant::now();
            lp.apply(Action::Cmd(action::Cmd::Lock));
        }
    }
}
