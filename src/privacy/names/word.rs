//! What the name lists and the shape of a word say about it.

use std::cell::RefCell;
use std::ops::Deref;

use super::super::cue_words::STREET_ENDINGS;
use super::super::lexicon::{Memo, big, flag, fold_into, lookup};
use super::super::tokens::{Token, is_acronym, is_capitalised, tokenize};

/// One word of a text and what the lists say about it.
pub(super) struct Word {
    pub(super) tok: Token,
    facts: Facts,
}

impl Deref for Word {
    type Target = Facts;

    fn deref(&self) -> &Facts {
        &self.facts
    }
}

/// What the lists and the word's shape say about it: a function of the word's text alone.
#[derive(Clone, Copy)]
pub(super) struct Facts {
    pub(super) flags: u16,
    pub(super) cap: bool,
    pub(super) acronym: bool,
    pub(super) listed: bool,
    pub(super) street: bool,
    pub(super) initial: bool,
    /// Written in Arabic script.
    pub(super) arabic: bool,
    /// Letters only (with inner hyphens or apostrophes), at least three: could be a name
    /// even when no list has it.
    pub(super) wordlike: bool,
}

/// Bytes of the longest word any list holds.
const MAX_LISTED: usize = 40;

thread_local! {
    /// A hit skips folding and both list lookups.
    static SEEN: RefCell<Memo<Facts>> = RefCell::new(Memo::new());
}

/// The words of `text`, each with its facts.
pub(super) fn words(text: &str) -> Vec<Word> {
    let tokens = tokenize(text);
    let mut buf = String::new();
    let cached = SEEN.try_with(|seen| {
        let Ok(mut seen) = seen.try_borrow_mut() else { return None };
        let words = tokens.iter().map(|&tok| {
            let raw = tok.text(text);
            // Long words cost little (no list has them) and are not kept.
            let facts = if raw.len() > MAX_LISTED {
                Facts::of(raw, &mut buf)
            } else {
                seen.get_or(raw, || Facts::of(raw, &mut buf))
            };
            Word { tok, facts }
        });
        Some(words.collect())
    });
    match cached {
        Ok(Some(words)) => words,
        // Only while the thread shuts down (or re-entered): work it out without the cache.
        _ => tokens.into_iter().map(|tok| Word { tok, facts: Facts::of(tok.text(text), &mut buf) }).collect(),
    }
}

fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

impl Facts {
    fn of(raw: &str, buf: &mut String) -> Facts {
        // "al-Nasser", "el-Amrani": a lower-case particle joined to a capitalised name.
        let cap =
            is_capitalised(raw) || raw.rsplit('-').next().is_some_and(|p| p != raw && is_capitalised(p));
        let arabic = raw.chars().next().is_some_and(is_arabic);
        // Longer words are in no list; skip folding them.
        if raw.len() > MAX_LISTED {
            return Facts {
                flags: 0,
                cap,
                acronym: false,
                listed: false,
                street: false,
                initial: false,
                arabic,
                wordlike: false,
            };
        }
        fold_into(raw, buf);
        let mut flags = lookup(buf);
        // Cue and stop words stay words even where a name list has them ("Mevr", "Hala").
        const WORDS: u16 = flag::STOP
            | flag::KIN
            | flag::TITLE
            | flag::NAME_CUE
            | flag::PARTICLE
            | flag::PLACE_PREP
            | flag::NOT_PERSON_BEFORE;
        if flags & (flag::FIRST | flag::SURNAME) == 0 && buf.len() > 1 && !arabic {
            let b = big(buf);
            flags |= if flags & WORDS != 0 { b & !(flag::FIRST | flag::SURNAME) } else { b };
        }
        // "El-Amrani", "Jansen-Smit": a hyphenated word is a surname when a part is.
        if flags == 0
            && buf.contains('-')
            && buf.split('-').any(|p| p.len() > 2 && (lookup(p) | big(p)) & flag::SURNAME != 0)
        {
            flags = flag::SURNAME;
        }
        let listed = flags & (flag::FIRST | flag::SURNAME) != 0;
        Facts {
            flags,
            cap,
            // "AICHA BOUZID": a listed name in capitals is a name, other capitals are acronyms.
            acronym: is_acronym(raw) && !(listed && raw.chars().count() >= 3),
            listed,
            street: cap && STREET_ENDINGS.iter().any(|e| buf.len() > e.len() && buf.ends_with(e)),
            initial: cap && raw.chars().count() == 1,
            arabic,
            wordlike: !arabic
                && raw.chars().count() >= 3
                && raw.chars().all(|c| c.is_alphabetic() || c == '-' || matches!(c, '\u{0300}'..='\u{036F}'))
                // "LKHA-medewerker", "Jeugd-GGZ": a hyphenated word with a known part.
                && (!raw.contains('-') || raw.split('-').all(|p| {
                    fold_into(p, buf);
                    !is_acronym(p) && (lookup(buf) | big(buf)) & (flag::DUTCH | flag::STOP | flag::PROPER) == 0
                })),
        }
    }

    /// Like `unknown_word`, but a capitalised entry of the Dutch or English word list is
    /// allowed: those lists hold first names too ("Elena", "Clarence"). For strong cues only.
    pub(super) fn maybe_name(&self) -> bool {
        self.wordlike
            && !self.has(
                flag::DUTCH
                    | flag::STOP
                    | flag::PLACE
                    | flag::COMMON
                    | flag::KIN
                    | flag::TITLE
                    | flag::NAME_CUE,
            )
            && !self.acronym
    }

    /// Not a Dutch word, place, stop word or abbreviation that any list knows: in a name
    /// position, such a word is a name.
    pub(super) fn unknown_word(&self) -> bool {
        self.wordlike
            && !self.has(
                flag::DUTCH
                    | flag::PROPER
                    | flag::STOP
                    | flag::PLACE
                    | flag::COMMON
                    | flag::KIN
                    | flag::TITLE
                    | flag::NAME_CUE,
            )
            && !self.acronym
            && !self.street
    }

    pub(super) fn has(&self, f: u16) -> bool {
        self.flags & f != 0
    }

    /// Could this capitalised word be a (possibly unlisted) name part?
    pub(super) fn plausible_capitalised(&self) -> bool {
        self.cap && !self.has(flag::STOP) && !self.acronym && !self.street
    }

    pub(super) fn is_particle(&self) -> bool {
        self.has(flag::PARTICLE)
    }

    /// A single capital letter, as in "A. Yilmaz".
    pub(super) fn is_initial(&self) -> bool {
        self.initial
    }
}
