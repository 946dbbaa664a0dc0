//! The words of tunecalc: verdict names, reasons, warnings, the target window and why, input
//! labels, and the sentences every format shares. Tables, explain, JSON, charts and reports
//! all read them from here, so the same thing is always said the same way.

use rust_decimal::Decimal;

use super::number::{count, money, months, months_adjective, months_phrase, percent, quantity};
use crate::engine::{Case, Reason, Verdict, Warning, Window, WindowLimit};
use crate::scenario::{Key, Side};

/// Shown for a payback that never comes.
pub const NEVER: &str = "never";

/// What "never" means in a sweep.
pub const SWEEP_NEVER: &str = "never: not within 1,200 months, not in time for the retraining cycle, or not before the tuned model retires";
/// Shown for a figure that does not exist (tokens on a per-call side, break-even of a payback
/// that never comes).
pub const ABSENT: &str = "—";

/// The hidden advantage of tuning, in the words every format uses.
pub const CONSISTENCY: &str = "a tuned model has the task built in, so it answers the same \
ambiguous input the same way month after month, while a prompt drifts with rewrites, model \
updates and sampling noise. For risk-averse work (compliance, security tagging, anything \
audited) that steadiness can justify tuning even when the money alone says wait";

/// The hint for a scenario that does not pay on cost and has not said consistency matters.
pub const CONSISTENCY_HINT: &str = "if consistent answers matter more than cost here \
(compliance, security tagging), set `needs_consistency = true` under [decision]: a tuned model \
drifts less than a prompt";

/// "Tune", "Stay with prompting", "Tune for consistency".
pub fn verdict_label(v: Verdict) -> &'static str {
    match v {
        Verdict::Tune => "Tune",
        Verdict::StayWithPrompting => "Stay with prompting",
        Verdict::TuneForConsistency => "Tune for consistency",
    }
}

/// The window by name: "the 12-month target", "the 3-month retraining cycle", "the 1.42
/// months left before the model retires on 2027-01-14".
pub fn window_name(w: &Window) -> String {
    match w.limit {
        WindowLimit::Target => format!("the {} target", months_adjective(w.months)),
        WindowLimit::Retraining { every } => {
            format!(
                "the {} retraining cycle",
                months_adjective(Decimal::from(every))
            )
        }
        WindowLimit::Retirement { date } => format!(
            "the {} left before the tuned model retires on {date}",
            months_phrase(w.months)
        ),
        WindowLimit::TrainingClosed { date } => {
            format!("no time at all (no new tuning jobs after {date})")
        }
    }
}

/// The window's line in a chart legend: "target: 12 months", "retraining every 3 months",
/// "tuned model retires: 2027-01-14 (1.42 months)".
pub fn window_legend(w: &Window) -> String {
    match w.limit {
        WindowLimit::Target => format!("target: {}", months_phrase(w.months)),
        WindowLimit::Retraining { every } => format!(
            "retraining every {}",
            crate::present::number::plural(u128::from(every), "month", "months")
        ),
        WindowLimit::Retirement { date } => {
            format!("tuned model retires: {date} ({})", months_phrase(w.months))
        }
        WindowLimit::TrainingClosed { date } => format!("no tuning jobs after {date}"),
    }
}

/// Why the window is shorter than the target, when it is: "the 3-month retraining cycle is
/// shorter than the 6-month target".
pub fn window_why(w: &Window) -> Option<String> {
    match w.limit {
        WindowLimit::Target => None,
        WindowLimit::Retraining { .. } => Some(format!(
            "{} is shorter than the {} target",
            window_name(w),
            months_adjective(w.target)
        )),
        WindowLimit::Retirement { date } => Some(format!(
            "the tuned model retires on {date}, {} in, before the {} target ends",
            months_phrase(w.months),
            months_adjective(w.target)
        )),
        WindowLimit::TrainingClosed { date } => Some(format!(
            "the provider takes no new tuning jobs after {date}, before month 1 begins"
        )),
    }
}

