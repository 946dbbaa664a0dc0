//! `tunecalc schema`: the scenario format as a JSON Schema (draft-07, the draft taplo and Even
//! Better TOML read), so an editor completes keys, shows what each means and flags a typo
//! before tunecalc is run.
//!
//! Built from the loader's own definitions rather than written out by hand: the keys of each
//! table are [`TABLE_KEYS`] (which a unit test holds to what serde accepts), which inputs may
//! be ranges is [`Key::from_name`] (exactly what validation records as uncertain), the
//! distribution syntax is [`FORMS`], the limits are the constants validation checks, and model
//! ids come from the catalog. What this file adds is the description and unit of each key.
//!
//! The schema is deliberately generous where TOML and JSON Schema cannot say what tunecalc
//! checks (a range's ends, `cached_input_tokens` ≤ `input_tokens`): an editor must never flag
//! a file tunecalc accepts. It does catch what a person gets wrong most: unknown keys, a job or
//! a call priced twice, a missing price or name, a negative price, `monthly_growth = 5`.

use serde_json::{json, Map, Value};

use super::raw::TABLE_KEYS;
use super::uncertain::FORMS;
use super::{
    Key, DEFAULT_HORIZON_MONTHS, DEFAULT_HOSTING_HOURS, DEFAULT_MIN_EXAMPLES,
    DEFAULT_TARGET_PAYBACK_MONTHS, MAX_DESCRIPTION_CHARS, MAX_EPOCHS, MAX_HOURS_PER_MONTH,
    MAX_MONTHS, MAX_NAME_CHARS, MAX_RUNS,
};
use crate::catalog::Catalog;

/// The file name `tunecalc new` gives the schema beside a starter, and the one its
/// `#:schema` line names.
pub const FILE_NAME: &str = "tunecalc.schema.json";

/// What a key holds: its JSON type and the bounds validation checks.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Holds {
    /// Text shown to people, at most this many characters; `true`: must not be blank.
    Text(usize, bool),
    /// A three-letter currency code.
    Currency,
    /// A catalog id; `true`: only models that can be tuned.
    Model(bool),
    /// A file path, relative to the scenario.
    Path,
    /// `YYYY-MM` or `YYYY-MM-DD`, as a string or a bare TOML date.
    Date,
    Flag,
    /// A decimal at or above 0 (`false`) or above 0 (`true`).
    Amount(bool),
    /// A whole number from `min` to `max`.
    Whole(u64, Option<u64>),
    /// Hours in a month, above 0 (`true`) or at or above 0, at most [`MAX_HOURS_PER_MONTH`].
    Hours(bool),
    /// A monthly change as a fraction or a percent, above −100 % and below 100 %.
    Growth,
    /// A chance: above 0 and at most 1 (100 %).
    Chance,
    /// A number of months above 0, at most [`MAX_MONTHS`], decimals allowed.
    Months,
    /// A table of its own (described by [`spec`]'s table entries).
    Table,
    /// `[correlations]`: `"a ~ b" = 0.5`.
    Correlations,
    /// A list of inputs by dotted name.
    Inputs,
}

/// One key of the format: where it lives, what it holds, what it means (with its unit), and
/// its default when left out.
struct Spec {
    table: &'static str,
    key: &'static str,
    holds: Holds,
    doc: String,
    default: Option<Value>,
}

fn spec(table: &'static str, key: &'static str, holds: Holds, doc: &str) -> Spec {
    Spec {
        table,
        key,
        holds,
        doc: doc.to_string(),
        default: None,
    }
}

impl Spec {
    fn or(mut self, default: Value) -> Spec {
        self.default = Some(default);
        self
    }
}

const MONEY: &str = "in the scenario's currency (display only: amounts are not converted)";

