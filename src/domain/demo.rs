//! Realistic fictional consultations for demos, training sessions and benchmarks.
//! Deterministic for a seed; no names, numbers or places finer than a country.

use super::catalogue::Catalogue;
use super::date::Date;
use super::record::{Consultation, FollowUp};
use chrono::{Duration, NaiveDate};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

const OPENERS: [&str; 12] = [
    "Leerkracht meldt dat de leerling sinds de meivakantie stiller is en niet meer meedoet met gym.",
    "Cliënte vertelde tijdens het huisbezoek dat de familie een reis naar het land van herkomst plant.",
    "Broer haalt haar sinds twee weken elke dag op van school; vriendinnen mag ze niet meer zien.",
    "Moeder gaf aan dat er thuis veel spanning is over de partnerkeuze van de oudste dochter.",
    "Jongere is na de zomervakantie niet teruggekomen; school heeft geen contact meer kunnen krijgen.",
    "Cliënt vertelde dat zijn familie zijn relatie met een man nooit zal accepteren.",
    "Signalen via de huisarts: angst voor de zomervakantie en klachten over slaap.",
    "Via de sleutelpersoon kwam naar voren dat er een verloving is afgesproken in het buitenland.",
    "Leerplicht meldt langdurig verzuim; de familie zegt dat ze bij een tante in het buitenland is.",
    "Cliënte heeft geen toegang meer tot haar eigen paspoort en bankpas.",
    "Er is sprake van dreiging door de schoonfamilie na een scheiding.",
    "De jongere zegt dat ze na de vakantie 'misschien niet terugkomt' en wil daar niet over praten.",
];

const FRAGMENTS: [&str; 16] = [
    "Het LKHA adviseert eerst informatie te verzamelen en niet met de ouders in gesprek te gaan.",
    "We hebben besproken welke signalen passen bij dreigende achterlating.",
    "Een veiligheidsplan is opgesteld met de cliënte, inclusief een codewoord.",
    "Geadviseerd om kopieën van documenten veilig te laten stellen.",
    "De cliënte weet nu dat ze in het buitenland de ambassade kan bellen.",
    "Gesprek bij voorkeur op school, zonder familie in de buurt, met een onafhankelijke tolk.",
    "Art. 284 Sr en de Wet tegengaan huwelijksdwang zijn doorgenomen.",
    "Minderjarigheid beperkt de consulaire hulp bij dubbele nationaliteit.",
    "De sleutelpersoon kan helpen bij een groepsvoorlichting, niet bij bemiddeling in deze zaak.",
    "Sociale controle is groot: telefoon wordt gecontroleerd, vrienden zijn afgeschermd.",
    "Cliënte wil zelf kiezen met wie ze trouwt, maar is bang voor de gevolgen.",
    "Niet bemiddelen: openheid naar de familie kan de cliënte in gevaar brengen.",
    "Afgesproken om over twee weken opnieuw te overleggen met het LKHA.",
    "Normen rond eer en familie botsen met de wens van de jongere om te studeren.",
    "Er lijkt sprake van financiële afhankelijkheid en kleineren binnen het gezin.",
    "Veilig Thuis is op de hoogte; melding wordt overwogen na de weging.",
];

const COUNTRIES: [&str; 10] = ["MA", "TR", "SO", "AF", "SY", "ER", "PK", "IQ", "SR", "IN"];

