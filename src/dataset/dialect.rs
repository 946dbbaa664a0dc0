//! The four training-file formats, what a valid line of each looks like, and the texts a valid
//! line holds (for counting its tokens).
//!
//! - `gemini`: `{"text_input": …, "output": …}` (or `input` / `output`);
//! - `vertex`: `{"systemInstruction"?: {"parts": [{"text"}]}, "contents": [{"role": "user"|"model",
//!   "parts": [{"text"}]}, …]}`;
//! - `openai`: `{"messages": [{"role": "system"|"user"|"assistant", "content": …, "name"?,
//!   "weight"?: 0|1}, …]}`;
//! - `nova`: `{"schemaVersion": "bedrock-conversation-2024", "system"?: [{"text"}], "messages":
//!   [{"role": "user"|"assistant", "content": [{"text"}]}, …]}`.

use serde_json::{Map, Value};

use super::json_path::Path;

/// A training file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Dialect {
    /// `{"text_input": …, "output": …}`: the Gemini API's tuning format.
    Gemini,
    /// `{"contents": [{"role", "parts"}]}`: Vertex AI / Agent Platform.
    Vertex,
    /// `{"messages": [{"role", "content"}]}`: OpenAI and Azure OpenAI chat.
    Openai,
    /// `{"schemaVersion": "bedrock-conversation-2024", "messages": …}`: Bedrock Nova.
    Nova,
}

impl Dialect {
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Gemini => "gemini",
            Dialect::Vertex => "vertex",
            Dialect::Openai => "openai",
            Dialect::Nova => "nova",
        }
    }

    /// The formats a model tunes on, when known: `openai` for OpenAI and Azure, `vertex` or
    /// `gemini` for Google's Gemini models, `nova` for Bedrock's Nova models; `None` for the rest
    /// (open models and other providers take formats of their own).
    pub fn for_model(provider: &str, id: &str) -> Option<&'static [Dialect]> {
        match provider {
            "openai" | "azure" => Some(&[Dialect::Openai]),
            "google" if id.contains("gemini") => Some(&[Dialect::Vertex, Dialect::Gemini]),
            "aws" if id.contains("nova") => Some(&[Dialect::Nova]),
            _ => None,
        }
    }

    /// The dialect a line's shape says, if any.
    pub fn of(v: &Value) -> Option<Dialect> {
        let o = v.as_object()?;
        if o.contains_key("schemaVersion") {
            Some(Dialect::Nova)
        } else if o.contains_key("contents") || o.contains_key("systemInstruction") {
            Some(Dialect::Vertex)
        } else if o.contains_key("messages") {
            // Nova's content is a list of blocks; OpenAI's mostly a string.
            Some(Dialect::Openai)
        } else if o.contains_key("text_input")
            || (o.contains_key("output") && o.contains_key("input"))
        {
            Some(Dialect::Gemini)
        } else {
            None
        }
    }
}

/// Reserved words a Nova prompt must not contain: the job fails on them.
pub const NOVA_RESERVED: [&str; 7] = [
    "User:",
    "Bot:",
    "Assistant:",
    "System:",
    "<image>",
    "<video>",
    "[EOS]",
];

/// What is wrong with a line: where in its JSON, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: Path,
    /// Point at the key rather than its value (an unknown key).
    pub at_key: bool,
    pub message: String,
}

fn problem(path: Path, message: impl Into<String>) -> Problem {
    Problem {
        path,
        at_key: false,
        message: message.into(),
    }
}

/// One turn of a valid example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn<'a> {
    /// As the format writes it: "system", "user", "assistant", "model".
    pub role: &'a str,
    /// The turn's texts (one, or the text parts of a list).
    pub texts: Vec<&'a str>,
    /// OpenAI's optional participant name.
    pub name: Option<&'a str>,
}

/// The texts of a valid line, in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Example<'a> {
    pub turns: Vec<Turn<'a>>,
}

impl Example<'_> {
    /// Every text of the example.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.turns.iter().flat_map(|t| t.texts.iter().copied())
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn object<'v>(v: &'v Value, path: &Path) -> Result<&'v Map<String, Value>, Problem> {
    v.as_object().ok_or_else(|| {
        problem(
            path.clone(),
            format!("expected an object, found {}", kind(v)),
        )
    })
}

fn list<'v>(v: &'v Value, path: &Path) -> Result<&'v Vec<Value>, Problem> {
    v.as_array()
        .ok_or_else(|| problem(path.clone(), format!("expected a list, found {}", kind(v))))
}

