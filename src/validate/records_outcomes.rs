//! A meeting's `outcomes.yaml` checked against its agenda and the actions open when it
//! started: every outcome of a recommendation the paper has, every action well formed and
//! new, every closed action open; the lints say what has no outcome yet.

use super::records::{IdRule, RecordsContext, action, finish, line_text, nearest_key, not_open};
use crate::diagnostic::{Diagnostic, Diagnostics, Kind, suggest};
use crate::domain::outcome::Decision;
use crate::load::{Loaded, OutcomesSource, RecommendationOutcomeSource};
use crate::model::cycle::{AgendaEntry, ItemOutcome, Outcomes, RecommendationOutcome};
use std::collections::BTreeSet;

/// Every problem of a meeting's outcomes, and what they say where it reads.
pub(crate) fn outcomes(loaded: &Loaded<OutcomesSource>, ctx: &RecordsContext, problems: &mut Diagnostics) -> Outcomes {
    let mut found = Diagnostics::default();
    let mut withheld: Vec<String> = Vec::new();
    let mut out = Outcomes::default();
    let mut seen = BTreeSet::new();
    let shown_keys = || ctx.entries.iter().filter(|e| !ctx.withholds(Some(e.classification))).map(|e| e.key.as_str());
    for (i, item) in loaded.value.outcomes.iter().enumerate() {
        let path = format!("outcomes[{i}]");
        let key = item.item.trim();
        let Some(entry) = ctx.entries.iter().find(|e| e.key == key) else {
            let message = format!("the agenda has no item `{key}`");
            found.push(
                loaded
                    .error_at(Kind::UnknownItem, &format!("{path}.item"), message)
                    .with_hint(nearest_key(key, shown_keys())),
            );
            // It may name a paper the edition withholds: told as withheld.
            withheld.push(path);
            continue;
        };
        if ctx.withholds(Some(entry.classification)) {
            withheld.push(path.clone());
        }
        if out.items.iter().any(|o: &ItemOutcome| o.key == key) {
            let message = format!("the outcomes of `{key}` are given twice");
            found.push(
                loaded
                    .error_at(Kind::UnknownItem, &format!("{path}.item"), message)
                    .with_hint("give each item's outcomes once"),
            );
        }
        let overall =
            item.outcome.as_deref().and_then(|word| decision(loaded, &format!("{path}.outcome"), word, &mut found));
        if overall == Some(Decision::Amended) {
            let message = "AMENDED needs the wording agreed, which is given per recommendation";
            found.push(
                loaded
                    .error_at(Kind::BadOutcome, &format!("{path}.outcome"), message)
                    .with_hint("write `recommendations: [{outcome: AMENDED, wording: …}]`"),
            );
        }
        let mut recommendations = vec![None; entry.recommendations.len()];
        if entry.reference.is_none() && !item.recommendations.is_empty() {
            let message = format!("`{key}` is an item without a paper: it has no recommendations");
            found.push(
                loaded
                    .error_at(Kind::NoSuchRecommendation, &format!("{path}.recommendations"), message)
                    .with_hint("give the item's `outcome`, and its `actions`"),
            );
        }
        for (j, given) in item.recommendations.iter().enumerate().filter(|_| entry.reference.is_some()) {
            let here = format!("{path}.recommendations[{j}]");
            let Some(rec) = entry.recommendations.get(j) else {
                found.push(no_such(loaded, &here, entry, j));
                withheld.push(here);
                continue;
            };
            if ctx.withholds(Some(rec.classification)) {
                withheld.push(here.clone());
            }
            let outcome = recommendation(loaded, &here, given, ctx, &mut found);
            for (k, src) in given.detail().map(|d| d.actions.as_slice()).unwrap_or_default().iter().enumerate() {
                let at = format!("{here}.actions[{k}]");
                let from = format!("{} ({})", entry.reference.as_deref().unwrap_or_default(), rec.number);
                let set =
                    action(loaded, &at, src, IdRule::SetHere, ctx, (rec.classification, from), &mut seen, &mut found);
                if ctx.withholds(set.as_ref().map(|a| a.classification)) {
                    withheld.push(at);
                }
                out.set.extend(set);
            }
            recommendations[j] = outcome;
        }
        for (k, src) in item.actions.iter().enumerate() {
            let at = format!("{path}.actions[{k}]");
            let from = entry.reference.clone().unwrap_or_else(|| format!("Item {}", entry.number));
            let set =
                action(loaded, &at, src, IdRule::SetHere, ctx, (entry.classification, from), &mut seen, &mut found);
            if ctx.withholds(set.as_ref().map(|a| a.classification)) {
                withheld.push(at);
            }
            out.set.extend(set);
        }
        missing(loaded, &path, entry, item.outcome.is_some(), &recommendations, &mut found);
        out.items.push(ItemOutcome { key: key.to_string(), overall, recommendations });
    }
    for (k, src) in loaded.value.actions.iter().enumerate() {
        let at = format!("actions[{k}]");
        let set = action(loaded, &at, src, IdRule::SetHere, ctx, (ctx.base, String::new()), &mut seen, &mut found);
        if ctx.withholds(set.as_ref().map(|a| a.classification)) {
            withheld.push(at);
        }
        out.set.extend(set);
    }
    for (k, id) in loaded.value.closes.iter().enumerate() {
        let at = format!("closes[{k}]");
        let open = ctx.open_action(id);
        if ctx.withholds(open.map(|a| a.classification)) {
            withheld.push(at.clone());
        }
        match open {
            None => found.push(not_open(loaded, &at, id.trim(), "the meeting closes")),
            Some(open) if out.closed.iter().any(|c| c.id == open.id) => {
                let message = format!("`{}` is closed twice", open.id);
                found.push(loaded.error_at(Kind::NotOpen, &at, message).with_hint("list it once"));
            }
            Some(open) => out.closed.push(open.clone()),
        }
    }
    // A paper the outcomes say nothing of, once they are written at all.
    for entry in ctx.entries.iter().filter(|e| e.reference.is_some()) {
        if !out.items.iter().any(|o| o.key == entry.key) && !ctx.withholds(Some(entry.classification)) {
            let message = format!(
                "no outcome is recorded for {} (`{}`)",
                entry.reference.as_deref().unwrap_or_default(),
                entry.key
            );
            found.push(warning(loaded, "outcomes", message));
        }
    }
    finish(found, &withheld, ctx, problems);
    out
}

