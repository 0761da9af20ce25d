#!/usr/bin/env python3
"""Generates tests/data/privacy_generated.jsonl: hurried case-note lines with personal data
from public generators, for scoring the detector on sentences it was not tuned on.

    python3 -m venv /tmp/genvenv && /tmp/genvenv/bin/pip install faker==40.63.0
    /tmp/genvenv/bin/python tests/tools/generate_corpus.py

Seeded: the same Faker version gives the same file. Names come from Faker locales (nl_NL,
tr_TR, en_PK, en_IN, ar_AA) and from the hand-written per-origin lists below, never from the
detector's own lexicon files (data/names/). Every number, name and address is fictional.
Each line: {"text", "lower", "expected": [{"kind", "text", "start", "end", "origin"?}]}
with byte offsets into the UTF-8 text.
"""
import json
import random
from pathlib import Path

from faker import Faker

SEED = 19
rng = random.Random(SEED)
fk = {loc: Faker(loc) for loc in ["nl_NL", "tr_TR", "en_PK", "en_IN", "ar_AA"]}
for i, f in enumerate(fk.values()):
    f.seed_instance(SEED + i)

# Hand-written, transliterated as Dutch documents and notes spell them.
HAND = {
    "moroccan": (
        "Mohamed Youssef Bilal Hamza Ilias Soufiane Karim Nordin Redouan Zakaria Anouar Mimoun Fatima "
        "Khadija Salma Ikram Nadia Houda Latifa Zineb Loubna Hafsa Siham Meryem Imane Yasmina",
        "El Idrissi Bouzidi Amrani Ouali Benali El Khattabi Azzouzi Tahiri Bennani Chaouki Lamrani "
        "Zerouali Haddouchi Boukhari El Ouardi Akhiyat Mourabit Ait Taleb Essaidi Belhaj",
    ),
    "syrian": (
        "Omar Ahmad Khaled Rami Fadi Tarek Hussam Bashar Ghaith Majd Nour Rasha Lina Dima Rahaf Sahar "
        "Hiba Ruba Yara Ghalia Razan Alaa Maysaa",
        "al-Nasser Haddad Khoury Al-Halabi Mardini Shami al-Hamwi Kassab Darwish Sabbagh al-Homsi "
        "Barakat Qassab Tlass Jabri Hourani",
    ),
    "iraqi": (
        "Haider Mustafa Ali Hussein Abbas Sajjad Murtadha Karrar Ammar Zainab Zahraa Noor Maryam Ruqaya "
        "Fatimah Duaa Hawraa Shahad Israa",
        "al-Jubouri al-Shammari al-Obaidi al-Musawi al-Tamimi al-Saadi al-Khafaji al-Dulaimi al-Rubaie "
        "Hamoudi Jassim Kadhim Abdulhussein",
    ),
    "afghan": (
        "Ahmad Mirwais Farhad Haroon Ajmal Samiullah Naqibullah Rohullah Fawad Zabihullah Masooda Freshta "
        "Roya Marzia Nilofar Shabnam Parwana Zarghona Mursal Wajma",
        "Ahmadzai Popalzai Stanikzai Rahimi Noorzai Safi Karimi Hotak Barakzai Mohmand Wardak Sultani Amiri Hashimi",
    ),
    "somali": (
        "Abdilaahi Abdirahman Mahamed Xasan Cabdi Faarax Guuleed Warsame Hodan Faadumo Ifrah Sagal "
        "Ubah Hibo Deeqa Nimco Khadra Caasha Sahra Ayaan Filsan",
        "Moursal Barbad Warsame Farah Hirsi Jama Guled Abdille Cawil Samatar Aadan Egal Dirie Galaydh Nuur Yusuf",
    ),
    "eritrean": (
        "Tesfay Yonas Merhawi Kibrom Filmon Habtom Tedros Samuel Dawit Senait Lidya Helen Rahwa Eden "
        "Selam Saba Tsega Mebrat Yordanos Winta",
        "Tesfamariam Gebremedhin Haile Kidane Tekle Berhane Ghebreyesus Woldemichael Asmerom Mehari "
        "Fessehaye Habtemariam Zerai Araya Negash",
    ),
    "surinamese": (
        "Rinaldo Sharmila Ravindra Priya Anand Shanti Kiran Sunil Rishi Soraya Ashwin Radjesh Gerda "
        "Ingrid Romano Marciano Clarence Sudiati Wiwin Pariem",
        "Ramdin Sewdien Kartosen Pinas Nelom Wongsodikromo Biharie Jagesar Soekhai Ramautar Mathoera "
        "Tjin-A-Koeng Doekhie Kasanpawiro Sabajo Ferrier Linger Kromodimedjo",
    ),
}
HAND = {k: (f.split(), s.replace("El Idrissi", "El-Idrissi").replace("El Khattabi", "El-Khattabi")
            .replace("El Ouardi", "El-Ouardi").replace("Ait Taleb", "Ait-Taleb").split()) for k, (f, s) in HAND.items()}


