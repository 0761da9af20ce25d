//! The domain model: consultation records, code lists, the prompt catalogue, validation and
//! list summaries. Pure data and rules: nothing here touches files, terminals or crypto.

pub mod catalogue;
pub mod country;
pub mod date;
pub mod demo;
mod flat;
pub mod input;
pub mod problem;
pub mod record;
pub mod rules;
pub mod schema;
pub mod search;
pub mod summary;
pub mod validate;
pub mod weighing;

pub use catalogue::{Catalogue, Code, CodeList, Prompt};
pub use date::Date;
pub use record::{
    Client, Consent, Consultation, FollowUp, HistoryEntry, Marriage, NotPersonal, Received, ReceivedAdvice,
    Record, Shared, Travel,
};
pub use summary::Summary;
