//! Nothing personal in plain text on disk: records full of canary strings are added, edited
//! and deleted, then every byte the program wrote is searched for them, for any date and any
//! code value.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

const CANARY: &str = "KANARIEZEBRA7731";

fn canary_record(n: usize) -> String {
    serde_json::json!({
        "consulted_on": format!("2025-0{}-1{}", 1 + n % 9, n % 10),
        "forms": ["forced_marriage", "abandonment", "honour_based_violence"],
        "certainty": "confirmed",
        "client": {"age_band": "16-17", "gender": "female", "location": "netherlands", "country": "SO"},
        "urgency": "acute",
        "prompts": {"motives": format!("{CANARY} motieven {n}"), "facts": format!("feiten {CANARY} Ğüşçö ٱلعربية 😀 {n}")},
        "advice": format!("advies {CANARY}"),
        "actions": [{"text": format!("actie {CANARY}"), "due": "2025-12-24", "done": false}],
        "consent": {"lkha_informed": "not_asked_safety", "share_with_ministry": "not_asked_safety", "statistics": "yes"},
        "signals": ["fear_of_holiday", "documents_taken"],
        "travel": {"situation": "travel_planned", "departure": "2025-07-19"},
        "parties": ["intermediary", "veilig_thuis"]
    })
    .to_string()
}

fn needles() -> Vec<Vec<u8>> {
    let mut n: Vec<Vec<u8>> = [
        CANARY,
        "KANARIE",
        "motieven",
        "advies",
        "Ğüşçö",
        "ٱلعربية",
        "😀",
        "2025-12-24",
        "24-12-2025",
        "2025-07-19",
        "2025-01-11",
        "forced_marriage",
        "abandonment",
        "honour_based_violence",
        "not_asked_safety",
        "fear_of_holiday",
        "documents_taken",
        "travel_planned",
        "intermediary",
        "veilig_thuis",
        "netherlands",
        "confirmed",
        "consulted_on",
        "age_band",
        "16-17",
        "female",
        "acute",
        "consent",
        "prompts",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    // Also the canary as UTF-16, in case anything ever writes wide strings.
    n.push(CANARY.encode_utf16().flat_map(|u| u.to_le_bytes()).collect());
    n
}

fn assert_no_plaintext(files: &std::collections::BTreeMap<std::path::PathBuf, Vec<u8>>) {
    let mut total = 0;
    for (path, bytes) in files {
        total += bytes.len();
        for needle in needles() {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_slice()),
                "{} contains plaintext {:?}",
                path.display(),
                String::from_utf8_lossy(&needle)
            );
        }
    }
    assert!(total > 10_000, "the vault should hold data ({total} bytes)");
}

#[test]
fn no_canary_date_or_code_anywhere_on_disk() {
    let v = TestVault::new();
    let input: Vec<String> = (0..40).map(canary_record).collect();
    let ids = v.add(&input.join("\n"));
    assert_eq!(ids.len(), 40);
    let patch = v.tmp.path().join("patch.json");
    std::fs::write(&patch, format!(r#"{{"advice": "nieuw advies {CANARY} bewerkt", "urgency": "high"}}"#))
        .unwrap();
    for id in &ids[..10] {
        assert!(v.run(&["edit", id, patch.to_str().unwrap()], None).status.success());
    }
    std::fs::remove_file(&patch).unwrap();
    for id in &ids[10..20] {
        assert!(v.run(&["delete", id], None).status.success());
    }
    assert!(v.run(&["verify"], None).status.success());
    // Reading, listing and showing must not write plaintext either.
    assert!(v.run(&["list", "--json"], None).status.success());
    assert!(v.run(&["show", &ids[25]], None).status.success());
    assert_no_plaintext(&v.bytes());
    // Nothing else was written beside the vault in the test's folder.
    // Beside it only the state folder (CONSULTLOG_STATE_DIR), which holds one number per
    // vault: the newest manifest counter, so that an old copy put back is noticed.
    let mut others: Vec<_> =
        std::fs::read_dir(v.tmp.path()).unwrap().flatten().map(|e| e.file_name()).collect();
    others.sort();
    assert_eq!(others, [std::ffi::OsString::from("state"), std::ffi::OsString::from("vault")]);
    // One line per copy of the vault: its random instance name (hex) and a counter.
    for (_, bytes) in all_files(&v.tmp.path().join("state")) {
        let text = String::from_utf8(bytes).unwrap();
        for line in text.lines() {
            let parts: Vec<&str> = line.split(' ').collect();
            let ok = match parts.as_slice() {
                [n] => n.bytes().all(|b| b.is_ascii_digit()),
                [inst, n] => {
                    inst.bytes().all(|b| b.is_ascii_hexdigit()) && n.bytes().all(|b| b.is_ascii_digit())
                }
                _ => false,
            };
            assert!(ok, "only an instance name and a counter: {line:?}");
        }
    }
}

#[test]
fn a_large_note_is_encrypted_too() {
    // Large values are stored by sled in separate blob files.
    let v = TestVault::new();
    let big = format!("{CANARY} ").repeat(70_000);
    let rec = serde_json::json!({"consulted_on": "2025-01-11", "prompts": {"facts": big}}).to_string();
    v.add(&rec);
    let list = v.list_json();
    assert_eq!(list[0]["prompts"]["facts"].as_str().unwrap().len(), big.len());
    assert_no_plaintext(&v.bytes());
}