/// The keys a call price shares on both sides, described for `table`.
fn side_specs(table: &'static str) -> Vec<Spec> {
    let tuned = table == "tuned";
    let inherited = if tuned {
        " Left out: taken from [prompting] when it is priced by tokens."
    } else {
        ""
    };
    let input = if tuned {
        "Input tokens of one call with the short prompt the tuned model needs (an average; may be decimal)."
    } else {
        "Input tokens of one call with the long prompt (instructions and examples; an average, may be decimal)."
    };
    let model = if tuned {
        "The tuned model's catalog id (`tunecalc models` lists them): tuned prices, the training price and epochs rule, minimum, hosting, storage, minimum examples and the provider's dates. Keys written here override the catalog."
    } else {
        "The prompting model's catalog id (`tunecalc models` lists them): its base prices per million tokens. Left out: the tuned model's base prices. Keys written here override the catalog."
    };
    let price = |what: &str| format!("{what}, {MONEY}.{inherited}");
    vec![
        spec(table, "model", Holds::Model(tuned), model),
        spec(
            table,
            "price_per_1k_calls",
            Holds::Amount(false),
            &format!(
                "What 1,000 calls cost, {MONEY}. Instead of token fields: give this or `input_tokens`."
            ),
        ),
        spec(table, "input_tokens", Holds::Amount(false), input),
        spec(
            table,
            "output_tokens",
            Holds::Amount(false),
            &format!("Output tokens of one call (an average; may be decimal).{inherited}"),
        ),
        spec(
            table,
            "input_price_per_1m_tokens",
            Holds::Amount(false),
            &price("Price of one million input tokens"),
        ),
        spec(
            table,
            "output_price_per_1m_tokens",
            Holds::Amount(false),
            &price("Price of one million output tokens"),
        ),
        spec(
            table,
            "cached_input_tokens",
            Holds::Amount(false),
            "The part of `input_tokens` read from the prompt cache (at most `input_tokens`). Never inherited.",
        ),
        spec(
            table,
            "cached_input_price_per_1m_tokens",
            Holds::Amount(false),
            &format!("Price of one million cached input tokens, {MONEY}."),
        ),
        spec(
            table,
            "cache_storage_per_1m_tokens_per_hour",
            Holds::Amount(false),
            &format!("Explicit caches: storage of one million cached tokens for one hour, {MONEY}; billed × cached tokens × `cache_hours_per_month`."),
        ),
        spec(
            table,
            "cache_hours_per_month",
            Holds::Hours(false),
            &format!("Hours a month the explicit cache is kept (at most {MAX_HOURS_PER_MONTH})."),
        )
        .or(json!(DEFAULT_HOSTING_HOURS)),
    ]
}

