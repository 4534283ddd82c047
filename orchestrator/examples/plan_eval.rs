//! Scores the built-in (rules) planner on a JSONL question set:
//! `cargo run -p orchestrator --example plan_eval -- orchestrator/data/planning_dev.jsonl`.
//!
//! Each line: `{"question", "lang", "needs": [service…], "tools": ["service.tool"…], "kind"}`.
//! Figures, overall and per language:
//! - **exact match** (the headline): the set of services planned equals `needs` — the
//!   services are what a question costs and what it can miss; which tool of a service answers
//!   is the writer's concern (`billing_summary` and `list_invoices` both answer "what is owed");
//! - **tool exact match**: the set of `service.tool` planned equals `tools` (stricter, shown too);
//! - **needed-source recall**: needed services planned / needed services;
//! - **missed-source rate**: questions missing at least one needed service / questions with needs;
//! - **needless calls**: calls to a service the question does not need (a count);
//! - **zero-call compliance**: questions needing no source that were planned with no call.
//!
//! `--rules-only` scores the rules without the abstention model (the figures before it).
//!
//! `plan_eval --ask "question" …` prints, for each question, the topics the rules read, their
//! intent and plan, and the plan after the abstention model: for tuning on development sets.
//!
//! `plan_eval --cv` instead cross-validates the abstention model (`rules::abstain`) leaving one
//! planning set out at a time: trained on the other sets, it scores the held-out set's
//! questions, and the table shows per threshold how many needing questions it would zero out
//! (the recall it would cost) and how many no-source questions it would catch.

use std::collections::{BTreeMap, BTreeSet};

use orchestrator::query::catalog::Catalog;
use orchestrator::query::model::Query;
use orchestrator::query::rules;
use orchestrator::query::rules::abstain::{self, Model};
use orchestrator::services::{ServiceUrls, Services};
use serde::Deserialize;

#[derive(Deserialize)]
struct Item {
    question: String,
    #[serde(default)]
    lang: String,
    needs: Vec<String>,
    #[serde(default)]
    tools: Vec<String>,
    /// The request's email (default: the eval's asker, `person@example.com`).
    #[serde(default)]
    email: Option<String>,
}

#[derive(Default)]
struct Score {
    n: usize,
    exact: usize,
    tool_exact: usize,
    needed: usize,
    found: usize,
    with_needs: usize,
    missed: usize,
    needless: usize,
    no_source: usize,
    zero_calls: usize,
}

impl Score {
    fn add(&mut self, item: &Item, planned: &[(String, String)]) {
        let services: BTreeSet<String> = planned.iter().map(|(s, _)| s.clone()).collect();
        let tools: BTreeSet<String> = planned.iter().map(|(s, t)| format!("{s}.{t}")).collect();
        let needs: BTreeSet<String> = item.needs.iter().cloned().collect();
        let want_tools: BTreeSet<String> = item.tools.iter().cloned().collect();
        self.n += 1;
        self.exact += usize::from(services == needs);
        self.tool_exact += usize::from(tools == want_tools);
        self.needed += needs.len();
        self.found += needs.intersection(&services).count();
        if !needs.is_empty() {
            self.with_needs += 1;
            self.missed += usize::from(!needs.is_subset(&services));
        }
        self.needless += planned.iter().filter(|(s, _)| !needs.contains(s)).count();
        if needs.is_empty() {
            self.no_source += 1;
            self.zero_calls += usize::from(planned.is_empty());
        }
    }

    fn line(&self, name: &str) -> String {
        let r = |a: usize, b: usize| {
            if b == 0 {
                "  -  ".to_string()
            } else {
                format!("{:.3}", a as f64 / b as f64)
            }
        };
        format!(
            "{name:<6} n={:<4} exact={} tool_exact={} recall={} missed={} needless={:<3} zero_calls={}/{}",
            self.n,
            r(self.exact, self.n),
            r(self.tool_exact, self.n),
            r(self.found, self.needed),
            r(self.missed, self.with_needs),
            self.needless,
            self.zero_calls,
            self.no_source
        )
    }
}

/// The request's email: the item's own, else the eval's asker.
fn asker(item: &Option<String>, default: &common::Email) -> anyhow::Result<common::Email> {
    Ok(match item {
        Some(e) => common::Email::parse(e)?,
        None => default.clone(),
    })
}

fn main() -> anyhow::Result<()> {
    if std::env::args().any(|a| a == "--cv") {
        return cross_validate();
    }
    if std::env::args().nth(1).as_deref() == Some("--ask") {
        return explain(std::env::args().skip(2));
    }
    let path = std::env::args().nth(1).ok_or_else(|| {
        anyhow::anyhow!("usage: plan_eval <questions.jsonl> [--misses] [--rules-only] | --cv")
    })?;
    let show_misses = std::env::args().any(|a| a == "--misses");
    let rules_only = std::env::args().any(|a| a == "--rules-only");
    let text = std::fs::read_to_string(&path)?;
    let catalog = Catalog::new(Services::new(&ServiceUrls::local_defaults()));
    let email = common::Email::parse("person@example.com")?;
    let mut all = Score::default();
    let mut by_lang: BTreeMap<String, Score> = BTreeMap::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let item: Item =
            serde_json::from_str(line).map_err(|e| anyhow::anyhow!("{path}:{}: {e}", n + 1))?;
        let Ok(query) = Query::parse(&item.question) else {
            anyhow::bail!("{path}:{}: not a valid question", n + 1);
        };
        let email = asker(&item.email, &email)?;
        let plan = if rules_only {
            rules::plan_by_rules(&query, &catalog, &email, 6)
        } else {
            rules::plan(&query, &catalog, &email, 6)
        };
        let planned: Vec<(String, String)> = plan
            .calls
            .iter()
            .map(|c| (c.service().to_string(), c.tool.to_string()))
            .collect();
        all.add(&item, &planned);
        by_lang
            .entry(item.lang.clone())
            .or_default()
            .add(&item, &planned);
        if show_misses {
            let services: BTreeSet<&str> = planned.iter().map(|(s, _)| s.as_str()).collect();
            let needs: BTreeSet<&str> = item.needs.iter().map(String::as_str).collect();
            if services != needs {
                println!(
                    "MISS {:?} wanted {:?} planned {:?}",
                    item.question, needs, services
                );
            }
        }
    }
    println!("{}", all.line("all"));
    for (lang, s) in &by_lang {
        println!("{}", s.line(lang));
    }
    Ok(())
}

