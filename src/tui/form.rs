//! The editor's state: one input per field of the schema (one per training question for the
//! prompts), and the conversion to and from a `Consultation`. Lenient by design: only the
//! date is required.

use crate::domain::schema::{FIELDS, Kind as Shape, List, Value};
use crate::domain::{Catalogue, Consultation, Date};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

pub mod actions;
mod draft;
mod findings;
mod pick;

pub use actions::{Part, Row, Rows};
pub use draft::Draft;
pub use pick::visible as pick_visible;

pub use crate::domain::schema::FieldId;

pub enum Kind {
    /// A text area; `single` keeps it to one line (dates, country).
    Text { area: Box<TextArea<'static>>, single: bool },
    /// One code of a list, or none when the field may be unset (`optional`); a list with
    /// its own "unknown" code has no separate "none", so "onbekend" appears once. `filter`:
    /// what was typed to narrow the list.
    Choice { list: List, value: Option<usize>, optional: bool, filter: String },
    /// Any codes of a list; `cursor` is the highlighted one, `filter` what was typed.
    Multi { list: List, on: Vec<bool>, cursor: usize, filter: String },
    /// The follow-up actions, one row each.
    Actions(Box<Rows>),
}

pub struct Field {
    pub id: FieldId,
    pub kind: Kind,
}

/// An open editor: which record (None = new), the fields, focus and whether anything changed.
pub struct Form {
    pub id: Option<String>,
    /// The record as loaded: fields the editor does not show are kept from it.
    pub base: Consultation,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub dirty: bool,
    /// Changed since the last draft was written.
    pub draft_dirty: bool,
    /// The vault-level name its draft is kept under: `draft/<record id>` for a record,
    /// `draft/<random id>` for a new one, so no two editors share a draft.
    pub draft_name: String,
    pub error: Option<String>,
    /// Findings in the focused field, refreshed when its text or the focus changes, so
    /// drawing does not run the detector again.
    findings: Vec<crate::privacy::Finding>,
    /// A case received from a worker (the LKHA adviser's side): the adviser writes advice on
    /// it, and the "consult the LKHA first" guidance is not for them.
    pub received: bool,
    /// Opened from the detail screen: saving or leaving goes back there.
    pub from_detail: bool,
    /// The focused field's findings are out of date (typed since); [`Form::settle`] finds
    /// them again once per batch of keys, not per key.
    stale: bool,
    /// A consultation date in the future that the worker already confirmed: not asked again.
    pub future_ok: Option<Date>,
}

fn text(s: &str, single: bool) -> Kind {
    let lines: Vec<String> =
        if s.is_empty() { vec![String::new()] } else { s.lines().map(String::from).collect() };
    let mut area = TextArea::new(lines);
    // No underline on the cursor line: calmer, and clearer in text captures.
    area.set_cursor_line_style(ratatui::style::Style::new());
    // Answers wrap at the box's width, at word boundaries (long words at any character),
    // so a paragraph can be reread without scrolling sideways.
    if !single {
        area.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    }
    // Typing continues after what is there, as in any note.
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    Kind::Text { area: Box::new(area), single }
}

/// The input for one schema field's value.
fn input(shape: Shape, value: Value) -> Kind {
    match (shape, value) {
        (Shape::Code { list, empty }, Value::Code(id)) => Kind::Choice {
            list,
            value: id.and_then(|id| list.codes().0.iter().position(|c| c.id == id)),
            optional: empty.is_none(),
            filter: String::new(),
        },
        (Shape::Codes(list), Value::Codes(ids)) => Kind::Multi {
            list,
            on: list.codes().0.iter().map(|c| ids.contains(&c.id)).collect(),
            cursor: 0,
            filter: String::new(),
        },
        (_, Value::Date(d)) => text(&d.map(|d| d.dutch()).unwrap_or_default(), true),
        (_, Value::Code(c)) => text(c.as_deref().unwrap_or(""), true),
        (_, Value::FollowUps(a)) => Kind::Actions(Box::new(Rows::of(&a))),
        (Shape::Line { .. }, Value::Text(t)) => text(&t, true),
        (_, Value::Text(t)) => text(&t, false),
        (_, Value::Codes(_)) => text("", false),
    }
}

/// The chosen codes, in the record's own order when the choice did not change: opening and
/// saving a record must not show up as a change in its history.
fn same_set(before: Vec<String>, now: Vec<String>) -> Vec<String> {
    let unchanged = before.len() == now.len() && before.iter().all(|b| now.contains(b));
    if unchanged { before } else { now }
}

/// The date fields other than the consultation date, with the message for a bad one.
fn optional_dates() -> impl Iterator<Item = &'static crate::domain::schema::Field> {
    FIELDS.iter().filter(|f| f.kind == Shape::Date { required: false })
}

impl Form {
    pub fn new_record(today: Date) -> Form {
        let mut f = Form::from_consultation(None, Consultation::new(today));
        f.focus = f.fields.iter().position(|x| x.id == FieldId::Prompt(0)).unwrap_or(0);
        f
    }

