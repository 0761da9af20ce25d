//! Sharing commands: keys, share, import, reply, log.

use super::passphrase::open_vault;
use super::{Context, KeysCommand};
use crate::audit;
use crate::error::AppError;
use crate::i18n::{t, tf};
use crate::safe::visible;
use crate::share::{AddressBook, ShareError, addressbook, ops};
use std::path::Path;

pub fn keys(ctx: &Context, cmd: KeysCommand) -> Result<i32, AppError> {
    let vault = open_vault(ctx)?;
    match cmd {
        KeysCommand::Add { name, recipient } => {
            let source = if recipient.trim().starts_with("age1") {
                ops::ContactSource::read(&recipient)?
            } else {
                let text = std::fs::read_to_string(&recipient)
                    .map_err(|source| AppError::ReadInput { path: recipient.clone(), source })?;
                ops::ContactSource::parse(&text, &recipient)?
            };
            let c = ops::add_contact(&vault, &name, source, false)?;
            match c.fingerprint() {
                Some(fp) => eprintln!(
                    "{}",
                    tf(ctx.lang, "cli.card_added", &[("name", &c.name), ("fingerprint", &fp)])
                ),
                None => eprintln!(
                    "{}",
                    tf(
                        ctx.lang,
                        "cli.key_added",
                        &[("name", &c.name), ("n", &c.recipients.len().to_string())]
                    )
                ),
            }
        }
        KeysCommand::List => {
            let book = AddressBook::load(&vault)?;
            if book.contacts.is_empty() {
                println!("{}", t(ctx.lang, "cli.no_keys"));
            }
            for c in &book.contacts {
                let state = match c.fingerprint() {
                    Some(fp) => tf(ctx.lang, "cli.contact_verified", &[("fingerprint", &fp)]),
                    None => t(ctx.lang, "cli.contact_unverified").to_string(),
                };
                for r in &c.recipients {
                    println!("{}\t{}\t{}", visible(&c.name), r, state);
                }
            }
        }
        KeysCommand::Remove { name } => {
            ops::remove_contact(&vault, &name)?;
            eprintln!("{}", tf(ctx.lang, "cli.key_removed", &[("name", &name)]));
        }
        KeysCommand::Rename { name, new_name } => {
            ops::rename_contact(&vault, &name, &new_name)?;
            eprintln!("{}", tf(ctx.lang, "cli.key_renamed", &[("name", &name), ("new", new_name.trim())]));
        }
    }
    Ok(0)
}

/// `card`: sets the name and organisation when given, and writes this vault's card.
pub fn card(
    ctx: &Context,
    name: Option<&str>,
    organisation: Option<&str>,
    out: Option<&Path>,
) -> Result<i32, AppError> {
    let vault = open_vault(ctx)?;
    let mut card = addressbook::own_card(&vault)?;
    if name.is_some() || organisation.is_some() {
        card = addressbook::set_profile(
            &vault,
            name.unwrap_or(&card.name),
            organisation.unwrap_or(&card.organisation),
        )?;
    }
    let text = card.to_text();
    match out {
        Some(path) => {
            ops::write_out(path, text.as_bytes(), || Ok(()))?;
            eprintln!(
                "{}",
                tf(
                    ctx.lang,
                    "cli.card_written",
                    &[("file", &path.display().to_string()), ("fingerprint", &card.fingerprint())]
                )
            );
        }
        None => print!("{text}"),
    }
    Ok(0)
}

pub fn share(ctx: &Context, ids: &[String], to: &[String], out: &Path, armor: bool) -> Result<i32, AppError> {
    let vault = open_vault(ctx)?;
    let ids = ids.iter().map(|id| vault.find_id(id)).collect::<Result<Vec<_>, _>>()?;
    let n = ops::share(&vault, &ids, to, armor, out)?;
    eprintln!(
        "{}",
        tf(ctx.lang, "cli.shared", &[("n", &n.to_string()), ("file", &out.display().to_string())])
    );
    Ok(0)
}

pub fn import(ctx: &Context, file: &Path, allow_unverified: bool) -> Result<i32, AppError> {
    let bytes = std::fs::read(file)
        .map_err(|source| AppError::ReadInput { path: file.display().to_string(), source })?;
    let vault = open_vault(ctx)?;
    let outcome = ops::import(&vault, &bytes, &file.display().to_string(), allow_unverified)?;
    for id in outcome.received.iter().chain(&outcome.advised) {
        println!("{id}");
    }
    if outcome.received.is_empty() && outcome.advised.is_empty() {
        return Err(AppError::NothingNew);
    }
    if !outcome.received.is_empty() {
        eprintln!("{}", tf(ctx.lang, "cli.imported_bundle", &[("n", &outcome.received.len().to_string())]));
    }
    if !outcome.advised.is_empty() {
        eprintln!("{}", tf(ctx.lang, "cli.imported_reply", &[("n", &outcome.advised.len().to_string())]));
    }
    if outcome.skipped > 0 {
        eprintln!("{}", tf(ctx.lang, "cli.import_skipped", &[("n", &outcome.skipped.to_string())]));
    }
    Ok(0)
}

pub fn reply(ctx: &Context, id: &str, out: &Path, armor: bool) -> Result<i32, AppError> {
    let vault = open_vault(ctx)?;
    ops::reply(&vault, &vault.find_id(id)?, out, armor)?;
    eprintln!("{}", tf(ctx.lang, "cli.replied", &[("file", &out.display().to_string())]));
    Ok(0)
}

pub fn log(ctx: &Context, json: bool) -> Result<i32, AppError> {
    let vault = open_vault(ctx)?;
    let entries = audit::entries(&vault).map_err(ShareError::from)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&entries).unwrap_or_default());
    } else if entries.is_empty() {
        println!("{}", t(ctx.lang, "cli.log_empty"));
    } else {
        let l = ctx.lang;
        let label = |a: &str| {
            let key = format!("audit.{a}");
            match t(l, &key) {
                s if s == key => a.to_string(),
                s => s.to_string(),
            }
        };
        // The action column as wide as its longest entry, so details line up.
        let width = entries.iter().map(|e| label(&e.action).chars().count()).max().unwrap_or(0).max(18);
        println!(
            "{:>4}  {:16}  {:width$}  {}",
            t(l, "cli.log.nr"),
            t(l, "cli.log.at"),
            t(l, "cli.log.action"),
            t(l, "cli.log.detail")
        );
        for e in &entries {
            println!(
                "{:>4}  {}  {:width$}  {}",
                e.seq,
                e.at.format("%d-%m-%Y %H:%M"),
                label(&e.action),
                visible(&readable(&e.detail, l))
            );
        }
    }
    Ok(0)
}

/// An audit entry's details as a person reads them: `naam: waarde` pairs in the user's
/// language where the name is known (`audit.key.*`), yes/no for flags, lists joined.
fn readable(v: &serde_json::Value, l: crate::i18n::Lang) -> String {
    use serde_json::Value;
    let name = |k: &str| {
        let key = format!("audit.key.{k}");
        match t(l, &key) {
            s if s == key => k.to_string(),
            s => s.to_string(),
        }
    };
    match v {
        Value::Object(map) => {
            map.iter().map(|(k, v)| format!("{}: {}", name(k), readable(v, l))).collect::<Vec<_>>().join(", ")
        }
        Value::Array(items) => items.iter().map(|i| readable(i, l)).collect::<Vec<_>>().join(" "),
        Value::String(s) => s.clone(),
        Value::Bool(b) => t(l, if *b { "audit.yes" } else { "audit.no" }).to_string(),
        Value::Null => "—".into(),
        other => other.to_string(),
    }
}