/// A text field: a non-empty string.
fn text<'v>(v: &'v Value, path: &Path) -> Result<&'v str, Problem> {
    let s = v
        .as_str()
        .ok_or_else(|| problem(path.clone(), format!("expected text, found {}", kind(v))))?;
    if s.trim().is_empty() {
        return Err(problem(path.clone(), "empty text"));
    }
    Ok(s)
}

fn required<'v>(o: &'v Map<String, Value>, key: &str, path: &Path) -> Result<&'v Value, Problem> {
    o.get(key)
        .ok_or_else(|| problem(path.clone(), format!("missing key `{key}`")))
}

/// Refuses keys outside `allowed`, naming the nearest one.
fn only(o: &Map<String, Value>, allowed: &[&str], path: &Path) -> Result<(), Problem> {
    for key in o.keys() {
        if !allowed.contains(&key.as_str()) {
            let hint = crate::scenario::raw::closest_key(key, allowed).map_or_else(
                || {
                    format!(
                        " (expected {})",
                        allowed
                            .iter()
                            .map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                },
                |k| format!(" (did you mean `{k}`?)"),
            );
            return Err(Problem {
                path: path.key(key),
                at_key: true,
                message: format!("unknown key `{key}`{hint}"),
            });
        }
    }
    Ok(())
}

/// A list of `{"text": …}` blocks (Vertex parts, Nova content and system).
fn text_blocks<'v>(v: &'v Value, path: &Path) -> Result<Vec<&'v str>, Problem> {
    let items = list(v, path)?;
    if items.is_empty() {
        return Err(problem(
            path.clone(),
            "empty list: a turn needs at least one text",
        ));
    }
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        let o = object(item, &p)?;
        match o.get("text") {
            Some(t) => out.push(text(t, &p.key("text"))?),
            // Images, videos, documents: allowed blocks without text to count.
            None if o.contains_key("image")
                || o.contains_key("video")
                || o.contains_key("document")
                || o.contains_key("inlineData")
                || o.contains_key("fileData")
                || o.contains_key("reasoningContent") => {}
            None => return Err(problem(p, "missing key `text`")),
        }
    }
    Ok(out)
}

/// Checks a line that parsed as JSON against `dialect`, returning its texts.
pub fn check(dialect: Dialect, v: &Value) -> Result<Example<'_>, Problem> {
    let root = Path::default();
    let o = object(v, &root).map_err(|mut p| {
        p.message = format!("not an object: {}", p.message);
        p
    })?;
    if let Some(other) = Dialect::of(v).filter(|d| *d != dialect) {
        return Err(problem(
            root,
            format!(
                "this line is in the {} format, but the file is {}",
                other.name(),
                dialect.name()
            ),
        ));
    }
    match dialect {
        Dialect::Gemini => gemini(o, &root),
        Dialect::Vertex => vertex(o, &root),
        Dialect::Openai => openai(o, &root),
        Dialect::Nova => nova(o, &root),
    }
}

fn gemini<'v>(o: &'v Map<String, Value>, root: &Path) -> Result<Example<'v>, Problem> {
    let input_key = if o.contains_key("text_input") {
        "text_input"
    } else {
        "input"
    };
    only(o, &[input_key, "output"], root)?;
    let input = text(required(o, input_key, root)?, &root.key(input_key))?;
    let output = text(required(o, "output", root)?, &root.key("output"))?;
    Ok(Example {
        turns: vec![
            Turn {
                role: "user",
                texts: vec![input],
                name: None,
            },
            Turn {
                role: "model",
                texts: vec![output],
                name: None,
            },
        ],
    })
}

fn vertex<'v>(o: &'v Map<String, Value>, root: &Path) -> Result<Example<'v>, Problem> {
    only(o, &["systemInstruction", "contents"], root)?;
    let mut turns = Vec::new();
    if let Some(si) = o.get("systemInstruction") {
        let p = root.key("systemInstruction");
        let so = object(si, &p)?;
        only(so, &["parts", "role"], &p)?;
        turns.push(Turn {
            role: "system",
            texts: text_blocks(required(so, "parts", &p)?, &p.key("parts"))?,
            name: None,
        });
    }
    let p = root.key("contents");
    let contents = list(required(o, "contents", root)?, &p)?;
    if contents.is_empty() {
        return Err(problem(
            p,
            "empty list: an example needs a user turn and a model turn",
        ));
    }
    for (i, c) in contents.iter().enumerate() {
        let cp = p.index(i);
        let co = object(c, &cp)?;
        only(co, &["role", "parts"], &cp)?;
        let role = text(required(co, "role", &cp)?, &cp.key("role"))?;
        if !matches!(role, "user" | "model") {
            return Err(problem(
                cp.key("role"),
                format!("unknown role \"{role}\": Vertex turns are \"user\" or \"model\""),
            ));
        }
        turns.push(Turn {
            role,
            texts: text_blocks(required(co, "parts", &cp)?, &cp.key("parts"))?,
            name: None,
        });
    }
    if turns.last().map(|t| t.role) != Some("model") {
        return Err(problem(
            p.index(contents.len() - 1),
            "the conversation must end with the model's turn (role \"model\"): that is what it learns to answer",
        ));
    }
    Ok(Example { turns })
}

