//! Tokens of a training example: exact for OpenAI's chat format (the tokenizer's encodings are
//! embedded, so no network), an estimate elsewhere (characters / 4, rounded up per text), and
//! always labelled which.

use rustc_hash::FxHashMap;

use super::dialect::{Dialect, Example};

/// An OpenAI encoding, embedded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Encoding {
    /// gpt-4o, gpt-4.1, o-series and later.
    #[value(name = "o200k_base")]
    O200kBase,
    /// gpt-4, gpt-3.5-turbo.
    #[value(name = "cl100k_base")]
    Cl100kBase,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::O200kBase => "o200k_base",
            Encoding::Cl100kBase => "cl100k_base",
        }
    }

    /// The encoding a model uses, from its id (`openai/gpt-4.1-mini-2025-04-14`): cl100k for
    /// gpt-3.5 and gpt-4 (not 4o, 4.1), o200k for the rest.
    pub fn for_model(id: &str) -> Encoding {
        let model = id.rsplit('/').next().unwrap_or(id);
        let older = model.starts_with("gpt-3.5")
            || (model.starts_with("gpt-4")
                && !model.starts_with("gpt-4o")
                && !model.starts_with("gpt-4.1")
                && !model.starts_with("gpt-4.5"));
        if older {
            Encoding::Cl100kBase
        } else {
            Encoding::O200kBase
        }
    }

    fn bpe(self) -> &'static tiktoken_rs::CoreBPE {
        match self {
            Encoding::O200kBase => tiktoken_rs::o200k_base_singleton(),
            Encoding::Cl100kBase => tiktoken_rs::cl100k_base_singleton(),
        }
    }
}

/// How tokens are counted for a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counting {
    /// Exactly, with an OpenAI encoding (the `openai` dialect).
    Exact(Encoding),
    /// Characters / 4, rounded up per text.
    Estimate,
}

impl Counting {
    /// Exact counts for OpenAI's format read by an OpenAI tokenizer (`openai_model`: no model
    /// named, or one OpenAI or Azure serves), estimates for everything else.
    pub fn for_dialect(dialect: Dialect, encoding: Encoding, openai_model: bool) -> Counting {
        match dialect {
            Dialect::Openai if openai_model => Counting::Exact(encoding),
            _ => Counting::Estimate,
        }
    }

    pub fn is_exact(self) -> bool {
        matches!(self, Counting::Exact(_))
    }
}

/// Texts at least this long are remembered whole once counted: a system prompt repeated on
/// every line is counted once per thread.
const CACHED_FROM: usize = 64;
/// At most this many whole texts are remembered per thread.
const CACHE_ENTRIES: usize = 512;
/// Chunks (see [`chunks`]) up to this many bytes are remembered: words and short phrases,
/// which natural text repeats.
const CHUNK_CACHED_UP_TO: usize = 32;
/// At most this many chunks are remembered per thread (then the memory starts again).
const CHUNK_ENTRIES: usize = 1 << 14;

/// A counter with a small memory of what it has counted: long texts whole, and short chunks.
#[derive(Default)]
pub struct Counter {
    /// The encoding the memories hold counts of.
    encoding: Option<Encoding>,
    texts: FxHashMap<String, u64>,
    chunks: FxHashMap<Box<str>, u32>,
}

/// Splits text where OpenAI's pre-tokenizer always splits, so that counting each chunk and
/// adding gives exactly the count of the whole: before a space that has an ASCII letter on
/// both sides. Both encodings' patterns (cl100k_base and o200k_base) end a word at the last
/// letter (no word piece takes a following space) and start the next piece at that space
/// (` word`), and nothing there depends on lookahead, which only applies to runs of spaces.
/// Checked against Python's tiktoken on 100 MB of text by scripts/bench-data.sh.
fn chunks(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 1;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        while i + 1 < bytes.len() {
            let at = i;
            i += 1;
            if bytes[at] == b' '
                && bytes[at - 1].is_ascii_alphabetic()
                && bytes[at + 1].is_ascii_alphabetic()
            {
                let chunk = &text[start..at];
                start = at;
                return Some(chunk);
            }
        }
        let chunk = &text[start..];
        start = bytes.len();
        Some(chunk)
    })
}

impl Counter {
    fn text(&mut self, counting: Counting, text: &str) -> u64 {
        match counting {
            Counting::Estimate => (text.chars().count() as u64).div_ceil(4),
            Counting::Exact(encoding) => {
                if self.encoding != Some(encoding) {
                    self.texts.clear();
                    self.chunks.clear();
                    self.encoding = Some(encoding);
                }
                if text.len() < CACHED_FROM {
                    return self.by_chunks(encoding, text);
                }
                if let Some(n) = self.texts.get(text) {
                    return *n;
                }
                let n = self.by_chunks(encoding, text);
                if self.texts.len() >= CACHE_ENTRIES {
                    self.texts.clear();
                }
                self.texts.insert(text.to_string(), n);
                n
            }
        }
    }

