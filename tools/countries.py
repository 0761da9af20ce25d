#!/usr/bin/env python3
"""Writes data/countries.json: ISO 3166-1 alpha-2 codes with Dutch and English names.

Source: the Debian iso-codes data as packaged by PyPI `pycountry` (LGPL-2.1; the names are
facts). Run by hand in a venv (`pip install pycountry`), never by the build or the tests:
    python3 tools/countries.py > data/countries.json
"""
import gettext
import json

import pycountry

nl = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"])
rows = []
for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
    en = getattr(c, "common_name", None) or c.name
    rows.append({"code": c.alpha_2, "nl": nl.gettext(c.name), "en": en})
print(json.dumps({"source": "ISO 3166-1 via pycountry (Debian iso-codes)", "countries": rows},
                 ensure_ascii=False, indent=0))
