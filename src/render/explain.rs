//! `tunecalc explain`: the worked arithmetic, step by step, with the real numbers in it.
//!
//! Every figure printed here comes from the evaluation; the formulas only show how it was
//! reached, so a reader can redo each step on paper. Nothing is computed here.

use rust_decimal::Decimal;
use std::fmt::Write;

use crate::engine::{Case, Reason, Verdict};
use crate::present::inputs::exact;
use crate::present::number::{
    amount_of, count, equals, figure, fixed, money, months, months_phrase, operand, percent,
    plural, quantity, rate,
};
use crate::present::text::safe;
use crate::present::words::{
    reasons, verdict_label, warnings, window_why, CONSISTENCY, CONSISTENCY_HINT,
};
use crate::scenario::{CallPrice, Hosting, Side, TrainingPrice, MAX_MONTHS};

/// The worked arithmetic of every case, one after another.
pub fn render_all(cases: &[Case]) -> String {
    cases.iter().map(render).collect::<Vec<_>>().join("\n\n")
}

/// Sentences are wrapped at this many characters.
const WIDTH: usize = 96;

/// The worked arithmetic, the verdict, and what would have to change.
pub fn render(case: &Case) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_all(&mut out, case);
    let _ = write_solutions(&mut out, case);
    fold_long_lines(&out)
}

/// The worked arithmetic and the verdict only (reports show what would have to change in a
/// section of their own).
pub fn arithmetic(case: &Case) -> String {
    let mut out = String::new();
    let _ = write_all(&mut out, case);
    fold_long_lines(&out)
}

/// Lines longer than [`WIDTH`] (a long formula, a file name) folded at spaces; the rest of a
/// folded line is indented two more than its start, so it reads as a continuation.
fn fold_long_lines(text: &str) -> String {
    use crate::present::text::{width, wrap};
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        if width(body) <= WIDTH {
            out.push_str(line);
            continue;
        }
        let lead = body.len() - body.trim_start().len();
        let indent = &body[..lead];
        let pieces = wrap(body.trim_start(), WIDTH.saturating_sub(lead + 2).max(20));
        for (i, piece) in pieces.iter().enumerate() {
            out.push_str(indent);
            if i > 0 {
                out.push_str("  ");
            }
            out.push_str(piece);
            out.push('\n');
        }
        if !line.ends_with('\n') {
            out.pop();
        }
    }
    out
}

/// Writes `text` wrapped at `width` columns: the first line starts with `first`, the
/// others are indented to line up under its text (a number keeps its unit).
fn wrapped(o: &mut String, first: &str, text: &str, width: usize) -> std::fmt::Result {
    o.push_str(&crate::present::text::hanging(first, text, width));
    Ok(())
}

