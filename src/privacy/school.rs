//! School names: a school-type word followed by its name ("basisschool De Regenboog",
//! "OBS 't Kompas", "IKC Het Anker", "ROC Mondriaan", "ROC van Amsterdam") or a name followed
//! by the type ("Erasmus College", "Stedelijk Gymnasium", "Ibn Ghaldoun school"). In a small
//! community the school narrows a girl down to a class. The span includes the type word.

use super::lexicon::{all_flags, flag, fold_into};
use super::tokens::{Token, is_capitalised, only_spaces, tokenize};
use super::{Kind, Span};

/// Type words that precede the name.
#[rustfmt::skip]
const BEFORE: &[&str] = &[
    "basisschool", "obs", "cbs", "pcbs", "rkbs", "ikc", "kindcentrum", "roc", "mbo", "mavo", "havo",
    "vwo", "vmbo", "sg", "csg", "scholengemeenschap", "daltonschool", "montessorischool",
    "jenaplanschool", "vrijeschool", "praktijkschool", "ibs", "school", "college", "lyceum",
    "gymnasium",
];

/// Abbreviated type words: what follows them is nearly always the school's name.
const ACRONYM_TYPES: &[&str] = &["obs", "cbs", "pcbs", "rkbs", "ikc", "ibs", "basisschool"];

/// Type words that need an article before the name ("school De Wereld", not "school Fatima").
const NEEDS_ARTICLE: &[&str] =
    &["school", "college", "lyceum", "gymnasium", "mavo", "havo", "vwo", "vmbo", "mbo"];

use super::cue_words::SCHOOL_AFTER as AFTER;

const ARTICLES: &[&str] = &["de", "het", "t"];

/// Function words: capitalised at the start of a sentence ("Op school valt op ...", "Naar
/// school ..."), never the first word of a school's name.
#[rustfmt::skip]
const FUNCTION_WORDS: &[&str] = &[
    "op", "in", "naar", "bij", "met", "van", "voor", "na", "om", "uit", "over", "onder", "door",
    "zonder", "tot", "aan", "sinds", "tijdens", "en", "of", "maar", "want", "dus", "ook", "nog",
    "al", "dan", "als", "die", "dat", "deze", "dit", "een", "haar", "zijn", "hun", "mijn", "onze",
    "ze", "zij", "hij", "wij", "we", "ik", "je", "jij", "u", "er", "hier", "daar", "waar", "wie",
    "wat", "welke", "elke", "iedere", "geen", "niet", "wel", "thuis", "terug", "weer",
];

/// Words that are not a school's name when they follow or precede a type word in lower case.
const NOT_A_NAME: u16 =
    flag::DUTCH | flag::STOP | flag::KIN | flag::NAME_CUE | flag::PLACE_PREP | flag::TITLE;

struct W {
    tok: Token,
    folded: String,
    flags: u16,
    cap: bool,
}

/// A word that can be part of a school's name: capitalised and not a stop word, month or
/// organisation; or, right after an article, any word ("obs de regenboog").
fn name_word(w: &W, after_article: bool) -> bool {
    let stop = w.flags & flag::STOP != 0 && !ARTICLES.contains(&w.folded.as_str());
    !stop && (w.cap || after_article) && w.folded.chars().count() >= 2
}

/// The last word of a name that follows the type word at `i`, if one does.
fn name_after(words: &[W], i: usize, spaced: impl Fn(usize, usize) -> bool) -> Option<usize> {
    let mut j = i + 1;
    let article = ARTICLES.contains(&words[j].folded.as_str()) && spaced(j, j + 1) || words[j].folded == "t";
    if article {
        j += 1;
    }
    if NEEDS_ARTICLE.contains(&words[i].folded.as_str()) && !article {
        return None;
    }
    // "ROC van Amsterdam".
    let mut k = j;
    if !article && words.get(k).is_some_and(|w| w.folded == "van") && spaced(k, k + 1) && words[k + 1].cap {
        k += 1;
    }
    if k >= words.len() || !(k == j || spaced(j, k)) {
        return None;
    }
    // "roc buchten", "obs lindenhof": after a type word that is no ordinary word, a lower-case
    // word that is not Dutch is the name.
    let strong_type = !NEEDS_ARTICLE.contains(&words[i].folded.as_str());
    let unknown = |w: &W| w.folded.chars().count() >= 3 && w.flags & NOT_A_NAME == 0;
    // After an acronym type ("obs kompas") even a Dutch noun is the name, but not a verb form
    // ("obs belt", "cbs gebeld"): most Dutch finite verbs and participles end in -t or -d.
    let acronym_type = ACRONYM_TYPES.contains(&words[i].folded.as_str());
    let noun = |w: &W| {
        let f = w.folded.as_str();
        f.chars().count() >= 4 && !f.ends_with(['t', 'd']) && w.flags & (NOT_A_NAME & !flag::DUTCH) == 0
    };
    // After "school", "college", "havo" and an article, the name is capitalised or no Dutch
    // word ("school De Wereld", "havo het baken" is rare): "dat school de afspraak heeft
    // verzet" is a sentence, not a school.
    let any_after_article = article && (strong_type || unknown(&words[k]));
    let is_name = name_word(&words[k], any_after_article)
        || (strong_type && unknown(&words[k]))
        || (acronym_type && noun(&words[k]));
    if !is_name {
        return None;
    }
    let mut e = k;
    while e + 1 < words.len() && e < k + 2 && spaced(e, e + 1) && name_word(&words[e + 1], false) {
        e += 1;
    }
    Some(e)
}