/// Every key of the format, table by table.
fn specs() -> Vec<Spec> {
    let mut out = vec![
        spec(
            "",
            "name",
            Holds::Text(MAX_NAME_CHARS, true),
            "Required. The scenario's name, shown in tables, charts and reports.",
        ),
        spec(
            "",
            "description",
            Holds::Text(MAX_DESCRIPTION_CHARS, false),
            "What the task is and what the numbers are based on; shown in explain and reports.",
        ),
        spec(
            "",
            "currency",
            Holds::Currency,
            "Three-letter code of the currency every amount is in; display only, nothing is converted.",
        )
        .or(json!("USD")),
        spec(
            "",
            "placeholders",
            Holds::Inputs,
            "Inputs whose values are stand-ins, not real figures (dotted names such as \"training.cost\"): every output warns about each until it is replaced and removed from this list. `tunecalc new --model` lists the prices the catalog lacks.",
        ),
        spec("", "training", Holds::Table, "Required. The tuning job: examples and exactly one way to price it (`cost`, `cost_per_example`, or `price_per_1m_tokens` with `tokens_per_example`), unless [tuned] names a catalog model."),
        spec("", "usage", Holds::Table, "Required. How many calls the task makes, from when."),
        spec("", "prompting", Holds::Table, "Required. The base model with the long prompt: `price_per_1k_calls`, or tokens and prices per million tokens."),
        spec("", "tuned", Holds::Table, "Required. The tuned model with the short prompt: `price_per_1k_calls`, or tokens (output tokens and prices left out are taken from [prompting]); hosting and storage fees."),
        spec("", "decision", Holds::Table, "Optional. When tuning is worth it: the payback target, horizon, minimum examples and the reasons that are not money."),
        spec("", "correlations", Holds::Correlations, "Optional. Rank correlations between inputs written as ranges: `\"usage.calls_per_month ~ training.cost\" = 0.5`, strictly between -1 and 1."),
        spec(
            "training",
            "dataset",
            Holds::Path,
            "A training file (JSONL), relative to the scenario: its examples and mean tokens per example are measured and used instead of `examples` and `tokens_per_example`.",
        ),
        spec(
            "training",
            "examples",
            Holds::Whole(1, None),
            "Labelled examples in the training file: a whole number of at least 1.",
        ),
        spec(
            "training",
            "cost",
            Holds::Amount(false),
            &format!("Price form a: the total price of one tuning job, {MONEY}."),
        ),
        spec(
            "training",
            "cost_per_example",
            Holds::Amount(false),
            &format!("Price form b: the price per labelled example, {MONEY}."),
        ),
        spec(
            "training",
            "price_per_1m_tokens",
            Holds::Amount(false),
            &format!("Price form c: the price of one million training tokens, {MONEY}; billed tokens = examples × tokens_per_example × epochs."),
        ),
        spec(
            "training",
            "tokens_per_example",
            Holds::Amount(true),
            "Prompt and answer tokens of one training example (an average; may be decimal). For a job priced per training token: with `price_per_1m_tokens`, or a [tuned] catalog model priced that way; not with `cost` or `cost_per_example`.",
        ),
        spec(
            "training",
            "epochs",
            Holds::Whole(1, Some(MAX_EPOCHS)),
            "Passes over the training data in one job. Left out: the catalog model's rule, else OpenAI's automatic rule. Only for a job priced per training token.",
        ),
        spec(
            "training",
            "minimum_charge",
            Holds::Amount(false),
            &format!("The provider's minimum charge per job, {MONEY}."),
        ),
        spec(
            "training",
            "setup_cost",
            Holds::Amount(false),
            &format!("One-off extras paid once (labelling, engineering, evaluations), {MONEY}."),
        )
        .or(json!("0")),
        spec(
            "training",
            "runs",
            Holds::Whole(1, Some(MAX_RUNS)),
            "Tuning jobs paid up front in the first round, the kept one included (experiments).",
        )
        .or(json!(1)),
        spec(
            "training",
            "retrain_every_months",
            Holds::Whole(1, Some(u64::from(MAX_MONTHS))),
            "One tuning job is paid again every this many months.",
        ),
        spec(
            "usage",
            "calls_per_month",
            Holds::Amount(true),
            "Calls in month 1, above 0; may be a decimal average.",
        ),
        spec(
            "usage",
            "monthly_growth",
            Holds::Growth,
            "Compound change in calls per month: a percent string (\"5%\") or a fraction (0.05), above -100 %. A bare 5 would mean 500 %: write \"5%\".",
        )
        .or(json!("0%")),
        spec(
            "usage",
            "max_calls_per_month",
            Holds::Amount(true),
            "Growth stops at this many calls a month (the cap applies from month 1).",
        ),
        spec(
            "usage",
            "start",
            Holds::Date,
            "The day month 1 starts: \"2026-12\" (the first of the month) or \"2026-12-01\", or a bare TOML date. Left out: the evaluation date (today, or --date). Dated price changes and a model's retirement are counted from here.",
        ),
    ];
    out.extend(side_specs("prompting"));
    out.extend(side_specs("tuned"));
    out.extend([
        spec(
            "tuned",
            "hosting_per_month",
            Holds::Amount(false),
            &format!("A fixed fee a month for keeping the tuned model deployed, {MONEY}. Or `hosting_per_hour`."),
        )
        .or(json!("0")),
        spec(
            "tuned",
            "hosting_per_hour",
            Holds::Amount(false),
            &format!("Hosting by the hour, {MONEY}; billed `hosting_hours_per_month` hours a month."),
        ),
        spec(
            "tuned",
            "hosting_hours_per_month",
            Holds::Hours(true),
            &format!("Hours of hosting billed a month with `hosting_per_hour` (at most {MAX_HOURS_PER_MONTH}; 730 = 365 × 24 / 12)."),
        )
        .or(json!(DEFAULT_HOSTING_HOURS)),
        spec(
            "tuned",
            "storage_per_month",
            Holds::Amount(false),
            &format!("The provider's fee a month for storing the tuned model, {MONEY}."),
        ),
        spec(
            "decision",
            "target_payback_months",
            Holds::Months,
            &format!("Tuning should pay back within this many months (above 0, at most {MAX_MONTHS}; decimals allowed)."),
        )
        .or(json!(DEFAULT_TARGET_PAYBACK_MONTHS)),
        spec(
            "decision",
            "horizon_months",
            Holds::Whole(1, Some(u64::from(MAX_MONTHS))),
            "Months the savings and net figures are counted over.",
        )
        .or(json!(DEFAULT_HORIZON_MONTHS)),
        spec(
            "decision",
            "min_examples",
            Holds::Whole(0, None),
            "Below this many examples, don't tune (a rule of thumb).",
        )
        .or(json!(DEFAULT_MIN_EXAMPLES)),
        spec(
            "decision",
            "needs_consistency",
            Holds::Flag,
            "true: consistent answers are worth paying for (a reason to tune beyond money).",
        )
        .or(json!(false)),
        spec(
            "decision",
            "task_is_stable",
            Holds::Flag,
            "false: the task is still changing, so keep prompting.",
        )
        .or(json!(true)),
        spec(
            "decision",
            "needs_low_latency",
            Holds::Flag,
            "true: a shorter prompt's latency gain is a reason to tune; no figure changes.",
        )
        .or(json!(false)),
        spec(
            "decision",
            "confidence",
            Holds::Chance,
            "With inputs written as ranges: the chance of paying back in time needed to tune, a percent (\"80%\") or a fraction (0.8).",
        )
        .or(json!("80%")),
    ]);
    out
}

