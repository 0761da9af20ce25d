//! The published forms of a protected table, merging and error cases.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use consultlog::stats::{CountTable, Period, ProtectedTable, StatsError, Suppression, protect};
use serde_json::{Value, json};

fn rows(spec: &[(&[&str], usize)]) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for (values, n) in spec {
        for _ in 0..*n {
            rows.push(values.iter().map(|v| v.to_string()).collect());
        }
    }
    rows
}

fn example() -> CountTable {
    let spec: &[(&[&str], usize)] = &[
        (&["2025-Q1", "forced_marriage"], 12),
        (&["2025-Q1", "abandonment"], 2),
        (&["2025-Q2", "forced_marriage"], 9),
        (&["2025-Q2", "abandonment"], 7),
        (&["2025-Q3", "forced_marriage"], 8),
        (&["2025-Q3", "abandonment"], 6),
    ];
    CountTable::from_rows(&["period", "form"], rows(spec)).unwrap()
}

#[test]
fn json_has_the_documented_shape() {
    let table = protect(&example(), 5, Period::Quarter).unwrap();
    let value = table.to_json();
    assert_eq!(value["k"], json!(5));
    assert_eq!(value["period"], json!("quarter"));
    assert_eq!(value["dimensions"], json!(["period", "form"]));
    let cells = value["cells"].as_array().unwrap();
    assert_eq!(cells.len(), 4 * 3);
    // Sorted values, TOTAL last: abandonment < forced_marriage < TOTAL.
    assert_eq!(
        cells[0],
        json!({"period": "2025-Q1", "form": "abandonment", "count": null, "suppressed": "primary"})
    );
    assert_eq!(cells[2]["form"], json!("TOTAL"));
    assert_eq!(cells[11], json!({"period": "TOTAL", "form": "TOTAL", "count": 44}));
    for cell in cells {
        let object = cell.as_object().unwrap();
        match object.get("suppressed") {
            Some(s) => {
                assert!(s == "primary" || s == "secondary");
                assert_eq!(object["count"], Value::Null);
            }
            None => {
                let n = object["count"].as_u64().unwrap();
                assert!(n == 0 || n >= 5, "threshold rule broken by {cell}");
                assert_eq!(object.len(), 3);
            }
        }
    }
    // The one small cell cannot stand alone in its row or column.
    assert!(table.cells().iter().filter(|c| c.suppressed == Some(Suppression::Secondary)).count() >= 3);
}

#[test]
fn period_is_written_even_when_not_a_dimension() {
    let counts = CountTable::from_rows(&["form"], rows(&[(&["forced_marriage"], 6)])).unwrap();
    let value = protect(&counts, 5, Period::Month).unwrap().to_json();
    assert_eq!(value["period"], json!("month"));
    assert_eq!(
        value["cells"],
        json!([{"form": "forced_marriage", "count": 6}, {"form": "TOTAL", "count": 6}])
    );
}

fn cells_from_csv(table: &ProtectedTable) -> Vec<Value> {
    let mut bytes = Vec::new();
    table.write_csv(&mut bytes).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let dims: Vec<String> = table.dimensions().iter().map(|d| d.name().to_string()).collect();
    assert_eq!(header[..dims.len()], dims[..]);
    assert_eq!(header[dims.len()..], ["count", "suppressed"]);
    reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            let mut object = serde_json::Map::new();
            for (name, value) in dims.iter().zip(record.iter()) {
                object.insert(name.clone(), json!(value));
            }
            let count = &record[dims.len()];
            object.insert(
                "count".into(),
                if count.is_empty() { Value::Null } else { json!(count.parse::<u64>().unwrap()) },
            );
            let suppressed = &record[dims.len() + 1];
            if !suppressed.is_empty() {
                object.insert("suppressed".into(), json!(suppressed));
            }
            Value::Object(object)
        })
        .collect()
}

