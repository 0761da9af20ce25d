//! Folding of words for lookup, shared with `build.rs` (which folds the large lexicon the
//! same way when it compiles it).

/// Lower-cases `word` and strips diacritics into `out`, so "Öztürk", "OZTURK" and "ozturk"
/// meet, and Turkish İ/ı fold to i (to_lowercase alone turns İ into "i" plus a combining dot).
pub fn fold_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.extend(word.bytes().filter(|&b| b != b'\'').map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    for c in word.chars().flat_map(char::to_lowercase) {
        let base = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ı' | 'ī' => 'i',
            'ñ' | 'ń' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
            'ş' | 'ś' | 'š' => 's',
            'ğ' => 'g',
            'ý' | 'ÿ' => 'y',
            'ž' | 'ź' | 'ż' => 'z',
            '\u{0307}' | '\u{2019}' | '\'' => continue,
            other => other,
        };
        out.push(base);
    }
}
