//! Counting and protecting three-dimension tables of fictional consultations.
//!
//! Periods are uniform over 5 years; forms and age bands are skewed, so rare
//! combinations give many small cells. Sparse tables (1k and 10k records) are
//! often refused as inherently disclosive: their time is still the time the
//! caller waits for the answer.

use std::hint::black_box;
use std::time::Duration;

use consultlog::stats::{CountTable, Period, protect};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rand::distributions::{Distribution, WeightedIndex};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const FORMS: [&str; 8] = [
    "forced_marriage",
    "abandonment",
    "marital_captivity",
    "forced_engagement",
    "honour_related",
    "child_marriage",
    "polygamy",
    "other",
];
const FORM_WEIGHTS: [u64; 8] = [40, 25, 12, 8, 6, 4, 3, 2];
const AGES: [&str; 6] = ["0-15", "16-17", "18-22", "23-29", "30-39", "40+"];
const AGE_WEIGHTS: [u64; 6] = [5, 15, 30, 25, 15, 10];

fn rows(records: usize, period: Period, seed: u64) -> Vec<Vec<String>> {
    let mut rng = StdRng::seed_from_u64(seed);
    let forms = WeightedIndex::new(FORM_WEIGHTS).expect("valid weights");
    let ages = WeightedIndex::new(AGE_WEIGHTS).expect("valid weights");
    let start = chrono::NaiveDate::from_ymd_opt(2021, 1, 1).expect("valid date");
    (0..records)
        .map(|_| {
            let date = start + chrono::Days::new(rng.gen_range(0..5 * 365));
            vec![
                period.label(date),
                FORMS[forms.sample(&mut rng)].to_string(),
                AGES[ages.sample(&mut rng)].to_string(),
            ]
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let dims = ["period", "form", "age_band"];
    for period in [Period::Quarter, Period::Month] {
        let mut group = c.benchmark_group(format!("{}_form_age", period.name()));
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(2))
            .warm_up_time(Duration::from_millis(500));
        for records in [1_000, 10_000, 100_000] {
            let data = rows(records, period, 42);
            group.bench_with_input(BenchmarkId::new("count_and_protect", records), &data, |b, data| {
                b.iter(|| {
                    let counts = CountTable::from_rows(&dims, data).expect("valid rows");
                    black_box(protect(&counts, 5, period))
                })
            });
            let counts = CountTable::from_rows(&dims, &data).expect("valid rows");
            group.bench_with_input(BenchmarkId::new("protect_only", records), &counts, |b, counts| {
                b.iter(|| black_box(protect(counts, 5, period)))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
