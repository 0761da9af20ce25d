//! Person names: what is found and what is not.

use super::*;

fn found(text: &str) -> Vec<&str> {
    super::super::overlap::found_by(find, text)
}

#[test]
fn titles() {
    assert_eq!(found("mevrouw Bakkali belde"), ["Bakkali"]);
    assert_eq!(found("mw. El Amrani is bang"), ["El Amrani"]);
    assert_eq!(found("dhr. A. Yilmaz niet bereikt"), ["A. Yilmaz"]);
    assert_eq!(found("met mw. van der Berg van school"), ["van der Berg"]);
    assert_eq!(found("de heer Demir"), ["Demir"]);
    assert_eq!(found("mevr. Aydın belt"), ["Aydın"]);
    assert_eq!(found("mw. bakkali belt"), ["bakkali"]);
}

#[test]
fn kinship_cues() {
    assert_eq!(found("haar broer Ahmed dreigt"), ["Ahmed"]);
    assert_eq!(found("haar oom hassan regelt"), ["hassan"]);
    assert_eq!(found("schoonmoeder Gülşen houdt"), ["Gülşen"]);
    assert_eq!(found("tante Şükran en oom İsmail in Konya"), ["Şükran", "İsmail"]);
    assert_eq!(found("neef Zorro belt"), ["Zorro"]);
    assert_eq!(found("haar neef 'Memo' belt"), ["Memo"]);
}

#[test]
fn full_names() {
    assert_eq!(found("Fatima Bakkali (clt)"), ["Fatima Bakkali"]);
    assert_eq!(found("Samira el Amrani belde"), ["Samira el Amrani"]);
    assert_eq!(found("schoonvader Ibrahim Ould Mohamed stuurt"), ["Ibrahim Ould Mohamed"]);
    assert_eq!(found("Ayşe Yıldız wil"), ["Ayşe Yıldız"]);
    assert_eq!(found("gesprek met fatima bakkali"), ["fatima bakkali"]);
    assert_eq!(found("Pieter Bakker belde"), ["Pieter Bakker"]);
    assert_eq!(found("Mohamed A. (vader)"), ["Mohamed A."]);
    assert_eq!(found("AICHA BOUZID op ticket"), ["AICHA BOUZID"]);
}

#[test]
fn unlisted_names_in_name_positions() {
    assert_eq!(found("gesprek met Zorrowitz over school"), ["Zorrowitz"]);
    assert_eq!(found("ze heet qwendolyn en is bang"), ["qwendolyn"]);
    assert_eq!(found("gisteren kwam Xandrio langs"), ["Xandrio"]);
    assert_eq!(found("haar neef zorrowitz belt"), ["zorrowitz"]);
    assert_eq!(found("vriendin Sahar al-Nasser belde"), ["Sahar al-Nasser"]);
    assert_eq!(found("verloofde Abdilaahi Moursal Barbad"), ["Abdilaahi Moursal Barbad"]);
}

#[test]
fn arabic_script() {
    assert_eq!(found("haar zus فاطمة الزهراء belt"), ["فاطمة الزهراء"]);
    assert_eq!(found("فاطمة"), ["فاطمة"]);
}

#[test]
fn kinship_words_of_the_communities_are_not_names() {
    assert_eq!(found("haar teyze Ayşe belde"), ["Ayşe"]);
    assert_eq!(found("hooyo Hodan"), ["Hodan"]);
}

#[test]
fn not_names() {
    for t in [
        "Moeder belde om 10 uur",
        "Vader is terug naar Nederland",
        "haar broer zit ook in Marokko",
        "de oom is onbereikbaar",
        "na Ramadan, rond Suikerfeest",
        "verwezen naar Fier, Blijf Groep",
        "familie komt uit Aydın",
        "oom in Nador, tante in Den Haag",
        "haar moeder Marokkaanse",
        "oom LKHA gebeld",
        "Mark je agenda",
        "Bakker is dicht",
        "moeder Kerkstraat 12",
        "luchthaven Mohammed V",
        "de Hassan II moskee",
        "de profeet Mohammed",
        "via Sint Maarten",
        "gesprek met moeder en met Veilig Thuis",
        "haar teyze belde, hala en amca ook",
        "khalti en 3ammi in Nador",
        "hooyo en abti, eedo",
        "anne en baba willen dat ze trouwt",
        "ze heet nog niets",
    ] {
        assert!(found(t).is_empty(), "{t}: {:?}", found(t));
    }
}