/// Any type word, as a whole word: where a school can be named at all.
static TYPE_WORD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    let words: Vec<&str> = BEFORE.iter().chain(AFTER).copied().collect();
    // ASCII boundaries keep the regex on its fast path on any text.
    #[allow(clippy::expect_used)]
    regex::Regex::new(&format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", words.join("|")))
        .expect("type-word regex is valid")
});

/// Bytes around a type word that the rules can reach (article, three name words, "van").
const REACH: usize = 120;

/// Schools in `text`: the rules run on the stretches around type words only, so a long note
/// that names no school costs one regex scan.
pub(super) fn find(text: &str, out: &mut Vec<Span>) {
    let mut windows: Vec<(usize, usize)> = Vec::new();
    for m in TYPE_WORD.find_iter(text) {
        // Whole words only: a stretch starts after and ends before a space.
        let mut a = m.start().saturating_sub(REACH);
        while !text.is_char_boundary(a) {
            a += 1;
        }
        if a > 0 {
            a = text[a..m.start()].find(char::is_whitespace).map_or(m.start(), |i| a + i);
        }
        let mut b = (m.end() + REACH).min(text.len());
        while !text.is_char_boundary(b) {
            b -= 1;
        }
        if b < text.len() {
            b = text[m.end()..b].rfind(char::is_whitespace).map_or(m.end(), |i| m.end() + i);
        }
        match windows.last_mut() {
            Some(last) if a <= last.1 => last.1 = b,
            _ => windows.push((a, b)),
        }
    }
    for (a, b) in windows {
        let mut found = Vec::new();
        find_in(&text[a..b], &mut found);
        out.extend(found.into_iter().map(|s| Span::new(s.kind, s.start + a, s.end + a)));
    }
}

