//! Speed of `detect` on a 5 KB note (linted on every keystroke: budget 1 ms) and on a 1 MB
//! note (budget 50 ms). The notes are generated from fictional case-note sentences. Also
//! `unresolved` over many short demo records, as a bulk `add` runs it once per record.

use std::hint::black_box;

use chrono::NaiveDate;
use consultlog::domain::demo;
use consultlog::privacy::{detect, unresolved};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const SENTENCES: &[&str] = &[
    "tel. contact LKHA ivm cliente, zit sinds 3 wkn in Nador bij schoonfamilie. ",
    "haar oom Hassan (+212 6 61 23 45 78) heeft de tickets gekocht, vertrek 3 maart 2025. ",
    "Moeder belde om 10 uur, huilde veel. Vader is terug naar Nederland. ",
    "clt Fatima Bakkali woont Kerkstraat 12a, 3011 AB Rotterdam, bsn 725763863. ",
    "overleg met Veilig Thuis en wijkteam Noord, zaaknummer 2024-00123, om 14:30 uur. ",
    "rekening NL80 ABNA 0497 4650 75, paspoort NXC4L1T93 ingenomen door vader Yusuf. ",
    "mail via s.elamrani@hotmail.nl, mw. El Amrani is bang voor haar broer Ahmed. ",
    "reiskosten € 1.250,00, art. 284 Sr besproken, evaluatie in week 12 van maart 2025. ",
    "Ayşe Yıldız en tante Şükran in Konya; naam op akte فاطمة, geb. 12-03-2009. ",
];

fn note(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 200);
    for sentence in SENTENCES.iter().cycle() {
        if s.len() >= bytes {
            break;
        }
        s.push_str(sentence);
    }
    s
}

fn bench(c: &mut Criterion) {
    let small = note(5 * 1024);
    let large = note(1024 * 1024);
    // Build the lazily compiled regexes and word lists outside the measurement.
    black_box(detect("warm-up 06-12345678"));
    c.bench_function("detect 5 KB", |b| b.iter(|| detect(black_box(&small))));
    let mut group = c.benchmark_group("large");
    group.sample_size(20);
    group.bench_function("detect 1 MB", |b| b.iter(|| detect(black_box(&large))));
    group.finish();

    // Reported per record (criterion's "elem/s"): 2,000 fictional records of ~8 short fields.
    let today = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default();
    let records = demo::generate(2000, 43, today);
    let mut group = c.benchmark_group("records");
    group.sample_size(10);
    group.throughput(Throughput::Elements(records.len() as u64));
    group.bench_function("unresolved 2000 demo records", |b| {
        b.iter(|| records.iter().map(|r| unresolved(black_box(r)).len()).sum::<usize>())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
