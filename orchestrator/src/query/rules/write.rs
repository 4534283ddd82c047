//! The rules writer: answers the question asked, in English. The first sentence answers it
//! (yes or no, the amount, the date, the name); then the supporting facts with their source;
//! then what could not be found or which source failed. Only fields the question is about
//! are shown, and every value comes from the tool results.

use common::contract::Service;

use super::facts::{Fact, fact, not_found};
use super::intent::{self, Asks};
use super::scope;
use crate::query::execute::ToolOutcome;
use crate::query::model::{Query, SourceStatus};

/// What the built-in writer wrote: the answer and how much of the question it covers (0..1).
#[derive(Debug, Clone)]
pub struct RulesAnswer {
    pub answer: String,
    pub estimate: f64,
}

/// Confidence in an answer whose facts all came back.
const FULL: f64 = 0.9;

const CAN_HELP: &str = "I answer questions about a customer's billing (invoices, subscriptions, \
     balance), CRM records (contact, company, deals, support tickets), app account (sign-in, \
     profile) and the mail exchanged with them.";

fn source_name(s: Service) -> &'static str {
    match s {
        Service::Chargebee => "Chargebee",
        Service::Hubspot => "HubSpot",
        Service::Firebase => "Firebase",
        Service::Gmail => "Gmail",
        _ => "the data service",
    }
}

/// A readable label for a tool: `list_invoices` → `invoices`.
fn label(tool: &str) -> String {
    tool.trim_start_matches("list_")
        .trim_start_matches("get_")
        .trim_start_matches("search_")
        .replace('_', " ")
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Why a source gave nothing, as `service tool (reason)`.
fn failure(o: &ToolOutcome) -> String {
    let why = match o.status {
        SourceStatus::Timeout => "timed out".to_string(),
        _ => o
            .error
            .as_ref()
            .map(|e| e.code.as_str().replace('_', " "))
            .unwrap_or_else(|| "failed".into()),
    };
    format!(
        "{} {} ({why})",
        o.call.service(),
        label(o.call.tool.as_str())
    )
}

/// The answer to a question that needed no data.
fn without_data(query: &Query, asks: &Asks) -> RulesAnswer {
    let whose = if scope::about_someone_else(query.as_str(), None) {
        Some("by their address. Staff can ask with that person's email as the request's email.")
    } else if scope::about_a_relation(query.as_str()) {
        Some(
            "even a colleague's or a relative's: they can ask with their own email, or staff \
             can ask with that email as the request's.",
        )
    } else if scope::about_another_business(query.as_str(), None) {
        Some(
            "even another business's you work with: they can ask with their own email, or \
             staff can ask with theirs as the request's.",
        )
    } else {
        None
    };
    if let Some(whose) = whose {
        RulesAnswer {
            answer: format!(
                "I only read the records of the person this request is about, so I can't look \
                 up someone else's {whose} {CAN_HELP}"
            ),
            estimate: 0.0,
        }
    } else if asks.thanks {
        RulesAnswer {
            answer: format!("You're welcome! {CAN_HELP}"),
            estimate: 1.0,
        }
    } else if asks.greeting {
        RulesAnswer {
            answer: format!("Hello! {CAN_HELP}"),
            estimate: 1.0,
        }
    } else {
        RulesAnswer {
            answer: format!(
                "I can't answer that from the connected systems, and I don't look anything up for \
                 it. {CAN_HELP}"
            ),
            estimate: 0.0,
        }
    }
}

/// Writes the answer to `query` from `outcomes`.
pub fn write(query: &Query, outcomes: &[ToolOutcome]) -> RulesAnswer {
    let asks = intent::read(query.as_str());
    if outcomes.is_empty() {
        return without_data(query, &asks);
    }
    let failed: Vec<String> = outcomes
        .iter()
        .filter(|o| o.status != SourceStatus::Ok)
        .map(failure)
        .collect();
    let facts: Vec<(Fact, &ToolOutcome)> = outcomes
        .iter()
        .filter(|o| o.status == SourceStatus::Ok)
        .map(|o| {
            let f = match (&o.data, o.not_found) {
                (Some(data), false) => fact(&asks, o.call.tool, &o.call.arguments, data),
                _ => not_found(o.call.tool),
            };
            (f, o)
        })
        .collect();
    if facts.is_empty() {
        return RulesAnswer {
            answer: format!(
                "I could not answer this: none of the sources I needed answered: {}. Please try \
                 again shortly.",
                failed.join("; ")
            ),
            estimate: 0.0,
        };
    }
    let heads: Vec<&str> = facts.iter().map(|(f, _)| f.first.as_str()).collect();
    let polar: Vec<bool> = facts.iter().filter_map(|(f, _)| f.yes).collect();
    let first = if asks.yes_no && !polar.is_empty() {
        let yes = polar.iter().any(|y| *y);
        format!(
            "{}: {}.",
            if yes { "Yes" } else { "No" },
            heads.join("; and ")
        )
    } else {
        format!("{}.", capitalise(&heads.join("; and ")))
    };
    let mut out = first;
    for (f, o) in &facts {
        if f.details.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\n- {} ({}): {}.",
            source_name(o.call.service()),
            label(o.call.tool.as_str()),
            f.details.join("; ")
        ));
    }
    if !failed.is_empty() {
        out.push_str(&format!(
            "\nNot available, so this answer may be incomplete: {}.",
            failed.join("; ")
        ));
    }
    let found = facts.iter().filter(|(f, _)| !f.missing).count() as f64;
    let partly = facts.iter().filter(|(f, _)| f.missing).count() as f64;
    // Sources that failed lower the confidence in the caller (answered / planned).
    let estimate = FULL * (found + 0.5 * partly) / facts.len() as f64;
    RulesAnswer {
        answer: out,
        estimate,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer_without_data(q: &str) -> String {
        write(&Query::parse(q).unwrap(), &[]).answer
    }

    #[test]
    fn a_question_about_someone_elses_address_is_told_why_nothing_was_read() {
        let a = answer_without_data("What did my colleague jana@ferrobyte.io pay last quarter?");
        assert!(
            a.starts_with("I only read the records of the person this request is about"),
            "{a}"
        );
        assert!(!a.contains("jana"), "the address is not echoed: {a}");
        assert!(!a.contains("  "), "one space between words: {a}");
        assert!(a.contains("by their address"), "{a}");
        let a = answer_without_data(
            "Mon collègue Paul ne peut pas se connecter, tu peux vérifier son compte ?",
        );
        assert!(
            a.starts_with("I only read the records of the person this request is about"),
            "{a}"
        );
        assert!(a.contains("a colleague's or a relative's"), "{a}");
        assert!(!a.contains("  "), "one space between words: {a}");
        let a = answer_without_data("Mostra-me as faturas da Oficina Silva, somos parceiros.");
        assert!(a.contains("another business's"), "{a}");
        assert!(!a.contains("  "), "one space between words: {a}");
        let a = answer_without_data("thanks, that's all!");
        assert!(a.starts_with("You're welcome!"), "{a}");
    }
}