fn pick<'a>(rng: &mut StdRng, list: &'a [&'a str]) -> &'a str {
    list.choose(rng).copied().unwrap_or_default()
}

fn pick_code(rng: &mut StdRng, cat: &Catalogue, list: &str) -> String {
    let ids: Vec<&str> = cat.list(list).ids().collect();
    pick(rng, &ids).to_string()
}

fn some_codes(rng: &mut StdRng, cat: &Catalogue, list: &str, max: usize) -> Vec<String> {
    let mut ids: Vec<&str> = cat.list(list).ids().filter(|i| *i != "unknown" && *i != "none").collect();
    ids.shuffle(rng);
    let n = rng.gen_range(0..=max.min(ids.len()));
    ids.into_iter().take(n).map(str::to_string).collect()
}

fn paragraph(rng: &mut StdRng, sentences: usize) -> String {
    let mut out = String::from(pick(rng, &OPENERS));
    for _ in 0..sentences {
        out.push(' ');
        out.push_str(pick(rng, &FRAGMENTS));
    }
    out
}

/// Generates `count` fictional consultations over the years before `today`; about 2 KB each.
pub fn generate(count: usize, seed: u64, today: NaiveDate) -> Vec<Consultation> {
    let cat = Catalogue::builtin();
    let mut rng = StdRng::seed_from_u64(seed);
    let prompt_ids: Vec<String> = cat.prompts().iter().map(|p| p.id.clone()).collect();
    (0..count)
        .map(|_| {
            let day = today - Duration::days(rng.gen_range(0..5 * 365));
            let mut c = Consultation::new(Date(day));
            let mut forms = vec![
                pick(
                    &mut rng,
                    &["forced_marriage", "abandonment", "honour_based_violence", "domestic_violence"],
                )
                .to_string(),
            ];
            if rng.gen_bool(0.25) {
                forms.push(pick_code(&mut rng, cat, "form"));
                forms.dedup();
            }
            c.forms = forms;
            c.certainty = Some(pick(&mut rng, &["suspected", "suspected", "confirmed"]).into());
            c.client.age_band =
                pick(&mut rng, &["12-15", "16-17", "16-17", "18-22", "18-22", "23+", "0-11", "unknown"])
                    .into();
            c.client.gender = pick(&mut rng, &["female", "female", "female", "male", "unknown"]).into();
            c.client.location = pick(&mut rng, &["netherlands", "netherlands", "abroad", "unknown"]).into();
            c.client.country = Some(pick(&mut rng, &COUNTRIES).into());
            c.urgency = Some(pick(&mut rng, &["acute", "high", "medium", "medium", "low"]).into());
            for id in &prompt_ids {
                if !rng.gen_bool(0.6) {
                    continue;
                }
                let n = rng.gen_range(0..3);
                c.prompts.insert(id.clone(), paragraph(&mut rng, n));
            }
            c.advice = paragraph(&mut rng, 2);
            c.advice_date = Some(Date(day));
            c.signals = some_codes(&mut rng, cat, "signal", 4);
            c.motives = some_codes(&mut rng, cat, "motive", 2);
            c.parties = some_codes(&mut rng, cat, "party", 3);
            c.advice_categories = some_codes(&mut rng, cat, "advice_category", 3);
            c.meldcode_step = Some(pick(&mut rng, &["2", "2", "4", "1", "3", "5"]).into());
            c.marriage.form = pick_code(&mut rng, cat, "marriage_form");
            c.marriage.stage = pick_code(&mut rng, cat, "marriage_stage");
            let travel = pick_code(&mut rng, cat, "travel");
            if travel == "travel_planned" {
                c.travel.departure = Some(Date(day + Duration::days(rng.gen_range(3..60))));
            }
            c.travel.situation = Some(travel);
            for _ in 0..rng.gen_range(0..3) {
                c.actions.push(FollowUp {
                    text: pick(&mut rng, &FRAGMENTS).to_string(),
                    due: Some(Date(day + Duration::days(rng.gen_range(1..30)))),
                    done: rng.gen_bool(0.5),
                });
            }
            c.status = if day < today - Duration::days(90) && rng.gen_bool(0.8) {
                "closed".into()
            } else {
                "open".into()
            };
            c.consent.lkha_informed = pick_code(&mut rng, cat, "consent");
            c.consent.share_with_ministry = pick_code(&mut rng, cat, "consent");
            c.consent.statistics =
                pick(&mut rng, &["yes", "yes", "unknown", "no", "not_asked_safety"]).into();
            c.outcome = pick_code(&mut rng, cat, "outcome");
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate::validate;

    #[test]
    fn generated_records_are_valid_and_deterministic() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let a = generate(200, 7, today);
        assert_eq!(a, generate(200, 7, today));
        for c in &a {
            validate(c, Catalogue::builtin()).unwrap();
        }
        let avg = a.iter().map(|c| serde_json::to_string(c).unwrap().len()).sum::<usize>() / a.len();
        assert!((800..4000).contains(&avg), "average record size {avg}");
    }
}