/// An outcome word, or a problem suggesting the nearest.
fn decision<T>(loaded: &Loaded<T>, path: &str, word: &str, problems: &mut Diagnostics) -> Option<Decision> {
    let parsed = Decision::parse(word);
    if parsed.is_none() {
        let hint = match suggest(word, Decision::names()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("use one of: {}", Decision::names().collect::<Vec<_>>().join(", ")),
        };
        problems.push(
            loaded.error_at(Kind::BadOutcome, path, format!("`{}` is not an outcome", word.trim())).with_hint(hint),
        );
    }
    parsed
}

/// One recommendation's outcome, with its wording (for AMENDED, and only then) and note.
fn recommendation(
    loaded: &Loaded<OutcomesSource>,
    path: &str,
    given: &RecommendationOutcomeSource,
    ctx: &RecordsContext,
    problems: &mut Diagnostics,
) -> Option<RecommendationOutcome> {
    let field = if given.detail().is_some() { format!("{path}.outcome") } else { path.to_string() };
    let decision = decision(loaded, &field, given.outcome(), problems)?;
    let detail = given.detail();
    let wording = detail.and_then(|d| d.wording.clone());
    let note = detail.and_then(|d| d.note.clone());
    match (&wording, decision) {
        (None, Decision::Amended) => {
            let message = "AMENDED needs the wording agreed";
            problems.push(
                loaded
                    .error_at(Kind::BadOutcome, path, message)
                    .with_hint("add `wording:` with the recommendation as agreed"),
            );
        }
        (Some(_), other) if other != Decision::Amended => {
            let message = format!("a wording is given, but the outcome is {other}, not AMENDED");
            problems.push(
                loaded
                    .error_at(Kind::BadOutcome, &format!("{path}.wording"), message)
                    .with_hint("make the outcome AMENDED, or remove the wording"),
            );
        }
        _ => {}
    }
    if let Some(wording) = &wording {
        line_text(loaded, &format!("{path}.wording"), wording, ctx.shown, problems);
    }
    if let Some(note) = &note {
        line_text(loaded, &format!("{path}.note"), note, ctx.shown, problems);
    }
    Some(RecommendationOutcome {
        decision,
        wording: wording.map(|w| w.trim().to_string()),
        note: note.map(|n| n.trim().to_string()),
    })
}

/// An outcome past the paper's last recommendation.
fn no_such(loaded: &Loaded<OutcomesSource>, path: &str, entry: &AgendaEntry, j: usize) -> Diagnostic {
    let numbers: Vec<&str> = entry.recommendations.iter().map(|r| r.number.as_str()).collect();
    let section = numbers.first().and_then(|n| n.split_once('.')).map_or("", |(s, _)| s);
    let missing = if section.is_empty() { format!("{}", j + 1) } else { format!("{section}.{}", j + 1) };
    let reference = entry.reference.as_deref().unwrap_or_default();
    let message = match numbers.len() {
        1 => format!("{reference} has 1 recommendation ({}): there is no recommendation {missing}", numbers[0]),
        n => format!(
            "{reference} has {n} recommendations ({}): there is no recommendation {missing}",
            numbers.join(", ")
        ),
    };
    loaded
        .error_at(Kind::NoSuchRecommendation, path, message)
        .with_hint("give one outcome per recommendation, in the paper's order")
}

/// A lint for each recommendation of a paper left without an outcome.
fn missing(
    loaded: &Loaded<OutcomesSource>,
    path: &str,
    entry: &AgendaEntry,
    overall: bool,
    given: &[Option<RecommendationOutcome>],
    problems: &mut Diagnostics,
) {
    // An outcome for the whole item stands for every recommendation (even one misspelt:
    // that is its own problem).
    if overall {
        return;
    }
    let reference = entry.reference.as_deref().unwrap_or_default();
    for (rec, outcome) in entry.recommendations.iter().zip(given) {
        if outcome.is_none() {
            let message = format!("recommendation {} of {reference} has no recorded outcome", rec.number);
            problems.push(warning(loaded, path, message));
        }
    }
}

fn warning(loaded: &Loaded<OutcomesSource>, path: &str, message: String) -> Diagnostic {
    Diagnostic::warning(Kind::NoOutcome, &loaded.file, message)
        .at_field(path)
        .at(loaded.positions().nearest(path))
        .with_hint("record its outcome (AGREED, NOTED…) in the outcomes")
}
