//! The `stats` commands through the built binary: output contract, what is counted, the
//! threshold rule and additivity, bad input, the audit log, and contribute / merge across
//! three vaults.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;
use serde_json::{Value, json};
use std::path::Path;

/// One cell: values per dimension (TOTAL included) and the count, `None` when suppressed.
type Cell = (Vec<String>, Option<u64>);

/// Demo data is drawn over the five years before the pinned `TODAY` (2026-12-31), so it
/// covers whole years 2022-2026: a few thousand consultations leave every cell of the tables
/// below far above k, and the same seed gives the same data on every day the tests run.
fn demo(v: &TestVault, count: usize, seed: u64) {
    let out = v.run(&["demo-data", "--count", &count.to_string(), "--seed", &seed.to_string()], None);
    assert!(out.status.success(), "demo-data failed: {}", stderr(&out));
}

fn ok(v: &TestVault, args: &[&str]) -> std::process::Output {
    let out = v.run(args, None);
    assert!(out.status.success(), "{args:?} failed: {}", stderr(&out));
    out
}

/// Parses CSV output with the csv crate; checks the header against the dimensions.
fn csv_cells(text: &str, dims: &[&str]) -> Vec<Cell> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let mut expected: Vec<&str> = dims.to_vec();
    expected.extend(["count", "suppressed"]);
    assert_eq!(header, expected);
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            let values: Vec<String> = r.iter().take(dims.len()).map(String::from).collect();
            let count = &r[dims.len()];
            let suppressed = &r[dims.len() + 1];
            if count.is_empty() {
                assert!(suppressed == "primary" || suppressed == "secondary", "{r:?}");
                (values, None)
            } else {
                assert_eq!(suppressed, "", "{r:?}");
                (values, Some(count.parse().unwrap()))
            }
        })
        .collect()
}

/// Checks the JSON contract and returns the cells.
fn json_cells(table: &Value, k: u64, period: &str, dims: &[&str]) -> Vec<Cell> {
    let object = table.as_object().unwrap();
    let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["cells", "dimensions", "k", "period"]);
    assert_eq!(table["k"], json!(k));
    assert_eq!(table["period"], json!(period));
    assert_eq!(table["dimensions"], json!(dims));
    table["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|cell| {
            let cell = cell.as_object().unwrap();
            let values: Vec<String> = dims.iter().map(|d| cell[*d].as_str().unwrap().to_string()).collect();
            match cell.get("suppressed") {
                Some(s) => {
                    assert!(s == "primary" || s == "secondary", "{cell:?}");
                    assert_eq!(cell["count"], Value::Null);
                    assert_eq!(cell.len(), dims.len() + 2);
                    (values, None)
                }
                None => {
                    assert_eq!(cell.len(), dims.len() + 1, "{cell:?}");
                    (values, Some(cell["count"].as_u64().unwrap()))
                }
            }
        })
        .collect()
}

fn assert_threshold(cells: &[Cell], k: u64) {
    for (values, count) in cells {
        if let Some(n) = count {
            assert!(*n == 0 || *n >= k, "published cell {values:?} = {n} breaks k = {k}");
        }
    }
}

/// Every TOTAL whose covered cells are all published equals their sum. Returns how many
/// sums were checked.
fn assert_additive(cells: &[Cell]) -> usize {
    let mut checked = 0;
    for (values, count) in cells {
        for d in 0..values.len() {
            if values[d] != "TOTAL" {
                continue;
            }
            let covered: Vec<&Cell> = cells
                .iter()
                .filter(|(v, _)| v[d] != "TOTAL" && (0..v.len()).all(|e| e == d || v[e] == values[e]))
                .collect();
            if let Some(total) = count
                && covered.iter().all(|(_, c)| c.is_some())
            {
                let sum: u64 = covered.iter().map(|(_, c)| c.unwrap()).sum();
                assert_eq!(sum, *total, "TOTAL {values:?} is not the sum of its cells");
                checked += 1;
            }
        }
    }
    checked
}