fn write_all(o: &mut String, case: &Case) -> std::fmt::Result {
    let s = &case.scenario;
    let e = &case.eval;
    let i = &s.inputs;
    let cur = s.currency.as_str();
    let m = |d: Decimal| money(d, cur);
    writeln!(o, "{}", s.name)?;
    writeln!(o, "{}", "=".repeat(s.name.chars().count()))?;
    writeln!(o, "File: {}", safe(&s.file.display().to_string()))?;
    if let Some(d) = &s.description {
        writeln!(o, "{d}")?;
    }
    for line in sources(case) {
        o.push_str(&crate::present::text::hanging("", &line, WIDTH));
    }
    if let Some(m) = &s.dataset {
        let line = crate::present::words::dataset_measured(m);
        wrapped(
            o,
            "",
            &format!("Examples and tokens {}.", safe(&line)),
            WIDTH,
        )?;
    }
    if !s.uncertain.is_empty() {
        writeln!(
            o,
            "Ranges (the figures in steps 1 to 6 use each range's median):"
        )?;
        for u in &s.uncertain {
            wrapped(o, "  - ", &crate::present::words::range_reading(u), WIDTH)?;
        }
        for c in &s.correlations {
            wrapped(
                o,
                "  - ",
                &format!(
                    "{} and {} move together: rank correlation {}",
                    crate::present::words::key_label(c.a),
                    crate::present::words::key_label(c.b),
                    c.rank_correlation.normalize()
                ),
                WIDTH,
            )?;
        }
    }

    // 1. Up-front cost.
    writeln!(o, "\n1. What tuning costs up front")?;
    let t = &i.training;
    match &t.price {
        TrainingPrice::Total(c) => writeln!(o, "   One tuning job is priced at {}.", m(*c))?,
        TrainingPrice::PerExample(per) => writeln!(
            o,
            "   {} examples × {} per example = {}",
            quantity(t.examples),
            rate(*per),
            m(e.training_cost_before_minimum)
        )?,
        TrainingPrice::PerToken {
            price_per_1m_tokens,
            tokens_per_example,
            epochs,
        } => {
            let why = match epochs.rule {
                None => String::new(),
                Some(_) => format!(
                    " (epochs not given: {} is the provider's automatic choice for {})",
                    epochs.count,
                    plural(
                        t.examples.round().try_into().unwrap_or(0),
                        "example",
                        "examples"
                    )
                ),
            };
            let tokens = e.training_tokens.unwrap_or_default();
            match &case.scenario.dataset {
                // Measured: the file's own total, so the product is exact as shown.
                Some(d) => writeln!(
                    o,
                    "   {} tokens in {} ({} examples, {} on average) × {} = {} training tokens{why}",
                    count(u128::from(d.total_tokens)),
                    d.path,
                    quantity(t.examples),
                    quantity(*tokens_per_example),
                    plural(u128::from(epochs.count), "epoch", "epochs"),
                    quantity(tokens)
                )?,
                None => writeln!(
                    o,
                    "   {} examples × {} tokens × {} = {} training tokens{why}",
                    quantity(t.examples),
                    quantity(*tokens_per_example),
                    plural(u128::from(epochs.count), "epoch", "epochs"),
                    quantity(tokens)
                )?,
            }
            writeln!(
                o,
                "   {} / 1,000,000 × {} per 1M tokens = {}",
                quantity(tokens),
                rate(*price_per_1m_tokens),
                m(e.training_cost_before_minimum)
            )?;
        }
    }
    if let Some(min) = t.minimum_charge {
        writeln!(
            o,
            "   The provider's minimum charge is {}: max({}, {}) = {} a job",
            m(min),
            figure(e.training_cost_before_minimum),
            rate(min),
            m(e.training_cost)
        )?;
    }
    let runs = if t.runs > 1 {
        format!(" × {} runs", t.runs)
    } else {
        String::new()
    };
    if t.setup_cost.is_zero() && t.runs == 1 {
        writeln!(
            o,
            "   No setup cost, so the up-front cost is {}.",
            m(e.upfront_cost)
        )?;
    } else {
        writeln!(
            o,
            "   Up-front = training {}{runs} + setup {} = {}",
            figure(e.training_cost),
            rate(t.setup_cost),
            m(e.upfront_cost)
        )?;
    }
    if let Some(r) = t.retrain_every_months {
        writeln!(
            o,
            "   The model is retrained every {}, paying {} again each time.",
            plural(u128::from(r), "month", "months"),
            m(e.training_cost)
        )?;
    }

    // 2. Per call.
    writeln!(o, "\n2. What one call costs")?;
    for side in [Side::Prompting, Side::Tuned] {
        call_line(o, case, side)?;
    }
    if let (Some((p, tu)), Some(saved)) = (e.tokens_per_call, e.tokens_saved_per_call) {
        writeln!(
            o,
            "   Tokens saved per call: {} − {} = {}",
            quantity(p),
            operand(tu),
            quantity(saved)
        )?;
    }
    writeln!(
        o,
        "   Savings per call: {} − {} = {}",
        figure(e.prompting_cost_per_call),
        operand(e.tuned_cost_per_call),
        m(e.savings_per_call)
    )?;

    // 3. Per month.
    writeln!(o, "\n3. What a month saves")?;
    let calls = e.calls_in_month_1;
    let hosting = match &i.hosting {
        Hosting::PerHour {
            per_hour,
            hours_per_month,
        } => {
            writeln!(
                o,
                "   Hosting the tuned model: {} an hour × {} hours = {} a month",
                exact(*per_hour, cur),
                amount_of(*hours_per_month),
                m(e.hosting_per_month)
            )?;
            true
        }
        Hosting::PerMonth(h) => {
            writeln!(o, "   Hosting the tuned model: {} a month", m(*h))?;
            true
        }
        Hosting::None => false,
    };
    // Every fixed monthly cost on its own line; the month's savings subtract what tuning adds
    // (hosting, storage, a tuned cache) and add what it removes (the prompt's cache).
    let mut fixed_terms: Vec<String> = Vec::new();
    if hosting {
        fixed_terms.push(format!("− {} hosting", operand(e.hosting_per_month)));
    }
    if !e.storage_per_month.is_zero() {
        writeln!(
            o,
            "   Storing the tuned model: {} a month",
            m(e.storage_per_month)
        )?;
        fixed_terms.push(format!("− {} storage", operand(e.storage_per_month)));
    }
    for (side, amount, terms) in [
        (
            Side::Prompting,
            e.cache_storage_per_month.0,
            &e.token_terms.0,
        ),
        (Side::Tuned, e.cache_storage_per_month.1, &e.token_terms.1),
    ] {
        let Some(t) = terms.as_ref().filter(|_| !amount.is_zero()) else {
            continue;
        };
        writeln!(
            o,
            "   Keeping the {} side's prompt cache: {} cached tokens × {} per 1M an hour × {} hours / 1,000,000 = {} a month",
            side.table(),
            amount_of(t.cached_input_tokens),
            rate(t.cache_storage_price),
            amount_of(t.cache_hours),
            m(amount)
        )?;
        fixed_terms.push(match side {
            Side::Prompting => format!("+ {} prompting cache", operand(amount)),
            Side::Tuned => format!("− {} tuned cache", operand(amount)),
        });
    }
    if let Some(cap) = i.usage.max_calls_per_month {
        writeln!(
            o,
            "   Volume stops growing at {} calls a month (max_calls_per_month).",
            amount_of(cap)
        )?;
    }
    let from_calls = match (
        fixed_terms.is_empty(),
        e.call_savings_per_month > Decimal::ZERO,
    ) {
        (true, _) => "",
        (false, true) => " from cheaper calls",
        (false, false) => " from the calls",
    };
    match (&i.prompting, &i.tuned) {
        (CallPrice::Per1kCalls(p), CallPrice::Per1kCalls(tu)) => writeln!(
            o,
            "   ({} − {}) × ({} / 1000) = {} a month{from_calls}",
            rate(*p),
            rate(*tu),
            amount_of(calls),
            m(e.call_savings_per_month),
        )?,
        _ => writeln!(
            o,
            "   ({} − {}) × {} calls = {} a month{from_calls}",
            figure(e.prompting_cost_per_call),
            operand(e.tuned_cost_per_call),
            amount_of(calls),
            m(e.call_savings_per_month),
        )?,
    }
    let closed = e.reasons.iter().find_map(|r| match r {
        Reason::TrainingClosed { date } => Some(*date),
        _ => None,
    });
    let retires = s.models.tuned.as_ref().and_then(|t| t.retirement_date);
    // A month served in full, unless no job can run (the line below says so).
    if !fixed_terms.is_empty() && closed.is_none() {
        writeln!(
            o,
            "   {} {} = {} a month",
            figure(e.call_savings_per_month),
            fixed_terms.join(" "),
            m(e.savings_per_full_month)
        )?;
    }
    match (closed, retires) {
        (Some(date), _) => writeln!(
            o,
            "   But no tuned model can be trained (no new jobs after {date}): month 1 saves {}.",
            m(e.savings_per_month)
        )?,
        (None, Some(date)) if e.months_saving < Decimal::ONE => writeln!(
            o,
            "   The tuned model serves only {} of month 1 (it retires on {date}): month 1 saves {}; prompting costs {}, the tuned model {}.",
            months_phrase(e.months_saving),
            m(e.savings_per_month),
            m(e.prompting_cost_per_month),
            m(e.tuned_cost_per_month)
        )?,
        _ => writeln!(
            o,
            "   (Prompting costs {} a month, the tuned model {}.)",
            m(e.prompting_cost_per_month),
            m(e.tuned_cost_per_month)
        )?,
    }
    for (month, p) in e.flows.changes() {
        let saved = p.savings_per_call().unwrap_or_default();
        let mut line = format!(
            "   From month {month}: prompting {} a call, tuned {} a call, {} saved a call",
            m(p.prompting_per_call),
            m(p.tuned_per_call),
            m(saved)
        );
        if !p.tuned_fixed.is_zero() || !p.prompting_fixed.is_zero() {
            line.push_str(&format!(
                "; fixed costs {} tuned, {} prompting a month",
                m(p.tuned_fixed),
                m(p.prompting_fixed)
            ));
        }
        writeln!(o, "{line}.")?;
    }
    let growth = i.usage.monthly_growth;
    let growing = !growth.is_zero();
    if growing {
        writeln!(
            o,
            "   Volume changes {} a month, compounding: month m has {} × {}^(m − 1) calls{}.",
            percent(growth),
            amount_of(i.usage.calls_per_month),
            amount_of(Decimal::ONE + growth),
            if i.usage.max_calls_per_month.is_some() {
                ", up to the cap"
            } else {
                ""
            }
        )?;
    }

    // 4. Payback.
    writeln!(o, "\n4. When tuning pays back")?;
    match &e.crossing {
        _ if closed.is_some() => writeln!(
            o,
            "   Never: the job cannot be run, so nothing is saved to pay it back."
        )?,
        Some(x) if x.month == 0 => {
            writeln!(o, "   Nothing is paid up front, so tuning pays back at once.")?
        }
        Some(x) => {
            let up = x.months.ceil();
            let retires_first = e.reasons.iter().find_map(|r| match r {
                Reason::RetiresBeforePayback {
                    date, months_left, ..
                } => Some((*date, *months_left)),
                Reason::RetiredBeforeStart { date } => Some((*date, Decimal::ZERO)),
                _ => None,
            });
            // A crossing after the tuned model retires is what would happen if it kept serving;
            // the line after the arithmetic says it does not.
            if retires_first.is_some() {
                writeln!(o, "   If the tuned model kept serving:")?;
            }
            if x.steady {
                let (a, b) = (figure(e.upfront_cost), operand(x.month_savings));
                let eq = equals(&[(a.clone(), e.upfront_cost), (b.clone(), x.month_savings)]);
                writeln!(
                    o,
                    "   {a} / {b} {eq} {} → {}",
                    fixed(x.months, 2),
                    months_phrase(up)
                )?;
            } else {
                let whole = Decimal::from(x.month - 1);
                writeln!(
                    o,
                    "   Savings so far reach {} during month {}: after {} they are {}, and month {} saves {}.",
                    m(e.upfront_cost),
                    x.month,
                    months_phrase(whole),
                    m(x.saved_before),
                    x.month,
                    m(x.month_savings)
                )?;
                let (a, b, c) = (
                    figure(e.upfront_cost),
                    operand(x.saved_before),
                    figure(x.month_savings),
                );
                let eq = equals(&[
                    (a.clone(), e.upfront_cost),
                    (b.clone(), x.saved_before),
                    (c.clone(), x.month_savings),
                ]);
                writeln!(
                    o,
                    "   {} + ({a} − {b}) / {c} {eq} {} → {}",
                    amount_of(whole),
                    fixed(x.months, 2),
                    months_phrase(up)
                )?;
            }
            match e.break_even_calls {
                Some(served)
                    if x.steady
                        && e.extra_fixed_per_month.is_zero()
                        && e.savings_per_call > Decimal::ZERO =>
                {
                    let (a, b) = (figure(e.upfront_cost), figure(e.savings_per_call));
                    let eq = equals(&[(a.clone(), e.upfront_cost), (b.clone(), e.savings_per_call)]);
                    writeln!(
                        o,
                        "   Break-even volume: {a} / {b} saved per call {eq} {} calls",
                        count(served)
                    )?
                }
                Some(served) => writeln!(o, "   Calls served until then: {}", count(served))?,
                None => {}
            }
            if let Some((date, _)) = retires_first.filter(|(_, left)| left.is_zero()) {
                writeln!(
                    o,
                    "   But the tuned model stops serving on {date}, before month 1 begins: it saves nothing."
                )?;
            } else if let Some((date, left)) = retires_first {
                writeln!(
                    o,
                    "   But the tuned model retires on {date}, {} in: savings stop before they cover the cost.",
                    months_phrase(left)
                )?;
            } else if let (Some(r), None) = (t.retrain_every_months, e.payback_months) {
                writeln!(
                    o,
                    "   But the model is retrained every {}, so each job must pay back within {r}: it does not.",
                    plural(u128::from(r), "month", "months"),
                )?;
            }
        }
        None if e.savings_per_call <= Decimal::ZERO => writeln!(
            o,
            "   A tuned call is not cheaper ({} vs {}), so monthly savings never turn positive: no payback.",
            m(e.tuned_cost_per_call),
            m(e.prompting_cost_per_call)
        )?,
        None if e.savings_per_month <= Decimal::ZERO && e.flows.n_changes == 0 && !growing => {
            writeln!(
                o,
                "   Every month tuning costs {} more than prompting: no payback.",
                m(-e.savings_per_month)
            )?
        }
        None => writeln!(
            o,
            "   Cumulative savings never reach {} within {} months: no payback.",
            m(e.upfront_cost),
            count(u128::from(MAX_MONTHS))
        )?,
    }

    // 5. Volume for the target.
    let w = &e.window;
    writeln!(
        o,
        "\n5. Volume needed to pay back within {}",
        months_phrase(w.months)
    )?;
    if let Some(why) = window_why(w) {
        writeln!(o, "   ({why})")?;
    }
    match e.calls_per_month_for_target {
        Some(0) if e.extra_fixed_per_month < Decimal::ZERO => {
            writeln!(
                o,
                "   No calls are needed: the fixed monthly costs tuning removes ({} a month) cover {} within {} on their own.",
                m(-e.extra_fixed_per_month),
                m(e.upfront_cost),
                months_phrase(w.months)
            )?;
            if e.savings_per_call < Decimal::ZERO {
                writeln!(
                    o,
                    "   But each tuned call costs more, so every call delays the payback (\"What would have to change\" gives the most calls that still pay back in time)."
                )?;
            }
        }
        Some(n) if growing => writeln!(
            o,
            "   With volume changing {} a month, the least month-1 volume whose savings cover {} within {}: {} calls a month",
            percent(growth),
            m(e.upfront_cost),
            months_phrase(w.months),
            count(n)
        )?,
        Some(n) if e.flows.n_changes > 0 => writeln!(
            o,
            "   With the dated price changes, the least month-1 volume whose savings cover {} within {}: {} calls a month",
            m(e.upfront_cost),
            months_phrase(w.months),
            count(n)
        )?,
        Some(n) => {
            let (a, b, c) = (
                figure(e.upfront_cost),
                months(w.months),
                figure(e.savings_per_call),
            );
            let mut operands = vec![
                (a.clone(), e.upfront_cost),
                (b.clone(), w.months),
                (c.clone(), e.savings_per_call),
            ];
            let fixed = e.extra_fixed_per_month;
            let formula = if fixed.is_zero() {
                format!("{a} / {b} / {c}")
            } else {
                // What a month's calls must also cover: the fixed costs tuning adds (or, when
                // it removes more than it adds, less).
                let shown = figure(fixed.abs());
                operands.push((shown.clone(), fixed.abs()));
                let what = if fixed == e.hosting_per_month {
                    format!("+ {shown} hosting")
                } else if fixed > Decimal::ZERO {
                    format!("+ {shown} fixed costs")
                } else {
                    format!("− {shown} fixed costs removed")
                };
                format!("({a} / {b} {what}) / {c}")
            };
            writeln!(
                o,
                "   {formula} per call {} {} calls a month",
                equals(&operands),
                count(n)
            )?
        }
        None if closed.is_some() => writeln!(
            o,
            "   No volume is enough: the provider takes no new tuning jobs after {}.",
            closed.map(|d| d.to_string()).unwrap_or_default()
        )?,
        None if w.months <= Decimal::ZERO => writeln!(
            o,
            "   No volume is enough: the tuned model stops serving before month 1 begins."
        )?,
        None if e.savings_per_call <= Decimal::ZERO && e.flows.n_changes == 0 => writeln!(
            o,
            "   No volume is enough: each tuned call costs at least as much as a prompted one."
        )?,
        None if e.flows.n_changes > 0 => writeln!(
            o,
            "   No volume is enough: at these prices, month by month, no number of calls pays back within {}.",
            months_phrase(w.months)
        )?,
        None => writeln!(
            o,
            "   No volume is enough: even the most calls the scenario allows do not pay back in time."
        )?,
    }
    writeln!(
        o,
        "   The scenario has {} calls a month (month 1).",
        amount_of(calls)
    )?;

    // 6. Horizon.
    let h = e.horizon_months;
    let horizon = plural(u128::from(h), "month", "months");
    writeln!(o, "\n6. Over the {h}-month horizon")?;
    if e.months_saving < Decimal::from(h) {
        writeln!(
            o,
            "   Tuning saves only while the tuned model serves: {} of the {h} months.",
            months(e.months_saving)
        )?;
    }
    if !growing && e.flows.n_changes == 0 && e.months_saving == Decimal::from(h) {
        let a = operand(e.savings_per_month);
        let eq = equals(&[(a.clone(), e.savings_per_month)]);
        writeln!(
            o,
            "   Savings: {horizon} × {a} {eq} {}",
            m(e.savings_over_horizon)
        )?;
    } else {
        writeln!(
            o,
            "   Savings, month by month, add up to {}",
            m(e.savings_over_horizon)
        )?;
    }
    if e.retrains_in_horizon > 0 {
        writeln!(
            o,
            "   {} − {} up front − {} × {} = {}",
            figure(e.savings_over_horizon),
            figure(e.upfront_cost),
            plural(
                u128::from(e.retrains_in_horizon),
                "retraining job",
                "retraining jobs"
            ),
            figure(e.training_cost),
            m(e.net_savings_at_horizon)
        )?;
    } else {
        writeln!(
            o,
            "   {} − {} up front = {}",
            figure(e.savings_over_horizon),
            figure(e.upfront_cost),
            m(e.net_savings_at_horizon)
        )?;
    }

    // 7. With ranges: what the samples say.
    let verdict_step = if let Some(u) = &case.uncertainty {
        write_uncertainty(o, case, u)?;
        8
    } else {
        7
    };

    // 7 (or 8). Verdict.
    writeln!(o, "\n{verdict_step}. Verdict: {}", verdict_label(e.verdict))?;
    if e.cost_verdict != e.verdict {
        writeln!(o, "   On cost alone: {}", verdict_label(e.cost_verdict))?;
    }
    for r in reasons(case) {
        wrapped(o, "   • ", &r, WIDTH)?;
    }
    for w in warnings(case) {
        wrapped(o, "   warning: ", &w, WIDTH)?;
    }
    if e.verdict == Verdict::TuneForConsistency {
        writeln!(o)?;
        wrapped(
            o,
            "   ",
            &format!("The hidden advantage: {CONSISTENCY}."),
            WIDTH,
        )?;
    } else if e.cost_verdict == Verdict::StayWithPrompting
        && !s.decision.needs_consistency
        && closed.is_none()
    {
        writeln!(o)?;
        let mut hint = CONSISTENCY_HINT.to_string();
        if let Some(first) = hint.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        wrapped(o, "   ", &format!("{hint}."), WIDTH)?;
    }
    Ok(())
}

