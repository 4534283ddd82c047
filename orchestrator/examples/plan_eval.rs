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
//! The holdout (`planning_holdout.jsonl`) is scored, never tuned on.

use std::collections::{BTreeMap, BTreeSet};

use orchestrator::query::catalog::Catalog;
use orchestrator::query::model::Query;
use orchestrator::query::rules;
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

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: plan_eval <questions.jsonl> [--misses]"))?;
    let show_misses = std::env::args().any(|a| a == "--misses");
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
        let plan = rules::plan(&query, &catalog, &email, 6);
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