fn grand_total(cells: &[Cell]) -> u64 {
    cells.iter().find(|(v, _)| v.iter().all(|x| x == "TOTAL")).unwrap().1.unwrap()
}

fn cell(cells: &[Cell], values: &[&str]) -> Option<u64> {
    cells.iter().find(|(v, _)| v == values).unwrap_or_else(|| panic!("no cell {values:?}")).1
}

fn audit_entries(v: &TestVault, action: &str) -> Vec<Value> {
    let out = ok(v, &["log", "--json"]);
    let all: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    all.into_iter().filter(|e| e["action"] == action).collect()
}

fn countable(v: &TestVault) -> u64 {
    v.list_json().iter().filter(|r| r["consent"]["statistics"] != "no").count() as u64
}

#[test]
fn defaults_and_options_on_demo_data() {
    let v = TestVault::new();
    demo(&v, 3000, 1);
    let expected = countable(&v);
    assert!(expected > 2000 && expected < 3000, "{expected}");

    // Defaults: --by period,form --period quarter --k 5 --format csv, to stdout.
    let out = ok(&v, &["stats"]);
    let cells = csv_cells(&stdout(&out), &["period", "form"]);
    assert_threshold(&cells, 5);
    assert_eq!(grand_total(&cells), expected);
    assert!(assert_additive(&cells) > 10);
    for (values, _) in &cells {
        let p = &values[0];
        let quarter = p.len() == 7 && p.as_bytes()[4] == b'-' && p.as_bytes()[5] == b'Q';
        assert!(p == "TOTAL" || quarter, "period {p} is not a quarter");
    }

    // JSON, three dimensions, by year, another k, into a file.
    let file = v.tmp.path().join("table.json");
    let f = file.to_str().unwrap();
    let out = ok(
        &v,
        &[
            "stats",
            "--by",
            "period,form,age_band",
            "--period",
            "year",
            "--k",
            "3",
            "--format",
            "json",
            "-o",
            f,
        ],
    );
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("table.json"), "{}", stderr(&out));
    let table: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let cells = json_cells(&table, 3, "year", &["period", "form", "age_band"]);
    assert_threshold(&cells, 3);
    assert_eq!(grand_total(&cells), expected);
    assert_additive(&cells);
    let mut years: Vec<&str> = cells.iter().map(|(v, _)| v[0].as_str()).collect();
    years.sort_unstable();
    years.dedup();
    assert_eq!(
        years,
        ["2022", "2023", "2024", "2025", "2026", "TOTAL"],
        "demo data follows the pinned today"
    );

    // Months are finer and sparser: suppression happens, the rule still holds.
    let out = ok(&v, &["stats", "--by", "period,urgency", "--period", "month", "--format", "json"]);
    let table: Value = serde_json::from_slice(&out.stdout).unwrap();
    let cells = json_cells(&table, 5, "month", &["period", "urgency"]);
    assert_threshold(&cells, 5);
    assert_additive(&cells);

    // k = 1 publishes everything; the whole table is additive.
    let out = ok(&v, &["stats", "--by", "gender,location", "--k", "1"]);
    let cells = csv_cells(&stdout(&out), &["gender", "location"]);
    assert!(cells.iter().all(|(_, c)| c.is_some()));
    let totals: usize = cells.iter().map(|(v, _)| v.iter().filter(|x| *x == "TOTAL").count()).sum();
    assert_eq!(assert_additive(&cells), totals, "every TOTAL is checked when nothing is suppressed");

    // Every export is in the audit log: options and output, never counts.
    let exports = audit_entries(&v, "export");
    assert_eq!(exports.len(), 4);
    assert_eq!(
        exports[0]["detail"],
        json!({"dimensions": ["period", "form"], "period": "quarter", "k": 5, "format": "csv", "output": "stdout", "source": "vault"})
    );
    assert_eq!(exports[1]["detail"]["output"], json!(f));
    assert_eq!(exports[1]["detail"]["dimensions"], json!(["period", "form", "age_band"]));
    for e in &exports {
        let text = e["detail"].to_string();
        assert!(!text.contains("count") && !text.contains("cells"), "{text}");
    }
}