/// "What would have to change": each input's break-even value, then those no value of alone
/// will do.
fn write_solutions(o: &mut String, case: &Case) -> std::fmt::Result {
    let Some(said) = crate::present::solve::said(case) else {
        return Ok(());
    };
    writeln!(o, "\nWhat would have to change")?;
    wrapped(o, "   ", &format!("{}:", said.heading), WIDTH)?;
    for (input, condition) in &said.holds {
        wrapped(o, "   • ", &format!("{input} {condition}"), WIDTH)?;
    }
    for sentence in said.alone_sentence().into_iter().chain(said.any_sentence()) {
        wrapped(o, "   ", &sentence, WIDTH)?;
    }
    Ok(())
}

/// Where the prices came from: each catalog entry used, when it was checked, and which inputs
/// it gave; its dates.
fn sources(case: &Case) -> Vec<String> {
    let s = &case.scenario;
    let mut out = Vec::new();
    let mut entries: Vec<&crate::catalog::Entry> = s
        .models
        .tuned
        .iter()
        .chain(s.models.prompting.iter())
        .collect();
    entries.dedup_by(|a, b| a.id == b.id);
    for e in entries {
        let fields: Vec<&str> = s
            .sources
            .iter()
            .filter(|(_, src)| src.entry == e.id)
            .map(|(field, _)| field.as_str())
            .collect();
        let mut line = format!(
            "Prices from the catalog: {} (checked {}, {} source: {})",
            e.id,
            e.checked,
            e.evidence.name(),
            e.source
        );
        if !fields.is_empty() {
            line.push_str(&format!("; it gives {}", fields.join(", ")));
        }
        out.push(line);
    }
    if let Some(e) = &s.models.tuned {
        if let Some(closes) = e.training_closes {
            out.push(format!("{} takes no new tuning jobs after {closes}.", e.id));
        }
        if let Some(retires) = e.retirement_date {
            out.push(format!(
                "{}'s tuned models stop serving on {retires}.",
                e.id
            ));
        }
    }
    if !out.is_empty() {
        out.push(format!("Month 1 starts on {}.", s.start));
    }
    // Dated price changes, grouped by the month they apply from.
    let mut months: Vec<u32> = s.schedule.changes.iter().map(|(m, _, _)| *m).collect();
    months.dedup();
    for m in months {
        let what: Vec<String> = s
            .schedule
            .changes
            .iter()
            .filter(|(month, _, _)| *month == m)
            .map(|(_, key, value)| format!("{} {}", key.name(), rate(*value)))
            .collect();
        out.push(format!(
            "From month {m} ({}) the catalog's prices change: {}.",
            s.start.add_months(i64::from(m) - 1),
            what.join(", ")
        ));
    }
    out
}

