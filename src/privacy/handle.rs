//! Social-media accounts: "@handles", a handle after a platform cue ("insta: naam",
//! "snap: naam", "tiktok fatima_2008") and profile URLs (instagram.com/…, tiktok.com/@…).
//! The span is the handle or the URL, so redaction keeps "insta: [ACCOUNT]".

use std::sync::LazyLock;

use regex::Regex;

use super::{Kind, Span, char_before};

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i:(?:https?://)?(?:www\.|m\.|vm\.)?(?:instagram\.com|instagr\.am|tiktok\.com|facebook\.com|fb\.com|snapchat\.com/add|twitter\.com|x\.com|t\.me)/)[@A-Za-z0-9_.\-/?=]*[A-Za-z0-9_/]",
    )
    .expect("constant profile-URL regex is valid")
});

static AT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?").expect("constant regex")
});

/// A platform cue, then an optional colon, then the handle (group 2).
static CUED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?i:(insta|instagram|ig|snap|snapchat|tiktok|tt|fb|facebook|twitter|telegram|account|accountnaam|gebruikersnaam|username|profiel))(?-u:\b)(\s*[:=]\s*|\s+)(@?[\p{L}\p{N}_][\p{L}\p{N}_.]*)",
    )
    .expect("constant cued-handle regex is valid")
});

pub(super) fn find(text: &str, out: &mut Vec<Span>) {
    // A profile URL holds a '/' and an "@handle" an '@': most notes have neither, and a
    // byte search costs far less than a regex scan.
    let urls = if text.contains('/') { Some(URL.find_iter(text)) } else { None };
    for m in urls.into_iter().flatten() {
        if char_before(text, m.start()).is_some_and(|c| c.is_alphanumeric() || c == '@' || c == '.') {
            continue;
        }
        out.push(Span::new(Kind::Handle, m.start(), m.end()));
    }
    let ats = if text.contains('@') { Some(AT.find_iter(text)) } else { None };
    for m in ats.into_iter().flatten() {
        // "naam@gmail.com" is an e-mail; "@ 10 uur" and "@@" are no handle.
        if char_before(text, m.start())
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-' | '/'))
        {
            continue;
        }
        if m.as_str()[1..].bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        out.push(Span::new(Kind::Handle, m.start(), m.end()));
    }
    for c in CUED.captures_iter(text) {
        let (Some(sep), Some(h)) = (c.get(2), c.get(3)) else { continue };
        // The handle ends before trailing dots (the end of a sentence). A bounded repeat of
        // Unicode classes in the pattern itself made the regex take ~10 ms to compile.
        let handle = h.as_str().trim_end_matches('.');
        let h_end = h.start() + handle.len();
        if handle.starts_with('@') {
            continue; // found above
        }
        // Without a colon ("via insta gesproken") only handle-shaped words count.
        let colon = sep.as_str().contains([':', '=']);
        let shaped = handle.contains(['_', '.']) || handle.bytes().any(|b| b.is_ascii_digit());
        // "account: geblokkeerd" is a word, not a handle.
        let word =
            !shaped && super::lexicon::big(&super::lexicon::fold(handle)) & super::lexicon::flag::DUTCH != 0;
        if !colon && !shaped || word {
            continue;
        }
        if handle.bytes().all(|b| b.is_ascii_digit()) && handle.len() < 4 {
            continue;
        }
        out.push(Span::new(Kind::Handle, h.start(), h_end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        super::super::overlap::found_by(find, text)
    }

    #[test]
    fn handles() {
        assert_eq!(found("ze volgt @sara_2008 op insta"), ["@sara_2008"]);
        assert_eq!(found("insta: sara.b.07"), ["sara.b.07"]);
        assert_eq!(found("snap: meryemm"), ["meryemm"]);
        assert_eq!(found("tiktok xx_hanan_xx gevonden"), ["xx_hanan_xx"]);
        assert_eq!(
            found("zie https://www.instagram.com/sara.b07/ en tiktok.com/@hanan_x"),
            ["https://www.instagram.com/sara.b07/", "tiktok.com/@hanan_x"]
        );
        assert_eq!(found("facebook.com/yusuf.demir.5"), ["facebook.com/yusuf.demir.5"]);
        assert_eq!(found("IG: @Nour.x."), ["@Nour.x"]);
        assert_eq!(found("insta: şirivan.d7"), ["şirivan.d7"]);
    }

    #[test]
    fn look_alikes() {
        for t in [
            "mail naar sara@gmail.com",
            "via insta gesproken",
            "contact via snapchat met broer",
            "om @ 10 uur",
            "prijs @12",
            "de instagram van school",
            "zie www.veiligthuis.nl/melden",
            "account: geblokkeerd",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }
}
