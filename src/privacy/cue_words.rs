//! Cue and stop words for the name and address detectors, kept apart from the logic.
//! All entries are already folded (lower case, no diacritics).

/// Family and relationship words; a name often follows ("haar broer Ahmed").
#[rustfmt::skip]
pub(super) const KIN: &[&str] = &[
    "broer", "broertje", "zus", "zusje", "zuster", "oom", "tante", "neef", "nicht", "neefje", "nichtje",
    "vader", "moeder", "papa", "mama", "opa", "oma", "grootvader", "grootmoeder", "schoonmoeder",
    "schoonvader", "schoonzus", "schoonbroer", "zwager", "schoonzoon", "schoondochter", "stiefvader",
    "stiefmoeder", "halfbroer", "halfzus", "zoon", "dochter", "man", "vrouw", "echtgenoot",
    "echtgenote", "verloofde", "aanstaande", "bruidegom", "bruid", "partner", "vriend", "vriendin",
    "ex", "imam", "hodja", "hoca", "cliente", "client", "clt", "mentor", "buurvrouw", "buurman",
    "collega", "familie", "fam", "kind", "baby", "pleegmoeder", "pleegvader",
    // Turkish
    "anne", "baba", "abla", "abi", "agabey", "kardes", "teyze", "hala", "amca", "dayi", "yenge",
    "enishte", "eniste", "dede", "nine", "babaanne", "anneanne", "kuzen", "koca", "esi",
    // Arabic and Darija
    "khalti", "khali", "khalto", "khal", "khala", "3ammi", "3amti", "ammi", "amti", "ami", "amo",
    "3amo", "jedda", "jida", "jeddi", "jaddi", "yemma", "umm", "oum", "omi", "ukhti", "akhi", "khouya",
    "khti", "bnt", "weld", "sidi", "lalla", "hajj", "hajja", "haja", "hadj",
    // Tamazight
    "yemma", "dadda", "nna", "jeddi",
    // Somali
    "hooyo", "aabo", "aabe", "abti", "eedo", "habaryar", "adeer", "ayeeyo", "awoowe", "walaal",
    "walaasha", "abayo", "edo",
    // Dari / Pashto
    "madar", "padar", "kaka", "mama", "bibi", "khaharr", "baradar", "khwahar", "khala", "ama", "nana",
    "dada", "bobo", "lala",
    // Tigrinya
    "abo", "adey", "haw", "hafti", "akoy", "abaho", "addey", "hawey",
    // Sranan
    "omu", "sisa", "brada", "granma", "granpa", "mamanengre", "tanta", "ompa",
];

/// Weaker cues: after them a word is a name only when it is listed or not a Dutch word
/// ("gesprek met Zorro", "ze heet sahar", "mentor Bosman").
#[rustfmt::skip]
pub(super) const NAME_CUES: &[&str] = &[
    "met", "heet", "heten", "genaamd", "alias", "bijnaam", "roepnaam", "namens",
    "juf", "meester", "docent", "docente", "leerkracht", "zorgcoordinator", "coordinator", "wijkagent",
    "agent", "tolk", "sleutelpersoon", "intermediair", "contactpersoon", "huisarts", "jongerenwerker",
    "casemanager", "voogd", "advocate", "consulent", "begeleider", "begeleidster", "vriendje",
];

/// Forms of address and titles; the next word is a name even when it is also a place.
#[rustfmt::skip]
pub(super) const TITLES: &[&str] = &[
    "mevrouw", "mevr", "mw", "mvr", "mej", "meneer", "mnr", "dhr", "heer", "mr", "dr", "drs", "ir",
    "prof",
];

/// Surname prefixes; they join a name only when a capitalised part follows.
#[rustfmt::skip]
pub(super) const PARTICLES: &[&str] = &[
    "van", "de", "der", "den", "ter", "ten", "te", "het", "t", "el", "al", "abu", "abou", "ben", "bin",
    "ibn", "ould", "ait", "bou", "da", "dos", "di", "le", "la",
];

/// Prepositions after which a capitalised word is a place ("in Aydın", "naar Medina").
#[rustfmt::skip]
pub(super) const PLACE_PREPS: &[&str] = &[
    "in", "naar", "uit", "te", "vanuit", "vanaf", "richting", "via", "nabij", "omgeving", "regio", "from", "to",
];

