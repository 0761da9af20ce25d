//! `stats forms`, several `--by` at once, and `stats report` through the built binary:
//! every form counted, the report's numbers equal its CSV files, files private and never
//! overwritten, and the report opening in a real browser (Debian `chromium`) when present.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn ok(v: &TestVault, args: &[&str]) -> std::process::Output {
    let out = v.run(args, None);
    assert!(out.status.success(), "{args:?} failed: {}", stderr(&out));
    out
}

fn add(v: &TestVault, date: &str, forms: &[&str], primary: Option<&str>, n: usize) {
    let forms: Vec<String> = forms.iter().map(|f| format!("\"{f}\"")).collect();
    let primary = primary.map(|p| format!(", \"primary_form\": \"{p}\"")).unwrap_or_default();
    let one = format!("{{\"consulted_on\": \"{date}\", \"forms\": [{}]{primary}}}\n", forms.join(", "));
    v.add(&one.repeat(n));
}

/// 30 consultations: 12 forced marriage only; 8 forced marriage + FGM (FGM chosen as primary
/// in 3); 6 abandonment + trafficking + LGBTI; 4 without a form.
fn known_vault() -> TestVault {
    let v = TestVault::new();
    add(&v, "2026-02-01", &["forced_marriage"], None, 12);
    add(&v, "2026-03-01", &["forced_marriage", "female_genital_mutilation"], None, 5);
    add(
        &v,
        "2026-03-02",
        &["forced_marriage", "female_genital_mutilation"],
        Some("female_genital_mutilation"),
        3,
    );
    add(&v, "2026-05-01", &["abandonment", "human_trafficking", "lgbti_violence"], None, 6);
    add(&v, "2026-06-01", &[], None, 4);
    v
}

fn forms_json(out: &std::process::Output) -> BTreeMap<String, Option<u64>> {
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["multi_response"], Value::Bool(true));
    assert_eq!(v["dimensions"], serde_json::json!(["forms"]));
    v["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["forms"].as_str().unwrap().to_string(), c["count"].as_u64()))
        .collect()
}

