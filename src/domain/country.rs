//! Countries as ISO 3166-1 alpha-2 codes with Dutch and English names (data/countries.json,
//! made by tools/countries.py from the Debian iso-codes data). A record stores the code; the
//! worker may type the code or the name.

use serde::Deserialize;
use std::sync::LazyLock;

#[derive(Debug, Clone, Deserialize)]
pub struct Country {
    pub code: String,
    pub nl: String,
    pub en: String,
}

#[derive(Deserialize)]
struct File {
    countries: Vec<Country>,
}

static COUNTRIES: LazyLock<Vec<Country>> = LazyLock::new(|| {
    // Compiled in and checked by a test: a broken file is a build defect.
    #[allow(clippy::expect_used)]
    let f: File =
        serde_json::from_str(include_str!("../../data/countries.json")).expect("countries.json is valid");
    f.countries
});

pub fn all() -> &'static [Country] {
    &COUNTRIES
}

pub fn by_code(code: &str) -> Option<&'static Country> {
    COUNTRIES.iter().find(|c| c.code == code)
}

fn fold(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' | 'À' | 'Á' | 'Â' | 'Ä' => 'a',
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
            c => c.to_lowercase().next().unwrap_or(c),
        })
        .collect()
}

/// The code for what a worker typed: a code in any case, or a Dutch or English name.
pub fn resolve(typed: &str) -> Option<&'static str> {
    let t = typed.trim();
    if t.is_empty() {
        return None;
    }
    if let Some(c) = by_code(&t.to_uppercase()) {
        return Some(&c.code);
    }
    let f = fold(t);
    COUNTRIES.iter().find(|c| fold(&c.nl) == f || fold(&c.en) == f).map(|c| c.code.as_str())
}

/// Countries whose code or name starts with, or whose name contains, what was typed; names
/// that start with it first.
pub fn matching(typed: &str, limit: usize) -> Vec<&'static Country> {
    let f = fold(typed);
    if f.is_empty() {
        return vec![];
    }
    let starts =
        |c: &Country| fold(&c.nl).starts_with(&f) || fold(&c.en).starts_with(&f) || fold(&c.code) == f;
    let mut out: Vec<&Country> = COUNTRIES.iter().filter(|c| starts(c)).collect();
    out.extend(
        COUNTRIES.iter().filter(|c| !starts(c) && (fold(&c.nl).contains(&f) || fold(&c.en).contains(&f))),
    );
    out.truncate(limit);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_resolve() {
        assert!(all().len() > 240);
        assert_eq!(resolve("MA"), Some("MA"));
        assert_eq!(resolve("ma"), Some("MA"));
        assert_eq!(resolve("Marokko"), Some("MA"));
        assert_eq!(resolve("  turkije "), Some("TR"));
        assert_eq!(resolve("Somalie"), Some("SO"), "without the diaeresis");
        assert_eq!(resolve("Morocco"), Some("MA"));
        assert_eq!(resolve("Turkije, Istanbul"), None);
        assert_eq!(resolve("XX"), None);
        assert_eq!(resolve(""), None);
        let m: Vec<&str> = matching("mar", 5).iter().map(|c| c.code.as_str()).collect();
        assert!(m.contains(&"MA"), "{m:?}");
        assert_eq!(by_code("ER").map(|c| c.nl.as_str()), Some("Eritrea"));
    }
}
