//! What the name lists and the shape of a word say about it.

use super::super::cue_words::STREET_ENDINGS;
use super::super::lexicon::{big, flag, fold_into, lookup};
use super::super::tokens::{Token, is_acronym, is_capitalised};

/// What the lists say about one word.
pub(super) struct Word {
    pub(super) tok: Token,
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

fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

impl Word {
    pub(super) fn new(
        text: &str,
        tok: Token,
        buf: &mut String,
        memo: &mut super::super::lexicon::BigMemo,
    ) -> Word {
        let raw = tok.text(text);
        // "al-Nasser", "el-Amrani": a lower-case particle joined to a capitalised name.
        let cap =
            is_capitalised(raw) || raw.rsplit('-').next().is_some_and(|p| p != raw && is_capitalised(p));
        let arabic = raw.chars().next().is_some_and(is_arabic);
        // Longer words are in no list; skip folding them.
        if raw.len() > 40 {
            return Word {
                tok,
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
            let b = memo.big(buf);
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
        Word {
            tok,
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
