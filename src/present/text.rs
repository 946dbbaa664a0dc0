//! Text for a terminal: made safe (nothing a scenario or a file name holds can move the
//! cursor, set the title or reorder the line), measured in columns, wrapped at word
//! boundaries and shortened with an ellipsis.

use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

/// Whether a character must not reach a terminal (or an SVG, or HTML) as it is: control
/// characters (escape sequences start with one), the invisible formatting characters that
/// reorder or hide text (bidirectional overrides and isolates, zero-width joiners, the
/// byte-order mark), and the two noncharacters XML forbids.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}')
}

/// `text` with every unsafe character written as a visible escape (`\u{1b}`); line breaks
/// are kept when `keep_newlines` is set (multi-line messages), escaped otherwise.
pub fn escape(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let needs = |c: char| is_unsafe(c) && !(keep_newlines && c == '\n');
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if needs(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One line of text, safe for a terminal.
pub fn safe(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// Columns a string takes in a terminal (wide characters count two).
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` shortened to at most `max` columns, ending in "…" when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        let next = format!("{out}{c}");
        if width(&next) + 1 > max {
            break;
        }
        out = next;
    }
    out.push('…');
    out
}

/// Words of `text` in lines of at most `max` columns. A word longer than a line gets a line of
/// its own (prose is never cut inside a word), and a unit such as "%" stays with its number.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut words: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match words.last_mut() {
            Some(last) if word.starts_with('%') => {
                last.push(' ');
                last.push_str(word);
            }
            _ => words.push(word.to_string()),
        }
    }
    for word in words.iter().map(String::as_str) {
        if !line.is_empty() && width(&line) + 1 + width(word) > max {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` in at most `rows` lines of at most `max` columns, for a column header: words are
/// never split, a word too long for a line is shortened, and the last line ends in "…" when
/// the text does not fit.
pub fn wrap_header(text: &str, max: usize, rows: usize) -> Vec<String> {
    let words: Vec<String> = text.split_whitespace().map(|w| shorten(w, max)).collect();
    let lines = wrap(&words.join(" "), max);
    if lines.len() <= rows {
        return lines;
    }
    let mut kept: Vec<String> = lines[..rows].to_vec();
    if let Some(last) = kept.last_mut() {
        *last = shorten(&format!("{last} …"), max);
        if !last.ends_with('…') {
            last.push('…');
        }
    }
    kept
}

/// Writes `text` wrapped at `max` columns: the first line starts with `first`, the others
/// are indented to line up under its text.
pub fn hanging(first: &str, text: &str, max: usize) -> String {
    let hang = " ".repeat(width(first));
    let room = max.saturating_sub(width(first)).max(20);
    let mut out = String::new();
    for (i, line) in wrap(text, room).iter().enumerate() {
        out.push_str(if i == 0 { first } else { &hang });
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_reach_the_terminal_as_visible_text() {
        assert_eq!(safe("a\u{1b}]0;owned\u{7}b"), "a\\u{1b}]0;owned\\u{7}b");
        assert_eq!(safe("rtl\u{202e}txt"), "rtl\\u{202e}txt");
        assert_eq!(escape("two\nlines", true), "two\nlines");
        assert_eq!(escape("two\nlines", false), "two\\u{a}lines");
        assert!(matches!(safe("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn wrapping_never_cuts_a_word() {
        assert_eq!(wrap("one two three four", 9), ["one two", "three", "four"]);
        assert_eq!(wrap("unbreakableword x", 5), ["unbreakableword", "x"]);
    }

    #[test]
    fn headers_shorten_instead_of_splitting_words() {
        assert_eq!(
            wrap_header("Escalation detector with 30 examples", 10, 3),
            ["Escalation", "detector", "with 30 …"]
        );
        assert_eq!(wrap_header("Supercalifragilistic", 8, 2), ["Superca…"]);
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(width("日本"), 4);
    }
}
