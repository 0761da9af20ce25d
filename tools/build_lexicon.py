#!/usr/bin/env python3
"""Builds the large compiled-in word lists of the name detector (reproducible).

    python3 -m venv /tmp/lexvenv && /tmp/lexvenv/bin/pip install names-dataset==3.3.1
    apt-get install wdutch wamerican  # OpenTaal word list, /usr/share/dict/dutch; SCOWL english
    /tmp/lexvenv/bin/python tools/build_lexicon.py

Writes (sorted, one entry a line, UTF-8):
  data/names/lexicon_first.txt     first names, top names per country of the communities served
  data/names/lexicon_surnames.txt  surnames, likewise
  data/words/dutch.txt             lower-case Dutch words (OpenTaal via Debian wdutch)
  data/words/dutch_proper.txt      its capitalised entries: places, nationalities, brands, names
  data/words/english.txt           English words (SCOWL via Debian wamerican)

build.rs folds the entries (lower case, no diacritics) and compiles them into one FST.
The evaluation corpus (tests/tools/generate_corpus.py) draws its names from Faker and
hand-written lists, not from these files; see docs/anonymisation.md for the overlap.
"""
import re
import sys
from pathlib import Path

from names_dataset import NameDataset

ROOT = Path(__file__).resolve().parent.parent
# Countries of the communities the LKHA serves, and neighbours whose names they share:
# the Netherlands (incl. Creole-Surinamese names), Turkey, Maghreb, Levant, Iraq, Gulf,
# Egypt and Sudan (Arabic names also used in Somalia and Eritrea), Afghanistan and Iran
# (Dari), Ethiopia (Tigrinya/Amharic, Somali region), India and Indonesia (Hindustani and
# Javanese Surinamese names).
COUNTRIES = ["NL", "TR", "MA", "DZ", "TN", "EG", "SY", "IQ", "JO", "LB", "PS", "SA", "SD", "AF", "IR", "ET", "IN", "ID"]
TOP_FIRST = 1500  # per gender and country
TOP_LAST = 2500   # per country
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏ'’-]{2,30}$")
ARABIC = re.compile(r"^[\u0600-\u06FF]{2,30}$")


def clean(names):
    out = set()
    for n in names:
        n = n.strip()
        if LATIN.match(n) or ARABIC.match(n):
            out.add(n)
    return out


def main():
    nd = NameDataset()
    first, last = set(), set()
    for c in COUNTRIES:
        top = nd.get_top_names(n=TOP_FIRST, country_alpha2=c)
        for gender in ("M", "F"):
            first |= clean(top.get(c, {}).get(gender, []))
        last |= clean(nd.get_top_names(n=TOP_LAST, country_alpha2=c, use_first_names=False).get(c, []))
    (ROOT / "data/names/lexicon_first.txt").write_text("\n".join(sorted(first)) + "\n", encoding="utf-8")
    (ROOT / "data/names/lexicon_surnames.txt").write_text("\n".join(sorted(last)) + "\n", encoding="utf-8")

    words, proper = set(), set()
    for line in Path("/usr/share/dict/dutch").read_text(encoding="utf-8").splitlines():
        w = line.strip()
        # Lower-case entries only: the capitalised ones are names and places.
        if w and w[0].islower() and " " not in w and not any(ch.isdigit() for ch in w) and len(w) <= 24:
            words.add(w)
        elif w and w[0].isupper() and " " not in w and not any(ch.isdigit() for ch in w) and len(w) <= 24:
            proper.add(w)
    (ROOT / "data/words").mkdir(exist_ok=True)
    (ROOT / "data/words/dutch.txt").write_text("\n".join(sorted(words)) + "\n", encoding="utf-8")
    (ROOT / "data/words/dutch_proper.txt").write_text("\n".join(sorted(proper)) + "\n", encoding="utf-8")
    english = set()
    for line in Path("/usr/share/dict/american-english").read_text(encoding="utf-8").splitlines():
        w = line.strip()
        if w and w.isalpha() and len(w) <= 24:
            english.add(w)
    (ROOT / "data/words/english.txt").write_text("\n".join(sorted(english)) + "\n", encoding="utf-8")
    print(f"{len(first)} first names, {len(last)} surnames, {len(words)} Dutch words", file=sys.stderr)


if __name__ == "__main__":
    main()
