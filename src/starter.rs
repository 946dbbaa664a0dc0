//! `tunecalc new NAME`: a commented starter scenario that evaluates as it is.

use std::path::{Path, PathBuf};

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

/// Writes the starter scenario; refuses to overwrite an existing file. Returns the path.
pub fn write_new(name: &str) -> Result<PathBuf, Error> {
    if name.trim().is_empty() {
        return Err(Error::Usage(
            "give the new scenario a name, e.g. `tunecalc new ticket-triage`".into(),
        ));
    }
    let path = path_for(name);
    let title = Path::new(&path)
        .file_stem()
        .map(|s| s.to_string_lossy().replace(['-', '_'], " "))
        .unwrap_or_else(|| name.to_string());
    write_atomic(&path, starter(&title).as_bytes(), Existing::Refuse)?;
    Ok(path)
}

const TEMPLATE: &str = r#"# A tunecalc scenario: should we fine-tune, or keep paying for a long prompt?
# Check it with `tunecalc explain THIS_FILE`; compare several with `tunecalc run DIR`.
# Money is best written as a string ("0.05") so it stays exact.

name = {NAME}
description = "What the task is, and what the numbers are based on."
currency = "USD"                # display only

[training]
examples = 200                  # labelled examples you have (or will label)
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

[prompting]                     # the base model with the long prompt
price_per_1k_calls = "0.05"
# or by tokens (prices per million tokens; token counts may be averages such as "402.3"):
# input_tokens = 2000
# output_tokens = 200
# input_price_per_1m_tokens = "0.40"
# output_price_per_1m_tokens = "1.60"

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
needs_low_latency = false       # true: a shorter prompt's speed is a reason to tune
"#;