/// The window with its reason in brackets, for reasons and summaries: "the 3-month retraining
/// cycle (shorter than the 6-month target)".
fn window_in_words(w: &Window) -> String {
    match w.limit {
        WindowLimit::Target
        | WindowLimit::Retirement { .. }
        | WindowLimit::TrainingClosed { .. } => window_name(w),
        WindowLimit::Retraining { .. } => format!(
            "{} (shorter than the {} target)",
            window_name(w),
            months_adjective(w.target)
        ),
    }
}

/// One reason as a sentence fragment, in the scenario's currency.
pub fn reason_text(reason: &Reason, currency: &str) -> String {
    match reason {
        Reason::ChanceWithinWindow {
            chance: p,
            confidence,
            window,
        } => format!(
            "{} chance to pay back within {}; {} needed",
            crate::present::number::chance(*p),
            window_in_words(window),
            percent(*confidence)
        ),
        Reason::PaysBackWithinWindow { months: m, window } => {
            format!("pays back in {}, within {}", months_phrase(*m), window_in_words(window))
        }
        Reason::PaysBackAfterWindow { months: m, window } => format!(
            "payback {} > {}: on cost alone, tuning is not worth it",
            months_phrase(*m),
            window_in_words(window)
        ),
        Reason::TunedCallDearer { .. }
        | Reason::TunedCallSamePrice { .. }
        | Reason::FixedCostsExceedSavings { .. }
        | Reason::RetiresBeforePayback { .. }
        | Reason::RetiredBeforeStart { .. } => {
            format!("{}: tuning never pays back", never_cause(reason, currency).unwrap_or_default())
        }
        Reason::CachedPromptCheaper { .. } => format!(
            "{}: on this model tuning pays only if it also shortens outputs, removes thinking tokens or enables a smaller model",
            never_cause(reason, currency).unwrap_or_default()
        ),
        Reason::TrainingClosed { date } => format!(
            "the provider takes no new tuning jobs after {date}, before month 1 begins: tuning is no longer possible"
        ),
        Reason::BelowProviderMinimum { examples, min, entry } => format!(
            "{entry} needs at least {} training examples, this scenario has {}: the job would be refused",
            count(u128::from(*min)),
            quantity(*examples)
        ),
        Reason::NeverPaysBack { searched_months } => format!(
            "savings never cover the up-front cost within {} months",
            count(u128::from(*searched_months))
        ),
        Reason::PaybackBeyondRetrain { months: m, every } => format!(
            "payback {} is longer than the {} retraining interval: each tuning job must pay for itself",
            months_phrase(*m),
            months_adjective(Decimal::from(*every))
        ),
        Reason::TooFewExamples { examples, min } => format!(
            "too few examples: {} < {} needed to tune reliably; label more or keep prompting",
            quantity(*examples),
            count(u128::from(*min))
        ),
        Reason::TaskNotStable => {
            "the task is not yet stable: keep prompting while it still changes, tune once it settles".into()
        }
        Reason::ConsistencyWorthPaying => "consistency is worth paying for: a tuned model answers the \
            same ambiguous input the same way month after month"
            .into(),
        Reason::ConsistencyBlocked => {
            "consistency was asked for, but the rule above blocks tuning for now".into()
        }
        Reason::ShorterPromptIsFaster { tokens } => format!(
            "latency matters: the tuned prompt is {} tokens shorter per call, and a shorter prompt is read faster",
            quantity(*tokens)
        ),
        Reason::NoLatencyGain { tokens: Some(tokens) } => format!(
            "latency matters, but the tuned call is not shorter ({} tokens saved per call): no latency gain",
            quantity(*tokens)
        ),
        Reason::NoLatencyGain { tokens: None } => "latency matters, but the call prices do not say \
            how many tokens the tuned prompt saves (price both sides by tokens to see the gain)"
            .into(),
        Reason::NetAtHorizon {
            months: m,
            net,
            serving,
        } => {
            let covers = serving.map_or(String::new(), |s| {
                format!(" (the tuned model serves {} of them)", months_phrase(s))
            });
            if net.is_sign_negative() && !net.is_zero() {
                format!(
                    "over {} tuning costs {} more than prompting{covers}",
                    months_phrase(Decimal::from(*m)),
                    money(net.abs(), currency)
                )
            } else {
                format!(
                    "over {} tuning saves {} net{covers}",
                    months_phrase(Decimal::from(*m)),
                    money(*net, currency)
                )
            }
        }
    }
}