fn openai<'v>(o: &'v Map<String, Value>, root: &Path) -> Result<Example<'v>, Problem> {
    only(
        o,
        &["messages", "tools", "parallel_tool_calls", "functions"],
        root,
    )?;
    let p = root.key("messages");
    let messages = list(required(o, "messages", root)?, &p)?;
    if messages.is_empty() {
        return Err(problem(
            p,
            "empty list: an example needs a user message and an assistant message",
        ));
    }
    let mut turns = Vec::with_capacity(messages.len());
    for (i, m) in messages.iter().enumerate() {
        let mp = p.index(i);
        let mo = object(m, &mp)?;
        only(
            mo,
            &[
                "role",
                "content",
                "name",
                "weight",
                "tool_calls",
                "tool_call_id",
                "function_call",
            ],
            &mp,
        )?;
        let role = text(required(mo, "role", &mp)?, &mp.key("role"))?;
        if !matches!(role, "system" | "user" | "assistant" | "tool") {
            return Err(problem(
                mp.key("role"),
                format!(
                    "unknown role \"{role}\": OpenAI messages are \"system\", \"user\" or \"assistant\"{}",
                    crate::scenario::raw::closest_key(role, &["system", "user", "assistant"])
                        .map_or(String::new(), |k| format!(" (did you mean \"{k}\"?)"))
                ),
            ));
        }
        let mut texts = Vec::new();
        match mo.get("content") {
            Some(Value::String(s)) if !s.trim().is_empty() => texts.push(s.as_str()),
            Some(Value::String(_)) => return Err(problem(mp.key("content"), "empty text")),
            Some(Value::Array(parts)) => {
                for (j, part) in parts.iter().enumerate() {
                    let pp = mp.key("content").index(j);
                    let po = object(part, &pp)?;
                    if let Some(t) = po.get("text") {
                        texts.push(text(t, &pp.key("text"))?);
                    }
                }
            }
            Some(Value::Null) | None
                if role == "assistant"
                    && (mo.contains_key("tool_calls") || mo.contains_key("function_call")) => {}
            Some(other) => {
                return Err(problem(
                    mp.key("content"),
                    format!("expected text, found {}", kind(other)),
                ))
            }
            None => return Err(problem(mp, "missing key `content`")),
        }
        if let Some(w) = mo.get("weight") {
            let ok = matches!(w.as_u64(), Some(0 | 1));
            if !ok || role != "assistant" {
                return Err(problem(
                    mp.key("weight"),
                    "`weight` is 0 or 1, and only on assistant messages",
                ));
            }
        }
        let name = match mo.get("name") {
            Some(n) => Some(text(n, &mp.key("name"))?),
            None => None,
        };
        turns.push(Turn { role, texts, name });
    }
    if turns.last().map(|t| t.role) != Some("assistant") {
        return Err(problem(
            p.index(messages.len() - 1),
            "the conversation must end with the assistant's message: that is what the model learns to answer",
        ));
    }
    Ok(Example { turns })
}