#[test]
fn stats_forms_counts_every_form_involved() {
    let v = known_vault();
    let out = ok(&v, &["stats", "forms", "--k", "1", "--format", "json"]);
    let cells = forms_json(&out);
    assert_eq!(cells["forced_marriage"], Some(20));
    assert_eq!(cells["female_genital_mutilation"], Some(8));
    assert_eq!(cells["abandonment"], Some(6));
    assert_eq!(cells["human_trafficking"], Some(6));
    assert_eq!(cells["lgbti_violence"], Some(6));
    assert_eq!(cells["honour_based_violence"], Some(0));
    assert_eq!(cells["TOTAL"], Some(30));
    assert!(stderr(&out).contains("do not add up"), "{}", stderr(&out));

    // The primary-form table counts each consultation once, by its primary form.
    let out = ok(&v, &["stats", "--by", "form", "--k", "1", "--format", "json"]);
    let t: Value = serde_json::from_slice(&out.stdout).unwrap();
    let primary: BTreeMap<String, u64> = t["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["form"].as_str().unwrap().to_string(), c["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(primary["forced_marriage"], 17);
    assert_eq!(primary["female_genital_mutilation"], 3);
    assert_eq!(primary["abandonment"], 6);
    assert_eq!(primary["unknown"], 4);
    assert_eq!(primary["TOTAL"], 30);

    // k = 5: nothing between 1 and 4 shows; FGM (8) and the others are far enough.
    let out = ok(&v, &["stats", "forms", "--format", "json"]);
    for (form, n) in forms_json(&out) {
        assert!(n.is_none_or(|n| n == 0 || n >= 5), "{form}: {n:?}");
    }
    // Labels for people; codes stay the default.
    let out = ok(&v, &["stats", "forms", "--k", "1", "--labels", "nl"]);
    let text = stdout(&out);
    assert!(text.starts_with("forms,count,suppressed\n"), "{text}");
    assert!(text.contains("Meisjesbesnijdenis,8,"), "{text}");

    // --from/--to: only March (the 8 forced marriage + FGM consultations), in the report too.
    let dir = v.tmp.path().join("maart");
    ok(
        &v,
        &[
            "stats",
            "report",
            "--format",
            "csv",
            "--k",
            "1",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-31",
            "-o",
            dir.to_str().unwrap(),
        ],
    );
    let forms = std::fs::read_to_string(dir.join("forms.csv")).unwrap();
    for line in ["forced_marriage,8,", "female_genital_mutilation,8,", "abandonment,0,", "TOTAL,8,"] {
        assert!(forms.contains(line), "{line} in {forms}");
    }
    let primary = std::fs::read_to_string(dir.join("form.csv")).unwrap();
    assert!(
        primary.contains("forced_marriage,5,") && primary.contains("female_genital_mutilation,3,"),
        "{primary}"
    );
    let html = v.tmp.path().join("maart.html");
    ok(
        &v,
        &[
            "--lang",
            "nl",
            "stats",
            "report",
            "--k",
            "1",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-31",
            "-o",
            html.to_str().unwrap(),
        ],
    );
    assert!(std::fs::read_to_string(&html).unwrap().contains("01-03-2026 t/m 31-03-2026"));
}

#[test]
fn primary_form_must_be_one_of_the_forms() {
    let v = TestVault::new();
    let before = v.bytes();
    let out = v.run(
        &["add", "-"],
        Some(
            r#"{"consulted_on": "2026-01-05", "forms": ["forced_marriage"], "primary_form": "abandonment"}"#,
        ),
    );
    assert_one_line_error(&out, "primary_form");
    assert_eq!(v.bytes(), before, "a refused add changes nothing");
}

fn demo(v: &TestVault, count: usize) {
    ok(v, &["demo-data", "--count", &count.to_string(), "--seed", "3"]);
}

/// The numbers of the HTML report by section and code, read from the table cells.
fn html_numbers(html: &str) -> BTreeMap<(String, String), String> {
    let mut out = BTreeMap::new();
    for section in html.split("<section class=\"table\" id=\"").skip(1) {
        let id = section.split('"').next().unwrap().to_string();
        for cell in section.split("data-code=\"").skip(1) {
            let code = cell.split('"').next().unwrap().to_string();
            let shown = cell.split('>').nth(1).unwrap().split('<').next().unwrap().to_string();
            out.insert((id.clone(), code), shown);
        }
    }
    out
}

fn csv_numbers(dir: &Path) -> BTreeMap<(String, String), String> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let id = path.file_stem().unwrap().to_string_lossy().to_string();
        let mut reader = csv::Reader::from_path(&path).unwrap();
        for r in reader.records() {
            let r = r.unwrap();
            out.insert(
                (id.clone(), r[0].to_string()),
                if r[1].is_empty() { r[2].to_string() } else { r[1].to_string() },
            );
        }
    }
    out
}

#[test]
fn report_numbers_equal_the_csv_files() {
    let v = TestVault::new();
    demo(&v, 400);
    let html_path = v.tmp.path().join("rapport.html");
    let dir = v.tmp.path().join("tabellen");
    ok(&v, &["--lang", "nl", "stats", "report", "-o", html_path.to_str().unwrap()]);
    ok(&v, &["stats", "report", "--format", "csv", "-o", dir.to_str().unwrap()]);
    let html = std::fs::read_to_string(&html_path).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&html_path), 0o600);
    let names: Vec<String> = {
        let mut n: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        n.sort();
        n
    };
    assert_eq!(names, ["age_band.csv", "form.csv", "forms.csv", "period.csv", "urgency.csv"]);
    for n in &names {
        assert_eq!(mode(&dir.join(n)), 0o600);
    }

    let from_html = html_numbers(&html);
    let from_csv = csv_numbers(&dir);
    assert_eq!(from_html.len(), from_csv.len());
    let mut suppressed = 0;
    for (key, csv) in &from_csv {
        let shown = &from_html[key];
        if csv.parse::<u64>().is_ok() {
            assert_eq!(shown, csv, "{key:?}");
        } else {
            suppressed += 1;
            assert!(shown.starts_with('×'), "{key:?}: {shown}");
        }
    }
    assert!(from_csv.len() > 30, "{from_csv:?}");
    let _ = suppressed;

    // Self-contained, Dutch by default, with the period, k and what × means.
    // The SVG namespace is a name, not something fetched.
    let fetchable = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    for external in ["<script", "<link", "<img", "@import", "url(", "href=", "src=", "http://", "https://"] {
        assert!(!fetchable.contains(external), "{external} in the report");
    }
    assert!(html.contains("<svg"), "charts are inline SVG");
    assert!(html.contains("Per hoofdvorm") && html.contains("Alle betrokken vormen"));
    assert!(html.contains("tellen niet op"));
    assert!(html.contains("Drempel k"));

    // Never overwritten: a second run is refused and leaves the file as it was.
    let again = v.run(&["stats", "report", "-o", html_path.to_str().unwrap()], None);
    assert_one_line_error(&again, "already exists");
    assert_eq!(std::fs::read_to_string(&html_path).unwrap(), html);
    let again = v.run(&["stats", "report", "--format", "csv", "-o", dir.to_str().unwrap()], None);
    assert_one_line_error(&again, "already exists");
}