/// A decimal as tunecalc reads one from a string: digits with `_` separators, a point, an
/// exponent (`2.5e-3`). Generous on purpose: what the loader refuses it explains better.
fn number_text(sign: &str) -> String {
    format!(r"{sign}[0-9_.]*[0-9][0-9_.]*(?:[eE][+-]?[0-9_]+)?")
}

/// One number inside a range or distribution: any sign, an optional percent.
fn range_number() -> String {
    format!(r"{}\s*%?", number_text("[+-]?"))
}

/// Each letter in either case: names are read in any letter case.
fn any_case(word: &str) -> String {
    word.chars()
        .map(|c| format!("[{}{}]", c.to_ascii_lowercase(), c.to_ascii_uppercase()))
        .collect()
}

/// `"3 to 8"` or one of [`FORMS`], e.g. `"normal(5, 1)"`.
fn uncertain_pattern() -> String {
    let n = range_number();
    let forms: Vec<String> = FORMS
        .iter()
        .map(|f| {
            let args = vec![n.as_str(); f.numbers].join(r"\s*,\s*");
            format!(r"{}\s*\(\s*{args}\s*\)", any_case(f.name))
        })
        .collect();
    format!(
        r"^\s*(?:{n}\s+{}\s+{n}|{})\s*$",
        any_case("to"),
        forms.join("|")
    )
}

fn uncertain_description() -> String {
    let forms: Vec<&str> = FORMS.iter().map(|f| f.usage).collect();
    format!(
        "A range: \"3 to 8\" (lognormal with 3 and 8 as its 5th and 95th percentiles, both above 0), or {}. The figures use its median; the chance of paying back in time comes from sampling it.",
        forms.join(", ")
    )
}

/// A plain number written as a string. `positive`: must hold a digit other than 0 and no
/// minus sign; `signed`: any sign; else a minus only before a zero. `percent`: may end in `%`.
fn plain_pattern(positive: bool, signed: bool, percent: bool) -> String {
    let pct = if percent { r"\s*%?" } else { "" };
    let body = if signed {
        number_text("[+-]?")
    } else if positive {
        r"\+?[0-9_.]*[1-9][0-9_.]*(?:[eE][+-]?[0-9_]+)?".to_string()
    } else {
        // "-0" is 0, which is not negative.
        format!(
            r"(?:{}|-[0_.]*0[0_.]*(?:[eE][+-]?[0-9_]+)?)",
            number_text(r"\+?")
        )
    };
    format!(r"^\s*{body}{pct}\s*$")
}