const CONSENT_RECORDS: &str = r#"[
 {"consulted_on": "2025-02-10", "forms": ["forced_marriage", "abandonment"], "certainty": "confirmed", "urgency": "acute", "consent": {"statistics": "yes"}},
 {"consulted_on": "2025-02-11", "forms": ["forced_marriage"], "consent": {"statistics": "yes"}},
 {"consulted_on": "2025-03-31", "forms": ["forced_marriage", "abandonment"], "consent": {"statistics": "yes"}},
 {"consulted_on": "2025-01-01", "forms": ["forced_marriage"], "consent": {"statistics": "not_asked_safety"}},
 {"consulted_on": "2025-05-01", "consent": {"statistics": "unknown"}},
 {"consulted_on": "2025-05-02", "forms": [], "consent": {"statistics": "yes"}},
 {"consulted_on": "2025-06-30", "forms": ["abandonment"]},
 {"consulted_on": "2025-03-03", "forms": ["forced_marriage"], "consent": {"statistics": "no"}},
 {"consulted_on": "2025-05-03", "forms": ["abandonment"], "consent": {"statistics": "no"}},
 {"consulted_on": "2024-12-31", "forms": ["honour_based_violence"], "consent": {"statistics": "no"}}
]"#;

#[test]
fn refused_consent_counts_nowhere_and_values_are_coded() {
    let v = TestVault::new();
    assert_eq!(v.add(CONSENT_RECORDS).len(), 10);
    let out = ok(&v, &["stats", "--k", "1", "--format", "json"]);
    let cells = json_cells(&serde_json::from_slice(&out.stdout).unwrap(), 1, "quarter", &["period", "form"]);
    // First form only; no form is "unknown"; the three "no" records are nowhere.
    assert_eq!(cell(&cells, &["2025-Q1", "forced_marriage"]), Some(4));
    assert_eq!(cell(&cells, &["2025-Q1", "abandonment"]), Some(0));
    assert_eq!(cell(&cells, &["2025-Q2", "unknown"]), Some(2));
    assert_eq!(cell(&cells, &["2025-Q2", "abandonment"]), Some(1));
    assert_eq!(cell(&cells, &["TOTAL", "TOTAL"]), Some(7));
    assert!(!cells.iter().any(|(v, _)| v[0] == "2024-Q4" || v[1] == "honour_based_violence"));

    let out = ok(&v, &["stats", "--k", "1", "--by", "certainty,urgency", "--period", "month"]);
    let cells = csv_cells(&stdout(&out), &["certainty", "urgency"]);
    assert_eq!(cell(&cells, &["confirmed", "acute"]), Some(1));
    assert_eq!(cell(&cells, &["unknown", "unknown"]), Some(6));
    assert_eq!(grand_total(&cells), 7);

    let out = ok(&v, &["stats", "--k", "1", "--by", "period", "--period", "month"]);
    let cells = csv_cells(&stdout(&out), &["period"]);
    let months: Vec<&str> = cells.iter().map(|(v, _)| v[0].as_str()).collect();
    assert_eq!(months, ["2025-01", "2025-02", "2025-03", "2025-05", "2025-06", "TOTAL"]);
}

