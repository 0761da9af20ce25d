//! The real binary in a pseudo-terminal: type a consultation and save it; kill it mid-typing
//! and find the draft offered on the next start. Fictional data, bounded waits.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod common;
use common::TODAY;

const BIN: &str = env!("CARGO_BIN_EXE_consultlog");
const PASS: &str = "fictieve test wachtwoordzin";

struct Tui {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

impl Tui {
    fn start(vault: &Path, extra_env: &[(&str, &str)]) -> Tui {
        Tui::spawn(&["--vault", vault.to_str().unwrap()], extra_env)
    }

    fn spawn(args: &[&str], extra_env: &[(&str, &str)]) -> Tui {
        let pty = native_pty_system();
        let pair = pty.openpty(PtySize { rows: 30, cols: 100, pixel_width: 0, pixel_height: 0 }).unwrap();
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.env("CONSULTLOG_PASSPHRASE", PASS);
        cmd.env("CONSULTLOG_TODAY", TODAY);
        cmd.env("TERM", "xterm-256color");
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(30).unwrap(),
            std::num::NonZeroU16::new(100).unwrap(),
            0,
        )));
        let p = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
            }
        });
        Tui { parser, writer, child, _master: pair.master }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            if self.screen().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("'{text}' did not appear; screen:\n{}", self.screen());
    }

    fn send(&mut self, s: &str) {
        self.writer.write_all(s.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(150));
    }

    fn wait_exit(&mut self) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if self.child.try_wait().unwrap().is_some() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("did not exit; screen:\n{}", self.screen());
    }
}

fn init(vault: &Path) {
    let ok = Command::new(BIN)
        .args(["--vault"])
        .arg(vault)
        .args(["init", "--kdf-log-n", "10"])
        .env("CONSULTLOG_TEST_ONLY_WEAK_KDF", "1")
        .env("CONSULTLOG_PASSPHRASE", PASS)
        .env("CONSULTLOG_TODAY", TODAY)
        .status()
        .unwrap();
    assert!(ok.success());
}

fn list_json(vault: &Path) -> String {
    let out = Command::new(BIN)
        .arg("--vault")
        .arg(vault)
        .args(["list", "--json"])
        .env("CONSULTLOG_PASSPHRASE", PASS)
        .env("CONSULTLOG_TODAY", TODAY)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn type_a_consultation_save_and_quit() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("v");
    init(&vault);
    let mut t = Tui::start(&vault, &[]);
    t.wait_for("Consultaties");
    t.send("n");
    t.wait_for("Nieuwe consultatie");
    t.send("Vader noemt familie-eer; reis naar MA gepland.");
    t.send("\t");
    t.send("Zus lijkt bang.");
    t.send("\x13"); // Ctrl+S
    t.wait_for("Opgeslagen");
    t.send("q");
    t.wait_exit();
    let json = list_json(&vault);
    assert!(json.contains("Vader noemt familie-eer; reis naar MA gepland."), "{json}");
    assert!(json.contains("Zus lijkt bang."), "{json}");
}

/// A 400-character answer typed in a real terminal is shown wrapped in its box: every word
/// is on screen, no line runs past the box, and the saved text is one line as typed.
#[test]
fn a_long_answer_wraps_in_its_box() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("v");
    init(&vault);
    let mut t = Tui::start(&vault, &[]);
    t.wait_for("Consultaties");
    t.send("n");
    t.wait_for("Nieuwe consultatie");
    let words = ["Moeder", "vertelde", "dat", "de", "familie", "in", "de", "zomer", "wil", "reizen"];
    let answer: String = (0..8).flat_map(|_| words).collect::<Vec<_>>().join(" ");
    assert!(answer.len() >= 400, "{}", answer.len());
    t.send(&answer);
    t.wait_for("reizen");
    let screen = t.screen();
    // The box's text lines: between the box borders, wrapped, each within the box.
    let inside: Vec<&str> = screen
        .lines()
        .filter(|l| l.trim_start().starts_with('│'))
        .map(|l| l.trim().trim_matches('│').trim())
        .filter(|l| !l.is_empty() && l.split_whitespace().all(|w| words.contains(&w)))
        .collect();
    assert!(inside.len() >= 4, "not wrapped over several lines:\n{screen}");
    let shown: String = inside.join(" ");
    assert_eq!(shown.split_whitespace().count(), answer.split_whitespace().count(), "{screen}");
    t.send("\x13"); // Ctrl+S
    t.wait_for("Opgeslagen");
    t.send("q");
    t.wait_exit();
    assert!(list_json(&vault).contains(&answer));
}