/// A whole number written as a string: digits and `_`, perhaps `.0` or an exponent (`1e3`).
/// `positive`: a digit other than 0 somewhere; else `-0` is allowed too (it is 0).
fn whole_pattern(positive: bool) -> String {
    let digits = if positive {
        r"[0-9_]*[1-9][0-9_]*"
    } else {
        r"[0-9_]*[0-9][0-9_]*"
    };
    let tail = r"(?:\.[0_]*)?(?:[eE][+-]?[0-9_]+)?";
    let minus_zero = if positive {
        String::new()
    } else {
        format!(r"|-[0_]*0[0_]*{tail}")
    };
    format!(r"^\s*(?:\+?{digits}{tail}{minus_zero})\s*$")
}

/// A fraction written as a string: a percent (`"5%"`), or a plain number below 1 (`"0.05"`,
/// `".5"`, `"5e-2"`). A plain `"5"` is refused: it would be 500 %. `signed`: may be negative
/// (a monthly change), else above 0 (a chance; `"1"` is 100 %).
fn fraction_pattern(signed: bool) -> String {
    let sign = if signed { "[+-]?" } else { r"\+?" };
    let percent = format!(r"{}\s*%", number_text(sign));
    let below_one = format!(r"{sign}[0_]*\.[0-9_]*|{sign}[0_]+");
    let exponent = format!(r"{sign}[0-9_.]*[0-9][0-9_.]*[eE]-[0-9_]+");
    let one = if signed {
        String::new()
    } else {
        r"|\+?[0_]*1(?:\.[0_]*)?".to_string()
    };
    format!(r"^\s*(?:{percent}|{below_one}|{exponent}{one})\s*$")
}

/// Text tunecalc accepts: none of the characters [`crate::present::text::is_unsafe`] refuses
/// (control, bidirectional and invisible formatting characters), as a character class built
/// from that same test.
fn safe_text_pattern() -> String {
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for c in (0..=0xFFFFu32).filter_map(char::from_u32) {
        if crate::present::text::is_unsafe(c) {
            let code = c as u32;
            match ranges.last_mut() {
                Some((_, end)) if *end + 1 == code => *end = code,
                _ => ranges.push((code, code)),
            }
        }
    }
    let class: String = ranges
        .iter()
        .map(|(a, b)| {
            if a == b {
                format!(r"\u{a:04X}")
            } else {
                format!(r"\u{a:04X}-\u{b:04X}")
            }
        })
        .collect();
    format!("^[^{class}]*$")
}

/// The schema of a numeric key: a TOML number within its bounds, or the same as a string
/// (exact decimals), or, for an input tunecalc samples, a range.
fn numeric(bounds: Map<String, Value>, text: String, uncertain: bool) -> Value {
    let mut number = Map::new();
    number.insert("type".into(), json!("number"));
    number.extend(bounds);
    let mut any = vec![
        Value::Object(number),
        json!({"type": "string", "pattern": text}),
    ];
    if uncertain {
        any.push(json!({"$ref": "#/definitions/range"}));
    }
    json!({ "anyOf": any })
}

fn bounds(pairs: &[(&str, Value)]) -> Map<String, Value> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_string(), v.clone()))
        .collect()
}

