//! Exporting a consultation for the client's file from the detail screen: choose the format
//! (md, txt, pdf), read the text exactly as it will be exported, see the file name, then
//! write it. A consultation that still has possible personal data says so and asks once
//! more before anything is written. State, update and view of that overlay.

use crate::domain::{Date, Record};
use crate::i18n::{Lang, t, tf};
use crate::present::export::{Format, document};
use crate::tui::action::{Action, Cmd, Effect};
use crate::tui::step::Step;
use crate::tui::theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};
use std::path::{Path, PathBuf};

/// The export overlay over the detail screen.
pub struct ExportPreview {
    pub record: Box<Record>,
    pub format: Format,
    pub scroll: u16,
    /// Where the file goes (the documents folder).
    pub dir: PathBuf,
    /// Possible personal data not yet resolved in the consultation.
    pub findings: usize,
    /// The worker pressed Enter despite the findings: asking once more.
    pub confirming: bool,
}

impl ExportPreview {
    pub fn new(record: Box<Record>, dir: &Path) -> ExportPreview {
        let findings = crate::privacy::unresolved(&record.consultation).len();
        ExportPreview {
            record,
            format: Format::Markdown,
            scroll: 0,
            dir: dir.to_path_buf(),
            findings,
            confirming: false,
        }
    }

    /// The file the export writes: date and the id's first 8 characters, so names differ;
    /// when that file is there already (an earlier export), the next free "-2", "-3", ...
    /// (an export never overwrites).
    pub fn file(&self) -> PathBuf {
        let short: String = self.record.id.chars().take(8).collect();
        let date = self.record.consultation.consulted_on.iso();
        let ext = self.format.ext();
        let first = self.dir.join(format!("consultatie-{date}-{short}.{ext}"));
        (2..1000)
            .map(|n| self.dir.join(format!("consultatie-{date}-{short}-{n}.{ext}")))
            .find(|p| !p.exists())
            .filter(|_| first.exists())
            .unwrap_or(first)
    }

    /// The text as it will be in the file (for a PDF, the text on its pages).
    pub fn text(&self, lang: Lang, today: Date) -> String {
        document(lang, std::slice::from_ref(self.record.as_ref()), self.format, today)
    }

    fn export(&self, today: Date) -> Step {
        let e = Effect::ExportCase {
            id: self.record.id.clone(),
            out: self.file(),
            format: self.format,
            today,
            anyway: self.findings > 0,
        };
        Step::Many(vec![Step::Close, Step::run(e)])
    }

    fn turn(&mut self, by: usize) {
        let i = Format::ALL.iter().position(|f| *f == self.format).unwrap_or(0);
        self.format = Format::ALL[(i + by) % Format::ALL.len()];
        self.scroll = 0;
    }

    /// What a key does; `area` is the body the overlay covers (for how far it scrolls).
    pub fn update(&mut self, a: Action, lang: Lang, today: Date, area: Rect) -> Step {
        let Action::Cmd(cmd) = a else { return Step::Stay };
        if self.confirming {
            return match cmd {
                Cmd::Submit => self.export(today),
                Cmd::Back => {
                    self.confirming = false;
                    Step::Stay
                }
                _ => Step::Stay,
            };
        }
        let (height, max) = self.scroll_room(lang, today, area);
        let page = height.saturating_sub(1).max(1);
        match cmd {
            Cmd::Back => return Step::Close,
            Cmd::Submit if self.findings > 0 => self.confirming = true,
            Cmd::Submit => return self.export(today),
            Cmd::NextField => self.turn(1),
            Cmd::PrevField => self.turn(Format::ALL.len() - 1),
            Cmd::Up => self.scroll = self.scroll.saturating_sub(1),
            Cmd::Down => self.scroll = self.scroll.saturating_add(1).min(max),
            Cmd::PageUp => self.scroll = self.scroll.saturating_sub(page),
            Cmd::PageDown => self.scroll = self.scroll.saturating_add(page).min(max),
            Cmd::Top => self.scroll = 0,
            Cmd::Bottom => self.scroll = max,
            _ => {}
        }
        Step::Stay
    }

    /// The preview's height and the furthest it scrolls, in `area`.
    fn scroll_room(&self, lang: Lang, today: Date, area: Rect) -> (u16, u16) {
        let [_, body] = split(self, lang, frame(area));
        let total: u16 = self
            .text(lang, today)
            .lines()
            .map(|l| crate::tui::text::wrapped(l, body.width))
            .fold(0, u16::saturating_add);
        (body.height, total.saturating_sub(body.height))
    }
}

/// The overlay's box: the whole body less a margin.
fn frame(area: Rect) -> Rect {
    area.inner(Margin { horizontal: 1, vertical: 0 })
}

/// The lines above the preview: format choice, file, warning or question.
fn head(p: &ExportPreview, lang: Lang) -> Vec<Line<'static>> {
    let mut formats =
        vec![Span::styled(t(lang, "ui.export.format").to_string(), theme::title()), Span::raw(" ")];
    for f in Format::ALL {
        let style = if f == p.format { theme::selected() } else { theme::dim() };
        formats.push(Span::styled(format!(" {} ", f.ext()), style));
        formats.push(Span::raw(" "));
    }
    let file = p.file().display().to_string();
    let mut lines = vec![Line::from(formats), Line::from(tf(lang, "ui.export.file", &[("file", &file)]))];
    if p.confirming {
        lines.push(Line::from(Span::styled(t(lang, "ui.export.confirm").to_string(), theme::acute())));
    } else if p.findings > 0 {
        lines.push(Line::from(Span::styled(t(lang, "ui.export.findings").to_string(), theme::warn())));
    }
    lines.push(Line::from(Span::styled(t(lang, "ui.export.preview").to_string(), theme::dim())));
    lines
}

/// The box's inside split into the head and the preview.
fn split(p: &ExportPreview, lang: Lang, r: Rect) -> [Rect; 2] {
    let inner = Block::bordered().inner(r);
    let h: u16 = head(p, lang)
        .iter()
        .map(|l| {
            let s: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            crate::tui::text::wrapped(&s, inner.width)
        })
        .fold(0, u16::saturating_add);
    Layout::vertical([Constraint::Length(h.min(inner.height.saturating_sub(1))), Constraint::Min(1)])
        .areas(inner)
}

pub fn render(lang: Lang, today: Date, p: &ExportPreview, area: Rect, buf: &mut Buffer) {
    let r = frame(area);
    Clear.render(r, buf);
    let block =
        Block::bordered().title(format!(" {} ", t(lang, "ui.export.title"))).border_style(theme::focus());
    let [top, body] = split(p, lang, r);
    block.render(r, buf);
    Paragraph::new(head(p, lang)).wrap(Wrap { trim: false }).render(top, buf);
    let text: Vec<Line> = p.text(lang, today).lines().map(|l| Line::from(crate::safe::one_line(l))).collect();
    Paragraph::new(text).wrap(Wrap { trim: false }).scroll((p.scroll, 0)).render(body, buf);
}