/// Why tuning never pays back, for the reasons that say so: "a tuned call costs $0.00144 but a
/// prompted one $0.00096".
fn never_cause(reason: &Reason, currency: &str) -> Option<String> {
    Some(match reason {
        Reason::TunedCallDearer { prompting, tuned } => format!(
            "a tuned call costs {} but a prompted one {}",
            money(*tuned, currency),
            money(*prompting, currency)
        ),
        Reason::TunedCallSamePrice { cost } => format!(
            "a tuned call costs the same as a prompted one ({}), so there is nothing to save",
            money(*cost, currency)
        ),
        Reason::FixedCostsExceedSavings {
            call_savings,
            fixed,
        } => format!(
            "hosting costs {} a month but the cheaper calls save only {} a month",
            money(*fixed, currency),
            money(*call_savings, currency)
        ),
        Reason::PaybackBeyondRetrain { months: m, every } => format!(
            "payback takes {}, longer than the {} retraining interval",
            months_phrase(*m),
            months_adjective(Decimal::from(*every))
        ),
        Reason::NeverPaysBack { searched_months } => format!(
            "savings never cover the up-front cost within {} months",
            count(u128::from(*searched_months))
        ),
        Reason::CachedPromptCheaper { prompting, tuned } => format!(
            "with its prompt read from the cache a prompted call costs {}, a tuned call {}",
            money(*prompting, currency),
            money(*tuned, currency)
        ),
        Reason::RetiresBeforePayback {
            payback_months,
            date,
            months_left,
        } => format!(
            "savings would cover the up-front cost after {}, but the tuned model retires on {date}, {} in",
            months_phrase(*payback_months),
            months_phrase(*months_left)
        ),
        Reason::RetiredBeforeStart { date } => {
            format!("the tuned model stops serving on {date}, before month 1 begins")
        }
        _ => return None,
    })
}

/// All reasons of an evaluation, as sentences. With ranges, the payback of the point figures
/// is said to be that of the medians.
pub fn reasons(case: &Case) -> Vec<String> {
    let uncertain = !case.scenario.uncertain.is_empty();
    case.eval
        .reasons
        .iter()
        .map(|r| {
            let text = reason_text(r, &case.scenario.currency);
            match r {
                Reason::PaysBackWithinWindow { .. } | Reason::PaysBackAfterWindow { .. }
                    if uncertain =>
                {
                    format!("{MEDIANS} {text}")
                }
                _ => text,
            }
        })
        .collect()
}

/// Said before a figure of the point scenario when its inputs are ranges.
pub const MEDIANS: &str = "with every range at its median,";