#[test]
fn a_killed_session_leaves_a_draft_that_is_offered_back() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("v");
    init(&vault);
    let mut t = Tui::start(&vault, &[("CONSULTLOG_DRAFT_SECS", "0.3")]);
    t.wait_for("Consultaties");
    t.send("n");
    t.wait_for("Nieuwe consultatie");
    t.send("Notitie direct na het gesprek");
    std::thread::sleep(Duration::from_millis(1500));
    t.child.kill().unwrap();
    t.wait_exit();
    drop(t);
    let mut t = Tui::start(&vault, &[]);
    t.wait_for("concept");
    t.send("\r");
    t.wait_for("Notitie direct na het gesprek");
    t.send("\x1b"); // Esc: unsaved changes dialog
    t.wait_for("niet-opgeslagen wijzigingen");
    t.send("\x13");
    t.wait_for("Opgeslagen");
    t.send("q");
    t.wait_exit();
    assert!(list_json(&vault).contains("Notitie direct na het gesprek"));
}

fn cli(vault: &Path, args: &[&str]) -> String {
    let out = Command::new(BIN)
        .arg("--vault")
        .arg(vault)
        .args(args)
        .env("CONSULTLOG_PASSPHRASE", PASS)
        .env("CONSULTLOG_TODAY", TODAY)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn share_from_one_vault_and_import_in_another_through_the_dialogs() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().to_str().unwrap();
    let (worker, adviser) = (dir.path().join("w"), dir.path().join("a"));
    init(&worker);
    init(&adviser);
    // The two exchange contact cards, so each trusts what the other sends.
    let (worker_card, adviser_card) = (dir.path().join("w.card"), dir.path().join("a.card"));
    cli(&worker, &["card", "--name", "Wijkteam Noord", "-o", worker_card.to_str().unwrap()]);
    cli(&adviser, &["card", "--name", "LKHA", "-o", adviser_card.to_str().unwrap()]);
    cli(&worker, &["keys", "add", "lkha-adviseur", adviser_card.to_str().unwrap()]);
    cli(&adviser, &["keys", "add", "wijkteam-noord", worker_card.to_str().unwrap()]);
    let note = dir.path().join("note.json");
    std::fs::write(&note, r#"{"consulted_on": "2026-11-02", "prompts": {"facts": "Jongere vertelt over een geregeld huwelijk."}}"#)
        .unwrap();
    let id = cli(&worker, &["add", note.to_str().unwrap()]).trim().to_string();

    // The worker shares: the one contact is chosen already, the file goes to the home folder.
    let mut t = Tui::start(&worker, &[("HOME", home)]);
    t.wait_for("Consultaties");
    t.send("d");
    t.wait_for("Geen mogelijke persoonsgegevens");
    t.send("\r");
    t.wait_for("Delen met lkha-adviseur");
    t.send("\r");
    t.wait_for("Opgeslagen:");
    t.send("q");
    t.wait_exit();
    // The file is named after the pinned today, not the wall clock.
    let file = format!("casus-{TODAY}-{}.age", &id[..8]);
    assert!(dir.path().join(&file).exists(), "no {file} in {:?}", std::fs::read_dir(dir.path()).unwrap());

    // The adviser imports it by typing the file name after the folder already filled in.
    let mut t = Tui::start(&adviser, &[("HOME", home)]);
    t.wait_for("Consultaties");
    t.send("i");
    t.wait_for("Bestand inlezen");
    t.send(&file);
    t.send("\r");
    t.wait_for("1 consultatie(s) ontvangen");
    t.wait_for("Ontvangen (1)");
    t.send("q");
    t.wait_exit();
    let json = cli(&adviser, &["list", "--json"]);
    assert!(json.contains("Jongere vertelt over een geregeld huwelijk."), "{json}");
    assert!(json.contains(&id), "the origin id is kept: {json}");
}

/// The demo has the published demo adviser in its address book, so sharing can be practised.
#[test]
fn the_demo_lets_a_trainee_practise_sharing() {
    // A demo killed earlier left its folder behind: the next demo removes it, and its own
    // folder is gone when it ends.
    let tmp = tempfile::tempdir().unwrap();
    let stale = tmp.path().join("consultlog-demo-00000000-0000-4000-8000-000000000000");
    std::fs::create_dir_all(stale.join("db")).unwrap();
    let touched = Command::new("touch").args(["-d", "2 hours ago"]).arg(&stale).status().unwrap();
    assert!(touched.success());
    let tmpdir = tmp.path().to_str().unwrap();
    let mut t = Tui::spawn(&["demo"], &[("TMPDIR", tmpdir)]);
    t.wait_for("DEMO");
    assert!(!stale.exists(), "the stale demo folder is still there");
    let demos = || std::fs::read_dir(tmp.path()).unwrap().count();
    assert_eq!(demos(), 1, "the running demo's own folder");
    t.send("d");
    t.wait_for("[x] lkha-demo-adviseur");
    t.send("\x1b");
    t.send("q");
    t.wait_exit();
    assert_eq!(demos(), 0, "the demo's folder is removed when it ends");
}

/// The address book in the program: the adviser's card file is added through the UI, shows
/// as verified with its fingerprint, and the change is in the audit log.
#[test]
fn a_contact_is_added_from_a_card_file_in_the_program() {
    let dir = tempfile::tempdir().unwrap();
    let (worker, adviser) = (dir.path().join("w"), dir.path().join("a"));
    init(&worker);
    init(&adviser);
    let card = dir.path().join("lkha.card");
    cli(&adviser, &["card", "--name", "LKHA Adviseur", "-o", card.to_str().unwrap()]);
    let text = std::fs::read_to_string(&card).unwrap();
    let fingerprint = text.lines().find_map(|l| l.strip_prefix("fingerprint: ")).unwrap().to_string();

    let mut t = Tui::start(&worker, &[("HOME", dir.path().to_str().unwrap())]);
    t.wait_for("Consultaties");
    t.send("k");
    t.wait_for("Uw contactkaart");
    t.wait_for("Nog geen contacten");
    t.send("a");
    t.wait_for("Kaartbestand");
    t.send("lkha.card\t");
    t.send("lkha-adviseur\r");
    t.wait_for("lkha-adviseur toegevoegd, geverifieerd");
    t.wait_for(&format!("geverifieerd · {fingerprint}"));
    t.send("\x1b");
    t.send("q");
    t.wait_exit();
    let listed = cli(&worker, &["keys", "list"]);
    assert!(listed.contains("lkha-adviseur") && listed.contains(&fingerprint), "{listed}");
    assert!(cli(&worker, &["log", "--json"]).contains("contact_add"));
}

/// The running program writes no core file, whatever the shell's limit: a crash must not put
/// decrypted notes or keys on disk.
#[test]
fn the_running_program_dumps_no_core() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("v");
    init(&vault);
    let mut t = Tui::start(&vault, &[]);
    t.wait_for("Consultaties");
    let pid = t.child.process_id().unwrap();
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).unwrap();
    let core = limits.lines().find(|l| l.starts_with("Max core file size")).unwrap();
    let fields: Vec<&str> = core.split_whitespace().collect();
    assert_eq!(&fields[4..6], ["0", "0"], "{core}");
    t.send("q");
    t.wait_exit();
}