    pub fn from_consultation(id: Option<String>, c: Consultation) -> Form {
        let mut fields = Vec::new();
        for f in FIELDS {
            if f.kind == Shape::Prompts {
                for (i, p) in Catalogue::builtin().prompts().iter().enumerate() {
                    let t = c.prompts.get(&p.id).map_or("", String::as_str);
                    fields.push(Field { id: FieldId::Prompt(i), kind: text(t, false) });
                }
            } else {
                fields.push(Field { id: f.id, kind: input(f.kind, (f.read)(&c)) });
            }
        }
        let draft_name = format!("draft/{}", id.clone().unwrap_or_else(|| uuid::Uuid::new_v4().to_string()));
        Form {
            draft_name,
            id,
            base: c,
            fields,
            focus: 0,
            dirty: false,
            draft_dirty: false,
            error: None,
            findings: Vec::new(),
            received: false,
            from_detail: false,
            stale: false,
            future_ok: None,
        }
    }

    fn set_text(&mut self, id: FieldId, s: &str) {
        if let Some(Field { kind: Kind::Text { area, single }, .. }) =
            self.fields.iter_mut().find(|f| f.id == id)
            && let Kind::Text { area: new, .. } = text(s, *single)
        {
            *area = new;
        }
    }

    pub fn text_of(&self, id: FieldId) -> String {
        match self.fields.iter().find(|f| f.id == id).map(|f| &f.kind) {
            Some(Kind::Text { area, .. }) => area.lines().join("\n"),
            _ => String::new(),
        }
    }

    /// The value of a coded input, as the schema stores it.
    fn value(kind: &Kind) -> Value {
        match kind {
            Kind::Choice { list, value, .. } => {
                Value::Code(value.and_then(|i| list.codes().0.get(i)).map(|c| c.id.clone()))
            }
            Kind::Multi { list, on, .. } => Value::Codes(
                list.codes().0.iter().zip(on).filter(|(_, on)| **on).map(|(c, _)| c.id.clone()).collect(),
            ),
            Kind::Text { area, .. } => Value::Text(area.lines().join("\n")),
            Kind::Actions(rows) => Value::FollowUps(rows.actions()),
        }
    }

    pub fn forms(&self) -> Vec<String> {
        match self.fields.iter().find(|f| f.id == FieldId::Forms).map(|f| Self::value(&f.kind)) {
            Some(Value::Codes(c)) => c,
            _ => Vec::new(),
        }
    }

    /// The consultation as typed; `date` is the consultation date (for drafts, today when
    /// what was typed is not a date yet).
    fn build(&self, date: Date) -> Consultation {
        let mut c = self.base.clone();
        for f in FIELDS {
            let value = match f.kind {
                Shape::Prompts => {
                    c.prompts.clear();
                    for (i, p) in Catalogue::builtin().prompts().iter().enumerate() {
                        let t = self.text_of(FieldId::Prompt(i));
                        if !t.trim().is_empty() {
                            c.prompts.insert(p.id.clone(), t);
                        }
                    }
                    continue;
                }
                Shape::Date { required: true } => Value::Date(Some(date)),
                Shape::Date { required: false } => Value::Date(Date::parse_dutch(&self.text_of(f.id)).ok()),
                // The code of what was typed (code or name); anything else is kept as typed,
                // so that validation refuses it with the same rule as `add` and `import`.
                Shape::Country => {
                    let typed = self.text_of(f.id);
                    Value::Code(match crate::domain::country::resolve(&typed) {
                        Some(code) => Some(code.to_string()),
                        None if typed.trim().is_empty() => None,
                        None => Some(typed.trim().to_string()),
                    })
                }
                Shape::FollowUps => match self.fields.iter().find(|x| x.id == f.id) {
                    Some(input) => Self::value(&input.kind),
                    None => continue,
                },
                Shape::Text => Value::Text(self.text_of(f.id)),
                // The kenmerk is kept as typed, spaces around it dropped.
                Shape::Line { .. } => Value::Text(self.text_of(f.id).trim().to_string()),
                Shape::Code { .. } | Shape::Codes(_) => {
                    let Some(input) = self.fields.iter().find(|x| x.id == f.id) else { continue };
                    match Self::value(&input.kind) {
                        Value::Codes(now) => match (f.read)(&self.base) {
                            Value::Codes(before) => Value::Codes(same_set(before, now)),
                            _ => Value::Codes(now),
                        },
                        v => v,
                    }
                }
            };
            (f.write)(&mut c, value);
        }
        if c.travel.departure.is_some() && c.travel.situation.is_none() {
            c.travel.situation = Some("travel_planned".into());
        }
        c
    }

