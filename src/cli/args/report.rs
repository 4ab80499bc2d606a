//! The reports and the options of those that draw a chart.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

/// `report`: each report with the options it takes.
#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Velocity: points committed and completed per sprint
    Velocity {
        /// Only sprints started since this date (YYYY-MM-DD) or time (RFC 3339)
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        #[command(flatten)]
        out: ChartOutput,
    },
    /// Burndown of a sprint: the points left each day
    Burndown {
        /// The sprint (name or id; default: the active one)
        #[arg(long, value_name = "S")]
        sprint: Option<String>,
        #[command(flatten)]
        out: ChartOutput,
    },
    /// Standup: what each person did since the last standup
    Standup {
        /// Moves since this date (YYYY-MM-DD) or time (RFC 3339); default: the last standup (a
        /// day ago, on a Monday since Friday)
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// text or json
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// Write the JSON to this file instead of standard output
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Forecast: when the remaining work is likely done, from past velocity (Monte Carlo)
    Forecast {
        /// Only this epic and its stories
        #[arg(long, value_name = "NAME")]
        epic: Option<String>,
        /// How many simulated futures
        #[arg(long, value_name = "N", default_value_t = crate::report::FORECAST_RUNS)]
        runs: usize,
        /// The random seed (the same seed gives the same forecast)
        #[arg(long, value_name = "N", default_value_t = crate::report::FORECAST_SEED)]
        seed: u64,
        #[command(flatten)]
        out: ChartOutput,
    },
    /// A static HTML report of the board (index.html and its charts) in a directory
    Html {
        /// The directory to write index.html into
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
    },
}

/// `--format` and `--output` of the reports that draw a chart.
#[derive(Debug, Args)]
pub struct ChartOutput {
    /// text, json, or svg (a chart)
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Write the JSON or SVG to this file instead of standard output
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
    Svg,
}