/// With a backup folder set, the running program writes a backup once the user pauses after
/// a save, the list's bottom line says so, and quitting after another change writes one more;
/// the newest restores with both consultations.
#[test]
fn the_program_backs_up_after_a_save_and_on_quit() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("v");
    let usb = dir.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    init(&vault);
    cli(&vault, &["settings", "backup.dir", usb.to_str().unwrap()]);
    let env = [("CONSULTLOG_KDF_LOG_N", "10"), ("CONSULTLOG_TEST_ONLY_WEAK_KDF", "1")];
    let mut t = Tui::start(&vault, &env);
    t.wait_for("Nog geen back-up");
    t.send("n");
    t.wait_for("Nieuwe consultatie");
    t.send("Eerste gesprek over de reis.");
    t.send("\x13");
    t.wait_for("Opgeslagen");
    // The message is read once; then the status line shows the backup made in the pause.
    t.send("j");
    t.wait_for("Laatste back-up");
    t.send("n");
    t.wait_for("Nieuwe consultatie");
    t.send("Tweede gesprek met de mentor.");
    t.send("\x13");
    t.wait_for("Opgeslagen");
    t.send("q");
    t.wait_exit();
    let mut files: Vec<_> = std::fs::read_dir(&usb).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert_eq!(files.len(), 2, "{files:?}");
    let restored = dir.path().join("restored");
    let out = Command::new(BIN)
        .arg("--vault")
        .arg(&restored)
        .args(["restore", files[1].to_str().unwrap(), "--kdf-log-n", "10"])
        .env("CONSULTLOG_PASSPHRASE", PASS)
        .env("CONSULTLOG_TEST_ONLY_WEAK_KDF", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json = list_json(&restored);
    assert!(json.contains("Eerste gesprek") && json.contains("Tweede gesprek"), "{json}");
}