/// Capitalised words that are never names: months, days, languages and nationalities,
/// organisations, holidays, apps, and common sentence openers.
#[rustfmt::skip]
pub(super) const STOP: &[&str] = &[
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
    "november", "december", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag",
    "zondag", "nederlands", "nederlandse", "nederlander", "marokkaans", "marokkaanse", "marokkaan",
    "turks", "turkse", "somalisch", "somalische", "afghaans", "afghaanse", "syrisch", "syrische",
    "eritrees", "eritrese", "koerdisch", "koerdische", "arabisch", "arabische", "berbers", "tamazight",
    "tarifit", "dari", "pashto", "farsi", "tigrinya", "engels", "engelse", "frans", "duits", "hindi",
    "urdu", "sarnami", "surinaams", "surinaamse", "pakistaans", "pakistaanse", "islamitisch",
    "islamitische", "veilig", "thuis", "raad", "kinderbescherming", "lkha", "fier", "blijf", "groep",
    "wijkteam", "politie", "gemeente", "ambassade", "consulaat", "marechaussee", "kmar", "ind", "ggd",
    "school", "rechtbank", "advocaat", "stichting", "centrum", "buitenlandse", "zaken", "ramadan",
    "ramazan", "suikerfeest", "offerfeest", "eid", "bayram", "kerst", "pasen", "newroz", "nikah",
    "whatsapp", "facebook", "instagram", "telegram", "signal", "snapchat", "tiktok", "skype", "google",
    "de", "het", "een", "hij", "zij", "ze", "ik", "wij", "we", "jij", "je", "u", "en", "of", "maar",
    "die", "dat", "deze", "dit", "er", "is", "was", "niet", "geen", "ook", "nog", "wel", "dan", "toen",
    "als", "om", "na", "over", "tot", "sinds", "door", "bij", "met", "voor", "volgens", "haar", "zijn",
    "hun", "clt", "cliente", "client", "tel", "nr", "bsn", "id", "geb", "adres", "postcode", "paspoort",
    "noord", "zuid", "oost", "west", "god", "allah", "islam", "koran", "moskee", "imam", "hodja",
    // abbreviations of hurried notes, not Dutch words but not names
    "ivm", "mbt", "tav", "ihkv", "obv", "icm", "evt", "ovv", "vlgs", "ww", "wk", "wkn", "jr", "jrs",
    "mnd", "mndn", "uur", "min", "vt", "wt", "svp", "ipv", "oa", "bijv", "mn", "zsm", "asap", "ok",
    "oke", "nvt", "gespr", "tel", "teleph", "app", "appje", "sms", "mail", "gem", "ggz",
    "jgz", "vo", "po", "mbo", "hbo", "wo", "roc", "ib", "ib'er", "zoco", "uwv", "svb", "duo", "cjg",
    "bso", "kdv", "ok", "ovb", "nb", "pm", "ps", "etc", "enz", "dwz", "incl", "excl", "tm", "vs",
    "clte", "clt's", "fam", "ouders", "kids", "bro", "sis", "insta", "snap", "tiktok", "fb", "ig",
    "tt", "pas", "pasp", "ppt", "geb", "bsn", "vvr", "tbv", "ivf", "jw", "jwz", "bw", "sr", "art",
    "havo", "vwo", "vmbo", "mavo", "lwoo", "isk", "oke",
];

/// Listed names that are also ordinary words; they need a title, kinship word or a
/// neighbouring name before they count ("Mark", "Roos", "Kara").
#[rustfmt::skip]
pub(super) const COMMON: &[&str] = &[
    "jan", "mark", "roos", "bas", "ben", "fleur", "mees", "iris", "merel", "frank", "rob", "joke",
    "milan", "robin", "gul", "lama", "eren", "kader", "aster", "sofia", "aden", "sultan", "hama", "bos",
    "vos", "wit", "groot", "berg", "boer", "kok", "dam", "meer", "beek", "hoek", "boon", "koning",
    "prins", "kort", "brink", "haan", "veen", "dijk", "graaf", "jong", "bakker", "visser", "kramer",
    "smit", "koster", "linden", "evers", "post", "oral", "sari", "tas", "mire", "muse", "bile", "shire",
    "barre", "kurt", "kara", "yurt", "issa", "saleh",
];

/// Words after which a listed name is a public or religious figure or a place name
/// ("de profeet Mohammed", "Sint Maarten", "luchthaven Mohammed V").
#[rustfmt::skip]
pub(super) const NOT_PERSON_BEFORE: &[&str] = &[
    "profeet", "sint", "st", "koning", "koningin", "prins", "prinses", "sultan", "luchthaven",
    "airport", "moskee", "stichting", "basisschool", "ziekenhuis", "hotel", "kliniek", "heilige",
];

/// Street-name endings; a capitalised word ending in one is an address part, not a name.
#[rustfmt::skip]
pub(super) const STREET_ENDINGS: &[&str] = &[
    "straat", "laan", "weg", "plein", "gracht", "kade", "singel", "dijk", "dreef", "steeg", "markt",
    "plantsoen", "burgwal", "boulevard", "allee",
];

/// School-type words that follow a school's name; shared by the school and name detectors.
#[rustfmt::skip]
pub(super) const SCHOOL_AFTER: &[&str] = &[
    "college", "lyceum", "gymnasium", "school", "basisschool", "academie", "scholengemeenschap",
    "schoolgemeenschap",
];
