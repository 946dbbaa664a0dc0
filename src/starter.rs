//! `tunecalc new NAME`: a commented starter scenario that evaluates as it is.

use std::path::{Path, PathBuf};

use crate::catalog::{Entry, PriceField};
use crate::error::Error;
use crate::io::{write_atomic, Existing};

/// Where `tunecalc new NAME` writes: `NAME.toml` unless NAME already ends in `.toml`.
pub fn path_for(name: &str) -> PathBuf {
    if name.ends_with(".toml") {
        PathBuf::from(name)
    } else {
        PathBuf::from(format!("{name}.toml"))
    }
}

/// Escapes text for a TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The starter text for a scenario called `title`.
pub fn starter(title: &str) -> String {
    TEMPLATE.replace("{NAME}", &toml_string(title))
}

/// The starter for a scenario priced from a catalog entry: token counts to fill in, prices,
/// training, hosting, rules and dates from the entry.
pub fn starter_for(title: &str, entry: &Entry) -> String {
    let per_token = entry.prices.contains_key(&PriceField::TrainingPer1mTokens);
    let training = if per_token {
        let epochs = if entry.default_epochs.is_some() {
            "# epochs = 3                    # left out: the provider's own rule"
        } else {
            "epochs = 3                      # the provider does not publish its default: set it"
        };
        format!(
            "tokens_per_example = 500        # prompt + answer of one example (an average)\n# dataset = \"data/train.jsonl\"  # or measure examples and tokens from the file (drop both)\n{epochs}\n# cost = \"20\"                   # or the job's total instead of the catalog's rate (then drop\n#                               # tokens_per_example and epochs)"
        )
    } else {
        "cost = \"20\"                     # placeholder: the catalog has no training price per token for this model; give the job's total".to_string()
    };
    // Prices the entry does not have are written as placeholders to replace, so the starter
    // evaluates as it is, and listed in `placeholders` so every output warns about them by
    // name until they are replaced.
    let mut placeholders: Vec<String> = Vec::new();
    if !per_token {
        placeholders.push("training.cost".into());
    }
    let mut missing = |field: PriceField, key: &str, value: &str, what: &str| {
        if entry.prices.contains_key(&field) {
            String::new()
        } else {
            let side = if what.starts_with("tuned") {
                "tuned"
            } else {
                "prompting"
            };
            placeholders.push(format!("{side}.{key}"));
            format!(
                "\n{:<31} # placeholder: the catalog has no {what} for this model",
                format!("{key} = \"{value}\"")
            )
        }
    };
    let prompting_prices = format!(
        "{}{}",
        missing(
            PriceField::BaseInput,
            "input_price_per_1m_tokens",
            "0.20",
            "base input price"
        ),
        missing(
            PriceField::BaseOutput,
            "output_price_per_1m_tokens",
            "0.60",
            "base output price"
        )
    );
    let tuned_prices = format!(
        "{}{}",
        missing(
            PriceField::TunedInput,
            "input_price_per_1m_tokens",
            "0.20",
            "tuned input price"
        ),
        missing(
            PriceField::TunedOutput,
            "output_price_per_1m_tokens",
            "0.60",
            "tuned output price"
        )
    );
    let placeholders = if placeholders.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = placeholders.iter().map(|p| format!("\"{p}\"")).collect();
        format!(
            "\n# Stand-ins for what the catalog does not know: replace each, then remove it here.\nplaceholders = [{}]",
            list.join(", ")
        )
    };
    let dates = match (entry.training_closes, entry.retirement_date) {
        (None, None) => String::new(),
        (c, r) => {
            let text = format!(
                "{}{}{}",
                c.map_or(String::new(), |c| format!("No new tuning jobs after {c}. ")),
                r.map_or(String::new(), |r| format!(
                    "Tuned models stop serving on {r}: a payback after that is none. "
                )),
                "Set [usage] start to the month you would begin."
            );
            crate::present::text::wrap(&text, 92)
                .iter()
                .map(|line| format!("\n# {line}"))
                .collect::<String>()
        }
    };
    let hourly = entry
        .prices
        .get(&PriceField::HostingPerHour)
        .filter(|h| !h.is_zero());
    let hosting = match hourly {
        Some(h) => format!(
            "\nhosting_hours_per_month = 730    # the catalog's ${h} an hour, billed for these hours a month"
        ),
        None => String::new(),
    };
    MODEL_TEMPLATE
        .replace("{NAME}", &toml_string(title))
        .replace("{ID}", &toml_string(&entry.id))
        .replace("{TRAINING}", &training)
        .replace("{PLACEHOLDERS}", &placeholders)
        .replace("{DATES}", &dates)
        .replace("{HOSTING}", &hosting)
        .replace("{PROMPTING_PRICES}", &prompting_prices)
        .replace("{TUNED_PRICES}", &tuned_prices)
}