/// The value schema of one key.
fn value_schema(s: &Spec, catalog: &Catalog) -> Value {
    let uncertain = Key::from_name(&format!("{}.{}", s.table, s.key)).is_some();
    let mut schema = match s.holds {
        Holds::Text(max, nonblank) => {
            let safe = safe_text_pattern();
            let mut t = json!({"type": "string", "maxLength": max, "pattern": safe});
            if nonblank {
                // Safe characters, at least one of them not blank.
                t["minLength"] = json!(1);
                t["allOf"] = json!([{"pattern": r"\S"}]);
            }
            t
        }
        Holds::Currency => json!({"type": "string", "pattern": r"^\s*[A-Z]{3}\s*$"}),
        Holds::Model(tunable_only) => {
            let ids: Vec<&str> = catalog
                .entries()
                .iter()
                .filter(|e| e.tunable || !tunable_only)
                .map(|e| e.id.as_str())
                .collect();
            json!({"type": "string", "minLength": 1, "examples": ids})
        }
        Holds::Path => json!({"type": "string", "minLength": 1}),
        Holds::Date => json!({
            "type": "string",
            "pattern": r"^\s*[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?\s*$",
            "examples": ["2026-12", "2026-12-01"]
        }),
        Holds::Flag => json!({"type": "boolean"}),
        Holds::Amount(positive) => {
            let low = if positive {
                ("exclusiveMinimum", json!(0))
            } else {
                ("minimum", json!(0))
            };
            numeric(
                bounds(&[low]),
                plain_pattern(positive, false, false),
                uncertain,
            )
        }
        Holds::Whole(min, max) => {
            let mut b = vec![("minimum", json!(min))];
            if let Some(max) = max {
                b.push(("maximum", json!(max)));
            }
            let mut n = numeric(bounds(&b), whole_pattern(min > 0), uncertain);
            n["anyOf"][0]["type"] = json!("integer");
            n
        }
        Holds::Hours(positive) => {
            let low = if positive {
                ("exclusiveMinimum", json!(0))
            } else {
                ("minimum", json!(0))
            };
            numeric(
                bounds(&[low, ("maximum", json!(MAX_HOURS_PER_MONTH))]),
                plain_pattern(positive, false, false),
                uncertain,
            )
        }
        Holds::Growth => numeric(
            bounds(&[
                ("exclusiveMinimum", json!(-1)),
                ("exclusiveMaximum", json!(1)),
            ]),
            fraction_pattern(true),
            uncertain,
        ),
        Holds::Chance => numeric(
            bounds(&[("exclusiveMinimum", json!(0)), ("maximum", json!(1))]),
            fraction_pattern(false),
            uncertain,
        ),
        Holds::Months => numeric(
            bounds(&[
                ("exclusiveMinimum", json!(0)),
                ("maximum", json!(MAX_MONTHS)),
            ]),
            plain_pattern(true, false, false),
            uncertain,
        ),
        Holds::Table => json!({"$ref": format!("#/definitions/{}", s.key)}),
        Holds::Correlations => correlations(),
        Holds::Inputs => {
            let names: Vec<String> = Key::all().into_iter().map(Key::name).collect();
            json!({"type": "array", "items": {"enum": names}, "uniqueItems": true})
        }
    };
    if let Value::Object(map) = &mut schema {
        if s.holds != Holds::Table {
            let doc = if uncertain {
                format!(
                    "{} May be a range instead: \"3 to 8\" (a 90 % range), \"normal(5, 1)\", \"uniform(3, 8)\", \"triangular(1, 2, 5)\" or \"pert(1, 2, 5)\".",
                    s.doc
                )
            } else {
                s.doc.clone()
            };
            map.insert("description".into(), json!(doc));
            if let Some(d) = &s.default {
                map.insert("default".into(), d.clone());
            }
        }
    }
    schema
}

/// `[correlations]`: keys join two inputs that may be ranges.
fn correlations() -> Value {
    let names: Vec<String> = Key::all()
        .into_iter()
        .map(|k| k.name().replace('.', r"\."))
        .collect();
    let one = format!("(?:{})", names.join("|"));
    json!({
        "type": "object",
        "propertyNames": {"pattern": format!(r"^\s*{one}\s*~\s*{one}\s*$")},
        "additionalProperties": {
            "anyOf": [
                {"type": "number", "exclusiveMinimum": -1, "exclusiveMaximum": 1},
                {"type": "string", "pattern": plain_pattern(false, true, true)}
            ]
        }
    })
}

/// `{"required": [key]}` for each key.
fn each_required(keys: &[&str]) -> Vec<Value> {
    keys.iter().map(|k| json!({ "required": [k] })).collect()
}

