use clap::Parser;

// sled allocates for every item it reads; with glibc malloc that was the largest single cost
// of opening a vault of 100,000 consultations.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use consultlog::cli::{Cli, Context, run};
use consultlog::i18n::Lang;

fn main() {
    let cli = Cli::parse();
    let lang = cli.lang.unwrap_or_default();
    let code = match Context::from_cli(&cli) {
        Ok(ctx) => match cli.command {
            Some(cmd) => run(cmd, &ctx),
            None => {
                // The terminal UI arrives with its own issue; until then, say what to do.
                eprintln!(
                    "consultlog: {}",
                    if lang == Lang::Nl {
                        "gebruik `consultlog --help` voor de opdrachten"
                    } else {
                        "use `consultlog --help` for the commands"
                    }
                );
                Ok(2)
            }
        },
        Err(e) => Err(e),
    };
    match code {
        Ok(c) => std::process::exit(c),
        Err(e) => {
            eprintln!("consultlog: {}", e.message(lang));
            std::process::exit(1);
        }
    }
}