/// What `tunecalc new` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The starter scenario.
    pub path: PathBuf,
    /// The schema file its `#:schema` line names, beside it.
    pub schema_path: PathBuf,
    /// What became of the schema file.
    pub schema: SchemaFile,
}

/// The schema beside a new starter: written when missing, never replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaFile {
    Wrote,
    /// Already there, the same as this version's.
    Current,
    /// Already there, from another version or catalog: left alone.
    Differs,
}

/// Writes the starter scenario (priced from `model` when given), and `schema` (the text of
/// `tunecalc schema`) beside it as [`crate::scenario::schema::FILE_NAME`] when no file has
/// that name, so the starter's `#:schema` line works in an editor at once. Refuses to
/// overwrite an existing scenario.
pub fn write_new(name: &str, model: Option<&Entry>, schema: &str) -> Result<Written, Error> {
    if name.trim().is_empty() {
        return Err(Error::Usage(
            "give the new scenario a name, e.g. `tunecalc new ticket-triage`".into(),
        ));
    }
    if let Some(c) = name.chars().find(|c| crate::present::text::is_unsafe(*c)) {
        return Err(Error::Usage(format!(
            "the name holds a control or invisible character ({}); name the scenario with letters, digits, spaces, - and _",
            c.escape_unicode()
        )));
    }
    let path = path_for(name);
    let title = Path::new(&path)
        .file_stem()
        .map(|s| s.to_string_lossy().replace(['-', '_'], " "))
        .unwrap_or_else(|| name.to_string());
    let text = match model {
        Some(entry) => starter_for(&title, entry),
        None => starter(&title),
    };
    write_atomic(&path, text.as_bytes(), Existing::Refuse)?;
    let schema_path = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join(crate::scenario::schema::FILE_NAME),
        _ => PathBuf::from(crate::scenario::schema::FILE_NAME),
    };
    let state = match std::fs::read(&schema_path) {
        Ok(old) if old == schema.as_bytes() => SchemaFile::Current,
        Ok(_) => SchemaFile::Differs,
        Err(_) => {
            write_atomic(&schema_path, schema.as_bytes(), Existing::Refuse)?;
            SchemaFile::Wrote
        }
    };
    Ok(Written {
        path,
        schema_path,
        schema: state,
    })
}

const TEMPLATE: &str = r#"#:schema ./tunecalc.schema.json
# A tunecalc scenario: should we fine-tune, or keep paying for a long prompt?
# Check it with `tunecalc explain THIS_FILE`; compare several with `tunecalc run DIR`.
# Money is best written as a string ("0.05") so it stays exact.
# To take real prices from the catalog instead, start with `tunecalc new NAME --model ID`
# (`tunecalc models` lists the ids), or write `model = "ID"` under [tuned] and [prompting].
# Any estimate may be a range: "40000 to 160000" (a 90 % range, lognormal), "uniform(3, 8)",
# "normal(5, 1)", "triangular(1, 2, 5)" or "pert(1, 2, 5)" (low, most likely, high). The figures
# then use each range's median, and 100,000 samples give the chance of paying back in time.

name = {NAME}
description = "What the task is, and what the numbers are based on."
currency = "USD"                # display only

