use clap::{CommandFactory, FromArgMatches};

// sled allocates for every item it reads; with glibc malloc that was the largest single cost
// of opening a vault of 100,000 consultations.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use consultlog::cli::{Cli, Context, run};

fn main() {
    // Before anything is decrypted: a crash must not write notes or keys to disk.
    consultlog::hardening::no_core_dumps();
    // Help in the user's language: Dutch unless --lang en (or CONSULTLOG_LANG=en).
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let help_lang = consultlog::cli::help::early_lang(&args);
    let matches = match consultlog::cli::help::localise(Cli::command(), help_lang).try_get_matches_from(args)
    {
        Ok(m) => m,
        Err(e) => match consultlog::cli::help::parse_error(&e, help_lang) {
            // One sentence in the user's language, not clap's English.
            Some(sentence) => {
                eprintln!("consultlog: {}", consultlog::safe::visible(&sentence));
                std::process::exit(2);
            }
            None => e.exit(),
        },
    };
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let lang = cli.lang.unwrap_or_default();
    let code = match Context::from_cli(&cli) {
        Ok(ctx) => match cli.command {
            Some(cmd) => run(cmd, &ctx),
            None => consultlog::cli::ui::open(&ctx),
        },
        Err(e) => Err(e),
    };
    match code {
        Ok(c) => std::process::exit(c),
        Err(e) => {
            // Messages may quote a file or a record: nothing in them is obeyed by the terminal.
            eprintln!("consultlog: {}", consultlog::safe::visible(&e.message(lang)));
            std::process::exit(1);
        }
    }
}