def name(origin):
    """(first, last) of an origin."""
    if origin == "dutch":
        f = fk["nl_NL"]
        return f.first_name(), f.last_name()
    if origin == "turkish":
        f = fk["tr_TR"]
        return f.first_name(), f.last_name()
    if origin == "pakistani":
        f = fk["en_PK"]
        return f.first_name(), f.last_name()
    if origin == "surinamese" and rng.random() < 0.4:
        f = fk["en_IN"]
        return f.first_name(), f.last_name()
    if origin == "arabic_script":
        f = fk["ar_AA"]
        return f.first_name(), f.last_name()
    firsts, lasts = HAND[origin]
    return rng.choice(firsts), rng.choice(lasts)


ORIGINS = ["dutch", "turkish", "moroccan", "syrian", "iraqi", "afghan", "pakistani", "somali", "eritrean",
           "surinamese", "arabic_script"]


def bsn():
    while True:
        d = [rng.randint(0, 9) for _ in range(8)]
        if d[0] == 0:
            continue
        s = sum(x * w for x, w in zip(d, range(9, 1, -1)))
        last = s % 11
        if last <= 9:
            n = "".join(map(str, d + [last]))
            style = rng.random()
            if style < 0.4:
                return n
            if style < 0.7:
                return f"{n[:3]}.{n[3:6]}.{n[6:]}"
            return f"{n[:4]}.{n[4:6]}.{n[6:]}"


def plate():
    code = rng.choice(["LL-DD-DD", "DD-LL-DD", "LL-DD-LL", "DD-LL-LL", "DD-LLL-D", "D-LLL-DD", "LL-DDD-L",
                       "L-DDD-LL", "LLL-DD-L", "L-DD-LLL", "D-LL-DDD", "DDD-LL-D"])
    letters = "BDFGHJKLNPRSTVXZ"
    p = "".join(rng.choice(letters) if c == "L" else str(rng.randint(0, 9)) if c == "D" else "-" for c in code)
    return p if rng.random() < 0.7 else p.replace("-", "")


def handle(first):
    base = first.lower().replace(" ", "")
    base = "".join(c for c in base if c.isalnum())[:10] or "x"
    h = rng.choice([f"{base}_{rng.randint(1, 99)}", f"{base}.{rng.choice('abcdk')}{rng.randint(0, 9)}",
                    f"xx{base}xx", f"{base}{rng.randint(2005, 2012)}"])
    return h


def school():
    f = fk["nl_NL"]
    kind = rng.random()
    word = rng.choice(["Regenboog", "Klimop", "Kompas", "Anker", "Zonnewijzer", "Vlinder", "Wereldwijzer",
                       "Sterrenwacht", "Meander", "Springplank", "Toermalijn", "Horizon", "Fontein"])
    if kind < 0.45:
        return f"{rng.choice(['basisschool', 'OBS', 'CBS', 'IKC', 'Basisschool'])} {rng.choice(['De', 'Het', 'de', ''])} {word}".replace("  ", " ")
    if kind < 0.75:
        return f"{f.last_name().split()[-1]} {rng.choice(['College', 'Lyceum'])}"
    return f"ROC {f.city()}"


def dob():
    d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2004, 2014)
    months = "januari februari maart april mei juni juli augustus september oktober november december".split()
    return rng.choice([f"{d:02d}-{m:02d}-{y}", f"{d}-{m}-{y}", f"{d} {months[m - 1]} {y}", f"{d}/{m}/{y}"])


