//! The words for verdicts and reasons, shared by every text format.

use crate::engine::{Evaluation, Reason, Verdict};
use crate::money::{count, fixed, money, plain};

/// "Tune", "Stay with prompting", "Tune for consistency".
pub fn verdict_label(v: Verdict) -> &'static str {
    match v {
        Verdict::Tune => "Tune",
        Verdict::StayWithPrompting => "Stay with prompting",
        Verdict::TuneForConsistency => "Tune for consistency",
    }
}

/// Months as a person reads them: `66.67`, `12`, `6.5`.
fn months(m: rust_decimal::Decimal) -> String {
    if m.fract().is_zero() {
        plain(m)
    } else {
        fixed(m, 2)
    }
}

/// One reason as a sentence fragment, in the scenario's currency.
pub fn reason_text(reason: &Reason, currency: &str) -> String {
    match reason {
        Reason::PaysBackWithinTarget { months: m, target } => {
            format!("pays back in {} months, within the {}-month target", months(*m), months(*target))
        }
        Reason::PaysBackAfterTarget { months: m, target } => format!(
            "payback {} months > target {} months: on cost alone, tuning is not worth it",
            months(*m),
            months(*target)
        ),
        Reason::TunedCallNotCheaper { prompting, tuned } => format!(
            "a tuned call costs {} but a prompted one {}: tuning never pays back",
            money(*tuned, currency),
            money(*prompting, currency)
        ),
        Reason::HostingExceedsSavings { call_savings, hosting } => format!(
            "hosting costs {} a month but the cheaper calls save only {} a month: tuning never pays back",
            money(*hosting, currency),
            money(*call_savings, currency)
        ),
        Reason::NeverPaysBack { searched_months } => format!(
            "savings never cover the up-front cost within {} months",
            count(u128::from(*searched_months))
        ),
        Reason::PaybackBeyondRetrain { months: m, every } => format!(
            "payback {} months is longer than the {every}-month retraining interval: each tuning job must pay for itself",
            months(*m)
        ),
        Reason::TooFewExamples { examples, min } => format!(
            "too few examples: {} < {} needed to tune reliably; label more or keep prompting",
            count(u128::from(*examples)),
            count(u128::from(*min))
        ),
        Reason::TaskNotStable => {
            "the task is not yet stable: keep prompting while it still changes, tune once it settles".into()
        }
        Reason::ConsistencyWorthPaying => "consistency is worth paying for: a tuned model answers the same \
             ambiguous input the same way for months, while a prompt drifts with rewrites, API \
             updates and temperature noise"
            .into(),
        Reason::ConsistencyBlocked => {
            "consistency was asked for, but the rule above blocks tuning for now".into()
        }
        Reason::NetAtHorizon { months: m, net } => {
            if net.is_sign_negative() && !net.is_zero() {
                format!("over {m} months tuning costs {} more than prompting", money(net.abs(), currency))
            } else {
                format!("over {m} months tuning saves {} net", money(*net, currency))
            }
        }
    }
}

/// All reasons of an evaluation, as sentences.
pub fn reasons(e: &Evaluation) -> Vec<String> {
    e.reasons
        .iter()
        .map(|r| reason_text(r, &e.scenario.currency))
        .collect()
}

/// The verdict's label and the rest of its summary sentence, for a bold label then the why.
pub fn summary_parts(e: &Evaluation) -> (&'static str, String) {
    let label = verdict_label(e.verdict);
    let sentence = summary_sentence(e);
    let rest = sentence
        .strip_prefix(label)
        .and_then(|r| r.strip_prefix(": "))
        .unwrap_or(&sentence)
        .to_string();
    (label, rest)
}

/// The verdict in one sentence, for summaries: "Stay with prompting: tuning pays back in
/// 66.67 months, beyond your 12-month target".
pub fn summary_sentence(e: &Evaluation) -> String {
    let label = verdict_label(e.verdict);
    let target = months(e.scenario.decision.target_payback_months);
    let cost = match e.payback_months {
        Some(m) if e.cost_verdict == Verdict::Tune => {
            format!(
                "tuning pays back in {} months, within your {target}-month target",
                months(m)
            )
        }
        Some(m) => format!(
            "tuning pays back in {} months, beyond your {target}-month target",
            months(m)
        ),
        None => "tuning never pays back on cost".to_string(),
    };
    match e.verdict {
        Verdict::TuneForConsistency => {
            format!("{label}: on cost alone {cost}, but consistent answers are worth paying for")
        }
        Verdict::StayWithPrompting if e.cost_verdict == Verdict::Tune => {
            let blocker = e.reasons.iter().find_map(|r| match r {
                Reason::TooFewExamples { examples, min } => Some(format!(
                    "there are too few examples ({} < {})",
                    count(u128::from(*examples)),
                    count(u128::from(*min))
                )),
                Reason::TaskNotStable => Some("the task is not yet stable".to_string()),
                _ => None,
            });
            format!(
                "{label}: {cost}, but {}",
                blocker.unwrap_or_else(|| "a rule blocks tuning for now".into())
            )
        }
        _ => format!("{label}: {cost}"),
    }
}
