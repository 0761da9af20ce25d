//! Errors of the statistics module.

use thiserror::Error;

/// Why a table could not be built, merged or protected.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StatsError {
    /// The threshold must be a positive number of consultations.
    #[error("the threshold k must be at least 1, but 0 was given")]
    ZeroThreshold,
    /// With k = 2 the label "primary" alone reveals that the count is 1.
    #[error(
        "k = 2 cannot be protected, because a cell marked primary-suppressed would be known to hold exactly 1; use k = 1 (no suppression) or k of at least 3"
    )]
    ThresholdTwo,
    /// A table needs something to count by.
    #[error("a table needs at least one dimension, but none was given")]
    NoDimensions,
    /// The protection method is only proven for up to three dimensions.
    #[error("a table can have at most 3 dimensions, but {0} were given")]
    TooManyDimensions(usize),
    /// The dimension name is not one of the known codes.
    #[error(
        "unknown dimension \"{0}\"; known dimensions are period, form, age_band, gender, urgency, location, certainty and status"
    )]
    UnknownDimension(String),
    /// A dimension may occur only once in a table.
    #[error("dimension \"{0}\" is given more than once")]
    DuplicateDimension(String),
    /// Nothing was counted, so there is nothing to publish.
    #[error("there are no records to count, so the table would be empty")]
    NoRecords,
    /// A row must hold exactly one value per dimension.
    #[error("a row has {found} values but the table has {expected} dimensions")]
    RowLength {
        /// Number of dimensions of the table.
        expected: usize,
        /// Number of values in the row.
        found: usize,
    },
    /// "TOTAL" marks marginal totals, so it cannot be a data value.
    #[error("\"TOTAL\" is reserved for marginal totals and cannot be a value of dimension {0}")]
    ReservedValue(String),
    /// Only tables over the same dimensions, in the same order, can be added.
    #[error("tables over [{left}] and [{right}] have different dimensions and cannot be added")]
    DimensionMismatch {
        /// Dimensions of the receiving table.
        left: String,
        /// Dimensions of the added table.
        right: String,
    },
    /// A count does not fit in 64 bits.
    #[error("a count is too large to be added")]
    CountOverflow,
    /// No suppression pattern can hide this cell under the attacker model.
    #[error(
        "the table cannot be protected: no suppression pattern was found that hides the count of cell [{0}], usually because the totals and the threshold pin it down whatever is suppressed; use coarser categories, fewer dimensions or another k"
    )]
    Unprotectable(String),
    /// The same table (the same dimensions in any order) was asked for twice.
    #[error("the table by [{0}] is asked for more than once")]
    DuplicateTable(String),
    /// The multi-response counts contradict each other (a bug in the caller).
    #[error("the counts of the forms table contradict each other")]
    InconsistentForms,
    /// The final self-check found a suppressed cell without proof of protection.
    #[error("the final protection check failed, so the table is not published (this is a bug)")]
    ProtectionCheckFailed,
}