#[test]
fn bad_input_is_one_line_and_writes_nothing() {
    let v = TestVault::new();
    let out_file = v.tmp.path().join("out.csv");
    let o = out_file.to_str().unwrap();
    // Checked before anything else: the empty vault does not matter yet.
    let cases: &[(&[&str], &str)] = &[
        (&["--k", "0"], "--k must be a whole number of at least 1"),
        (&["--k", "abc"], "not 'abc'"),
        (&["--k", "-3"], "not '-3'"),
        (&["--k", "2"], "--k 2 cannot be protected"),
        (&["--by", "colour"], "Unknown dimension 'colour'"),
        (&["--by", "period,form,age_band,gender"], "at most three dimensions"),
        (&["--by", "form,form"], "more than once"),
        (&["--by", ""], "at least one dimension"),
        (&["--period", "week"], "Unknown period 'week'"),
        (&["--format", "xml"], "Unknown format 'xml'"),
    ];
    for (args, message) in cases {
        let mut all = vec!["stats"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["-o", o]);
        let out = v.run(&all, None);
        assert_one_line_error(&out, message);
        assert!(out.stdout.is_empty());
        assert!(!out_file.exists(), "{args:?} wrote a file");
    }

    // Nothing to count: an empty vault, then one where every client refused.
    for vault_state in ["empty", "refused"] {
        if vault_state == "refused" {
            v.add(r#"{"consulted_on": "2025-03-03", "consent": {"statistics": "no"}}"#);
        }
        let out = v.run(&["stats", "-o", o], None);
        assert_one_line_error(&out, "no consultations to count");
        assert!(!out_file.exists());
    }
    let contribution = v.tmp.path().join("c.age");
    let out =
        v.run(&["stats", "contribute", "--to", &recipient(&v), "-o", contribution.to_str().unwrap()], None);
    assert_one_line_error(&out, "no consultations to count");
    assert!(!contribution.exists());

    // A line of four cells holding 1 each: pinned whatever is suppressed.
    v.add(
        r#"[{"consulted_on": "2025-03-03", "forms": ["forced_marriage"]},
            {"consulted_on": "2025-03-04", "forms": ["abandonment"]},
            {"consulted_on": "2025-03-05", "forms": ["honour_based_violence"]},
            {"consulted_on": "2025-03-06", "forms": ["domestic_violence"]}]"#,
    );
    let out = v.run(&["stats", "--by", "form", "-o", o], None);
    assert_one_line_error(&out, "cannot be protected");
    let err = stderr(&out);
    assert!(
        err.contains("fewer dimensions") && err.contains("coarser period") && err.contains("--k"),
        "{err}"
    );
    assert!(!out_file.exists());

    // An existing file is never overwritten.
    std::fs::write(&out_file, "keep").unwrap();
    let out = v.run(&["stats", "--k", "1", "-o", o], None);
    assert_one_line_error(&out, "already exists");
    assert_eq!(std::fs::read_to_string(&out_file).unwrap(), "keep");

    // Refused exports are not in the audit log.
    assert!(audit_entries(&v, "export").is_empty());
    // Dutch by default.
    let mut c = v.cmd(&["stats", "--k", "0"]);
    c.env_remove("CONSULTLOG_LANG");
    let out = run_cmd(c, None);
    assert_one_line_error(&out, "--k moet een heel getal");
}

fn recipient(v: &TestVault) -> String {
    stdout(&ok(v, &["recipient"])).trim().to_string()
}