    /// Exact tokens of `text`: the sum over its chunks, short ones remembered.
    fn by_chunks(&mut self, encoding: Encoding, text: &str) -> u64 {
        let bpe = encoding.bpe();
        let mut total = 0u64;
        for chunk in chunks(text) {
            if chunk.len() > CHUNK_CACHED_UP_TO {
                total += bpe.count_ordinary(chunk) as u64;
                continue;
            }
            if let Some(n) = self.chunks.get(chunk) {
                total += u64::from(*n);
                continue;
            }
            let n = bpe.count_ordinary(chunk);
            if self.chunks.len() >= CHUNK_ENTRIES {
                self.chunks.clear();
            }
            self.chunks
                .insert(chunk.into(), u32::try_from(n).unwrap_or(u32::MAX));
            total += n as u64;
        }
        total
    }

    /// The tokens of one example. OpenAI's chat framing, as OpenAI's own counting recipe:
    /// 3 per message, plus its role's and content's tokens, plus 1 and the name's tokens when
    /// it names a participant, plus 3 for the reply's priming. Other formats: their texts.
    pub fn example(&mut self, counting: Counting, dialect: Dialect, e: &Example) -> u64 {
        match (counting, dialect) {
            (Counting::Exact(_), Dialect::Openai) => {
                let mut n = 3;
                for t in &e.turns {
                    n += 3 + self.text(counting, t.role);
                    for text in &t.texts {
                        n += self.text(counting, text);
                    }
                    if let Some(name) = t.name {
                        n += 1 + self.text(counting, name);
                    }
                }
                n
            }
            _ => e.texts().map(|t| self.text(Counting::Estimate, t)).sum(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_counts_of_the_embedded_encodings() {
        // "Hello world" is two tokens in both ("Hello", " world"); "tunecalc" splits.
        let mut c = Counter::default();
        assert_eq!(
            c.text(Counting::Exact(Encoding::O200kBase), "Hello world"),
            2
        );
        assert_eq!(
            c.text(Counting::Exact(Encoding::Cl100kBase), "Hello world"),
            2
        );
        // Estimates: ceil(11 / 4) = 3.
        assert_eq!(c.text(Counting::Estimate, "Hello world"), 3);
        assert_eq!(
            Encoding::for_model("openai/gpt-4.1-mini-2025-04-14"),
            Encoding::O200kBase
        );
        assert_eq!(
            Encoding::for_model("gpt-3.5-turbo-0125"),
            Encoding::Cl100kBase
        );
        assert_eq!(Encoding::for_model("gpt-4-0613"), Encoding::Cl100kBase);
    }

    #[test]
    fn chunks_split_only_between_a_letter_a_space_and_a_letter() {
        let parts: Vec<&str> = chunks("It's 5 o'clock,  isn't it? Yes it is").collect();
        assert_eq!(
            parts,
            // Not after "5" (a digit), nor before "isn't" (two spaces), nor after "?".
            ["It's 5 o'clock,  isn't", " it? Yes", " it", " is"]
        );
        assert_eq!(chunks("").count(), 0);
        assert_eq!(chunks("a").collect::<Vec<_>>(), ["a"]);
    }

    #[test]
    fn counting_by_chunks_equals_counting_the_whole() {
        // Texts that stress the pre-tokenizer: contractions, runs of spaces before a word,
        // numbers, punctuation, accents, CJK, emoji, newlines and tabs.
        let texts = [
            "I'm sure you'll see they've gone; we'd said it's THEIR car's fault",
            "a  b   c    d\n\n  e\t f \r\n g",
            "Order 123456789 costs 12.50 EUR, ref ABC-42/x ok",
            "Café naïve über straße été CAMELCase camelCase HTTPServer",
            "日本語 text and 😀 emoji mixed in words",
            "   leading spaces and trailing   ",
            "ALL CAPS WORDS HERE And Mixed Ones",
        ];
        // One counter for both encodings: what it remembers of one must not leak into the other.
        let mut c = Counter::default();
        for encoding in [
            Encoding::O200kBase,
            Encoding::Cl100kBase,
            Encoding::O200kBase,
        ] {
            for t in texts {
                let whole = encoding.bpe().count_ordinary(t) as u64;
                assert_eq!(c.text(Counting::Exact(encoding), t), whole, "{t:?}");
                // Again, from memory.
                assert_eq!(c.text(Counting::Exact(encoding), t), whole, "{t:?}");
            }
        }
    }
}