/// One held-out question as the cross-validation sees it.
struct Scored {
    file: &'static str,
    p_nothing: f64,
    needs_nothing: bool,
    /// A hard sign of the asker's records: the model cannot overrule the rules here.
    protected: bool,
    /// The rules alone planned a call.
    rules_call: bool,
    question: String,
}

/// Leave-one-set-out cross-validation of the abstention model over the planning sets.
fn cross_validate() -> anyhow::Result<()> {
    let catalog = Catalog::new(Services::new(&ServiceUrls::local_defaults()));
    let email = common::Email::parse("person@example.com")?;
    let sets: Vec<(&'static str, Vec<abstain::Example>)> = abstain::FILES
        .iter()
        .map(|(name, text)| Ok((*name, abstain::parse(name, text)?)))
        .collect::<anyhow::Result<_>>()?;
    let mut scored = Vec::new();
    for (held, test) in &sets {
        let train: Vec<abstain::Example> = sets
            .iter()
            .filter(|(name, _)| name != held)
            .flat_map(|(_, e)| e.iter().cloned())
            .collect();
        let model = Model::train(&train);
        for e in test {
            let query = Query::parse(&e.question)
                .map_err(|_| anyhow::anyhow!("{held}: not a valid question: {}", e.question))?;
            scored.push(Scored {
                file: held,
                p_nothing: model.p_nothing(&e.question),
                needs_nothing: e.needs_nothing(),
                protected: abstain::is_surely_about_records(&e.question),
                rules_call: !rules::plan_by_rules(&query, &catalog, &asker(&e.email, &email)?, 6)
                    .calls
                    .is_empty(),
                question: e.question.clone(),
            });
        }
    }
    let needing = scored.iter().filter(|s| !s.needs_nothing).count();
    let nothing = scored.len() - needing;
    println!(
        "leave-one-set-out, {} questions: {needing} needing, {nothing} no-source",
        scored.len()
    );
    println!("threshold  needing zeroed (of planned)   no-source caught   rules' misses caught");
    for t in [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.99] {
        println!("{t:<9}  {}", cv_line(scored.iter(), t));
    }
    println!("per set at the threshold in use ({}):", abstain::THRESHOLD);
    for (name, _) in &sets {
        let of_set = scored.iter().filter(|s| s.file == *name);
        println!("{name:<19} {}", cv_line(of_set, abstain::THRESHOLD));
    }
    if std::env::args().any(|a| a == "--misses") {
        for s in &scored {
            let lost = !s.needs_nothing && s.p_nothing >= 0.5;
            let missed = s.needs_nothing && s.rules_call;
            if lost || missed {
                let what = if lost { "NEEDING" } else { "RULES-MISS" };
                let guard = if s.protected { " protected" } else { "" };
                println!(
                    "{what} p={:.3}{guard} {} {:?}",
                    s.p_nothing, s.file, s.question
                );
            }
        }
    }
    Ok(())
}

/// At threshold `t`: needing questions the model would zero out (all, and those the rules
/// planned a call for), no-source questions it would catch, and no-source questions the rules
/// planned a call for that it would catch (what the combination gains).
fn cv_line<'a>(scored: impl Iterator<Item = &'a Scored>, t: f64) -> String {
    let (mut need, mut lost, mut lost_planned, mut none, mut caught) = (0, 0, 0, 0, 0);
    let (mut missed, mut fixed) = (0, 0);
    for s in scored {
        let fires = s.p_nothing >= t && !s.protected;
        if s.needs_nothing {
            none += 1;
            caught += usize::from(fires);
            missed += usize::from(s.rules_call);
            fixed += usize::from(s.rules_call && fires);
        } else {
            need += 1;
            lost += usize::from(fires);
            lost_planned += usize::from(fires && s.rules_call);
        }
    }
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    format!(
        "{lost:>3}/{need:<4} {:>5.1}% ({lost_planned:>3})   {caught:>3}/{none:<4} {:>5.1}%   {fixed:>2}/{missed:<2}",
        pct(lost, need),
        pct(caught, none)
    )
}

/// Prints the rules' reading and plan of each question, then the plan after the abstention
/// model (`--ask`).
fn explain(questions: impl Iterator<Item = String>) -> anyhow::Result<()> {
    let catalog = Catalog::new(Services::new(&ServiceUrls::local_defaults()));
    let email = common::Email::parse("person@example.com")?;
    let calls = |plan: &orchestrator::query::plan::Plan| -> Vec<String> {
        plan.calls
            .iter()
            .map(|c| format!("{}.{}", c.service(), c.tool))
            .collect()
    };
    for q in questions {
        let query = Query::parse(&q)?;
        let by_rules = rules::plan_by_rules(&query, &catalog, &email, 6);
        let full = rules::plan(&query, &catalog, &email, 6);
        println!("{q}");
        println!("  read:  {:?}", rules::intent::read(&q).topics);
        println!("  rules: {} -> {:?}", by_rules.intent, calls(&by_rules));
        println!("  plan:  {} -> {:?}", full.intent, calls(&full));
    }
    Ok(())
}