/// One warning as a sentence.
pub fn warning_text(w: &Warning) -> String {
    match w {
        Warning::StalePrices { entry, checked, days } => format!(
            "the prices of {entry} were checked on {checked}, {} before this evaluation; check them again (tunecalc models {entry})",
            crate::present::number::plural(u128::try_from(*days).unwrap_or(0), "day", "days")
        ),
        Warning::UncertainPrices { entry, fields } => format!(
            "{} from {entry} rest{} on a weak source; confirm {} or write your own value{}",
            fields.join(", "),
            if fields.len() == 1 { "s" } else { "" },
            if fields.len() == 1 { "it" } else { "them" },
            if fields.len() == 1 { "" } else { "s" }
        ),
        Warning::RetiredModel { entry, date } => {
            format!("{entry} was retired on {date}: its tuned models no longer serve")
        }
        Warning::RetiresWithinHorizon {
            entry,
            date,
            months,
            horizon,
        } => format!(
            "{entry} retires on {date}, {} into the {}-month horizon: savings stop then; plan a migration or a retune",
            months_phrase(*months),
            horizon
        ),
        Warning::ExistingCustomersMayTrain { entry, closes, until } => format!(
            "{entry} took no new tuning jobs from new customers after {closes}; a customer who already used the model may train until {until}: if that is you, give your own --catalog entry with training_closes = \"{until}\""
        ),
        Warning::Placeholder { input, value } => format!(
            "{} = {} is a placeholder, not a real figure: replace it, then remove it from `placeholders`",
            input.name(),
            value.normalize()
        ),
        Warning::ExamplesBelowMinimum { share, min } => format!(
            "{} of the examples drawn are below the {min} needed to tune reliably; the chance counts them as if they could be tuned",
            crate::present::number::chance(*share)
        ),
        Warning::FewSamples { samples } => format!(
            "{} Monte Carlo {} too few for a stable chance: use --samples 10000 or more",
            count(u128::from(*samples)),
            if *samples == 1 { "sample is" } else { "samples are" }
        ),
        Warning::ChanceNearConfidence {
            chance,
            confidence,
            samples,
        } => format!(
            "the chance ({}) is within sampling error of the {} needed, so another seed could change the verdict: run more samples (now {})",
            crate::present::number::chance(*chance),
            percent(*confidence),
            count(u128::from(*samples))
        ),
        Warning::RunsQueue {
            entry,
            runs,
            limit,
            waves,
        } => format!(
            "{runs} runs at {limit} at a time on {entry}: {waves} waves, each queued until the one before finishes; the bill is the same, the last result comes later"
        ),
        Warning::RetrainAfterTrainingCloses {
            entry,
            closes,
            first_job,
            jobs,
        } => format!(
            "{} fall{} after {entry} stops taking tuning jobs on {closes} (the first on {first_job}); they are counted in the costs, but the provider will refuse them",
            if *jobs == 1 {
                "1 retraining job".to_string()
            } else {
                format!("{jobs} retraining jobs")
            },
            if *jobs == 1 { "s" } else { "" }
        ),
        Warning::ReliesOnGrowth {
            payback_months,
            growth,
            months: m,
        } => format!(
            "payback in {} relies on {} monthly growth continuing for {}; if growth will stop, set max_calls_per_month",
            months_phrase(*payback_months),
            percent(*growth),
            months_phrase(Decimal::from(*m))
        ),
    }
}

/// All warnings of an evaluation, as sentences.
pub fn warnings(case: &Case) -> Vec<String> {
    case.eval.warnings.iter().map(warning_text).collect()
}

/// The verdict in one sentence, for summaries: "Stay with prompting: tuning pays back in
/// 66.67 months, beyond the 12-month target".
pub fn summary_sentence(case: &Case) -> String {
    let (label, rest) = summary_parts(case);
    format!("{label}: {rest}")
}

