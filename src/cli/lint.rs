//! `consultlog lint`: personal data in free text. Exit 0 clean, 1 findings, 2 bad input.

use super::Context;
use crate::error::AppError;
use crate::i18n::{t, tf};
use crate::privacy::detect;
use std::io::Read;
use std::path::Path;

pub fn run(ctx: &Context, file: Option<&Path>, json: bool) -> Result<i32, AppError> {
    let name = file.map_or("-".to_string(), |p| p.display().to_string());
    let mut bytes = Vec::new();
    let read = match file {
        None => std::io::stdin().read_to_end(&mut bytes),
        Some(p) if p.as_os_str() == "-" => std::io::stdin().read_to_end(&mut bytes),
        Some(p) => std::fs::File::open(p).and_then(|mut f| f.read_to_end(&mut bytes)),
    };
    if let Err(source) = read {
        eprintln!(
            "consultlog: {}",
            crate::safe::visible(&AppError::ReadInput { path: name, source }.message(ctx.lang))
        );
        return Ok(2);
    }
    let Ok(text) = String::from_utf8(bytes) else {
        eprintln!("consultlog: {}", crate::safe::visible(&AppError::NotUtf8(name).message(ctx.lang)));
        return Ok(2);
    };
    let findings = detect(&text);
    if json {
        println!("{}", serde_json::to_string(&findings).unwrap_or_else(|_| "[]".into()));
    } else {
        // Line numbers counted once through the text, not from the start for every finding.
        let (mut pos, mut line) = (0, 1);
        for f in &findings {
            if f.start >= pos {
                line += text[pos..f.start].matches('\n').count();
            } else {
                line = text[..f.start].matches('\n').count() + 1;
            }
            pos = f.start;
            println!(
                "{}:{line}: {}: {}",
                crate::safe::one_line(&name),
                t(ctx.lang, &format!("kind.{}", f.kind.id())),
                crate::safe::one_line(&f.text)
            );
        }
        if findings.is_empty() {
            eprintln!("{}", t(ctx.lang, "cli.lint_clean"));
        } else {
            eprintln!("{}", tf(ctx.lang, "cli.lint_found", &[("n", &findings.len().to_string())]));
        }
    }
    Ok(if findings.is_empty() { 0 } else { 1 })
}
