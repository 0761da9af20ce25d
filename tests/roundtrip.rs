//! Property tests: any valid consultation survives JSON and the vault unchanged.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use age::secrecy::SecretString;
use consultlog::domain::input::parse_consultations;
use consultlog::domain::{Catalogue, Consultation, Date, FollowUp};
use consultlog::store::Vault;
use proptest::prelude::*;

fn code(list: &'static str) -> impl Strategy<Value = String> {
    let ids: Vec<String> = Catalogue::builtin().list(list).ids().map(str::to_string).collect();
    proptest::sample::select(ids)
}

fn codes(list: &'static str) -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(code(list), 0..4)
}

fn date() -> impl Strategy<Value = Date> {
    (1990i32..2040, 1u32..=12, 1u32..=31)
        .prop_filter_map("real date", |(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d).map(Date))
}

fn text() -> impl Strategy<Value = String> {
    // Any Unicode, including Arabic script, Turkish letters, emoji, control characters.
    prop_oneof![any::<String>(), "[a-zA-ZğüşıİçöÇŞĞ٠-ٹ😀 \\n\"\\\\]{0,200}"]
}

prop_compose! {
    fn consultation()(
        on in date(), forms in codes("form"), certainty in proptest::option::of(code("certainty")),
        age in code("age_band"), gender in code("gender"), loc in code("location"),
        country in proptest::option::of(proptest::sample::select(
            consultlog::domain::country::all().iter().map(|c| c.code.clone()).collect::<Vec<_>>())),
        urgency in proptest::option::of(code("urgency")),
        prompts in proptest::collection::btree_map(code_prompt(), text(), 0..9), advice in text(),
        actions in proptest::collection::vec((text(), proptest::option::of(date()), any::<bool>()), 0..3),
        status in code("status"), consent in (code("consent"), code("consent"), code("consent")),
        signals in codes("signal"), motives in codes("motive"), mf in code("marriage_form"), ms in code("marriage_stage"),
        travel in proptest::option::of(code("travel")), departure in proptest::option::of(date()),
        parties in codes("party"), step in proptest::option::of(code("meldcode_step")),
        advice_categories in codes("advice_category"), advice_date in proptest::option::of(date()), outcome in code("outcome"),
    ) -> Consultation {
        let mut c = Consultation::new(on);
        c.forms = forms; c.certainty = certainty; c.client.age_band = age; c.client.gender = gender;
        c.client.location = loc; c.client.country = country; c.urgency = urgency; c.prompts = prompts;
        c.advice = advice; c.actions = actions.into_iter().map(|(text, due, done)| FollowUp { text, due, done }).collect();
        c.status = status; c.consent.lkha_informed = consent.0; c.consent.share_with_ministry = consent.1;
        c.consent.statistics = consent.2; c.signals = signals; c.motives = motives; c.marriage.form = mf;
        c.marriage.stage = ms; c.travel.situation = travel; c.travel.departure = departure; c.parties = parties;
        c.meldcode_step = step; c.advice_categories = advice_categories; c.advice_date = advice_date; c.outcome = outcome;
        c
    }
}

fn code_prompt() -> impl Strategy<Value = String> {
    let ids: Vec<String> = Catalogue::builtin().prompts().iter().map(|p| p.id.clone()).collect();
    proptest::sample::select(ids)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn json_round_trip(c in consultation()) {
        let json = serde_json::to_string(&c).unwrap();
        let back = parse_consultations(&json, Catalogue::builtin()).unwrap();
        prop_assert_eq!(back, vec![c.clone()]);
        // The flat `list --json` form, with output-only keys, is accepted as input too.
        let pretty = serde_json::to_string_pretty(&c).unwrap();
        prop_assert_eq!(parse_consultations(&pretty, Catalogue::builtin()).unwrap(), vec![c]);
    }
}

#[test]
fn vault_round_trip() {
    let tmp = tempfile::tempdir().unwrap();
    let pass = SecretString::from("fictief".to_string());
    let vault = Vault::create(&tmp.path().join("v"), &pass, Some(4)).unwrap();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(100));
    runner
        .run(&consultation(), |c| {
            let id = vault.add(c.clone()).unwrap();
            let r = vault.get(&id).unwrap();
            prop_assert_eq!(&r.consultation, &c);
            prop_assert_eq!(&r.id, &id);
            let mut edited = c.clone();
            edited.advice.push_str(" (bewerkt)");
            let fields = vault.update(&id, edited.clone(), "edited").unwrap();
            prop_assert_eq!(fields, vec!["advice".to_string()]);
            prop_assert_eq!(vault.get(&id).unwrap().consultation, edited);
            Ok(())
        })
        .unwrap();
    let report = vault.verify().unwrap();
    assert!(report.is_sound(), "{:?}", report.problems);
    assert_eq!(report.records, vault.summaries().unwrap().rows.len());
    drop(vault);
    // Everything is still there after reopening.
    let vault = Vault::open(&tmp.path().join("v"), &pass).unwrap();
    assert!(vault.verify().unwrap().is_sound());
}
