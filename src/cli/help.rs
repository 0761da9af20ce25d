//! The command line's help in the user's language. The English texts are the doc comments of
//! the argument types; the Dutch ones live in `data/help_nl.json`, keyed by the command path
//! ("stats report") and, for an argument, its id ("stats report --k" is "stats report k").
//! A test checks that every command and argument has its Dutch text.

use crate::i18n::Lang;
use std::collections::BTreeMap;
use std::sync::LazyLock;

static NL: LazyLock<BTreeMap<String, String>> = LazyLock::new(|| {
    // Compiled in and checked by a test: a broken file is a build defect.
    serde_json::from_str(include_str!("../../data/help_nl.json")).unwrap_or_default()
});

/// The language asked for before the arguments are parsed: `--lang X` / `--lang=X` on the
/// command line, else `CONSULTLOG_LANG`, else Dutch.
pub fn early_lang(args: &[std::ffi::OsString]) -> Lang {
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--lang" {
            return it.next().and_then(|v| Lang::parse(&v)).unwrap_or_default();
        }
        if let Some(v) = a.strip_prefix("--lang=") {
            return Lang::parse(v).unwrap_or_default();
        }
    }
    std::env::var("CONSULTLOG_LANG").ok().and_then(|v| Lang::parse(&v)).unwrap_or_default()
}

fn key(path: &str, item: &str) -> String {
    [path, item].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" ")
}

/// Every help key of a command tree with its English text (the doc comment), in order.
pub fn keys(cmd: &clap::Command) -> Vec<(String, String)> {
    fn walk(cmd: &clap::Command, path: &str, out: &mut Vec<(String, String)>) {
        out.push((path.to_string(), cmd.get_about().map(|s| s.to_string()).unwrap_or_default()));
        for a in cmd.get_arguments().filter(|a| !a.is_hide_set() && !a.is_global_set() || path.is_empty()) {
            let id = a.get_id().as_str();
            if matches!(id, "help" | "version") {
                continue;
            }
            out.push((key(path, id), a.get_help().map(|s| s.to_string()).unwrap_or_default()));
        }
        for s in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            walk(s, &key(path, s.get_name()), out);
        }
    }
    let mut out = Vec::new();
    walk(cmd, "", &mut out);
    out
}

/// The command tree with its help texts, headings and built-in flags in `lang`.
pub fn localise(cmd: clap::Command, lang: Lang) -> clap::Command {
    if lang == Lang::En {
        return cmd;
    }
    fn walk(mut cmd: clap::Command, path: &str) -> clap::Command {
        let nl = |k: &str| NL.get(k).cloned();
        if let Some(about) = nl(path) {
            cmd = cmd.about(about);
        }
        cmd = cmd
            .help_template("{about-with-newline}\nGebruik: {usage}\n\n{all-args}{after-help}")
            .subcommand_help_heading("Opdrachten")
            .next_help_heading("Opties")
            .disable_help_subcommand(true)
            .disable_help_flag(true)
            .arg(
                clap::Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(clap::ArgAction::Help)
                    .help("Toon deze hulp")
                    .help_heading("Opties"),
            );
        if path.is_empty() {
            cmd = cmd.disable_version_flag(true).arg(
                clap::Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(clap::ArgAction::Version)
                    .help("Toon de versie")
                    .help_heading("Opties"),
            );
        }
        let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
        for id in ids.iter().filter(|i| !matches!(i.as_str(), "help" | "version")) {
            if let Some(h) = nl(&key(path, id)) {
                cmd = cmd.mut_arg(id.as_str(), |a| {
                    let heading = if a.is_positional() { "Argumenten" } else { "Opties" };
                    a.help(h).help_heading(heading)
                });
            }
            cmd = cmd.mut_arg(id.as_str(), dutch_notes);
        }
        let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
        for name in names {
            let sub_path = key(path, &name);
            cmd = cmd.mut_subcommand(name.as_str(), |s| walk(s, &sub_path));
        }
        cmd
    }
    dutch_usage(walk(cmd, "")).override_usage("consultlog [OPTIES] [OPDRACHT]")
}

