#!/usr/bin/env python3
"""Runs DEDUCE (PyPI `deduce`, the de-identifier for Dutch clinical text) on the same
sentences as tests/privacy_generated.rs and prints its figures with the same span-overlap
scoring, for the side-by-side table in docs/anonymisation.md. Not part of CI (needs Python).

    python3 -m venv /tmp/dvenv && /tmp/dvenv/bin/pip install deduce==3.0.6
    /tmp/dvenv/bin/python tests/tools/deduce_compare.py [tests/data/privacy_generated.jsonl]

DEDUCE's tags do not map one-to-one on our kinds, so it is scored generously: a name counts
as caught when a person/patient tag overlaps it; any other expected span counts as caught
when any DEDUCE tag overlaps it; a DEDUCE tag is a true positive when it overlaps any
expected span.
"""
import json
import sys
from collections import defaultdict
from pathlib import Path

from deduce import Deduce

PERSON = {"persoon", "patient"}


def main():
    path = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "data/privacy_generated.jsonl")
    deduce = Deduce()
    per_kind, per_origin, lower = defaultdict(lambda: [0, 0]), defaultdict(lambda: [0, 0]), [0, 0]
    found = true_found = clean = clean_flagged = 0
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        line = json.loads(raw)
        text = line["text"]
        anns = [(a.start_char, a.end_char, a.tag) for a in deduce.deidentify(text).annotations]
        # Expected offsets are bytes (Rust); convert to chars for DEDUCE.
        exp = []
        for e in line["expected"]:
            if "start" in e:
                s = len(text.encode("utf-8")[: e["start"]].decode("utf-8"))
                exp.append((s, s + len(e["text"]), e))
            else:
                s = text.find(e["text"])
                exp.append((s, s + len(e["text"]), e))
        if not exp:
            clean += 1
            clean_flagged += bool(anns)
        for a in anns:
            found += 1
            true_found += any(a[0] < t1 and s1 < a[1] for s1, t1, _ in exp)
        for s1, t1, e in exp:
            ok = any(a[0] < t1 and s1 < a[1] and (e["kind"] != "name" or a[2] in PERSON) for a in anns)
            per_kind[e["kind"]][0] += 1
            per_kind[e["kind"]][1] += ok
            if e.get("origin"):
                per_origin[e["origin"]][0] += 1
                per_origin[e["origin"]][1] += ok
                if line.get("lower"):
                    lower[0] += 1
                    lower[1] += ok
    for k, (n, h) in sorted(per_kind.items()):
        print(f"kind   {k:<16} {n:>5} expected  recall {h / n:.3f}")
    for o, (n, h) in sorted(per_origin.items()):
        print(f"origin {o:<16} {n:>5} expected  recall {h / n:.3f}")
    if lower[0]:
        print(f"names in lower-case lines: {lower[0]} expected, recall {lower[1] / lower[0]:.3f}")
    print(f"precision {true_found / max(found, 1):.3f} ({true_found}/{found})")
    print(f"clean lines flagged {clean_flagged}/{clean}")


if __name__ == "__main__":
    main()