def birthday():
    d, m = rng.randint(1, 28), rng.randint(1, 12)
    months = "jan feb maart april mei juni juli aug sept okt nov dec".split()
    return rng.choice([f"{d}-{m}", f"{d}/{m}", f"{d} {months[m - 1]}"])


def docnr():
    r = rng.random()
    L = "ABCDEFGHJKLMNPRSTUVWXZ"
    if r < 0.4:
        s = rng.choice(L) + rng.choice(L) + "".join(rng.choice(L + "0123456789") for _ in range(5)) + str(rng.randint(0, 9)) + str(rng.randint(0, 9))
        return s
    if r < 0.6:
        return "U" + "".join(str(rng.randint(0, 9)) for _ in range(8))
    if r < 0.8:
        return rng.choice(L) + rng.choice(L) + "".join(str(rng.randint(0, 9)) for _ in range(7))
    return "P0" + "".join(str(rng.randint(0, 9)) for _ in range(7))


def phone():
    r = rng.random()
    if r < 0.4:
        return "06" + rng.choice(["", "-", " "]) + "".join(str(rng.randint(0, 9)) for _ in range(8))
    if r < 0.6:
        return f"+212 6 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    if r < 0.8:
        return f"+90 5{rng.randint(10, 59)} {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    return f"+252 61 {rng.randint(1000000, 9999999)}"


# Templates: {N} full name, {F} first name, {S} surname, other slots by kind.
NAME_TEMPLATES = [
    "gesprek met {N} over de zomervakantie",
    "haar oom {F} dreigt haar mee te nemen",
    "mw. {S} belde terug, wil anoniem blijven",
    "clt {F} is bang voor haar broer",
    "broer {N} haalt haar dagelijks op van school",
    "ze heet {F} en is 16",
    "moeder {N} weet van niets",
    "{N} (vader) wil dat ze trouwt met een neef",
    "dhr. {S} zegt dat alles goed gaat",
    "neef {F} woont in het buitenland",
    "vriendin {F} maakt zich zorgen",
    "contact via tante {N}",
    "mentor {N} meldt verzuim",
    "volgens {N} is het paspoort ingenomen",
    "afgesproken dat {F} morgen belt",
    "de verloofde, {N}, is 31",
    "schoonmoeder {F} regelt de bruiloft",
    "tolk {N} was aanwezig bij het gesprek",
    "zus {F} vertelt dat er een reis gepland is",
    "gisteren kwam {N} langs bij het wijkteam",
]
STRUCT_TEMPLATES = [
    ("bsn", "bsn {X} staat op de pas"),
    ("bsn", "BSN clt: {X}"),
    ("phone", "nr van oom: {X}"),
    ("phone", "bereikbaar op {X} na 18u"),
    ("email", "mailt vanaf {X}"),
    ("postcode", "woont in {X} bij haar tante"),
    ("iban", "geld gaat naar {X}"),
    ("date", "geb. {X}, woont bij vader"),
    ("date", "geboren op {X}"),
    ("plate", "auto van de broer: {X}"),
    ("plate", "grijze golf {X} staat vaak voor school"),
    ("handle", "insta: {X}"),
    ("handle", "ze volgt @{X} op tiktok"),
    ("handle", "filmpjes op tiktok.com/@{X}"),
    ("school", "zit op {X}, mentor ingelicht"),
    ("school", "leerling van {X} in groep 8"),
    ("birthday", "clt 16, jarig {X}"),
    ("birthday", "is 15, verjaardag {X}"),
    ("birthday", "wordt 17 op {X}"),
    ("document_number", "paspoort {X} ligt bij vader"),
    ("document_number", "Turks paspoort {X} is ingenomen"),
]
CLEAN = [
    "tel. overleg met LKHA, advies: eerst veiligheidsplan maken",
    "clt zit sinds 3 weken in Marokko bij familie van vader",
    "school meldt verzuim sinds de meivakantie",
    "moeder is bang voor de reactie van de familie",
    "overleg met Veilig Thuis gepland voor volgende week",
    "vader heeft paspoort en ticket ingenomen",
    "ze wil niet trouwen maar durft dat niet te zeggen",
    "advies LKHA: niet met de familie in gesprek gaan",
    "meldcode stap 2 doorlopen, collega geraadpleegd",
    "zomervakantie naar Turkije, geen retourticket bekend",
    "haar broer houdt haar telefoon in de gaten",
    "gesprek op school met mentor en zorgcoordinator",
    "Raad voor de Kinderbescherming ingeschakeld",
    "ambassade in Rabat gebeld, terugbelverzoek",
    "op 12 maart weer contact, om 14.30 uur",
    "art. 284 Sr besproken met collega",
    "sleutelpersoon van stichting meegenomen naar huisbezoek",
    "clt volgt havo 4, cijfers gaan achteruit",
    "hala en teyze zijn op de hoogte, amca niet",
    "khalti en hooyo bellen soms, abti woont in Somalie",
    "baba en anne willen dat ze in de zomer trouwt",
    "dayı heeft de reis geregeld volgens de clt",
    "zaaknummer 2024-00123, dossier VT-2023-4411",
    "Moeder belde om 10 uur, weinig tijd",
    "ze is 16 en zit in de derde klas",
    "op woensdag gaat ze naar de moskee",
    "in januari komt de familie uit Irak",
    "eerst veiligheid, dan pas gesprek met ouders",
    "wijkteam Noord neemt de zaak over",
    "contact via WhatsApp is niet veilig volgens clt",
]


