//! `consultlog lint`: exit 0 clean, 1 findings, 2 bad input; `--json` gives byte offsets.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;
use std::process::Command;

fn lint(args: &[&str], stdin: Option<&[u8]>) -> std::process::Output {
    let mut c = Command::new(bin());
    c.arg("lint").args(args).env("CONSULTLOG_LANG", "en");
    c.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    if let Some(input) = stdin {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(input).unwrap();
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().unwrap()
}

#[test]
fn clean_text_exits_zero() {
    let o = lint(
        &["-"],
        Some(
            "Overleg met het LKHA over achterlating; Veilig Thuis is ingelicht. Bel 112 bij acuut gevaar."
                .as_bytes(),
        ),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = lint(&["--json"], Some(b"Niets bijzonders."));
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o).trim(), "[]");
}

#[test]
fn findings_exit_one_with_byte_offsets() {
    let text = "Haar oom Hassan belde met 06-12345678. Ze woont op Kerkstraat 12a, 1322 AB.";
    let o = lint(&["--json", "-"], Some(text.as_bytes()));
    assert_eq!(o.status.code(), Some(1));
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let kinds: Vec<&str> = findings.iter().map(|f| f["kind"].as_str().unwrap()).collect();
    for k in ["name", "phone", "address", "postcode"] {
        assert!(kinds.contains(&k), "{k} missing in {kinds:?}");
    }
    for f in &findings {
        let (s, e) = (f["start"].as_u64().unwrap() as usize, f["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[s..e], f["text"].as_str().unwrap());
    }
    // Plain output names the line and kind.
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), format!("eerste regel\n{text}\n")).unwrap();
    let o = lint(&[file.path().to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains(":2: phone number: 06-12345678"), "{}", stdout(&o));
}

#[test]
fn bad_input_exits_two() {
    let o = lint(&["-"], Some(b"caf\xe9 met 06-12345678"));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not UTF-8"), "{}", stderr(&o));
    assert_eq!(stderr(&o).trim().lines().count(), 1);
    let o = lint(&["/nonexistent/note.txt"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("Cannot read"), "{}", stderr(&o));
}