/// "None of these alongside `key`": a `dependencies` entry that refuses each of `others`
/// where it is written (so an editor marks that line, not the whole table).
fn excludes(others: &[&str]) -> Value {
    let refused: Map<String, Value> = others
        .iter()
        .map(|k| ((*k).to_string(), Value::Bool(false)))
        .collect();
    json!({ "properties": refused })
}

const TRAINING_PRICES: [&str; 3] = ["cost", "cost_per_example", "price_per_1m_tokens"];
const TOKEN_FIELDS: [&str; 8] = [
    "input_tokens",
    "output_tokens",
    "input_price_per_1m_tokens",
    "output_price_per_1m_tokens",
    "cached_input_tokens",
    "cached_input_price_per_1m_tokens",
    "cache_storage_per_1m_tokens_per_hour",
    "cache_hours_per_month",
];

/// The rules inside one table that hold whatever the catalog fills in.
fn table_rules(table: &str) -> Map<String, Value> {
    let mut m = Map::new();
    match table {
        "training" => {
            m.insert(
                "anyOf".into(),
                json!(each_required(&["examples", "dataset"])),
            );
            m.insert(
                "dependencies".into(),
                json!({
                    "cost": excludes(&["cost_per_example", "price_per_1m_tokens", "tokens_per_example", "epochs"]),
                    "cost_per_example": excludes(&["price_per_1m_tokens", "tokens_per_example", "epochs"]),
                    "dataset": excludes(&["examples", "tokens_per_example"]),
                    "price_per_1m_tokens": {"anyOf": each_required(&["tokens_per_example", "dataset"])}
                }),
            );
        }
        "usage" => {
            m.insert("required".into(), json!(["calls_per_month"]));
        }
        "prompting" | "tuned" => {
            m.insert(
                "anyOf".into(),
                json!(each_required(&["price_per_1k_calls", "input_tokens"])),
            );
            let mut deps = Map::new();
            deps.insert("price_per_1k_calls".into(), excludes(&TOKEN_FIELDS));
            if table == "tuned" {
                deps.insert("hosting_per_month".into(), excludes(&["hosting_per_hour"]));
            }
            m.insert("dependencies".into(), Value::Object(deps));
        }
        _ => {}
    }
    m
}

/// `{"properties": {table: {"required": [key]}}, "required": [table]}`: the file has `key`
/// in `[table]`.
fn has(table: &str, key: &str) -> Value {
    json!({"properties": {table: {"required": [key]}}, "required": [table]})
}

/// "When `key` is written and above 0, `needed` must be written too" (0 tokens need no price).
fn more_than_zero_needs(key: &str, needed: &str) -> Value {
    json!({
        "if": {
            "properties": {key: {"anyOf": [
                {"type": "number", "exclusiveMinimum": 0},
                {"type": "string", "pattern": "^[^eE]*[1-9]"}
            ]}},
            "required": [key]
        },
        "then": {"required": [needed]}
    })
}

/// Rules that hold only when no catalog model fills the value in.
fn catalog_rules() -> Vec<Value> {
    vec![
        // Without a tuned catalog model, the file prices the job and bills hosting hours only
        // with an hourly fee.
        json!({
            "if": has("tuned", "model"),
            "else": {"properties": {
                "training": {
                    "anyOf": each_required(&TRAINING_PRICES),
                    "dependencies": {
                        "tokens_per_example": ["price_per_1m_tokens"],
                        "epochs": ["price_per_1m_tokens"]
                    }
                },
                "tuned": {"dependencies": {"hosting_hours_per_month": ["hosting_per_hour"]}}
            }}
        }),
        // Without any catalog model, prompting tokens need their prices.
        json!({
            "if": {"anyOf": [has("tuned", "model"), has("prompting", "model")]},
            "else": {"properties": {
                "prompting": {
                    "allOf": [
                        more_than_zero_needs("input_tokens", "input_price_per_1m_tokens"),
                        more_than_zero_needs("output_tokens", "output_price_per_1m_tokens")
                    ],
                    "dependencies": {
                        "cache_hours_per_month": ["cache_storage_per_1m_tokens_per_hour"]
                    }
                },
                "tuned": {"dependencies": {
                    "cache_hours_per_month": ["cache_storage_per_1m_tokens_per_hour"]
                }}
            }}
        }),
    ]
}