#[test]
fn csv_reads_back_as_the_json_cells() {
    let spec: &[(&[&str], usize)] = &[
        (&["2025", "forced_marriage", "16-17"], 3),
        (&["2025", "forced_marriage", "18-22"], 11),
        (&["2025", "abandonment", "16-17"], 8),
        (&["2025", "abandonment", "18-22"], 1),
        (&["2024", "forced_marriage", "18-22"], 9),
        (&["2024", "abandonment", "16-17"], 14),
    ];
    let counts = CountTable::from_rows(&["period", "form", "age_band"], rows(spec)).unwrap();
    let table = protect(&counts, 3, Period::Year).unwrap();
    assert_eq!(Value::Array(cells_from_csv(&table)), table.to_json()["cells"]);
}

#[test]
fn with_k_one_the_full_table_is_published_and_additive() {
    let counts = example();
    let table = protect(&counts, 1, Period::Quarter).unwrap();
    assert!(table.cells().iter().all(|c| c.suppressed.is_none()));
    let count =
        |p: &str, f: &str| table.cells().iter().find(|c| c.values == [p, f]).and_then(|c| c.count).unwrap();
    for p in ["2025-Q1", "2025-Q2", "2025-Q3", "TOTAL"] {
        assert_eq!(count(p, "TOTAL"), count(p, "abandonment") + count(p, "forced_marriage"));
    }
    for f in ["abandonment", "forced_marriage", "TOTAL"] {
        assert_eq!(
            count("TOTAL", f),
            ["2025-Q1", "2025-Q2", "2025-Q3"].iter().map(|p| count(p, f)).sum::<u64>()
        );
    }
}

#[test]
fn merged_contributions_protect_like_one_table() {
    let all = example();
    let spec_a: &[(&[&str], usize)] =
        &[(&["2025-Q1", "forced_marriage"], 12), (&["2025-Q2", "abandonment"], 7)];
    let spec_b: &[(&[&str], usize)] = &[
        (&["2025-Q1", "abandonment"], 2),
        (&["2025-Q2", "forced_marriage"], 9),
        (&["2025-Q3", "forced_marriage"], 8),
        (&["2025-Q3", "abandonment"], 6),
    ];
    let mut merged = CountTable::from_rows(&["period", "form"], rows(spec_a)).unwrap();
    let other = CountTable::from_rows(&["period", "form"], rows(spec_b)).unwrap();
    let sent = serde_json::to_string(&other).unwrap();
    merged.merge(&serde_json::from_str(&sent).unwrap()).unwrap();
    assert_eq!(merged, all);
    assert_eq!(protect(&merged, 5, Period::Quarter), protect(&all, 5, Period::Quarter));
}

#[test]
fn errors_have_clear_messages() {
    let counts = example();
    assert_eq!(protect(&counts, 0, Period::Year), Err(StatsError::ZeroThreshold));
    assert_eq!(protect(&counts, 2, Period::Year), Err(StatsError::ThresholdTwo));
    assert_eq!(CountTable::new::<&str>(&[]).unwrap_err(), StatsError::NoDimensions);
    let four = ["period", "form", "age_band", "gender"];
    assert_eq!(CountTable::new(&four).unwrap_err(), StatsError::TooManyDimensions(4));
    let unknown = CountTable::new(&["form", "colour"]).unwrap_err();
    assert_eq!(unknown, StatsError::UnknownDimension("colour".into()));
    let empty = CountTable::new(&["form"]).unwrap();
    assert_eq!(protect(&empty, 5, Period::Year), Err(StatsError::NoRecords));
    for error in [StatsError::ZeroThreshold, StatsError::NoDimensions, StatsError::NoRecords, unknown] {
        let message = error.to_string();
        assert!(!message.is_empty() && !message.contains('\n'), "{message}");
    }
}

#[test]
fn an_inherently_disclosive_table_is_refused() {
    // k = 3: two consultations, one per form. Both cells and the total are
    // primary; "1..2 each, summing to 1..2" pins both cells to 1.
    let counts = CountTable::from_rows(&["form"], rows(&[(&["a"], 1), (&["b"], 1)])).unwrap();
    assert!(matches!(protect(&counts, 3, Period::Year), Err(StatsError::Unprotectable(_))));
}
