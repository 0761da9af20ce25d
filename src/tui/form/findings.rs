//! Possible personal data in the editor's focused field: found as the worker types,
//! highlighted, replaced by a placeholder (F2) or marked as not personal data (F3).

use super::{Field, FieldId, Form, Kind, Part};

impl Form {
    /// Puts the focus on the first field with possible personal data; true if there is one.
    pub fn focus_first_finding(&mut self) -> bool {
        let start = self.focus;
        for i in 0..self.fields.len() {
            self.focus = i;
            // Each follow-up's text in turn.
            let rows = self.focused_rows().map_or(1, |r| r.rows.len());
            for row in 0..rows {
                if let Some(r) = self.focused_rows() {
                    r.row = row;
                    r.part = Part::Text;
                }
                if !self.detect_focused().is_empty() {
                    self.refresh_highlights();
                    return true;
                }
            }
        }
        self.focus = start;
        false
    }

    /// The free text with the cursor: an answer, the advice, or the text (never the date)
    /// of the follow-up row with the cursor.
    fn focused_text(&self) -> Option<String> {
        let field = self.fields.get(self.focus)?;
        match &field.kind {
            Kind::Actions(rows) => rows.rows.get(rows.row).map(super::Row::text),
            _ if matches!(field.id, FieldId::Prompt(_) | FieldId::Label | FieldId::Advice) => {
                Some(self.text_of(field.id))
            }
            _ => None,
        }
    }

    fn set_focused_text(&mut self, s: &str) {
        match self.fields.get_mut(self.focus).map(|f| &mut f.kind) {
            Some(Kind::Actions(rows)) => {
                if let Some(r) = rows.current() {
                    r.text = super::actions::line_input(s);
                }
            }
            Some(_) => {
                let id = self.fields[self.focus].id;
                self.set_text(id, s);
            }
            None => {}
        }
    }

    /// Possible personal data in the focused free-text field, minus what the worker marked
    /// as not personal data. Found again once per batch of keys (`settle`): ~0.25 ms for a
    /// 5 KB note, which per key made a pasted page of 3,000 keys take a second.
    pub fn findings(&self) -> &[crate::privacy::Finding] {
        &self.findings
    }

    fn detect_focused(&self) -> Vec<crate::privacy::Finding> {
        // A follow-up's due date is its own input, never looked at: it is structure.
        let Some(text) = self.focused_text() else { return Vec::new() };
        crate::privacy::detect(&text)
            .into_iter()
            .filter(|f| !self.base.not_personal.iter().any(|np| np.kind == f.kind.id() && np.text == f.text))
            .collect()
    }

    /// Highlights the focused field's findings in its text area.
    pub fn refresh_highlights(&mut self) {
        self.stale = false;
        self.findings = self.detect_focused();
        let pattern = self.findings.iter().map(|f| regex::escape(&f.text)).collect::<Vec<_>>().join("|");
        let area = match self.fields.get_mut(self.focus) {
            Some(Field { kind: Kind::Text { area, .. }, .. }) => area,
            Some(Field { kind: Kind::Actions(rows), .. }) => match rows.current() {
                Some(r) => &mut r.text,
                None => return,
            },
            _ => return,
        };
        area.set_search_style(crate::tui::theme::finding());
        // An empty pattern clears the highlight; escaped texts always compile.
        let _ = area.set_search_pattern(pattern);
    }

    /// Replaces the first finding in the focused field with its placeholder ([TELEFOON], ...).
    pub fn replace_finding(&mut self) -> bool {
        self.settle();
        let Some(first) = self.findings.first().cloned() else { return false };
        let Some(text) = self.focused_text() else { return false };
        let text = crate::privacy::redact(&text, &first);
        self.set_focused_text(&text);
        self.touched();
        self.refresh_highlights();
        true
    }

    /// Marks the first finding in the focused field as "not personal data"; the choice is
    /// kept with the record and no longer blocks sharing.
    pub fn dismiss_finding(&mut self) -> bool {
        self.settle();
        let Some(first) = self.findings.first().cloned() else { return false };
        self.base
            .not_personal
            .push(crate::domain::NotPersonal { kind: first.kind.id().into(), text: first.text });
        self.touched();
        self.refresh_highlights();
        true
    }
}