/// The JSON Schema of the scenario format, with model ids from `catalog`.
pub fn schema(catalog: &Catalog) -> Value {
    let specs = specs();
    let object = |table: &str| {
        let properties: Map<String, Value> = specs
            .iter()
            .filter(|s| s.table == table)
            .map(|s| (s.key.to_string(), value_schema(s, catalog)))
            .collect();
        let mut m = Map::new();
        if let Some(s) = specs.iter().find(|s| s.table.is_empty() && s.key == table) {
            m.insert("description".into(), json!(s.doc));
        }
        m.insert("type".into(), json!("object"));
        m.extend(table_rules(table));
        m.insert("properties".into(), Value::Object(properties));
        m.insert("additionalProperties".into(), json!(false));
        Value::Object(m)
    };
    let mut definitions = Map::new();
    definitions.insert(
        "range".into(),
        json!({
            "type": "string",
            "pattern": uncertain_pattern(),
            "description": uncertain_description()
        }),
    );
    for (table, _) in TABLE_KEYS.iter().filter(|(t, _)| !t.is_empty()) {
        definitions.insert((*table).to_string(), object(table));
    }
    let mut root = Map::new();
    root.insert(
        "$schema".into(),
        json!("http://json-schema.org/draft-07/schema#"),
    );
    root.insert("title".into(), json!("tunecalc scenario, version 1"));
    root.insert(
        "description".into(),
        json!(format!(
            "Should we fine-tune an LLM or keep prompting? A scenario for tunecalc {}: `tunecalc explain FILE` shows its figures. Money is best written as a string (\"0.05\") so it stays exact. Generated by `tunecalc schema`.",
            env!("CARGO_PKG_VERSION")
        )),
    );
    if let Value::Object(top) = object("") {
        root.extend(top);
    }
    root.insert(
        "required".into(),
        json!(["name", "training", "usage", "prompting", "tuned"]),
    );
    root.insert("allOf".into(), Value::Array(catalog_rules()));
    root.insert("definitions".into(), Value::Object(definitions));
    Value::Object(root)
}

/// The schema as the text `tunecalc schema` prints: pretty JSON and a final newline.
pub fn text(catalog: &Catalog) -> String {
    let mut out = serde_json::to_string_pretty(&schema(catalog)).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_the_loader_reads_is_described_once_and_no_other() {
        let specs = specs();
        for (table, keys) in TABLE_KEYS {
            let described: Vec<&str> = specs
                .iter()
                .filter(|s| s.table == *table)
                .map(|s| s.key)
                .collect();
            let mut a = described.clone();
            let mut b = keys.to_vec();
            a.sort_unstable();
            b.sort_unstable();
            assert_eq!(a, b, "[{table}]");
        }
        assert!(specs
            .iter()
            .all(|s| s.doc.ends_with('.') && s.doc.len() > 20));
    }

    #[test]
    fn the_text_pattern_covers_every_unsafe_character() {
        // The class is built over the Basic Multilingual Plane: the format characters beyond
        // it (tag characters, musical symbol formatting…) are left to tunecalc itself, which
        // refuses them with its own error; an editor's schema check is only ever more lenient.
        assert!((0x10000..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|c| crate::present::text::is_unsafe(*c))
            .all(|c| (0x110BD..=0xE007F).contains(&u32::from(c))));
        let p = safe_text_pattern();
        assert!(
            p.contains(r"\u0000-\u001F") && p.contains(r"\u2028-\u202E") && p.contains(r"\u00AD"),
            "{p}"
        );
    }

    #[test]
    fn the_range_pattern_names_every_distribution_form() {
        let p = uncertain_pattern();
        for f in FORMS {
            assert!(p.contains(&any_case(f.name)), "{}", f.name);
        }
    }
}
