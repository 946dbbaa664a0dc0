//! Span-aware help for TOML inputs (scenarios, catalogs): what the TOML parser's own errors
//! leave out. Ground floor: imports nothing of tunecalc's above it.

use std::ops::Range;

/// Nesting deeper than any scenario or catalog has; the parser gives up far below a
/// malicious depth, but says only "recursion limit", without a place.
pub const TOO_DEEP: usize = 32;

/// The byte range of the first key or value nested more than [`TOO_DEEP`] levels (dots in a
/// key, brackets and braces in a value), so the parser's "recursion limit" can point at it.
pub fn too_deep(source: &str) -> Option<Range<usize>> {
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let mut depth = 0usize;
        let mut dots = 0usize;
        let mut in_key = true;
        let mut quote: Option<char> = None;
        for (i, c) in line.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') => break,
                (None, '=') => in_key = false,
                (None, '.') if in_key => dots += 1,
                (None, '[' | '{') => depth += 1,
                (None, ']' | '}') => depth = depth.saturating_sub(1),
                _ => {}
            }
            if dots > TOO_DEEP || depth > TOO_DEEP {
                let start = offset + line.len() - line.trim_start().len();
                return Some(start..offset + i + c.len_utf8());
            }
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_two_hundred_tables_deep_is_found_on_its_line() {
        let source = format!("name = \"x\"\na{} = 1\n", ".a".repeat(200));
        let at = too_deep(&source).expect("found");
        assert_eq!(&source[at.start..at.start + 3], "a.a");
        assert!(too_deep("[usage]\ncalls_per_month = 5 # a.b.c\nx = \"a.b.c.d\"\n").is_none());
        assert!(too_deep(&format!("v = {}1{}\n", "[".repeat(40), "]".repeat(40))).is_some());
    }
}