fn find_in(text: &str, out: &mut Vec<Span>) {
    let mut buf = String::new();
    let mut words: Vec<W> = tokenize(text)
        .into_iter()
        .map(|tok| {
            let raw = tok.text(text);
            fold_into(raw, &mut buf);
            W { tok, folded: buf.clone(), flags: 0, cap: is_capitalised(raw) }
        })
        .collect();
    // The word lists are consulted only near a type word: the rules below look at most six
    // words either side of one, and most text has none.
    let near: Vec<usize> = (0..words.len())
        .filter(|&i| BEFORE.contains(&words[i].folded.as_str()) || AFTER.contains(&words[i].folded.as_str()))
        .collect();
    if near.is_empty() {
        return;
    }
    let mut needed = vec![false; words.len()];
    for &i in &near {
        for n in needed.iter_mut().take((i + 7).min(words.len())).skip(i.saturating_sub(6)) {
            *n = true;
        }
    }
    for (w, _) in words.iter_mut().zip(&needed).filter(|(_, n)| **n) {
        if w.folded.len() <= 40 {
            w.flags = all_flags(&w.folded);
        }
    }
    let spaced = |a: usize, b: usize| b < words.len() && only_spaces(text, words[a].tok, words[b].tok);
    // "'t Kompas": the apostrophe of 't is outside the token.
    let gap_ok = |a: usize, b: usize| {
        b < words.len() && {
            let gap = &text[words[a].tok.end..words[b].tok.start];
            let rest = gap.trim_end_matches(['\'', '’']);
            !rest.is_empty() && rest.chars().all(|c| c == ' ')
        }
    };
    let mut last_end = 0;
    for i in 0..words.len() {
        if words[i].tok.start < last_end {
            continue;
        }
        let f = words[i].folded.as_str();
        // Type first.
        if BEFORE.contains(&f)
            && gap_ok(i, i + 1)
            && let Some(e) = name_after(&words, i, spaced)
        {
            out.push(Span::new(Kind::School, words[i].tok.start, words[e].tok.end));
            last_end = words[e].tok.end;
            continue;
        }
        // Name first: up to three capitalised words before the type word.
        // Lower case: "huisman college", not "de school" or "naar school".
        let part = |w: &W| {
            (w.cap && name_word(w, false)
                || !w.cap && f != "school" && w.folded.chars().count() >= 3 && w.flags & NOT_A_NAME == 0)
                && !ARTICLES.contains(&w.folded.as_str())
                && !FUNCTION_WORDS.contains(&w.folded.as_str())
        };
        if AFTER.contains(&f) && i > 0 && spaced(i - 1, i) && part(&words[i - 1]) {
            let mut s = i - 1;
            while s > 0 && s + 3 > i && spaced(s - 1, s) && part(&words[s - 1]) {
                s -= 1;
            }
            // "De Nieuwe School": a capitalised article opens the name.
            if s > 0
                && spaced(s - 1, s)
                && words[s - 1].cap
                && ARTICLES.contains(&words[s - 1].folded.as_str())
            {
                s -= 1;
            }
            let start = words[s].tok.start;
            if start >= last_end {
                out.push(Span::new(Kind::School, start, words[i].tok.end));
                last_end = words[i].tok.end;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        super::super::overlap::found_by(find, text)
    }

    #[test]
    fn schools() {
        assert_eq!(found("zit op basisschool De Regenboog, groep 8"), ["basisschool De Regenboog"]);
        assert_eq!(found("mentor van OBS 't Kompas belde"), ["OBS 't Kompas"]);
        assert_eq!(found("IKC Het Anker"), ["IKC Het Anker"]);
        assert_eq!(found("ROC Mondriaan en ROC van Amsterdam"), ["ROC Mondriaan", "ROC van Amsterdam"]);
        assert_eq!(found("leerling Erasmus College, 4 havo"), ["Erasmus College"]);
        assert_eq!(found("Stedelijk Gymnasium Leiden"), ["Stedelijk Gymnasium"]);
        assert_eq!(found("zit op De Nieuwe School"), ["De Nieuwe School"]);
        assert_eq!(found("obs de regenboog"), ["obs de regenboog"]);
        assert_eq!(found("havo Het Baken"), ["havo Het Baken"]);
        assert_eq!(found("zit op roc buchten"), ["roc buchten"]);
        assert_eq!(found("leerling obs kompas"), ["obs kompas"]);
        assert_eq!(found("leerling jorlink college"), ["jorlink college"]);
    }

    /// The rules run on stretches around type words: a school deep in a long note, or next to
    /// multi-byte letters at a stretch's edge, is found whole.
    #[test]
    fn schools_in_long_notes() {
        let long = format!("{}zit op basisschool De Regenboog{}", "bla ".repeat(500), " bla".repeat(500));
        assert_eq!(found(&long), ["basisschool De Regenboog"]);
        let edge = format!("{} Erasmus College {}", "ş".repeat(200), "ğ".repeat(200));
        assert_eq!(found(&edge), ["Erasmus College"]);
        let two = format!("OBS 't Kompas{} Stedelijk Gymnasium", " en".repeat(100));
        assert_eq!(found(&two), ["OBS 't Kompas", "Stedelijk Gymnasium"]);
    }

    #[test]
    fn look_alikes() {
        for t in [
            "zit op de havo",
            "4 vwo, gaat goed",
            "school gebeld",
            "naar school",
            "school Veilig Thuis ingelicht",
            "mavo. Moeder belde",
            "college in juni",
            "de school is ingelicht",
            "op school Fatima gezien",
            "Turkse school",
            "basisschool gebeld",
            "obs meldt verzuim",
            "roc is ingelicht",
            "naar het college",
            "Moeder zegt dat school de afspraak heeft verzet.",
            "op school De jongere vertelde",
            "het college het verzuim liet weten",
            "Op school valt op dat ze stiller is.",
            "Naar school gaat ze niet meer.",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }
}
