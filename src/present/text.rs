//! Text for a terminal: made safe (nothing a scenario or a file name holds can move the
//! cursor, set the title or reorder the line), measured in columns, wrapped at word
//! boundaries and shortened with an ellipsis.

use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

/// Whether a character must not reach a terminal (or an SVG, HTML, CSV or JSON) as it is:
/// control characters (escape sequences start with one), every invisible formatting
/// character (Unicode's category Cf: bidirectional overrides and isolates, zero-width
/// joiners, the soft hyphen, the byte-order mark, interlinear annotations, tag characters…),
/// the line and paragraph separators (U+2028, U+2029: a line break to some readers and not to
/// others), and the two noncharacters XML forbids.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_format(c) || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FFFE}' | '\u{FFFF}')
}

/// Unicode's general category Cf (format characters), as of Unicode 16.0
/// (DerivedGeneralCategory.txt), with the unassigned U+2065 inside its run.
fn is_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{0600}'..='\u{0605}' | '\u{061C}' | '\u{06DD}' | '\u{070F}'
        | '\u{0890}'..='\u{0891}' | '\u{08E2}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}' | '\u{110BD}' | '\u{110CD}' | '\u{13430}'..='\u{1343F}'
        | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}' | '\u{E0001}'
        | '\u{E0020}'..='\u{E007F}')
}

/// JSON text with every character [`is_unsafe`] names that a JSON writer leaves as it is
/// (DEL, C1 controls, format characters, line separators) written as a `\uXXXX` escape
/// (a surrogate pair beyond U+FFFF): the same JSON, but nothing in it acts on a terminal or
/// hides from a reader. Line breaks between the document's lines are kept.
pub fn json_escape(json: &str) -> Cow<'_, str> {
    if !json.chars().any(|c| is_unsafe(c) && c != '\n') {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe(c) && c != '\n' {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
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

/// `text` as one word for a POSIX shell, to paste into a suggested command: as it is when it
/// holds only characters a shell leaves alone, else in single quotes (a quote inside written
/// `'\''`). Unsafe characters are escaped visibly first (such a name is refused anyway).
pub fn shell_quote(text: &str) -> String {
    let text = safe(text);
    let plain = !text.is_empty()
        && text.chars().all(|c| {
            c.is_alphanumeric()
                || matches!(c, '-' | '_' | '.' | '/' | ':' | '@' | '%' | '+' | ',' | '=')
        });
    if plain {
        text.into_owned()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
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

/// The pieces of `text` a line may break between: its words, except that a unit such as "%"
/// stays with its number ("0 %" is one piece). Every wrapper (terminal, explain, charts)
/// breaks text through this.
pub fn words(text: &str) -> Vec<String> {
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
    words
}

/// Words of `text` in lines of at most `max` columns. A word longer than a line gets a line of
/// its own (prose is never cut inside a word), and a unit such as "%" stays with its number.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in words(text).iter().map(String::as_str) {
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
    fn every_format_character_and_line_separator_is_unsafe() {
        // The soft hyphen, Arabic letter mark, inhibit symmetric swapping, the interlinear
        // annotation anchor, a tag letter, and the line and paragraph separators.
        for c in [
            '\u{00AD}',
            '\u{061C}',
            '\u{206A}',
            '\u{FFF9}',
            '\u{E0041}',
            '\u{2028}',
            '\u{2029}',
        ] {
            assert!(is_unsafe(c), "{:?}", c);
        }
        for c in ['a', 'é', '日', '€', ' ', '\u{00A0}'] {
            assert!(!is_unsafe(c), "{:?}", c);
        }
        // Escaped as JSON: a tag character beyond U+FFFF is a surrogate pair.
        assert_eq!(
            json_escape("\"a\u{202E}\u{E0041}\""),
            "\"a\\u202e\\udb40\\udc41\""
        );
        let back: String = serde_json::from_str(&json_escape("\"a\u{E0041}\"")).expect("JSON");
        assert_eq!(back, "a\u{E0041}");
    }

    #[test]
    fn suggested_paths_paste_into_a_shell() {
        assert_eq!(shell_quote("triage.toml"), "triage.toml");
        assert_eq!(shell_quote("My Task.toml"), "'My Task.toml'");
        assert_eq!(shell_quote("it's.toml"), "'it'\\''s.toml'");
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
