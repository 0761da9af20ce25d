//! Word lists for the name detector: the compiled-in name and place lists, and the cue and
//! stop words that decide whether a capitalised word is a person.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use super::cue_words::{
    COMMON, KIN, NAME_CUES, NOT_PERSON_BEFORE, PARTICLES, PLACE_PREPS, SCHOOL_AFTER, STOP, TITLES,
};

const FIRST_NAMES: &str = include_str!("../../data/names/first_names.txt");
const SURNAMES: &str = include_str!("../../data/names/surnames.txt");
const PLACES: &str = include_str!("../../data/names/places.txt");

pub(super) use super::fold::fold_into;

pub(super) fn fold(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    fold_into(word, &mut s);
    s
}

fn load(list: &str) -> impl Iterator<Item = String> + '_ {
    list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(fold)
}

/// FNV-1a: the lexicon is looked up once per word of every note on every keystroke, and
/// its keys are short, so a simple hash beats the DoS-resistant default (the keys are our
/// own compiled-in lists, not attacker-chosen).
#[derive(Default)]
pub(super) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// What the lists say about a folded word, as bit flags.
pub(super) mod flag {
    pub const FIRST: u16 = 1;
    pub const SURNAME: u16 = 1 << 1;
    pub const PLACE: u16 = 1 << 2;
    pub const STOP: u16 = 1 << 3;
    pub const COMMON: u16 = 1 << 4;
    pub const KIN: u16 = 1 << 5;
    pub const TITLE: u16 = 1 << 6;
    pub const PARTICLE: u16 = 1 << 7;
    pub const PLACE_PREP: u16 = 1 << 8;
    pub const NOT_PERSON_BEFORE: u16 = 1 << 9;
    /// A lower-case entry of the Dutch word list: an ordinary word, not a name by itself.
    pub const DUTCH: u16 = 1 << 10;
    /// A capitalised entry of the Dutch word list (place, nationality, brand): known, so an
    /// unlisted capitalised word mid-sentence is not taken for a name because of it.
    pub const PROPER: u16 = 1 << 11;
    /// A weak name cue: "met", "heet", "genaamd", roles; the next word is a name only when it
    /// is listed or not a Dutch word.
    pub const NAME_CUE: u16 = 1 << 12;
    /// A school-type word that follows the school's name ("College", "Lyceum").
    pub const SCHOOL: u16 = 1 << 13;
}