    /// The consultation to save. Errors are message keys: the date is required and must be
    /// a real date; any other date that is filled in must be one too.
    pub fn to_consultation(&self) -> Result<Consultation, &'static str> {
        let date = Date::parse_dutch(&self.text_of(FieldId::Date)).map_err(|_| "ui.err.date")?;
        for f in optional_dates() {
            let typed = self.text_of(f.id);
            if !typed.trim().is_empty() && Date::parse_dutch(&typed).is_err() {
                return Err(match f.id {
                    FieldId::AdviceDate => "ui.err.advice_date",
                    _ => "ui.err.departure",
                });
            }
        }
        if self.rows().is_some_and(|r| r.bad_date().is_some()) {
            return Err("ui.err.action_date");
        }
        let c = self.build(date);
        // The rules `add` and `import` apply: what saves also shares and imports.
        if let Err(e) = crate::domain::validate::validate(&c, Catalogue::builtin()) {
            return Err(match e.field.as_str() {
                "client.country" => "ui.err.country",
                "primary_form" => "ui.err.primary_form",
                "label" => "ui.err.label",
                _ => "ui.err.invalid",
            });
        }
        Ok(c)
    }

    /// Puts the focus on a field, if the form has it.
    pub fn focus_on(&mut self, id: FieldId) {
        if let Some(i) = self.fields.iter().position(|f| f.id == id) {
            self.focus = i;
            self.refresh_highlights();
        }
    }

    pub fn next(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len();
        self.left_field();
    }

    pub fn prev(&mut self) {
        self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
        self.left_field();
    }

    /// After the focus moved: filters typed into pick lists are forgotten, and the new
    /// field's findings are found.
    fn left_field(&mut self) {
        for f in &mut self.fields {
            if let Kind::Choice { filter, .. } | Kind::Multi { filter, .. } = &mut f.kind {
                filter.clear();
            }
        }
        self.refresh_highlights();
    }

    fn touched(&mut self) {
        self.dirty = true;
        self.draft_dirty = true;
        self.error = None;
    }

    /// The follow-up rows.
    pub fn rows(&self) -> Option<&Rows> {
        self.fields.iter().find_map(|f| if let Kind::Actions(r) = &f.kind { Some(&**r) } else { None })
    }

    /// The follow-up rows, when they have the focus.
    pub fn focused_rows(&mut self) -> Option<&mut Rows> {
        match self.fields.get_mut(self.focus).map(|f| &mut f.kind) {
            Some(Kind::Actions(r)) => Some(r),
            _ => None,
        }
    }

    /// Puts the cursor on the first follow-up date that is not a real date.
    pub fn focus_bad_date(&mut self) {
        self.focus_on(FieldId::Actions);
        if let Some(rows) = self.focused_rows()
            && let Some(i) = rows.bad_date()
        {
            (rows.row, rows.part) = (i, Part::Due);
        }
        self.refresh_highlights();
    }

    /// A change to the follow-up rows (a row added, removed, marked done).
    pub fn rows_changed(&mut self) {
        self.touched();
        self.refresh_highlights();
    }

    /// Finds the focused field's possible personal data again if typing made it stale: the
    /// event loop calls this once per batch of keys, before drawing.
    pub fn settle(&mut self) {
        if self.stale {
            self.refresh_highlights();
        }
    }

    pub fn paste(&mut self, s: &str) {
        match self.fields.get_mut(self.focus).map(|f| &mut f.kind) {
            Some(Kind::Text { area, single }) => {
                let s =
                    if *single { s.lines().next().unwrap_or("").to_string() } else { s.replace('\r', "") };
                area.insert_str(s);
            }
            Some(Kind::Actions(rows)) => rows.paste(s),
            _ => return,
        }
        self.touched();
        self.stale = true;
    }

    /// A key for the focused field.
    pub fn key(&mut self, key: KeyEvent) {
        let Some(field) = self.fields.get_mut(self.focus) else { return };
        let changed = match &mut field.kind {
            Kind::Text { area, single } => {
                let ctrl = key.modifiers.contains(crossterm::event::KeyModifiers::CONTROL);
                if *single && key.code == KeyCode::Enter {
                    false
                } else if ctrl && key.code == KeyCode::Char('u') {
                    // As in a shell: clear to the start of the line (the widget's own
                    // Ctrl+U is undo, which nobody expects there).
                    area.delete_line_by_head()
                } else {
                    area.input(key)
                }
            }
            Kind::Choice { .. } | Kind::Multi { .. } => pick::key(&mut field.kind, key),
            Kind::Actions(rows) => rows.key(key),
        };
        if changed {
            self.touched();
        }
        // Found again once per batch of keys (the row with the cursor may have moved too).
        self.stale = true;
    }

    /// Space on a pick list: the highlighted choice on or off (a single choice moves on).
    pub fn toggle(&mut self) {
        if let Some(f) = self.fields.get_mut(self.focus)
            && pick::toggle(&mut f.kind)
        {
            self.touched();
        }
    }

    /// Whether the LKHA's "consult first" guidance shows (`domain::rules`).
    pub fn needs_lkha_guidance(&self) -> bool {
        crate::domain::rules::needs_lkha_guidance(&self.forms(), self.received)
    }
}
