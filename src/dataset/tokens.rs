//! Tokens of a training example: exact for OpenAI's chat format (the tokenizer's encodings are
//! embedded, so no network), an estimate elsewhere (characters / 4, rounded up per text), and
//! always labelled which.

use std::collections::HashMap;

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

/// Texts at least this long are remembered once counted: a system prompt repeated on every
/// line is counted once per thread.
const CACHED_FROM: usize = 64;
/// At most this many texts are remembered per thread.
const CACHE_ENTRIES: usize = 4096;

/// A counter with a small memory of long texts it has counted.
#[derive(Default)]
pub struct Counter {
    cache: HashMap<String, u64>,
}

impl Counter {
    fn text(&mut self, counting: Counting, text: &str) -> u64 {
        match counting {
            Counting::Estimate => (text.chars().count() as u64).div_ceil(4),
            Counting::Exact(encoding) => {
                if text.len() < CACHED_FROM {
                    return encoding.bpe().count_ordinary(text) as u64;
                }
                if let Some(n) = self.cache.get(text) {
                    return *n;
                }
                let n = encoding.bpe().count_ordinary(text) as u64;
                if self.cache.len() >= CACHE_ENTRIES {
                    self.cache.clear();
                }
                self.cache.insert(text.to_string(), n);
                n
            }
        }
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
}
