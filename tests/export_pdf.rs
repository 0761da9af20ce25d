//! `export --format pdf` through the built binary, read back with `pdftotext` (Debian
//! poppler-utils): every line of the text export is in the PDF (answers, structured fields,
//! advice, follow-ups), names with ë, ş and ğ and an Arabic phrase come out as they went in,
//! long answers run over pages with "pagina 1 van N" headers; the file is private, never
//! overwritten, and audit-logged. Fictional data only.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;
use std::path::Path;
use std::process::Command;

/// "Good morning": no lam-alef ligature (see the note on السلام below).
const ARABIC: &str = "صباح الخير";

/// A consultation with every prompt answered, one answer long enough for several pages.
fn record() -> String {
    let long =
        "De zus vertelt dat de reis steeds weer is uitgesteld en dat niemand weet wanneer. ".repeat(60);
    let prompts = serde_json::json!({
        "motives": "Familie-eer; de vader spreekt van een belofte aan familie.",
        "honour_violence": "Geen dreiging gezien, wel veel controle thuis.",
        "discussability": "Gesprek op school met de mentor, zonder familie erbij.",
        "facts": format!("Zoë en Ayşe Yağmur noemen de groet {ARABIC} van de oom; ook السلام عليكم."),
        "timely_help": long.trim(),
        "legal_framework": "Art. 284 Sr besproken; minderjarig.",
        "language_culture": "Tolk via het wijkteam, onafhankelijk van de familie.",
        "different_norms": "Gesprek over eigen keuzes en verwachtingen.",
        "social_control": "Broers houden haar in de gaten op weg naar school."
    });
    serde_json::json!({
        "consulted_on": "2026-03-14", "forms": ["forced_marriage"], "urgency": "high",
        "prompts": prompts,
        "advice": "Eerst informatie verzamelen, niet met de ouders praten.",
        "actions": [{"text": "Terugbellen LKHA", "due": "2026-03-20", "done": false}],
        "travel": {"situation": "travel_planned", "departure": "2026-07-01"}
    })
    .to_string()
}

/// The PDF's text, or None (said on stderr) when pdftotext is not installed. CI installs
/// it, so there its absence fails.
fn pdftotext(pdf: &Path) -> Option<String> {
    let out = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(pdf).arg("-").output();
    match out {
        Ok(o) if o.status.success() => Some(String::from_utf8(o.stdout).unwrap()),
        Ok(o) => panic!("pdftotext failed: {}", String::from_utf8_lossy(&o.stderr)),
        Err(_) if std::env::var_os("CI").is_some() => panic!("pdftotext (poppler-utils) is missing in CI"),
        Err(_) => {
            eprintln!("pdftotext is not installed (Debian: poppler-utils): the PDF's text is not checked");
            None
        }
    }
}

/// Whitespace collapsed, and without the direction marks pdftotext puts around right-to-left
/// text (RLE/PDF, isolates), which are not in the document's text.
fn words(s: &str) -> String {
    let s: String = s
        .chars()
        .filter(|c| !matches!(*c as u32, 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069))
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_pdf_holds_every_line_of_the_case_in_any_script() {
    use std::os::unix::fs::PermissionsExt;
    let v = TestVault::new();
    let id = v.add(&record()).remove(0);
    let pdf = v.tmp.path().join("dossier.pdf");
    let mut c = v.cmd(&["export", &id[..8], "--format", "pdf", "--yes", "-o", pdf.to_str().unwrap()]);
    c.env("CONSULTLOG_LANG", "nl");
    let o = run_cmd(c, None);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    assert_eq!(std::fs::metadata(&pdf).unwrap().permissions().mode() & 0o777, 0o600);
    // The fonts travel inside the file, as subsets.
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("NotoSans") && raw.contains("NotoSansArabic"), "fonts not embedded");
    assert!(raw.contains("/FontFile2") || raw.contains("/FontFile3"), "font program not embedded");
    // Never over an existing file; an audit entry for the one written.
    let again = v.run(&["export", &id, "--format", "pdf", "--yes", "-o", pdf.to_str().unwrap()], None);
    assert!(!again.status.success());
    assert_eq!(std::fs::read(&pdf).unwrap(), bytes, "overwritten");
    let log = stdout(&v.run(&["log", "--json"], None));
    assert!(log.contains("\"export\"") && log.contains("\"pdf\""), "{log}");

    let Some(text) = pdftotext(&pdf) else { return };
    // Each page starts with its header: the title and "pagina i van n".
    let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert!(pages.len() >= 3, "a long answer runs over pages: {} page(s)", pages.len());
    let title = "Consultatie met het LKHA van 14-03-2026";
    let mut body = String::new();
    for (i, page) in pages.iter().enumerate() {
        let number = format!("pagina {} van {}", i + 1, pages.len());
        assert!(page.contains(title) && page.contains(&number), "header of page {}:\n{page}", i + 1);
        body.push_str(&page.replacen(title, "", 1).replacen(&number, "", 1));
        body.push(' ');
    }
    let body = words(&body);
    // Every line of the text export, which has the same layout, is in the PDF.
    let txt = v.tmp.path().join("dossier.txt");
    let mut c = v.cmd(&["export", &id, "--format", "txt", "--yes", "-o", txt.to_str().unwrap()]);
    c.env("CONSULTLOG_LANG", "nl");
    assert!(run_cmd(c, None).status.success());
    let plain = std::fs::read_to_string(&txt).unwrap();
    let mut checked = 0;
    // pdftotext spells the lam-alef ligature of السلام backwards (poppler reverses the letters
    // of one glyph in right-to-left text); the line is compared without that phrase.
    let lam_alef = " ook السلام عليكم.";
    let lines = plain.lines().map(|l| words(&l.replace(lam_alef, "")));
    // Where the script changes pdftotext may drop the space at the edge of the right-to-left
    // run (the gap is in the PDF), so a line with Arabic is compared letter for letter.
    let bare = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let body_bare = bare(&body);
    for line in lines.filter(|l| !l.is_empty() && !l.chars().all(|c| c == '=')) {
        if line.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
            assert!(body_bare.contains(&bare(&line)), "missing {line:?} in the PDF's text:\n{body}");
        } else {
            assert!(body.contains(&line), "missing {line:?} in the PDF's text:\n{body}");
        }
        checked += 1;
    }
    assert!(checked > 40, "only {checked} lines checked");
    for must in
        ["Zoë en Ayşe Yağmur", ARABIC, "عليكم", "Terugbellen LKHA", "Eerst informatie verzamelen", "Urgentie"]
    {
        assert!(body.contains(must), "missing {must:?}:\n{body}");
    }
}

/// English on request: the header and page numbers too.
#[test]
fn the_pdf_speaks_english_on_request() {
    let v = TestVault::new();
    let id = v.add(FULL).remove(0);
    let pdf = v.tmp.path().join("case.pdf");
    let o = v.run(&["--lang", "en", "export", &id, "--format", "pdf", "-o", pdf.to_str().unwrap()], None);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("exported"), "{}", stderr(&o));
    let Some(text) = pdftotext(&pdf) else { return };
    let text = words(&text);
    for must in [
        "Consultation with the LKHA of 14-03-2026",
        "page 1 of 2",
        "page 2 of 2",
        "School meldt verzuim.",
        "Advice",
    ] {
        assert!(text.contains(must), "missing {must:?}:\n{text}");
    }
}