/// Step 7 of a scenario with ranges: the samples' chance, spreads and drivers.
fn write_uncertainty(
    o: &mut String,
    case: &Case,
    u: &crate::analysis::montecarlo::Uncertainty,
) -> std::fmt::Result {
    use crate::present::number::{chance, estimate, money_estimate};
    let s = &case.scenario;
    let cur = s.currency.as_str();
    writeln!(
        o,
        "\n7. What the ranges mean ({} samples, seed {})",
        count(u128::from(u.samples)),
        u.seed
    )?;
    wrapped(
        o,
        "   ",
        &format!(
            "Chance to pay back within {}: {} ({} needed to tune).",
            crate::present::words::window_name(&case.eval.window),
            chance(u.p_payback_within_target),
            percent(s.decision.confidence)
        ),
        WIDTH,
    )?;
    let p = &u.payback_months;
    let m = |v: Option<f64>| v.map_or_else(|| crate::present::words::NEVER.to_string(), estimate);
    wrapped(
        o,
        "   ",
        &format!(
            "Payback, months: 5th percentile {}, 25th {}, median {}, 75th {}, 95th {}; never in {} of samples.",
            m(p.p5),
            m(p.p25),
            m(p.p50),
            m(p.p75),
            m(p.p95),
            chance(u.p_never)
        ),
        WIDTH,
    )?;
    let n = &u.net_savings_at_horizon;
    let money = |v: Option<f64>| v.map_or("—".to_string(), |x| money_estimate(x, cur));
    wrapped(
        o,
        "   ",
        &format!(
            "Net savings at {} months: 5th percentile {}, median {}, 95th percentile {}; above 0 in {} of samples.",
            s.decision.horizon_months,
            money(n.p5),
            money(n.p50),
            money(n.p95),
            chance(u.p_net_positive)
        ),
        WIDTH,
    )?;
    if let Some(drivers) = &u.sensitivity {
        let of_payback =
            u.measured == crate::analysis::montecarlo::summary::Measured::PaybackMonths;
        writeln!(
            o,
            "   What drives it (rank correlation with {}, squared, as shares):",
            if of_payback { "payback" } else { "net savings" }
        )?;
        for d in drivers {
            wrapped(
                o,
                "     - ",
                &crate::present::words::driver_text(d, of_payback),
                WIDTH,
            )?;
        }
        if !s.correlations.is_empty() {
            wrapped(
                o,
                "   ",
                "(Inputs that move together share the credit: each one's correlation includes its partner's effect.)",
                WIDTH,
            )?;
        }
    }
    Ok(())
}