def fill(template, slots, lower):
    """Fills slots; returns text and expected spans with byte offsets."""
    text, spans = "", []
    i = 0
    while i < len(template):
        if template[i] == "{":
            j = template.index("}", i)
            key = template[i + 1:j]
            value, kind, origin = slots[key]
            if lower and origin != "arabic_script":
                value = value.lower()
            start = len(text.encode("utf-8"))
            text += value
            spans.append({"kind": kind, "text": value, "start": start, "end": len(text.encode("utf-8")),
                          **({"origin": origin} if origin else {})})
            i = j + 1
        else:
            text += template[i]
            i += 1
    if lower:
        text = text.lower()
    return text, spans


def main():
    lines = []
    for n in range(1100):
        origin = ORIGINS[n % len(ORIGINS)]
        first, last = name(origin)
        tpl = rng.choice(NAME_TEMPLATES)
        lower = rng.random() < 1 / 3
        slots = {"N": (f"{first} {last}", "name", origin), "F": (first, "name", origin), "S": (last, "name", origin)}
        text, spans = fill(tpl, slots, lower)
        lines.append({"text": text, "lower": lower, "expected": spans})
    for n in range(700):
        kind, tpl = STRUCT_TEMPLATES[n % len(STRUCT_TEMPLATES)]
        first, _ = name(rng.choice(ORIGINS[:-1]))
        value = {
            "bsn": bsn, "phone": phone, "email": lambda: fk["nl_NL"].free_email(), "postcode": lambda: fk["nl_NL"].postcode(),
            "iban": lambda: fk["nl_NL"].iban(), "date": dob, "plate": plate, "handle": lambda: handle(first),
            "school": school, "birthday": birthday, "document_number": docnr,
        }[kind]()
        if kind == "handle" and "@{X}" not in tpl and rng.random() < 0.3:
            value = "@" + value
        lower = rng.random() < 1 / 3 and kind not in ("document_number",)
        text, spans = fill(tpl, {"X": (value, kind, None)}, lower)
        if kind == "handle" and "@{X}" in tpl:  # the span includes the @
            spans[0]["start"] -= 1
            spans[0]["text"] = "@" + spans[0]["text"]
        lines.append({"text": text, "lower": lower, "expected": spans})
    for n in range(400):
        t = CLEAN[n % len(CLEAN)]
        lower = n % 3 == 2
        lines.append({"text": t.lower() if lower else t, "lower": lower, "expected": []})
    rng.shuffle(lines)
    seen, out = set(), []
    for line in lines:
        if line["text"] in seen and line["expected"]:
            continue
        seen.add(line["text"])
        out.append(line)
    path = Path(__file__).resolve().parent.parent / "data/privacy_generated.jsonl"
    path.write_text("".join(json.dumps(l, ensure_ascii=False) + "\n" for l in out), encoding="utf-8")
    print(f"{len(out)} lines -> {path}")


if __name__ == "__main__":
    main()
