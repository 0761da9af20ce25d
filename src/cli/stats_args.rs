//! The arguments of the `stats` commands.

use clap::Subcommand;
use std::path::PathBuf;

/// `stats` takes the table options or one of its subcommands, not both.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct StatsArgs {
    #[command(flatten)]
    pub table: TableArgs,
    #[command(subcommand)]
    pub command: Option<StatsCommand>,
}

/// Options of a published table. Checked by the program (not by clap) so that every bad
/// value gets one clear, localized line.
#[derive(Debug, Clone, clap::Args)]
pub struct TableArgs {
    /// Dimensions, comma-separated, at most three: period, form (the primary form), age_band,
    /// gender, urgency, location, certainty, status. Given several times: one table each,
    /// protected together
    #[arg(long, value_name = "DIM,...", default_value = "period,form", action = clap::ArgAction::Append)]
    pub by: Vec<String>,
    /// Period granularity: month, quarter or year
    #[arg(long, value_name = "month|quarter|year", default_value = "quarter")]
    pub period: String,
    /// Threshold: no published cell holds 1 to k-1 consultations
    #[arg(long, value_name = "N", default_value = "5", allow_hyphen_values = true)]
    pub k: String,
    /// Output format
    #[arg(long, value_name = "csv|json", default_value = "csv")]
    pub format: String,
    /// Output file (default: standard output); never overwritten
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Values in CSV as codes (for machines) or as Dutch or English labels (for people)
    #[arg(long, value_name = "codes|nl|en", default_value = "codes")]
    pub labels: String,
}

/// Options of `stats forms`: every form counted, one cell per form.
#[derive(Debug, Clone, clap::Args)]
pub struct FormsArgs {
    /// Threshold: no published cell holds 1 to k-1 consultations
    #[arg(long, value_name = "N", default_value = "5", allow_hyphen_values = true)]
    pub k: String,
    /// Output format
    #[arg(long, value_name = "csv|json", default_value = "csv")]
    pub format: String,
    /// Output file (default: standard output); never overwritten
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Values in CSV as codes or as Dutch or English labels
    #[arg(long, value_name = "codes|nl|en", default_value = "codes")]
    pub labels: String,
    /// First day counted (YYYY-MM-DD)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,
    /// Last day counted (YYYY-MM-DD)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<String>,
}

/// Options of `stats report`.
#[derive(Debug, Clone, clap::Args)]
pub struct ReportArgs {
    /// Output: an HTML file, or with --format csv a new folder with one CSV per table
    #[arg(short, long, value_name = "FILE|DIR")]
    pub output: PathBuf,
    /// html (one self-contained file) or csv (a folder)
    #[arg(long, value_name = "html|csv", default_value = "html")]
    pub format: String,
    /// Threshold: no published cell holds 1 to k-1 consultations
    #[arg(long, value_name = "N", default_value = "5", allow_hyphen_values = true)]
    pub k: String,
    /// Period granularity of the period table: quarter or year
    #[arg(long, value_name = "quarter|year", default_value = "quarter")]
    pub period: String,
    /// First day counted (YYYY-MM-DD)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,
    /// Last day counted (YYYY-MM-DD)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<String>,
    /// Values in the CSV files as codes or as Dutch or English labels
    #[arg(long, value_name = "codes|nl|en", default_value = "codes")]
    pub labels: String,
}

#[derive(Debug, Subcommand)]
pub enum StatsCommand {
    /// Per form, the consultations involving it (every form counted; the cells do not add up
    /// to the number of consultations)
    Forms(FormsArgs),
    /// The report to hand over: the linked tables (period, primary form, age band, urgency)
    /// and the forms table, protected together, as one HTML file or a folder of CSV files
    Report(ReportArgs),
    /// Encrypt this vault's unsuppressed counts (coded fields by month) for the coordinator
    Contribute {
        /// Coordinator: address-book name, age1... recipient, or recipients file
        #[arg(long, value_name = "NAME|RECIPIENT|FILE")]
        to: String,
        /// Output file
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
    },
    /// Add contributions addressed to this vault and publish the protected table
    Merge {
        /// Contribution files
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Also count contributions whose sender is not a verified contact (they are named)
        #[arg(long)]
        allow_unverified: bool,
        #[command(flatten)]
        table: TableArgs,
    },
}
