//! Every user-facing string, in Dutch and English, from one data file (`data/i18n.json`).
//! Dutch is the default; English on request.

use crate::domain::Catalogue;
use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "nl" | "dutch" | "nederlands" => Some(Lang::Nl),
            "en" | "english" | "engels" => Some(Lang::En),
            _ => None,
        }
    }
}

const MESSAGES_JSON: &str = include_str!("../data/i18n.json");

type Table = HashMap<String, HashMap<String, String>>;

static MESSAGES: LazyLock<Table> = LazyLock::new(|| serde_json::from_str(MESSAGES_JSON).unwrap_or_default());

/// The string for `key`; the key itself when missing (a test keeps that from shipping).
pub fn t(lang: Lang, key: &str) -> &str {
    let code = match lang {
        Lang::Nl => "nl",
        Lang::En => "en",
    };
    MESSAGES.get(key).and_then(|m| m.get(code)).map_or(key, String::as_str)
}

/// `t` with `{name}` placeholders filled in.
pub fn tf(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut s = t(lang, key).to_string();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

/// The label of a code in a code list, or the id itself when unknown.
pub fn label<'a>(lang: Lang, list: &str, id: &'a str) -> &'a str
where
    'static: 'a,
{
    match Catalogue::builtin().list(list).get(id) {
        Some(c) => match lang {
            Lang::Nl => c.nl.as_str(),
            Lang::En => c.en.as_str(),
        },
        None => id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages() {
        let table: Table = serde_json::from_str(MESSAGES_JSON).unwrap();
        assert!(table.len() > 20);
        for (k, m) in &table {
            for code in ["nl", "en"] {
                assert!(m.get(code).is_some_and(|s| !s.is_empty()), "{k} lacks {code}");
            }
        }
    }

    #[test]
    fn fills_placeholders() {
        assert_eq!(
            tf(Lang::En, "err.unknown_id", &[("id", "x")]),
            "No consultation with id x; see `consultlog list`."
        );
        assert!(t(Lang::Nl, "err.wrong_passphrase").starts_with("Onjuiste"));
        assert_eq!(label(Lang::Nl, "form", "abandonment"), "Achterlating");
        assert_eq!(label(Lang::En, "form", "zzz"), "zzz");
    }
}
