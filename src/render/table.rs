//! The terminal table: one column per scenario, figures as rows, reasons listed below.

use comfy_table::{
    presets::UTF8_FULL_CONDENSED, Cell, CellAlignment, ColumnConstraint, ContentArrangement, Table,
};

use crate::engine::Case;
use crate::present::figures::rows;
use crate::present::words::reasons;

/// Widest table drawn by default, in characters; fixed (not read from the terminal) so the
/// same scenarios print the same table everywhere.
pub const DEFAULT_WIDTH: u16 = 120;

/// Draws the table no wider than `width` characters (0: as wide as the content needs).
pub fn render(cases: &[Case], width: u16) -> String {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(if width == 0 {
            ContentArrangement::Disabled
        } else {
            ContentArrangement::Dynamic
        });
    if width > 0 {
        table.set_width(width);
    }
    let mut header = vec![Cell::new("")];
    header.extend(cases.iter().map(|c| Cell::new(&c.scenario.name)));
    table.set_header(header);
    for row in rows(cases) {
        let mut cells = vec![Cell::new(row.label)];
        cells.extend(
            row.values
                .into_iter()
                .map(|v| Cell::new(v).set_alignment(CellAlignment::Right)),
        );
        table.add_row(cells);
    }
    // Labels never wrap; the scenario columns share what is left.
    if let Some(labels) = table.column_mut(0) {
        labels.set_constraint(ColumnConstraint::ContentWidth);
    }
    let mut out = table.to_string();
    out.push('\n');
    for c in cases {
        out.push_str(&format!(
            "\nWhy, for {} ({}):\n",
            c.scenario.name,
            c.scenario.file.display()
        ));
        for r in reasons(c) {
            out.push_str(&format!("  • {r}\n"));
        }
    }
    out
}
