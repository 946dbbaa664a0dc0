//! Where a value sits in a line of JSON, so that a problem with it (a wrong role, an empty
//! answer, an unknown key) is reported at its column, like a syntax error.
//!
//! The line has already parsed as JSON; this only walks its structure to a path.

/// One step of a path: an object's key or an array's index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A path inside a line, built as a problem is found: `messages[2].role`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Path(pub Vec<Step>);

impl Path {
    pub fn key(&self, k: &str) -> Path {
        let mut p = self.clone();
        p.0.push(Step::Key(k.to_string()));
        p
    }

    pub fn index(&self, i: usize) -> Path {
        let mut p = self.clone();
        p.0.push(Step::Index(i));
        p
    }
}

impl std::fmt::Display for Path {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(k) if i == 0 => write!(f, "{k}")?,
                Step::Key(k) => write!(f, ".{k}")?,
                Step::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\r' | b'\n') {
        i += 1;
    }
    i
}

/// The end of the string starting at `i` (on its opening quote).
fn skip_string(b: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

/// The end of the value starting at `i`.
fn skip_value(b: &[u8], i: usize) -> usize {
    let i = skip_ws(b, i);
    match b.get(i) {
        Some(b'"') => skip_string(b, i),
        Some(b'{') | Some(b'[') => {
            let mut depth = 0usize;
            let mut j = i;
            while j < b.len() {
                match b[j] {
                    b'"' => {
                        j = skip_string(b, j);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return j + 1;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            j
        }
        _ => {
            let mut j = i;
            while j < b.len() && !matches!(b[j], b',' | b'}' | b']' | b' ' | b'\t' | b'\r' | b'\n')
            {
                j += 1;
            }
            j
        }
    }
}

/// The byte offset in `text` of the value at `path`, or of its key when `at_key` (for an
/// object member); `None` when the path is not there.
pub fn locate(text: &str, path: &Path, at_key: bool) -> Option<usize> {
    let b = text.as_bytes();
    let mut at = skip_ws(b, 0);
    let mut key_at = None;
    for step in &path.0 {
        match (step, b.get(at)) {
            (Step::Key(want), Some(b'{')) => {
                let mut i = skip_ws(b, at + 1);
                let mut found = None;
                while i < b.len() && b[i] == b'"' {
                    let end = skip_string(b, i);
                    let key = &text[i + 1..end.saturating_sub(1).max(i + 1)];
                    let colon = skip_ws(b, end);
                    let value = skip_ws(b, colon + 1);
                    if key == want {
                        found = Some((i, value));
                        break;
                    }
                    let next = skip_ws(b, skip_value(b, value));
                    if b.get(next) == Some(&b',') {
                        i = skip_ws(b, next + 1);
                    } else {
                        break;
                    }
                }
                let (k, v) = found?;
                key_at = Some(k);
                at = v;
            }
            (Step::Index(want), Some(b'[')) => {
                let mut i = skip_ws(b, at + 1);
                let mut n = 0;
                loop {
                    if i >= b.len() || b[i] == b']' {
                        return None;
                    }
                    if n == *want {
                        break;
                    }
                    let next = skip_ws(b, skip_value(b, i));
                    if b.get(next) != Some(&b',') {
                        return None;
                    }
                    i = skip_ws(b, next + 1);
                    n += 1;
                }
                key_at = None;
                at = i;
            }
            _ => return None,
        }
    }
    if at_key {
        key_at.or(Some(at))
    } else {
        Some(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_keys_are_found_through_objects_and_arrays() {
        let t = r#"{"messages": [{"role": "user", "content": "hi"}, {"role": "bot", "content": "x, y"}], "extra": {"a": [1, 2]}}"#;
        let p = Path::default().key("messages").index(1).key("role");
        let at = locate(t, &p, false).expect("found");
        assert_eq!(&t[at..at + 5], "\"bot\"");
        let k = locate(t, &Path::default().key("extra"), true).expect("found");
        assert_eq!(&t[k..k + 7], "\"extra\"");
        let two = locate(t, &Path::default().key("extra").key("a").index(1), false).expect("found");
        assert_eq!(&t[two..two + 1], "2");
        assert_eq!(locate(t, &Path::default().key("nope"), false), None);
        assert_eq!(p.to_string(), "messages[1].role");
    }
}