/// The verdict's label and the rest of its summary sentence, for a bold label then the why.
pub fn summary_parts(case: &Case) -> (&'static str, String) {
    let e = &case.eval;
    let label = verdict_label(e.verdict);
    let window = window_in_words(&e.window);
    // With ranges the chance decides: say it, and the medians' payback after it.
    let chance = e.reasons.iter().find_map(|r| match r {
        Reason::ChanceWithinWindow {
            chance, confidence, ..
        } => Some(format!(
            "{} chance to pay back within {window} ({} needed)",
            crate::present::number::chance(*chance),
            percent(*confidence)
        )),
        _ => None,
    });
    let cost = match e.payback_months {
        _ if chance.is_some() => {
            let median = e.payback_months.map_or("never".to_string(), months_phrase);
            format!(
                "{}; at the medians {}",
                chance.clone().unwrap_or_default(),
                if e.payback_months.is_some() {
                    format!("it pays back in {median}")
                } else {
                    "it never pays back".to_string()
                }
            )
        }
        Some(m) if e.cost_verdict == Verdict::Tune => {
            format!("tuning pays back in {}, within {window}", months_phrase(m))
        }
        Some(m) => format!("tuning pays back in {}, beyond {window}", months_phrase(m)),
        None => match e
            .reasons
            .iter()
            .find_map(|r| never_cause(r, &case.scenario.currency))
        {
            Some(cause) => format!("tuning never pays back; {cause}"),
            None => "tuning never pays back on cost".to_string(),
        },
    };
    let rest = match e.verdict {
        Verdict::TuneForConsistency => {
            format!("on cost alone {cost}, but consistent answers are worth paying for")
        }
        Verdict::StayWithPrompting if e.cost_verdict == Verdict::Tune => {
            let blocker = e.reasons.iter().find_map(|r| match r {
                Reason::TooFewExamples { examples, min } => Some(format!(
                    "there are too few examples ({} < {})",
                    quantity(*examples),
                    count(u128::from(*min))
                )),
                Reason::TaskNotStable => Some("the task is not yet stable".to_string()),
                _ => None,
            });
            format!(
                "{cost}, but {}",
                blocker.unwrap_or_else(|| "a rule blocks tuning for now".into())
            )
        }
        _ => cost,
    };
    (label, rest)
}

/// For an input a command was asked about that the scenario does not have (`--for`, `--vary`,
/// a map axis): "a.toml does not use tuned.input_tokens: it is priced another way, …".
pub fn unused_input(file: &std::path::Path, key: Key) -> String {
    let file = super::text::safe(&file.display().to_string()).into_owned();
    format!(
        "{file} does not use {}: it is priced another way, or the value comes from the other side (`tunecalc solve {file}` lists the inputs it uses)",
        key.name()
    )
}

/// A short label for an input, for charts and tables: "calls per month".
pub fn key_label(key: Key) -> String {
    let side = |s: Side| match s {
        Side::Prompting => "prompting",
        Side::Tuned => "tuned",
    };
    match key {
        Key::TrainingExamples => "labelled examples".into(),
        Key::TrainingCost => "training cost per job".into(),
        Key::TrainingCostPerExample => "training cost per example".into(),
        Key::TrainingPricePer1mTokens => "training price per 1M tokens".into(),
        Key::TrainingTokensPerExample => "tokens per example".into(),
        Key::TrainingMinimumCharge => "minimum charge".into(),
        Key::TrainingSetupCost => "setup cost".into(),
        Key::CallsPerMonth => "calls per month".into(),
        Key::MonthlyGrowth => "monthly growth".into(),
        Key::MaxCallsPerMonth => "volume cap".into(),
        Key::PricePer1kCalls(s) => format!("{} price per 1k calls", side(s)),
        Key::InputTokens(Side::Prompting) => "long prompt tokens".into(),
        Key::InputTokens(Side::Tuned) => "short prompt tokens".into(),
        Key::OutputTokens(s) => format!("{} output tokens", side(s)),
        Key::InputPrice(s) => format!("{} input price", side(s)),
        Key::OutputPrice(s) => format!("{} output price", side(s)),
        Key::CachedInputTokens(s) => format!("{} cached tokens", side(s)),
        Key::CachedInputPrice(s) => format!("{} cached input price", side(s)),
        Key::CacheStorage(s) => format!("{} cache storage price", side(s)),
        Key::CacheHours(s) => format!("{} cache hours", side(s)),
        Key::StoragePerMonth => "storage per month".into(),
        Key::HostingPerMonth => "hosting per month".into(),
        Key::HostingPerHour => "hosting per hour".into(),
        Key::HostingHoursPerMonth => "hosting hours".into(),
    }
}

/// A payback as a figure (`66.67`), or "never".
pub fn months_value(m: Option<Decimal>) -> String {
    m.map_or_else(|| NEVER.to_string(), months)
}

