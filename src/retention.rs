//! Retention (AVG storage limitation): how many years after its last change a closed
//! consultation is kept, the organisation's choice, stored in the vault; which ones are past
//! it; `purge` deletes them.

use crate::domain::{Date, Summary};
use crate::store::{Vault, VaultError};

const META_NAME: &str = "retention-years";

/// The retention period in years, when one is set.
pub fn years(vault: &Vault) -> Result<Option<u32>, VaultError> {
    Ok(vault.get_meta(META_NAME)?.and_then(|b| std::str::from_utf8(&b).ok()?.trim().parse().ok()))
}

/// Sets the retention period, with an audit entry in the same write.
pub fn set(vault: &Vault, years: u32) -> Result<(), crate::audit::AuditError> {
    let mut metas = crate::audit::prepare(vault, "retention", serde_json::json!({"years": years}))?;
    metas.push((META_NAME.to_string(), years.to_string().into_bytes()));
    let refs: Vec<(&str, &[u8])> = metas.iter().map(|(n, v)| (n.as_str(), v.as_slice())).collect();
    Ok(vault.write(&[], &refs)?)
}

/// The date before which a closed consultation's last change makes it due for deletion.
pub fn cutoff(today: Date, years: u32) -> Date {
    let y = i32::try_from(years).unwrap_or(i32::MAX);
    let d = today.0;
    Date(
        chrono::NaiveDate::from_ymd_opt(d.year_ce().1 as i32 - y, d.month0() + 1, d.day())
            .or_else(|| chrono::NaiveDate::from_ymd_opt(d.year_ce().1 as i32 - y, d.month0() + 1, 28))
            .unwrap_or(d),
    )
}

/// Own closed consultations last changed before `cutoff`.
pub fn due(rows: &[Summary], cutoff: Date) -> usize {
    rows.iter()
        .filter(|s| s.status == "closed" && !s.received && s.last_change().date_naive() < cutoff.0)
        .count()
}

use chrono::Datelike;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cutoff_is_years_back_and_a_leap_day_falls_back() {
        let d = |s: &str| Date::parse_iso(s).unwrap();
        assert_eq!(cutoff(d("2026-12-03"), 5), d("2021-12-03"));
        assert_eq!(cutoff(d("2028-02-29"), 1), d("2027-02-28"));
    }
}