#[test]
fn several_by_are_protected_together_and_bad_input_is_one_line() {
    let v = TestVault::new();
    demo(&v, 300);
    let out =
        ok(&v, &["stats", "--by", "period", "--by", "form,age_band", "--period", "year", "--format", "json"]);
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    let tables = value["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 2);
    // The grand total is one cell: the same in both tables.
    let last = |t: &Value| t["cells"].as_array().unwrap().last().unwrap()["count"].clone();
    assert_eq!(last(&tables[0]), last(&tables[1]));

    let dup = v.run(&["stats", "--by", "form,period", "--by", "period,form"], None);
    assert_one_line_error(&dup, "more than once");
    let bad = v.run(&["stats", "report", "-o", "x.html", "--from", "1-1-2026"], None);
    assert_one_line_error(&bad, "YYYY-MM-DD");
    let bad = v.run(&["stats", "report", "-o", "x.html", "--format", "pdf"], None);
    assert_one_line_error(&bad, "html or csv");
    let bad = v.run(&["stats", "forms", "--labels", "fr"], None);
    assert_one_line_error(&bad, "codes, nl or en");
}

/// The report in a real browser: Debian's `chromium` renders page one to a PNG. Skipped with
/// a message when chromium is not installed (CI installs it only when it fits the budget).
#[test]
fn report_opens_in_headless_chromium() {
    let Some(chromium) = ["chromium", "chromium-browser"]
        .iter()
        .find(|b| std::process::Command::new(b).arg("--version").output().is_ok_and(|o| o.status.success()))
    else {
        eprintln!(
            "SKIPPED: chromium is not installed (apt-get install chromium) - the report was not opened in a browser"
        );
        return;
    };
    let v = TestVault::new();
    demo(&v, 300);
    let html_path = v.tmp.path().join("rapport.html");
    ok(&v, &["stats", "report", "-o", html_path.to_str().unwrap()]);
    let png = v.tmp.path().join("page1.png");
    let profile = v.tmp.path().join("profile");
    // CI reruns the tests under libfaketime; the browser needs no faked date and is slow
    // under it, so it starts without the preload. A browser that hangs is stopped.
    let mut child = std::process::Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=794,1123"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", html_path.display()))
        .env_remove("LD_PRELOAD")
        .env_remove("FAKETIME")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(90) {
            child.kill().unwrap();
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let out = child.wait_with_output().unwrap();
    assert!(png.exists(), "no screenshot: {}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    // 794 x 1123 pixels: an A4 page at 96 dpi.
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!((width, height), (794, 1123));
    // Not a blank page: a rendered report compresses far worse than an empty white one.
    assert!(bytes.len() > 20_000, "page one looks blank ({} bytes)", bytes.len());
    if let Ok(dir) = std::env::var("CONSULTLOG_KEEP_SCREENSHOT") {
        std::fs::copy(&png, Path::new(&dir).join("report-page1.png")).unwrap();
    }
}