/// One side's call price, with the arithmetic.
fn call_line(o: &mut String, case: &Case, side: Side) -> std::fmt::Result {
    let i = &case.scenario.inputs;
    let e = &case.eval;
    let cur = case.scenario.currency.as_str();
    let (label, per_call, terms) = match side {
        Side::Prompting => ("Prompting", e.prompting_cost_per_call, e.token_terms.0),
        Side::Tuned => ("Tuned", e.tuned_cost_per_call, e.token_terms.1),
    };
    match i.side(side) {
        CallPrice::Per1kCalls(p) => writeln!(
            o,
            "   {label}: {} / 1000 = {} a call",
            rate(*p),
            money(per_call, cur)
        ),
        CallPrice::Tokens(written) => {
            let Some(t) = terms else {
                return Ok(());
            };
            if t.cached_input_tokens.is_zero() {
                writeln!(
                    o,
                    "   {label}: ({} × {} + {} × {}) / 1,000,000 = {} a call",
                    amount_of(t.input_tokens),
                    rate(t.input_price),
                    amount_of(t.output_tokens),
                    rate(t.output_price),
                    money(per_call, cur)
                )?;
            } else {
                writeln!(
                    o,
                    "   {label}: ({} uncached × {} + {} cached × {} + {} × {}) / 1,000,000 = {} a call",
                    amount_of(t.uncached_input_tokens),
                    rate(t.input_price),
                    amount_of(t.cached_input_tokens),
                    rate(t.cached_input_price),
                    amount_of(t.output_tokens),
                    rate(t.output_price),
                    money(per_call, cur)
                )?;
            }
            let mut inherited = Vec::new();
            if side == Side::Tuned && matches!(i.prompting, CallPrice::Tokens(_)) {
                if written.output_tokens.is_none() {
                    inherited.push("output_tokens");
                }
                if written.input_price_per_1m_tokens.is_none() {
                    inherited.push("input_price_per_1m_tokens");
                }
                if written.output_price_per_1m_tokens.is_none() {
                    inherited.push("output_price_per_1m_tokens");
                }
            }
            if !inherited.is_empty() {
                writeln!(o, "      ({} taken from [prompting])", inherited.join(", "))?;
            }
            Ok(())
        }
    }
}
