//! The contribution file: one vault's month counts, signed and encrypted to the coordinator,
//! and the checks a coordinator's `stats merge` applies before adding them.

use super::{MonthCounts, UNKNOWN};
use crate::share::{ShareError, bundle};
use crate::stats::{Dimension, Period};
use crate::store::Vault;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::Deserialize;
use serde_json::{Value, json};

pub const CONTRIBUTION_FORMAT: &str = "consultlog-stats-contribution";
/// Version 2 adds the signature, the sender's card and the recipients (`share::signed`).
pub const CONTRIBUTION_VERSION: u64 = 2;
/// No single vault holds more consultations than this: a contribution claiming more is
/// refused, so that no absurd count reaches a published table.
pub const MAX_CONTRIBUTION: u64 = 1_000_000;

#[derive(Debug, thiserror::Error)]
pub enum ContributionError {
    /// Not decryptable: not for this vault, not an age file, damaged.
    #[error(transparent)]
    Share(#[from] ShareError),
    #[error("not a statistics contribution ({0})")]
    WrongFormat(String),
    #[error("contribution format version {0} is newer than this program understands")]
    NewerVersion(u64),
    #[error("invalid contribution: {0}")]
    BadContent(String),
}

/// A decrypted, checked contribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contribution {
    /// Random id: the same file given twice is counted once.
    pub id: String,
    pub created: DateTime<Utc>,
    pub counts: MonthCounts,
}

/// The plaintext of a new contribution and its id.
pub fn contribution_json(counts: &MonthCounts) -> (String, Value) {
    let id = uuid::Uuid::new_v4().to_string();
    let value = json!({
        "format": CONTRIBUTION_FORMAT,
        "version": CONTRIBUTION_VERSION,
        "id": id,
        "created": Utc::now().to_rfc3339(),
        "counts": counts.to_json(),
    });
    (id, value)
}

/// Signs this vault's counts and encrypts them to the coordinator's recipients (and this
/// vault); returns the id and the bytes.
pub fn contribution_file(
    vault: &Vault,
    counts: &MonthCounts,
    recipients: &[String],
) -> Result<(String, Vec<u8>), ShareError> {
    let (id, value) = contribution_json(counts);
    let mut all = recipients.to_vec();
    all.push(vault.recipient());
    all.sort();
    all.dedup();
    Ok((id, crate::share::ops::signed_file(vault, value, &all, false)?))
}

/// Decrypts a contribution with the vault's identity and checks its content; the signature
/// check is returned for the caller to judge against its address book.
pub fn open_contribution(
    bytes: &[u8],
    identity: &age::x25519::Identity,
) -> Result<(Contribution, crate::share::signed::Check), ContributionError> {
    let plain = bundle::decrypt(bytes, identity)?;
    let contribution = parse_contribution(&plain)?;
    let v: Value =
        serde_json::from_slice(&plain).map_err(|_| ContributionError::WrongFormat("not JSON".into()))?;
    Ok((contribution, crate::share::signed::check(&v)))
}

#[derive(Deserialize)]
struct CountsRepr {
    dimensions: Vec<String>,
    cells: Vec<CellRepr>,
}

#[derive(Deserialize)]
struct CellRepr {
    values: Vec<String>,
    count: u64,
}

fn bad(msg: impl Into<String>) -> ContributionError {
    ContributionError::BadContent(msg.into())
}

/// Parses and validates a decrypted contribution; any error rejects the whole file.
pub fn parse_contribution(plain: &[u8]) -> Result<Contribution, ContributionError> {
    let v: Value =
        serde_json::from_slice(plain).map_err(|_| ContributionError::WrongFormat("not JSON".into()))?;
    bundle::check_header(&v, &[CONTRIBUTION_FORMAT], CONTRIBUTION_VERSION).map_err(|p| match p {
        bundle::HeaderProblem::WrongFormat(m) => ContributionError::WrongFormat(m),
        bundle::HeaderProblem::NewerVersion(n) => ContributionError::NewerVersion(n),
        bundle::HeaderProblem::Bad(m) => bad(m),
    })?;
    let id = v
        .get("id")
        .and_then(Value::as_str)
        .filter(|s| uuid::Uuid::parse_str(s).is_ok())
        .ok_or_else(|| bad("'id' is missing or not a UUID"))?
        .to_string();
    let created =
        bundle::created_of(&v).ok_or_else(|| bad("'created' is missing or not an RFC 3339 time"))?;
    let repr: CountsRepr = serde_json::from_value(v.get("counts").cloned().unwrap_or(Value::Null))
        .map_err(|e| bad(format!("'counts': {e}")))?;
    let expected: Vec<&str> = Dimension::ALL.iter().map(|d| d.name()).collect();
    if repr.dimensions != expected {
        return Err(bad(format!("'counts.dimensions' must be {}", expected.join(", "))));
    }
    let mut counts = MonthCounts::default();
    for (i, cell) in repr.cells.into_iter().enumerate() {
        let n = i + 1;
        let Ok(values) = <[String; Dimension::ALL.len()]>::try_from(cell.values) else {
            return Err(bad(format!("cell {n} does not have {} values", Dimension::ALL.len())));
        };
        let [period, coded @ ..] = values;
        let month = NaiveDate::parse_from_str(&format!("{period}-01"), "%Y-%m-%d")
            .ok()
            .filter(|m| Period::Month.label(*m) == period)
            .ok_or_else(|| bad(format!("cell {n} has period '{period}', not a month (YYYY-MM)")))?;
        if !(2000..=2100).contains(&month.year()) {
            return Err(bad(format!("cell {n} has period '{period}', outside 2000-2100")));
        }
        // Only known codes reach a table: no free text, no formulas, no TOTAL.
        for (i, v) in coded.iter().enumerate() {
            let list = Dimension::ALL[i + 1].name();
            if v != UNKNOWN && !crate::domain::Catalogue::builtin().list(list).contains(v) {
                return Err(bad(format!(
                    "cell {n} has a value for '{list}' that is not a code of that list"
                )));
            }
        }
        if cell.count > MAX_CONTRIBUTION {
            return Err(bad(format!("cell {n} claims more than {MAX_CONTRIBUTION} consultations")));
        }
        if cell.count == 0 {
            continue;
        }
        let slot = counts.counts.entry((month, coded)).or_insert(0);
        *slot = slot.checked_add(cell.count).ok_or_else(|| bad("a count is too large"))?;
    }
    if counts.total() > MAX_CONTRIBUTION {
        return Err(bad(format!("the contribution claims more than {MAX_CONTRIBUTION} consultations")));
    }
    Ok(Contribution { id, created, counts })
}