/// "7 scenarios: 3 tune, 3 stay with prompting, 1 tune for consistency".
pub fn verdict_counts(cases: &[Case]) -> String {
    let parts: Vec<String> = [
        Verdict::Tune,
        Verdict::StayWithPrompting,
        Verdict::TuneForConsistency,
    ]
    .iter()
    .filter_map(|v| {
        let n = cases.iter().filter(|c| c.eval.verdict == *v).count();
        (n > 0).then(|| format!("{n} {}", verdict_label(*v).to_lowercase()))
    })
    .collect();
    format!("{} scenarios: {}", cases.len(), parts.join(", "))
}

/// An entry's status in words, as of `on`: "active", "training closes 2027-01-06; retires
/// 2027-01-14 in 48 days", "retired 2026-10-23", "not tunable".
/// The line under the `models` table.
pub fn models_footer(entries: usize, on: crate::date::Date) -> String {
    format!(
        "{}, prices as of {on}, in US dollars. * some values rest on a weak source. \
         `tunecalc models ID` shows an entry's source and notes; --all includes retired models.",
        crate::present::number::plural(entries as u128, "entry", "entries")
    )
}

/// How a catalog entry picks epochs when a scenario does not say.
pub fn epochs_rule_text(rule: Option<crate::catalog::EpochsRule>) -> String {
    use crate::catalog::EpochsRule;
    match rule {
        Some(EpochsRule::OpenAiAuto) => {
            "OpenAI's automatic rule (3; more for under 34 examples, fewer above 8,333)".into()
        }
        Some(EpochsRule::Fixed(n)) => format!("{n} by default"),
        None => "chosen by the provider by an unpublished rule: give epochs in the scenario".into(),
    }
}