[training]
examples = 200                  # labelled examples you have (or will label)
# dataset = "data/train.jsonl"  # or: measure examples and tokens per example from the training
#                               # file (relative to this one; instead of examples and tokens)
# Price one tuning job in exactly ONE of three ways:
cost = "20"                     # a) the total price of one job
# cost_per_example = "0.10"     # b) per labelled example
# price_per_1m_tokens = "3.00"  # c) per million training tokens:
# tokens_per_example = 500      #    examples × tokens × epochs (tokens may be an average)
# epochs = 3                    #    (left out: the provider's automatic choice for your example count)
# minimum_charge = "4"          # the provider's minimum per job
setup_cost = "0"                # one-off extras: labelling, engineering, evaluations
# runs = 3                      # jobs in the first round, the kept one included, all paid up front
# retrain_every_months = 12     # one job is paid again every N months

[usage]
calls_per_month = 10000         # month 1; may be a decimal average
monthly_growth = "0%"           # compounding: "5%" (or "0.05") is +5 % a month
# max_calls_per_month = 200000  # growth stops at this volume
# start = "2027-01"             # month 1 starts here (default: the evaluation date, --date)

[prompting]                     # the base model with the long prompt
price_per_1k_calls = "0.05"
# or by tokens (prices per million tokens; token counts may be averages such as "402.3"):
# input_tokens = 2000
# output_tokens = 200
# input_price_per_1m_tokens = "0.40"
# output_price_per_1m_tokens = "1.60"
# cached_input_tokens = 1800             # the part of input_tokens read from a prompt cache,
# cached_input_price_per_1m_tokens = "0.10"  # billed at this price

[tuned]                         # the tuned model with the short prompt
price_per_1k_calls = "0.02"
# or by tokens; output_tokens and prices left out are taken from [prompting]:
# input_tokens = 200
# input_price_per_1m_tokens = "0.80"
# hosting_per_month = "0"       # a fixed fee to keep the model deployed,
# hosting_per_hour = "1.70"     # or per hour,
# hosting_hours_per_month = 730 # billed this many hours a month (default 730)

[decision]
target_payback_months = 12      # tuning must pay back within this
horizon_months = 36             # net savings are totalled over this
min_examples = 50               # below this many examples, don't tune
needs_consistency = false       # true: consistent answers are worth paying for
task_is_stable = true           # false: you are still changing the task, keep prompting
needs_low_latency = false       # true: the reasons add the speed a shorter prompt gains
# confidence = "80%"            # with ranges: the chance of paying back in time needed to tune

# Ranges that move together, by rank (Spearman, -1 to 1):
# [correlations]
# "usage.calls_per_month ~ usage.monthly_growth" = -0.3
"#;

const MODEL_TEMPLATE: &str = r#"#:schema ./tunecalc.schema.json
# A tunecalc scenario priced from the catalog (`tunecalc models` lists it).
# Check it with `tunecalc explain THIS_FILE`. Any price written here overrides the catalog's.{DATES}

name = {NAME}
description = "What the task is, and what the numbers are based on."{PLACEHOLDERS}

[training]
examples = 500                  # labelled examples you have (or will label)
{TRAINING}
setup_cost = "0"                # one-off extras: labelling, engineering, evaluations
# runs = 3                      # jobs in the first round, the kept one included, all paid up front
# retrain_every_months = 12     # one job is paid again every N months

[usage]
calls_per_month = 100000        # month 1; may be a decimal average, or a range "50000 to 200000"
monthly_growth = "0%"           # compounding: "5%" is +5 % a month
# max_calls_per_month = 2000000 # growth stops at this volume
# start = "2026-12"             # month 1 starts here (default: the evaluation date)

[prompting]                     # the base model with the long prompt: its prices come from the
input_tokens = 2000             # tuned model's entry (or set `model = "…"` for another model)
output_tokens = 100{PROMPTING_PRICES}
# cached_input_tokens = 1800    # part of input_tokens read from the prompt cache

[tuned]                         # the tuned model with the short prompt
model = {ID}
input_tokens = 200              # output tokens left out are taken from [prompting]{TUNED_PRICES}{HOSTING}

[decision]
target_payback_months = 12
horizon_months = 36
min_examples = 50
needs_consistency = false
task_is_stable = true
needs_low_latency = false
"#;
