//! Sharing commands: keys, share, import, reply, log.

use super::passphrase::open_vault;
use super::{Context, KeysCommand};
use crate::audit;
use crate::error::AppError;
use crate::i18n::{t, tf};
use crate::share::{AddressBook, ShareError, addressbook, ops};
use std::path::Path;

pub fn keys(ctx: &Context, cmd: KeysCommand) -> Result<i32, AppError> {
    let vault = open_vault(ctx)?;
    let mut book = AddressBook::load(&vault)?;
    match cmd {
        KeysCommand::Add { name, recipient } => {
            let recipients = if recipient.trim().starts_with("age1") {
                vec![addressbook::parse_recipient(&recipient)?.to_string()]
            } else {
                let text = std::fs::read_to_string(&recipient)
                    .map_err(|source| AppError::ReadInput { path: recipient.clone(), source })?;
                let list = addressbook::parse_recipients_file(&text)?;
                if list.is_empty() {
                    return Err(ShareError::EmptyRecipients(recipient).into());
                }
                list
            };
            let n = recipients.len();
            book.add(&name, recipients)?;
            book.save(&vault)?;
            eprintln!("{}", tf(ctx.lang, "cli.key_added", &[("name", &name), ("n", &n.to_string())]));
        }
        KeysCommand::List => {
            if book.contacts.is_empty() {
                println!("{}", t(ctx.lang, "cli.no_keys"));
            }
            for c in &book.contacts {
                for r in &c.recipients {
                    println!("{}\t{}", c.name, r);
                }
            }
        }
        KeysCommand::Remove { name } => {
            book.remove(&name)?;
            book.save(&vault)?;
            eprintln!("{}", tf(ctx.lang, "cli.key_removed", &[("name", &name)]));
        }
    }
    Ok(0)
}

pub fn share(ctx: &Context, ids: &[String], to: &[String], out: &Path, armor: bool) -> Result<i32, AppError> {
    let vault = open_vault(ctx)?;
    let n = ops::share(&vault, ids, to, armor, out)?;
    eprintln!(
        "{}",
        tf(ctx.lang, "cli.shared", &[("n", &n.to_string()), ("file", &out.display().to_string())])
    );
    Ok(0)
}

pub fn import(ctx: &Context, file: &Path) -> Result<i32, AppError> {
    let bytes = std::fs::read(file)
        .map_err(|source| AppError::ReadInput { path: file.display().to_string(), source })?;
    let vault = open_vault(ctx)?;
    let outcome = ops::import(&vault, &bytes, &file.display().to_string())?;
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
    ops::reply(&vault, id, out, armor)?;
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
        for e in &entries {
            println!("{:>4}  {}  {:8}  {}", e.seq, e.at.format("%d-%m-%Y %H:%M"), e.action, e.detail);
        }
    }
    Ok(0)
}
