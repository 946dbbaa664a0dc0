//! Where an entry stands on a date: tuning open, closing, closed, or its tuned models retired.

use super::Entry;
use crate::date::Date;

/// An entry's state on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Cannot be tuned: a prompting baseline.
    NotTunable,
    /// Tuning and tuned inference available, with no end announced.
    Active,
    /// Tuning still open; it closes, or the tuned model retires, on a known day.
    Closing {
        training_closes: Option<Date>,
        retires: Option<Date>,
    },
    /// No new tuning jobs; tuned models still serve (until `retires`, when known).
    TrainingClosed { closed: Date, retires: Option<Date> },
    /// Tuned models no longer serve.
    Retired(Date),
}

impl Status {
    pub fn of(entry: &Entry, on: Date) -> Status {
        if !entry.tunable {
            return Status::NotTunable;
        }
        match (entry.training_closes, entry.retirement_date) {
            (_, Some(r)) if r <= on => Status::Retired(r),
            (Some(c), retires) if c < on => Status::TrainingClosed { closed: c, retires },
            (None, None) => Status::Active,
            (training_closes, retires) => Status::Closing {
                training_closes,
                retires,
            },
        }
    }

    /// Retired entries are listed only with `models --all`.
    pub fn is_retired(self) -> bool {
        matches!(self, Status::Retired(_))
    }

    /// The machine name used in JSON and CSV.
    pub fn code(self) -> &'static str {
        match self {
            Status::NotTunable => "not_tunable",
            Status::Active => "active",
            Status::Closing { .. } => "closing",
            Status::TrainingClosed { .. } => "training_closed",
            Status::Retired(_) => "retired",
        }
    }
}

/// Whether the entry's prices were checked more than `stale_days` days before `on`.
pub fn is_stale(e: &Entry, on: Date, stale_days: u32) -> bool {
    e.checked.days_until(on) > i64::from(stale_days)
}