pub fn status_text(status: crate::catalog::Status, on: crate::date::Date) -> String {
    use crate::catalog::Status;
    let retires = |r: Option<crate::date::Date>| {
        r.map(|r| {
            let days = on.days_until(r);
            format!(
                "retires {r} in {}",
                crate::present::number::plural(u128::try_from(days).unwrap_or(0), "day", "days")
            )
        })
    };
    match status {
        Status::NotTunable => "not tunable (a prompting baseline)".into(),
        Status::Active => "active".into(),
        Status::Closing {
            training_closes,
            retires: r,
        } => [
            training_closes.map(|c| format!("training closes {c}")),
            retires(r),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("; "),
        Status::TrainingClosed { closed, retires: r } => {
            let mut t = format!("no new training since {closed}");
            if let Some(r) = retires(r) {
                t.push_str(&format!("; {r}"));
            }
            t
        }
        Status::Retired(d) => format!("retired {d}"),
    }
}

/// How a range was read: `training.cost = "300 to 900": lognormal, 5th percentile 300 and 95th
/// 900, median 519.62`.
pub fn range_reading(u: &crate::scenario::uncertain::UncertainInput) -> String {
    use crate::scenario::uncertain::Dist;
    let show = |d: Decimal| {
        if u.percent {
            percent(d)
        } else {
            crate::present::number::rate(d)
        }
    };
    let median = if u.percent {
        percent(u.dist.median())
    } else {
        crate::present::number::significant(u.dist.median(), 6)
    };
    let read = match u.dist {
        Dist::Range { low, high } => format!(
            "lognormal with {} and {} as its 5th and 95th percentiles",
            show(low),
            show(high)
        ),
        Dist::Uniform { low, high } => format!("uniform from {} to {}", show(low), show(high)),
        Dist::Normal { mean, sd } => format!(
            "normal with mean {} and standard deviation {}",
            show(mean),
            show(sd)
        ),
        Dist::Triangular { low, mode, high } => format!(
            "triangular from {} to {}, most likely {}",
            show(low),
            show(high),
            show(mode)
        ),
        Dist::Pert { low, mode, high } => format!(
            "PERT from {} to {}, most likely {}",
            show(low),
            show(high),
            show(mode)
        ),
    };
    let mut text = format!(
        "{} ({}): {read}; median {median}",
        key_label(u.key),
        u.key.name()
    );
    // Only a normal reaches past an input's bound (a range that could was refused).
    if let (Dist::Normal { .. }, Some(floor)) = (u.dist, u.floor) {
        text.push_str(&format!(
            "; draws below {} count as {}",
            show(floor),
            show(floor)
        ));
    }
    text
}

/// One input's part in the uncertainty: "calls per month: 59.4 % of the variance (more calls,
/// sooner payback)".
pub fn driver_text(d: &crate::analysis::montecarlo::Driver, of_payback: bool) -> String {
    let direction = match (of_payback, d.rank_correlation >= 0.0) {
        (true, true) => "higher means later payback",
        (true, false) => "higher means sooner payback",
        (false, true) => "higher means more net savings",
        (false, false) => "higher means less net savings",
    };
    format!(
        "{}: {} of the variance ({direction}; rank correlation {})",
        key_label(d.key),
        crate::present::number::share(d.share_of_variance),
        crate::present::number::estimate(d.rank_correlation)
    )
}

/// The uncertainty in one sentence: "56.3 % chance to pay back within the 12-month target;
/// 73 % of the uncertainty comes from calls per month".
pub fn uncertainty_sentence(case: &Case) -> Option<String> {
    use crate::present::number::chance;
    let u = case.uncertainty.as_ref()?;
    let mut text = format!(
        "{} chance to pay back within {}",
        chance(u.p_payback_within_target),
        window_name(&case.eval.window)
    );
    if let Some(d) = u.main_driver() {
        text.push_str(&format!(
            "; {} of the uncertainty comes from {}",
            chance(d.share_of_variance),
            key_label(d.key)
        ));
    }
    Some(text)
}

/// What the samples say beyond the headline, for a report: "80 % is needed to tune. In 90 % of
/// samples payback takes 7.09 to 30 months and net savings at 24 months are -$102 to $853;
/// they are above 0 in 85.7 %."
pub fn uncertainty_details(case: &Case) -> Option<String> {
    use crate::present::figures::{money_range, months_range};
    let u = case.uncertainty.as_ref()?;
    let s = &case.scenario;
    Some(format!(
        "{} is needed to tune. In 90 % of samples payback takes {} and net savings at {} months are {}; they are above 0 in {} of samples.",
        percent(s.decision.confidence),
        months_range(&u.payback_months),
        s.decision.horizon_months,
        money_range(&u.net_savings_at_horizon, &s.currency),
        crate::present::number::chance(u.p_net_positive)
    ))
}

/// "measured from data/train.jsonl (openai format): 1,000 examples, mean 612.4 tokens per
/// example (exact, o200k_base)".
pub fn dataset_measured(m: &crate::scenario::resolve::Measured) -> String {
    format!(
        "measured from {} ({} format): {}, mean {} tokens per example ({})",
        m.path,
        m.dialect,
        crate::present::number::plural(u128::from(m.examples), "example", "examples"),
        crate::present::number::quantity(m.mean_tokens),
        m.encoding
            .map_or("estimated: characters / 4".to_string(), |e| format!(
                "exact, {e}"
            ))
    )
}

/// A sweep point that cannot be computed, blamed on the `--vary` values that asked for it:
/// "--vary calls_per_month=1..7e28: at 70000000000000000000000000000 the totals … are too
/// large to compute exactly; give a smaller range".
pub fn sweep_too_large(vary: &[String], values: &[rust_decimal::Decimal], why: &str) -> String {
    let asked: Vec<String> = vary
        .iter()
        .map(|v| format!("--vary {}", super::text::safe(v)))
        .collect();
    let at: Vec<String> = values.iter().map(|v| v.normalize().to_string()).collect();
    format!(
        "{}: at {} {why}; give a smaller range",
        asked.join(" "),
        at.join(", ")
    )
}
