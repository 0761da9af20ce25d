//! Person names.
//!
//! A word is part of a name when it is in the compiled-in name lists, or when a cue makes it
//! one: a title ("mw. X", "de heer X"), a kinship or role word ("haar oom Hassan", "clt
//! Samira"), or a neighbouring name ("Fatima Bakkali", "Youssef Ben Ali"). Places, month and
//! weekday names, organisations and sentence openers are excluded; see `lexicon`.

use super::lexicon::flag;
use super::tokens::{only_spaces, starts_sentence};
use super::{Kind, Span};
use word::Word;

mod word;

/// Naming words: whatever word follows is a name ("ze heet Cas", "genaamd Lucky").
const NAMING: &[&str] = &["heet", "heten", "genaamd", "alias", "bijnaam", "roepnaam"];

struct Sentence<'a> {
    text: &'a str,
    words: Vec<Word>,
}

impl Sentence<'_> {
    /// Words `a` and `b` are adjacent with only spaces between them.
    fn spaced(&self, a: usize, b: usize) -> bool {
        b < self.words.len() && only_spaces(self.text, self.words[a].tok, self.words[b].tok)
    }

    /// The gap after a title or initial: spaces, optionally preceded by a dot ("mw. X", "A.Yilmaz").
    fn dotted(&self, a: usize, b: usize) -> bool {
        b < self.words.len() && {
            let gap = &self.text[self.words[a].tok.end..self.words[b].tok.start];
            let rest = gap.strip_prefix('.').unwrap_or(gap);
            !gap.is_empty() && rest.chars().all(|c| c == ' ')
        }
    }

    /// Kinship cue gap: spaces, optionally an opening quote or bracket ("neef 'Memo'").
    fn spaced_or_quoted(&self, a: usize, b: usize) -> bool {
        b < self.words.len() && {
            let gap = &self.text[self.words[a].tok.end..self.words[b].tok.start];
            let rest = gap.trim_end_matches(['\'', '"', '‘', '“', '(']);
            !rest.is_empty() && gap.len() - rest.len() <= 1 && rest.chars().all(|c| c == ' ')
        }
    }

    /// "verloofde, X": a comma and a space between a kinship word and a name.
    fn comma_apposition(&self, a: usize, b: usize) -> bool {
        b < self.words.len() && &self.text[self.words[a].tok.end..self.words[b].tok.start] == ", "
    }

    /// "Prisha Chakrabarti (vader)": a name followed by its role in brackets.
    fn role_after(&self, i: usize) -> Option<(usize, usize)> {
        let ok = |w: &Word| (w.listed && !w.has(flag::STOP | flag::PLACE)) || w.maybe_name();
        if !ok(&self.words[i]) {
            return None;
        }
        let mut e = i;
        while e < i + 3 && self.spaced(e, e + 1) && ok(&self.words[e + 1]) {
            e += 1;
        }
        let n = e + 1;
        let bracketed = n < self.words.len()
            && &self.text[self.words[e].tok.end..self.words[n].tok.start] == " ("
            && self.words[n].has(flag::KIN)
            && self.text[self.words[n].tok.end..].starts_with(')');
        bracketed.then_some((i, e))
    }

    /// "Mohamed A.": a name ending in an initial keeps the initial's dot.
    fn end_of(&self, e: usize) -> usize {
        let w = &self.words[e];
        let dot = w.is_initial() && self.text[w.tok.end..].starts_with('.');
        w.tok.end + usize::from(dot)
    }

    /// "Mohammed V", "Hassan II": a king, and usually an airport or a mosque, not a client.
    fn regnal_number_after(&self, e: usize) -> bool {
        let n = e + 1;
        self.spaced(e, n)
            && matches!(self.words[n].tok.text(self.text), "I" | "II" | "III" | "IV" | "V" | "VI" | "VII")
            && !self.text[self.words[n].tok.end..].starts_with('.')
    }

    /// "de profeet Mohammed", "Sint Maarten", "luchthaven Mohammed V".
    fn after_non_person_word(&self, s: usize) -> bool {
        s > 0 && self.spaced(s - 1, s) && self.words[s - 1].has(flag::NOT_PERSON_BEFORE)
    }

    fn after_place_preposition(&self, i: usize) -> bool {
        i > 0 && self.spaced(i - 1, i) && self.words[i - 1].has(flag::PLACE_PREP)
    }

    /// Initials and particles from `j` on, then a head word. `strong` cues (titles) accept
    /// any capitalised word; weak ones (kinship) reject places. Returns the head index.
    fn body_start(&self, mut j: usize, strong: bool) -> Option<usize> {
        while j < self.words.len() && self.words[j].is_initial() && self.dotted(j, j + 1) {
            j += 1;
        }
        let mut particles = false;
        while j < self.words.len() && self.words[j].is_particle() && self.spaced(j, j + 1) {
            j += 1;
            particles = true;
        }
        let w = self.words.get(j)?;
        let capital_ok = w.plausible_capitalised() && (strong || !w.has(flag::PLACE) || w.listed);
        let lower_ok = !w.cap && !particles && ((w.listed && !w.has(flag::COMMON)) || w.maybe_name());
        // After a title even a street-like or listed word is a surname ("dhr. Zuidweg").
        let strong_ok = strong && (w.listed || (w.cap && !w.acronym)) && !w.has(flag::STOP);
        (capital_ok || lower_ok || strong_ok).then_some(j)
    }

    /// Extends a name from word `k` over following surnames, particles and name-like words.
    fn extend(&self, mut k: usize) -> usize {
        let lower = !self.words[k].cap;
        loop {
            let n = k + 1;
            if !self.spaced(k, n) {
                return k;
            }
            let next = &self.words[n];
            if next.has(flag::SCHOOL) {
                return k;
            }
            if next.is_particle() {
                let mut m = n;
                while self.words[m].is_particle() && self.spaced(m, m + 1) {
                    m += 1;
                }
                let head = &self.words[m];
                if m > n && head.plausible_capitalised() && !head.has(flag::PLACE) && (!lower || head.listed)
                {
                    k = m;
                    continue;
                }
                return k;
            }
            // Lower-case places ("in nador") never extend a name.
            let listed_ok = next.listed
                && !next.acronym
                && !next.has(flag::STOP)
                && (next.cap || lower)
                && (next.cap || !next.has(flag::PLACE));
            let unlisted_ok = (!lower
                && next.plausible_capitalised()
                && !next.has(flag::PLACE)
                && !starts_sentence(self.text, next.tok))
                || (lower && !next.cap && next.unknown_word());
            if listed_ok || unlisted_ok {
                k = n;
            } else {
                return k;
            }
        }
    }

    /// A name cued by the word at `i` (title or kinship word): (first, last) word index.
    fn cued(&self, i: usize) -> Option<(usize, usize)> {
        let w = &self.words[i];
        let j = i + 1;
        let start = if w.has(flag::TITLE) && self.dotted(i, j) {
            self.body_start(j, true)?
        } else if w.has(flag::KIN) && self.spaced_or_quoted(i, j) {
            self.body_start(j, false)?
        } else if w.has(flag::KIN) && self.comma_apposition(i, j) {
            // "de verloofde, Faadumo Nuur, is 31"
            let b = &self.words[j];
            if !((b.listed && !b.has(flag::COMMON | flag::STOP | flag::PLACE)) || b.unknown_word()) {
                return None;
            }
            j
        } else if w.has(flag::NAME_CUE) && self.spaced_or_quoted(i, j) {
            let b = &self.words[j];
            // "met" is the weakest cue: only listed or unknown words; naming words and roles
            // also take first names that the word lists hold ("ze heet Elena").
            let cue = w.tok.text(self.text);
            let weak = cue.eq_ignore_ascii_case("met");
            let naming = NAMING.iter().any(|n| cue.eq_ignore_ascii_case(n));
            let ok = ((b.listed && !b.has(flag::COMMON | flag::STOP | flag::PLACE) && !b.acronym)
                || b.unknown_word()
                || (!weak && b.maybe_name())
                || (naming && b.cap && !b.acronym && !b.has(flag::STOP)))
                && !self.after_place_preposition(j);
            if !ok {
                return None;
            }
            j
        } else {
            return None;
        };
        Some((j.min(start), self.extend(start)))
    }

    /// The word after `e` is a school-type word ("Erasmus College").
    fn school_after(&self, e: usize) -> bool {
        self.spaced(e, e + 1) && self.words[e + 1].has(flag::SCHOOL)
    }

    /// A run of Arabic-script words: in a Dutch note, a name.
    fn arabic(&self, i: usize) -> Option<(usize, usize)> {
        if !self.words[i].arabic {
            return None;
        }
        let mut e = i;
        while self.spaced(e, e + 1) && self.words[e + 1].arabic {
            e += 1;
        }
        Some((i, e))
    }

    /// A capitalised word mid-sentence that no list knows ("gisteren kwam Zorro langs").
    fn unknown_capitalised(&self, i: usize) -> Option<(usize, usize)> {
        let w = &self.words[i];
        if !w.cap
            || !w.unknown_word()
            || starts_sentence(self.text, w.tok)
            || self.after_place_preposition(i)
            || self.after_non_person_word(i)
        {
            return None;
        }
        let end = self.extend(i);
        (!self.regnal_number_after(end)).then_some((i, end))
    }

    /// A listed name without a cue: (first, last) word index.
    fn standalone(&self, i: usize) -> Option<(usize, usize)> {
        let w = &self.words[i];
        if !w.listed
            || w.has(flag::STOP | flag::KIN)
            || w.acronym
            || w.has(flag::PLACE)
            || self.after_place_preposition(i)
        {
            return None;
        }
        if !w.cap && (!w.has(flag::FIRST) || w.has(flag::COMMON) || w.tok.text(self.text).chars().count() < 3)
        {
            return None;
        }
        let end = self.extend(i);
        // Names that are also ordinary words ("Mark", "Bakker") count only as part of a full name.
        if w.has(flag::COMMON) && end == i {
            return None;
        }
        if self.after_non_person_word(i) || self.regnal_number_after(end) {
            return None;
        }
        let mut start = i;
        while start > 0 && self.words[start - 1].is_initial() && self.dotted(start - 1, start) {
            start -= 1;
        }
        Some((start, end))
    }
}

pub(super) fn find(text: &str, out: &mut Vec<Span>) {
    let ctx = Sentence { text, words: word::words(text) };
    let mut i = 0;
    while i < ctx.words.len() {
        match ctx
            .cued(i)
            .or_else(|| ctx.standalone(i))
            .or_else(|| ctx.arabic(i))
            .or_else(|| ctx.unknown_capitalised(i))
            .or_else(|| ctx.role_after(i))
        {
            // "Erasmus College": a school, which the school detector reports whole.
            Some((_, e)) if ctx.school_after(e) => i = e + 1,
            Some((s, mut e)) => {
                // "Casper Maaswinkel (vader)": the rest of a name before its role.
                while ctx.spaced(e, e + 1)
                    && let Some((_, e2)) = ctx.role_after(e + 1)
                {
                    e = e2;
                }
                let end = ctx.end_of(e);
                out.push(Span::new(Kind::Name, ctx.words[s].tok.start, end));
                i = e + 1;
            }
            None => i += 1,
        }
    }
}

#[cfg(test)]
mod tests;