fn by_form(v: &TestVault, args: &[&str]) -> (Vec<Cell>, String) {
    let mut all = args.to_vec();
    all.extend_from_slice(&["--by", "form", "--k", "1", "--format", "json"]);
    let out = ok(v, &all);
    let cells = json_cells(&serde_json::from_slice(&out.stdout).unwrap(), 1, "quarter", &["form"]);
    (cells, stderr(&out))
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn contribute_and_merge_across_three_vaults() {
    let coordinator = TestVault::new();
    let coordinator_key = recipient(&coordinator);
    let workers: Vec<TestVault> = (0..3).map(|_| TestVault::new()).collect();
    for (i, w) in workers.iter().enumerate() {
        demo(w, 1000, 11 + i as u64);
    }
    let dir = coordinator.tmp.path();
    let files: Vec<std::path::PathBuf> = (1..=3).map(|i| dir.join(format!("worker{i}.age"))).collect();
    // Three ways to name the coordinator: age1..., an address-book name, a recipients file.
    ok(&workers[1], &["keys", "add", "coordinator", &coordinator_key]);
    let recipients_file = dir.join("coordinator.txt");
    std::fs::write(&recipients_file, format!("# coordinator\n{coordinator_key}\n")).unwrap();
    let to = [coordinator_key.as_str(), "coordinator", path_str(&recipients_file)];
    // The coordinator knows the workers by their contact cards: merge trusts only those.
    for (i, w) in workers.iter().enumerate() {
        let card = dir.join(format!("w{i}.card"));
        ok(w, &["card", "--name", &format!("wijkteam {i}"), "-o", path_str(&card)]);
        ok(&coordinator, &["keys", "add", &format!("wijkteam-{i}"), path_str(&card)]);
    }
    for (i, w) in workers.iter().enumerate() {
        let out = ok(w, &["stats", "contribute", "--to", to[i], "-o", path_str(&files[i])]);
        assert!(stderr(&out).contains("worker"), "{}", stderr(&out));
        let audit = audit_entries(w, "contribute");
        assert_eq!(audit.len(), 1);
        assert_eq!(audit[0]["detail"]["recipients"], json!([coordinator_key]));
        assert_eq!(audit[0]["detail"]["file"], json!(path_str(&files[i])));
    }

    // Totals of the merge equal the sum of each vault's own table, form by form.
    let mut expected: std::collections::BTreeMap<Vec<String>, u64> = Default::default();
    for w in &workers {
        for (values, count) in by_form(w, &["stats"]).0 {
            *expected.entry(values).or_insert(0) += count.unwrap();
        }
    }
    let merge: Vec<&str> = ["stats", "merge"].into_iter().chain(files.iter().map(|f| path_str(f))).collect();
    let (cells, err) = by_form(&coordinator, &merge);
    assert!(err.contains("3 contribution(s) merged"), "{err}");
    for i in 0..3 {
        assert!(err.contains(&format!("from wijkteam-{i} (verified contact)")), "{err}");
    }
    let merged: std::collections::BTreeMap<Vec<String>, u64> =
        cells.into_iter().map(|(v, c)| (v, c.unwrap())).collect();
    assert_eq!(merged, expected);
    let sum: u64 = workers.iter().map(countable).sum();
    assert_eq!(merged[&vec!["TOTAL".to_string()]], sum);

    // The same contribution twice (here also under another name) is counted once.
    let copy = dir.join("copy-of-worker1.age");
    std::fs::copy(&files[0], &copy).unwrap();
    let mut twice = merge.clone();
    twice.extend([path_str(&files[0]), path_str(&copy)]);
    let (cells, err) = by_form(&coordinator, &twice);
    assert_eq!(grand_total(&cells), sum);
    assert_eq!(err.matches("counted once").count(), 2, "{err}");

    // Defaults on the merged counts: protectable, threshold rule, written to a file.
    let table = dir.join("merged.csv");
    let mut defaults = merge.clone();
    defaults.extend(["-o", path_str(&table)]);
    ok(&coordinator, &defaults);
    let cells = csv_cells(&std::fs::read_to_string(&table).unwrap(), &["period", "form"]);
    assert_threshold(&cells, 5);
    assert_eq!(grand_total(&cells), sum);
    assert_additive(&cells);

    let exports = audit_entries(&coordinator, "export");
    assert_eq!(exports.len(), 3);
    assert_eq!(exports[2]["detail"]["source"], json!("merge"));
    assert_eq!(exports[2]["detail"]["contributions"].as_array().unwrap().len(), 3);
    assert_eq!(exports[2]["detail"]["output"], json!(path_str(&table)));

    // A worker cannot read another worker's contribution.
    let refused = dir.join("refused.csv");
    let out = workers[0].run(&["stats", "merge", path_str(&files[1]), "-o", path_str(&refused)], None);
    assert_one_line_error(&out, "is not addressed to this vault");
    assert!(!refused.exists());

    // Files of another format or a newer version, addressed to the coordinator.
    let plain = contribution_plaintext(&coordinator, &files[0]);
    let forged = |name: &str, value: &Value| {
        let bytes = consultlog::share::bundle::encrypt(
            value.to_string().as_bytes(),
            std::slice::from_ref(&coordinator_key),
            false,
        )
        .unwrap();
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let mut newer = plain.clone();
    newer["version"] = json!(3);
    // Content that is not a code, or an absurd count, never reaches a table.
    let mut formula = plain.clone();
    formula["counts"]["cells"][0]["values"][1] = json!("=1+2");
    let mut absurd = plain.clone();
    absurd["counts"]["cells"][0]["count"] = json!(1_000_000_000_000u64);
    // Well-formed but unsigned (as anyone could make with the age tool): refused, unless
    // the coordinator allows unverified senders, who are then named.
    let mut unsigned = plain.clone();
    for field in ["signature", "sender_card", "recipients"] {
        unsigned.as_object_mut().unwrap().remove(field);
    }
    unsigned["id"] = json!("0b7d1a4e-9c1f-4a57-8d2b-3e3f2c1a0b9d");
    let unsigned_file = forged("unsigned.age", &unsigned);
    let (cells, err) = by_form(
        &coordinator,
        &["stats", "merge", "--allow-unverified", path_str(&files[0]), path_str(&unsigned_file)],
    );
    assert!(err.contains("unsigned.age: sender NOT verified"), "{err}");
    assert_eq!(grand_total(&cells), 2 * countable(&workers[0]));
    let mut other = plain.clone();
    other["format"] = json!("consultlog-bundle");
    let cases = [
        (unsigned_file.clone(), "not signed"),
        (forged("formula.age", &formula), "not a code of that list"),
        (forged("absurd.age", &absurd), "more than 1000000 consultations"),
        (forged("newer.age", &newer), "newer than this program understands"),
        (forged("other.age", &other), "is not a statistics contribution"),
        (recipients_file.clone(), "is not an age-encrypted contribution"),
    ];
    for (path, message) in &cases {
        let out = coordinator
            .run(&["stats", "merge", path_str(&files[0]), path_str(path), "-o", path_str(&refused)], None);
        assert_one_line_error(&out, message);
        assert!(stderr(&out).contains(path_str(path)));
        assert!(!refused.exists());
    }
    assert_eq!(audit_entries(&coordinator, "export").len(), 4);
}

/// Decrypts a contribution with the coordinator's identity and checks that it holds coded
/// counts only.
fn contribution_plaintext(coordinator: &TestVault, file: &Path) -> Value {
    let pass = age::secrecy::SecretString::from(PASS.to_string());
    let vault = consultlog::store::Vault::open(&coordinator.dir, &pass).unwrap();
    let plain = consultlog::share::bundle::decrypt(&std::fs::read(file).unwrap(), vault.identity()).unwrap();
    let value: Value = serde_json::from_slice(&plain).unwrap();
    let mut keys: Vec<&str> = value.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["counts", "created", "format", "id", "recipients", "sender_card", "signature", "version"]
    );
    assert_eq!(value["format"], json!("consultlog-stats-contribution"));
    assert_eq!(value["version"], json!(2));
    assert!(chrono::DateTime::parse_from_rfc3339(value["created"].as_str().unwrap()).is_ok());
    assert_eq!(
        value["counts"]["dimensions"],
        json!(["period", "form", "age_band", "gender", "urgency", "location", "certainty", "status"])
    );
    for cell in value["counts"]["cells"].as_array().unwrap() {
        assert_eq!(cell.as_object().unwrap().len(), 2);
        let values = cell["values"].as_array().unwrap();
        assert_eq!(values.len(), 8);
        let month = values[0].as_str().unwrap();
        assert!(month.len() == 7 && month.as_bytes()[4] == b'-', "{month}");
        for v in values {
            let v = v.as_str().unwrap();
            assert!(v.chars().all(|c| c.is_ascii_alphanumeric() || "_-+".contains(c)), "not a code: {v}");
        }
        assert!(cell["count"].as_u64().unwrap() >= 1);
    }
    value
}