/// clap's "[default: x]" and "[env: X]" after an argument's help, in Dutch.
fn dutch_notes(a: clap::Arg) -> clap::Arg {
    let mut notes = Vec::new();
    let defaults: Vec<String> =
        a.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    if !defaults.is_empty() && !a.is_hide_default_value_set() {
        notes.push(format!("[standaard: {}]", defaults.join(", ")));
    }
    if let Some(env) = a.get_env().filter(|_| !a.is_hide_env_set()) {
        notes.push(format!("[omgevingsvariabele: {}]", env.to_string_lossy()));
    }
    if notes.is_empty() {
        return a;
    }
    let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
    let help = [help].into_iter().chain(notes).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ");
    a.help(help).hide_default_value(true).hide_env(true)
}

/// clap writes "[OPTIONS]" and "<COMMAND>" into the usage line it makes for each command:
/// each is made once and given back in Dutch.
fn dutch_usage(mut cmd: clap::Command) -> clap::Command {
    fn walk(mut cmd: clap::Command) -> clap::Command {
        let made = cmd.render_usage().to_string();
        let usage = made.split_once(": ").map_or(made.as_str(), |(_, u)| u).trim().to_string();
        let usage = usage
            .replace("[OPTIONS]", "[OPTIES]")
            .replace("<COMMAND>", "<OPDRACHT>")
            .replace("[COMMAND]", "[OPDRACHT]");
        cmd = cmd.override_usage(usage);
        let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
        for name in names {
            cmd = cmd.mut_subcommand(name.as_str(), walk);
        }
        cmd
    }
    cmd.build();
    walk(cmd)
}

/// A mistake on the command line as one sentence in the user's language (clap's own text
/// is English). `None` for help and version output, which clap prints itself.
pub fn parse_error(e: &clap::Error, lang: Lang) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind as K};
    let get = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let arg = get(ContextKind::InvalidArg);
    let key = match e.kind() {
        K::DisplayHelp | K::DisplayVersion | K::DisplayHelpOnMissingArgumentOrSubcommand => return None,
        K::InvalidSubcommand => {
            return Some(crate::i18n::tf(
                lang,
                "cli.err.subcommand",
                &[("value", &get(ContextKind::InvalidSubcommand))],
            ));
        }
        K::UnknownArgument => "cli.err.unknown_arg",
        K::MissingRequiredArgument => "cli.err.missing",
        K::InvalidValue if get(ContextKind::InvalidValue).is_empty() => "cli.err.no_value",
        K::InvalidValue | K::ValueValidation | K::InvalidUtf8 => {
            return Some(crate::i18n::tf(
                lang,
                "cli.err.value",
                &[("value", &get(ContextKind::InvalidValue)), ("arg", &arg)],
            ));
        }
        K::ArgumentConflict => {
            return Some(crate::i18n::tf(
                lang,
                "cli.err.conflict",
                &[("arg", &arg), ("other", &get(ContextKind::PriorArg))],
            ));
        }
        K::TooManyValues | K::WrongNumberOfValues | K::TooFewValues | K::NoEquals => "cli.err.values",
        K::MissingSubcommand => "cli.err.missing_subcommand",
        _ => "cli.err.other",
    };
    Some(crate::i18n::tf(lang, key, &[("arg", &arg)]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn every_command_and_argument_has_its_dutch_help() {
        let missing: Vec<String> = keys(&super::super::Cli::command())
            .into_iter()
            .filter(|(k, _)| !NL.contains_key(k))
            .map(|(k, en)| format!("{k:?}: {en:?}"))
            .collect();
        assert!(missing.is_empty(), "no Dutch help in data/help_nl.json for:\n{}", missing.join("\n"));
    }

    #[test]
    fn dutch_help_has_no_english_words_of_claps_own() {
        fn walk(cmd: &mut clap::Command, seen: &mut usize) {
            let help = cmd.render_help().to_string();
            for english in ["[OPTIONS]", "<COMMAND>", "[COMMAND]", "[default:", "[env:", "Usage:", "Options:"]
            {
                assert!(!help.contains(english), "{english} in the help of {}:\n{help}", cmd.get_name());
            }
            *seen += 1;
            for s in cmd.get_subcommands_mut() {
                walk(s, seen);
            }
        }
        let mut cmd = localise(super::super::Cli::command(), Lang::Nl);
        cmd.build();
        let mut seen = 0;
        walk(&mut cmd, &mut seen);
        assert!(seen > 20, "{seen}");
        let add = cmd.find_subcommand_mut("export").unwrap().render_help().to_string();
        assert!(
            add.contains("Gebruik: consultlog export [OPTIES]") && add.contains("[standaard: md]"),
            "{add}"
        );
        assert!(add.contains("[omgevingsvariabele: CONSULTLOG_VAULT]"), "{add}");
    }
}
