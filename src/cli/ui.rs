//! The terminal UI started from the command line: `consultlog` without a subcommand opens
//! the vault in the UI, `consultlog demo` a throwaway one. The UI itself (`crate::tui`) knows
//! nothing of the command line; this is where the two meet.

use super::Context;
use crate::error::AppError;
use crate::store::Vault;
use crate::tui::action::Effect;
use crate::tui::app::App;
use crate::tui::effects::Runner;
use crate::tui::{Options, run};
use std::time::Duration;

fn env_secs(name: &str) -> Option<Duration> {
    std::env::var(name).ok()?.trim().parse::<f64>().ok().filter(|s| *s > 0.0).map(Duration::from_secs_f64)
}

/// The UI settings of a command-line context.
pub fn options(ctx: &Context) -> Options {
    Options {
        lang: ctx.lang,
        clock: ctx.clock,
        lock_after: ctx.lock_after.map_or(Duration::from_secs(300), Duration::from_secs),
        draft_every: env_secs("CONSULTLOG_DRAFT_SECS").unwrap_or(Duration::from_secs(3)),
        demo: false,
    }
}

/// Where shared files go by default: the user's documents folder, else home, else here.
fn set_places(app: &mut App) {
    let dirs = directories::UserDirs::new();
    app.home = dirs.as_ref().map(|d| d.home_dir().to_path_buf());
    // Without XDG settings the `directories` crate knows no Documents/Downloads: try the
    // usual names in the home folder.
    let named = |known: Option<&std::path::Path>, names: &[&str]| {
        known.map(std::path::Path::to_path_buf).filter(|p| p.is_dir()).or_else(|| {
            let home = app.home.as_ref()?;
            names.iter().map(|n| home.join(n)).find(|p| p.is_dir())
        })
    };
    let docs = named(dirs.as_ref().and_then(|d| d.document_dir()), &["Documenten", "Documents"]);
    let downloads = named(dirs.as_ref().and_then(|d| d.download_dir()), &["Downloads"]);
    app.in_dirs = downloads.into_iter().collect();
    app.out_dir = docs.or_else(|| app.home.clone()).unwrap_or_else(|| std::path::PathBuf::from("."));
}

/// `consultlog` without a subcommand: the UI on the vault of `ctx`.
pub fn open(ctx: &Context) -> Result<i32, AppError> {
    let opts = options(ctx);
    // Only the values `init` accepts: an environment variable must not make a weak vault.
    let kdf = std::env::var("CONSULTLOG_KDF_LOG_N").ok().and_then(|s| s.parse::<u8>().ok());
    let kdf = super::checked_kdf(kdf)?;
    let exists = Vault::exists(&ctx.vault_dir);
    // Taken before any passphrase is typed: a second process hears "in use" at once.
    let lock = if exists { Some(crate::store::VaultLock::acquire(&ctx.vault_dir)?) } else { None };
    let fx = Runner::new(ctx.vault_dir.clone(), ctx.lang, kdf, lock);
    let mut app = App::new(ctx.lang, opts.clock.today(), exists);
    set_places(&mut app);
    let start = match (exists, super::preset_passphrase(ctx)?) {
        (true, Some(p)) => vec![Effect::Unlock(p)],
        _ => vec![],
    };
    run(opts, fx, app, start)
}

const DEMO_CONTACT: &str = "lkha-demo-adviseur";

const DEMO_PREFIX: &str = "consultlog-demo-";

/// Demo folders a killed demo left behind: any not in use (its lock is free) and older than
/// a minute (so one being created right now is left alone) is removed.
fn remove_stale_demos(tmp: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(tmp) else { return };
    for e in entries.flatten() {
        let p = e.path();
        let ours = e.file_name().to_string_lossy().starts_with(DEMO_PREFIX);
        let old = e.metadata().ok().and_then(|m| m.modified().ok()).and_then(|t| t.elapsed().ok());
        if !ours || !p.is_dir() || old.is_none_or(|age| age < std::time::Duration::from_secs(60)) {
            continue;
        }
        match crate::store::VaultLock::acquire(&p) {
            Err(crate::store::VaultError::InUse(_)) => {}
            lock => {
                drop(lock);
                let _ = std::fs::remove_dir_all(&p);
            }
        }
    }
}

/// `consultlog demo`: a throwaway vault of fictional consultations, removed on exit.
pub fn demo(ctx: &Context) -> Result<i32, AppError> {
    let mut opts = options(ctx);
    remove_stale_demos(&std::env::temp_dir());
    let dir = std::env::temp_dir().join(format!("{DEMO_PREFIX}{}", uuid::Uuid::new_v4()));
    let pass = age::secrecy::SecretString::from(uuid::Uuid::new_v4().to_string());
    let (lang, today) = (ctx.lang, opts.clock.today());
    let result = (|| {
        let vault = Vault::create(&dir, &pass, Some(10))?;
        vault.add_many(crate::domain::demo::generate(300, 1, today.0))?;
        // The published demo adviser, so sharing can be practised; its files stay in the
        // demo folder and go with it on exit.
        let card = crate::share::Card::parse(crate::share::addressbook::DEMO_CARD)
            .map_err(crate::share::ShareError::from)?;
        crate::share::ops::add_contact(
            &vault,
            DEMO_CONTACT,
            crate::share::ops::ContactSource::Card(card),
            true,
        )?;
        let fx = Runner::opened(dir.clone(), lang, vault);
        let mut app = App::new(lang, today, true);
        set_places(&mut app);
        app.out_dir = dir.clone();
        app.demo = true;
        let first = fx.loaded();
        opts.demo = true;
        let mut app_fx = app.update(first);
        app_fx.retain(|e| !matches!(e, Effect::Quit));
        run(opts, fx, app, app_fx)
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}
