//! Code lists and the prompt catalogue, compiled in from `data/` so an organisation can adjust
//! labels and questions without touching code.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// One entry of a code list: a stable English id and its labels.
#[derive(Debug, Clone, Deserialize)]
pub struct Code {
    pub id: String,
    pub nl: String,
    pub en: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CodeList(pub Vec<Code>);

impl CodeList {
    pub fn contains(&self, id: &str) -> bool {
        self.0.iter().any(|c| c.id == id)
    }
    pub fn get(&self, id: &str) -> Option<&Code> {
        self.0.iter().find(|c| c.id == id)
    }
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|c| c.id.as_str())
    }
}

/// One of the training's questions.
#[derive(Debug, Clone, Deserialize)]
pub struct Prompt {
    pub id: String,
    pub nl: String,
    pub en: String,
    pub guidance_nl: String,
    pub guidance_en: String,
}

#[derive(Debug, Deserialize)]
struct CodeListsFile {
    version: u32,
    lists: BTreeMap<String, CodeList>,
}

#[derive(Debug, Deserialize)]
struct PromptsFile {
    version: u32,
    prompts: Vec<Prompt>,
}

/// The compiled-in code lists and prompts.
#[derive(Debug)]
pub struct Catalogue {
    pub codelists_version: u32,
    pub prompts_version: u32,
    lists: BTreeMap<String, CodeList>,
    prompts: Vec<Prompt>,
}

const CODELISTS_JSON: &str = include_str!("../../data/codelists.json");
const PROMPTS_JSON: &str = include_str!("../../data/prompts.json");

static BUILTIN: LazyLock<Catalogue> = LazyLock::new(|| {
    // The data files are part of the build and checked by a test; a broken file is a build
    // defect, not a user error, so failing loudly here is right.
    #[allow(clippy::expect_used)]
    Catalogue::parse(CODELISTS_JSON, PROMPTS_JSON).expect("compiled-in catalogue is valid")
});

impl Catalogue {
    /// The catalogue compiled into this build.
    pub fn builtin() -> &'static Catalogue {
        &BUILTIN
    }

    pub fn parse(codelists: &str, prompts: &str) -> Result<Catalogue, String> {
        let c: CodeListsFile = serde_json::from_str(codelists).map_err(|e| format!("codelists.json: {e}"))?;
        let p: PromptsFile = serde_json::from_str(prompts).map_err(|e| format!("prompts.json: {e}"))?;
        Ok(Catalogue {
            codelists_version: c.version,
            prompts_version: p.version,
            lists: c.lists,
            prompts: p.prompts,
        })
    }

    /// A code list by name (`schema::List` names the ones the record uses; a test checks
    /// each exists). An unknown name gives an empty list.
    pub fn list(&self, name: &str) -> &CodeList {
        static EMPTY: CodeList = CodeList(Vec::new());
        self.lists.get(name).unwrap_or(&EMPTY)
    }

    pub fn prompts(&self) -> &[Prompt] {
        &self.prompts
    }

    pub fn prompt(&self, id: &str) -> Option<&Prompt> {
        self.prompts.iter().find(|p| p.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalogue_has_nine_prompts() {
        let cat = Catalogue::builtin();
        let ids: Vec<_> = cat.prompts().iter().map(|p| p.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "motives",
                "honour_violence",
                "discussability",
                "facts",
                "timely_help",
                "legal_framework",
                "language_culture",
                "different_norms",
                "social_control"
            ]
        );
        assert!(cat.prompts_version >= 1);
    }

    #[test]
    fn every_label_is_filled_in_both_languages() {
        let cat = Catalogue::builtin();
        for name in super::super::schema::List::ALL.map(super::super::schema::List::name) {
            for code in &cat.list(name).0 {
                assert!(!code.nl.trim().is_empty() && !code.en.trim().is_empty(), "{name}/{}", code.id);
            }
        }
        for p in cat.prompts() {
            for s in [&p.nl, &p.en, &p.guidance_nl, &p.guidance_en] {
                assert!(!s.trim().is_empty(), "prompt {}", p.id);
            }
        }
    }

    #[test]
    fn contract_codes_are_present() {
        let cat = Catalogue::builtin();
        for f in [
            "forced_marriage",
            "abandonment",
            "honour_based_violence",
            "domestic_violence",
            "female_genital_mutilation",
            "lgbti_violence",
            "human_trafficking",
            "other",
        ] {
            assert!(cat.list("form").contains(f), "{f}");
        }
        for c in ["yes", "no", "not_asked_safety", "unknown"] {
            assert!(cat.list("consent").contains(c));
        }
    }
}