fn nova<'v>(o: &'v Map<String, Value>, root: &Path) -> Result<Example<'v>, Problem> {
    only(
        o,
        &["schemaVersion", "system", "messages", "toolConfig"],
        root,
    )?;
    text(
        required(o, "schemaVersion", root)?,
        &root.key("schemaVersion"),
    )?;
    let mut turns = Vec::new();
    if let Some(system) = o.get("system") {
        turns.push(Turn {
            role: "system",
            texts: text_blocks(system, &root.key("system"))?,
            name: None,
        });
    }
    let p = root.key("messages");
    let messages = list(required(o, "messages", root)?, &p)?;
    if messages.is_empty() {
        return Err(problem(
            p,
            "empty list: an example needs a user turn and an assistant turn",
        ));
    }
    for (i, m) in messages.iter().enumerate() {
        let mp = p.index(i);
        let mo = object(m, &mp)?;
        only(mo, &["role", "content"], &mp)?;
        let role = text(required(mo, "role", &mp)?, &mp.key("role"))?;
        let expected = if i % 2 == 0 { "user" } else { "assistant" };
        if !matches!(role, "user" | "assistant") {
            return Err(problem(
                mp.key("role"),
                format!("unknown role \"{role}\": Nova turns are \"user\" or \"assistant\""),
            ));
        }
        if role != expected {
            return Err(problem(
                mp.key("role"),
                format!("turn {} should be \"{expected}\": Nova turns alternate, starting with the user", i + 1),
            ));
        }
        turns.push(Turn {
            role,
            texts: text_blocks(required(mo, "content", &mp)?, &mp.key("content"))?,
            name: None,
        });
    }
    if turns.last().map(|t| t.role) != Some("assistant") {
        return Err(problem(
            p.index(messages.len() - 1),
            "the conversation must end with the assistant's turn: that is what the model learns to answer",
        ));
    }
    // Reserved words in the prompts fail the job.
    for (i, t) in turns.iter().enumerate() {
        if t.role == "assistant" {
            continue;
        }
        for word in NOVA_RESERVED {
            if t.texts.iter().any(|x| x.contains(word)) {
                let path = if t.role == "system" {
                    root.key("system")
                } else {
                    // The system turn, when present, is turns[0].
                    let offset = usize::from(o.contains_key("system"));
                    p.index(i - offset).key("content")
                };
                return Err(problem(
                    path,
                    format!("contains \"{word}\", a word Nova reserves: the job fails on it (rephrase it)"),
                ));
            }
        }
    }
    Ok(Example { turns })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(d: Dialect, line: &str) -> Result<usize, String> {
        let v: Value = serde_json::from_str(line).expect("json");
        check(d, &v)
            .map(|e| e.turns.len())
            .map_err(|p| format!("{}: {}", p.path, p.message))
    }

    #[test]
    fn each_dialect_reads_its_own_lines() {
        assert_eq!(
            run(Dialect::Gemini, r#"{"text_input": "q", "output": "a"}"#),
            Ok(2)
        );
        assert_eq!(
            run(Dialect::Gemini, r#"{"input": "q", "output": "a"}"#),
            Ok(2)
        );
        assert_eq!(
            run(
                Dialect::Vertex,
                r#"{"systemInstruction": {"parts": [{"text": "be brief"}]}, "contents": [{"role": "user", "parts": [{"text": "q"}]}, {"role": "model", "parts": [{"text": "a"}]}]}"#
            ),
            Ok(3)
        );
        assert_eq!(
            run(
                Dialect::Openai,
                r#"{"messages": [{"role": "system", "content": "s"}, {"role": "user", "content": "q"}, {"role": "assistant", "content": "a", "weight": 1}]}"#
            ),
            Ok(3)
        );
        assert_eq!(
            run(
                Dialect::Nova,
                r#"{"schemaVersion": "bedrock-conversation-2024", "system": [{"text": "s"}], "messages": [{"role": "user", "content": [{"text": "q"}]}, {"role": "assistant", "content": [{"text": "a"}]}]}"#
            ),
            Ok(3)
        );
    }

    #[test]
    fn mistakes_are_named_with_their_path() {
        assert_eq!(
            run(Dialect::Openai, r#"{"messages": [{"role": "user", "content": "q"}, {"role": "asistant", "content": "a"}]}"#),
            Err("messages[1].role: unknown role \"asistant\": OpenAI messages are \"system\", \"user\" or \"assistant\" (did you mean \"assistant\"?)".into())
        );
        assert_eq!(
            run(Dialect::Openai, r#"{"messages": [{"role": "user", "content": "q"}]}"#),
            Err("messages[0]: the conversation must end with the assistant's message: that is what the model learns to answer".into())
        );
        assert_eq!(
            run(Dialect::Gemini, r#"{"text_input": "q", "output": "  "}"#),
            Err("output: empty text".into())
        );
        assert_eq!(
            run(Dialect::Gemini, r#"{"text_input": "q", "outptu": "a"}"#),
            Err("outptu: unknown key `outptu` (did you mean `output`?)".into())
        );
        assert!(run(Dialect::Vertex, r#"{"messages": []}"#)
            .expect_err("another dialect")
            .contains("in the openai format"));
        assert!(run(
            Dialect::Nova,
            r#"{"schemaVersion": "x", "messages": [{"role": "user", "content": [{"text": "User: hi"}]}, {"role": "assistant", "content": [{"text": "a"}]}]}"#
        )
        .expect_err("reserved")
        .starts_with("messages[0].content: contains \"User:\""));
    }
}