/// The large lexicon: name lists per country of the communities served and the OpenTaal
/// Dutch word list, compiled by build.rs into one FST that is read in place.
static BIG: LazyLock<Option<fst::Map<&'static [u8]>>> =
    LazyLock::new(|| fst::Map::new(&include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.fst"))[..]).ok());

/// Flags of a folded word in the large lexicon, as `flag` bits: FIRST, SURNAME, DUTCH,
/// PROPER. A name there that is also a Dutch word ("roos", "bas") gets no name flag: it
/// needs a cue.
pub(super) fn big(folded: &str) -> u16 {
    let Some(v) = BIG.as_ref().and_then(|m| m.get(folded)) else { return 0 };
    let mut f = 0;
    if v & 4 != 0 {
        f |= flag::DUTCH;
    } else {
        if v & 1 != 0 {
            f |= flag::FIRST;
        }
        if v & 2 != 0 {
            f |= flag::SURNAME;
        }
    }
    // Capitalised Dutch entries, and English words that no name list has ("Airlines").
    if v & 8 != 0 || (v & 16 != 0 && f & (flag::FIRST | flag::SURNAME) == 0) {
        f |= flag::PROPER;
    }
    f
}

/// Every listed word with its flags, in one map so each word costs one lookup.
static LEXICON: LazyLock<HashMap<String, u16, BuildHasherDefault<Fnv>>> = LazyLock::new(|| {
    let mut map: HashMap<String, u16, BuildHasherDefault<Fnv>> = HashMap::default();
    let mut add = |words: &mut dyn Iterator<Item = String>, f: u16| {
        for w in words {
            *map.entry(w).or_default() |= f;
        }
    };
    add(&mut load(FIRST_NAMES), flag::FIRST);
    add(&mut load(SURNAMES), flag::SURNAME);
    add(&mut load(PLACES), flag::PLACE);
    for (set, f) in [
        (STOP, flag::STOP),
        (COMMON, flag::COMMON),
        (KIN, flag::KIN),
        (TITLES, flag::TITLE),
        (PARTICLES, flag::PARTICLE),
        (PLACE_PREPS, flag::PLACE_PREP),
        (NOT_PERSON_BEFORE, flag::NOT_PERSON_BEFORE),
        (NAME_CUES, flag::NAME_CUE),
        (SCHOOL_AFTER, flag::SCHOOL),
    ] {
        add(&mut set.iter().map(|w| (*w).to_owned()), f);
    }
    map
});

/// The flags of a folded word (0 when it is in no list).
pub(super) fn lookup(folded: &str) -> u16 {
    LEXICON.get(folded).copied().unwrap_or(0)
}

/// What was worked out for each of the words seen most recently on one thread, a function
/// of the word alone: notes repeat their words (and a bulk add repeats them across records).
/// Cleared when full, so it stays small; it holds words of notes, which are in memory anyway,
/// and is never written anywhere.
pub(super) struct Memo<V>(HashMap<Box<str>, V, BuildHasherDefault<Fnv>>);

impl<V: Copy> Memo<V> {
    /// At most this many words.
    const MAX: usize = 20_000;

    pub(super) fn new() -> Memo<V> {
        Memo(HashMap::default())
    }

    /// The value for `word`: remembered, or `work` done now and remembered.
    pub(super) fn get_or(&mut self, word: &str, work: impl FnOnce() -> V) -> V {
        if let Some(v) = self.0.get(word) {
            return *v;
        }
        let v = work();
        if self.0.len() >= Self::MAX {
            self.0.clear();
        }
        self.0.insert(word.into(), v);
        v
    }
}

thread_local! {
    static ALL_FLAGS: std::cell::RefCell<Memo<u16>> = std::cell::RefCell::new(Memo::new());
}

/// `lookup(folded) | big(folded)`, remembered per thread: the school rules ask it of every
/// word near a type word, and those words repeat from note to note (the FST walk is the
/// costly part).
pub(super) fn all_flags(folded: &str) -> u16 {
    let work = || lookup(folded) | big(folded);
    ALL_FLAGS
        .try_with(|memo| match memo.try_borrow_mut() {
            Ok(mut memo) => memo.get_or(folded, work),
            Err(_) => work(),
        })
        .unwrap_or_else(|_| work())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_memo_works_each_word_out_once_and_stays_bounded() {
        let mut memo = Memo::<u16>::new();
        let mut calls = 0;
        for _ in 0..3 {
            assert_eq!(
                memo.get_or("fatima", || {
                    calls += 1;
                    7
                }),
                7
            );
        }
        assert_eq!(calls, 1);
        for i in 0..Memo::<u16>::MAX + 10 {
            memo.get_or(&format!("w{i}"), || 1);
        }
        assert!(memo.0.len() <= Memo::<u16>::MAX);
    }

    #[test]
    fn folding() {
        assert_eq!(fold("Öztürk"), "ozturk");
        assert_eq!(fold("İsmail"), "ismail");
        assert_eq!(fold("YILDIZ"), "yildiz");
        assert_eq!(fold("Yıldız"), "yildiz");
        assert_eq!(fold("Gülşen"), "gulsen");
        assert_eq!(fold("فاطمة"), "فاطمة");
    }

    #[test]
    fn lists_are_large_and_loaded() {
        let count = |f: u16| LEXICON.values().filter(|v| *v & f != 0).count();
        assert!(count(flag::FIRST) > 700, "{}", count(flag::FIRST));
        assert!(count(flag::SURNAME) > 400, "{}", count(flag::SURNAME));
        assert!(lookup("ayse") & flag::FIRST != 0);
        assert!(lookup("yilmaz") & flag::SURNAME != 0);
        assert_eq!(lookup("aydin") & (flag::PLACE | flag::SURNAME), flag::PLACE | flag::SURNAME);
        assert!(!LEXICON.keys().any(|n| n.starts_with('#')));
        assert_eq!(lookup("rotterdamse"), 0);
    }

    #[test]
    fn big_lexicon() {
        assert!(big("abdilaahi") & flag::FIRST != 0 || big("abdullahi") & flag::FIRST != 0);
        assert!(big("tesfaye") & (flag::FIRST | flag::SURNAME) != 0);
        assert!(big("fiets") & flag::DUTCH != 0);
        assert!(big("gesproken") & flag::DUTCH != 0);
        assert_eq!(big("fiets") & (flag::FIRST | flag::SURNAME), 0);
        assert!(big("marokkaans") & flag::PROPER != 0);
        assert_eq!(big("zzqxw"), 0);
    }
}
