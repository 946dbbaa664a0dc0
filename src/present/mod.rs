//! Presentation: all wording and number formatting in one place. Every output format (table,
//! Markdown, JSON reasons, CSV, explain, charts, reports) reads its words and numbers from
//! here: [`number`] formats money, counts, months and percents (rounding half away from zero,
//! for display only); [`words`] holds verdict names, reasons, warnings and shared sentences;
//! [`figures`] and [`inputs`] lay out the key figures and the inputs as labelled rows;
//! [`text`] makes text safe for a terminal and wraps it.

pub mod figures;
pub mod inputs;
pub mod number;
pub mod solve;
pub mod text;
pub mod words;
