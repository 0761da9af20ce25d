//! The statistics report over fictional consultations: the four linked tables (period,
//! primary form, age band, urgency) and the forms table protected together and rendered as
//! HTML, against the same four tables protected one by one (not safe together; the cost
//! of protecting them jointly is the difference). Counting the vault is measured apart.
//!
//! `cargo bench --bench report -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;
use std::time::Duration;

use consultlog::publish::{FormCounts, MonthCounts, Range};
use consultlog::report;
use consultlog::stats::{Period, protect};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

fn counts(records: usize) -> (MonthCounts, FormCounts) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 31).expect("valid date");
    let mut months = MonthCounts::default();
    let mut forms = FormCounts::default();
    for c in consultlog::domain::demo::generate(records, 42, today) {
        months.add(&c);
        forms.add(&c);
    }
    (months, forms)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("report");
    group.sample_size(10).measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_millis(500));
    for records in [10_000, 100_000] {
        let (months, forms) = counts(records);
        for period in [Period::Quarter, Period::Year] {
            let id = format!("{}/{records}", period.name());
            group.bench_with_input(BenchmarkId::new("joint_protect_and_html", &id), &(), |b, ()| {
                b.iter(|| {
                    let r = report::build(&months, &forms, 5, period, Range::default()).expect("protectable");
                    black_box(report::html(&r, consultlog::i18n::Lang::Nl))
                })
            });
            group.bench_with_input(BenchmarkId::new("joint_protect", &id), &(), |b, ()| {
                b.iter(|| black_box(report::build(&months, &forms, 5, period, Range::default())))
            });
            group.bench_with_input(BenchmarkId::new("four_tables_one_by_one", &id), &(), |b, ()| {
                b.iter(|| {
                    for d in report::DIMENSIONS {
                        let t = months.table(&[d], period).expect("table");
                        black_box(protect(&t, 5, period).expect("protectable"));
                    }
                })
            });
        }
        let sample = consultlog::domain::demo::generate(
            records,
            42,
            chrono::NaiveDate::from_ymd_opt(2026, 12, 31).expect("date"),
        );
        group.bench_with_input(BenchmarkId::new("count", records), &sample, |b, sample| {
            b.iter(|| {
                let mut m = MonthCounts::default();
                let mut f = FormCounts::default();
                for c in sample {
                    m.add(c);
                    f.add(c);
                }
                black_box((m, f))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
