//! The rules provider: a keyword planner and a template writer. The default when no model is
//! configured and the fallback whenever the model fails. Deterministic; answers only from data.

use std::collections::BTreeSet;

use common::contract::ToolName;
use serde_json::Value;

use super::catalog::Catalog;
use super::execute::ToolOutcome;
use super::model::{Query, SourceStatus};
use super::plan::{Plan, PlannedCall, Planner};

/// Question words → the tool that answers them.
const RULES: &[(&[&str], ToolName)] = &[
    (
        &[
            "invoice", "invoices", "unpaid", "overdue", "paid", "pay", "payment", "payments",
            "bill", "bills", "billed", "receipt", "receipts",
        ],
        ToolName::ListInvoices,
    ),
    (
        &[
            "billing",
            "balance",
            "outstanding",
            "owe",
            "owes",
            "owed",
            "revenue",
            "mrr",
            "spend",
            "spent",
            "money",
            "charge",
            "charged",
            "refund",
            "debt",
            "arrears",
        ],
        ToolName::BillingSummary,
    ),
    (
        &[
            "subscription",
            "subscriptions",
            "subscribed",
            "plan",
            "plans",
            "renewal",
            "renew",
            "renews",
            "trial",
            "cancel",
            "cancelled",
            "canceled",
            "churn",
            "tier",
            "seats",
        ],
        ToolName::ListSubscriptions,
    ),
    (&["customer", "chargebee"], ToolName::GetCustomer),
    (
        &[
            "deal",
            "deals",
            "opportunity",
            "opportunities",
            "pipeline",
            "sales",
            "won",
            "lost",
            "closing",
            "upsell",
        ],
        ToolName::ListDeals,
    ),
    (
        &[
            "ticket",
            "tickets",
            "support",
            "issue",
            "issues",
            "complaint",
            "complaints",
            "case",
            "cases",
            "problem",
            "problems",
            "bug",
            "bugs",
            "escalation",
        ],
        ToolName::ListTickets,
    ),
    (
        &[
            "company",
            "companies",
            "organisation",
            "organization",
            "employer",
            "industry",
            "business",
        ],
        ToolName::GetCompany,
    ),
    (
        &[
            "contact",
            "crm",
            "hubspot",
            "phone",
            "job",
            "owner",
            "lifecycle",
            "lead",
            "stage",
            "who",
        ],
        ToolName::GetContact,
    ),
    (
        &[
            "login",
            "logins",
            "logged",
            "log",
            "signin",
            "sign",
            "signed",
            "signup",
            "account",
            "accounts",
            "user",
            "password",
            "verified",
            "verification",
            "disabled",
            "locked",
            "auth",
            "authentication",
            "registered",
            "registration",
            "app",
            "active",
        ],
        ToolName::GetUser,
    ),
    (
        &["profile", "preferences", "settings", "locale", "timezone"],
        ToolName::GetProfile,
    ),
    (
        &[
            "mail",
            "email",
            "emails",
            "message",
            "messages",
            "inbox",
            "wrote",
            "write",
            "sent",
            "replied",
            "reply",
            "thread",
            "conversation",
            "correspondence",
            "contacted",
            "gmail",
        ],
        ToolName::SearchMessages,
    ),
];

/// When no word matches: one overview tool per system.
const BROAD: &[ToolName] = &[
    ToolName::BillingSummary,
    ToolName::GetContact,
    ToolName::GetUser,
    ToolName::SearchMessages,
];

fn words(q: &Query) -> BTreeSet<String> {
    q.normalized()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Plans from the question's words; every call carries only the request's email.
pub fn plan(query: &Query, catalog: &Catalog, email: &common::Email, max_calls: usize) -> Plan {
    let ws = words(query);
    let mut wanted: Vec<ToolName> = RULES
        .iter()
        .filter(|(keys, _)| keys.iter().any(|k| ws.contains(*k)))
        .map(|(_, t)| *t)
        .filter(|t| catalog.get(*t).is_some())
        .collect();
    let intent = if wanted.is_empty() {
        wanted = BROAD
            .iter()
            .copied()
            .filter(|t| catalog.get(*t).is_some())
            .collect();
        "overview of the person across systems"
    } else {
        "keyword match"
    };
    wanted.truncate(max_calls);
    let calls = wanted
        .into_iter()
        .map(|tool| PlannedCall::for_person(tool, email))
        .collect();
    Plan {
        intent: intent.to_string(),
        calls,
        planner: Planner::Rules,
    }
}

/// A readable label for a tool: `list_invoices` → `invoices`.
fn label(tool: &str) -> String {
    tool.trim_start_matches("list_")
        .trim_start_matches("get_")
        .trim_start_matches("search_")
        .replace('_', " ")
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.is_empty() => Some(s.chars().take(80).collect()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(if *b { "yes".into() } else { "no".into() }),
        _ => None,
    }
}

/// Fields that best name a record, in order of preference.
const NAMING: &[&str] = &[
    "name",
    "title",
    "subject",
    "id",
    "status",
    "amount",
    "total",
    "amount_due",
    "currency",
    "stage",
    "priority",
    "date",
    "due_date",
    "created_at",
    "updated_at",
];

fn brief(item: &Value) -> String {
    match item {
        Value::Object(o) => {
            let parts: Vec<String> = NAMING
                .iter()
                .filter_map(|k| {
                    o.get(*k)
                        .and_then(scalar)
                        .map(|v| format!("{} {v}", k.replace('_', " ")))
                })
                .take(4)
                .collect();
            if parts.is_empty() {
                o.iter()
                    .filter(|(k, _)| k.as_str() != "email")
                    .filter_map(|(k, v)| scalar(v).map(|v| format!("{} {v}", k.replace('_', " "))))
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(", ")
            } else {
                parts.join(", ")
            }
        }
        other => scalar(other).unwrap_or_default(),
    }
}

/// Summarises a tool's structured output from its own fields (never invents any).
pub fn summarize(v: &Value) -> String {
    let Value::Object(o) = v else {
        return brief(v);
    };
    let mut parts = Vec::new();
    for (k, v) in o {
        if k == "email" {
            continue;
        }
        let key = k.replace('_', " ");
        match v {
            Value::Array(items) => {
                let shown: Vec<String> = items
                    .iter()
                    .take(3)
                    .map(brief)
                    .filter(|s| !s.is_empty())
                    .collect();
                let more = if items.len() > 3 {
                    format!("; {} more", items.len() - 3)
                } else {
                    String::new()
                };
                if items.is_empty() {
                    parts.push(format!("{key}: none"));
                } else {
                    parts.push(format!(
                        "{key}: {} ({}{more})",
                        items.len(),
                        shown.join("; ")
                    ));
                }
            }
            Value::Object(_) => {
                let b = brief(v);
                if !b.is_empty() {
                    parts.push(format!("{key}: {b}"));
                }
            }
            other => {
                if let Some(s) = scalar(other) {
                    parts.push(format!("{key} {s}"));
                }
            }
        }
        if parts.len() >= 12 {
            break;
        }
    }
    parts.join(", ")
}

/// The template answer: what each source returned, what failed, nothing more.
pub fn write(outcomes: &[ToolOutcome]) -> String {
    if outcomes.is_empty() {
        return "No data service is available to answer this question right now.".into();
    }
    let answered: Vec<&ToolOutcome> = outcomes
        .iter()
        .filter(|o| o.status == SourceStatus::Ok)
        .collect();
    let failed: Vec<&ToolOutcome> = outcomes
        .iter()
        .filter(|o| o.status != SourceStatus::Ok)
        .collect();
    let reason = |o: &ToolOutcome| {
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
    };
    if answered.is_empty() {
        let list: Vec<String> = failed.iter().map(|o| reason(o)).collect();
        return format!(
            "I could not answer this: none of the sources I needed answered: {}. Please try again shortly.",
            list.join("; ")
        );
    }
    let mut out = String::from("Here is what the connected systems returned:\n");
    for o in &answered {
        let line = if o.not_found {
            "no record for this person".to_string()
        } else {
            let s = o.data.as_ref().map(summarize).unwrap_or_default();
            if s.is_empty() {
                "no details".to_string()
            } else {
                s
            }
        };
        out.push_str(&format!(
            "- {} ({}): {line}.\n",
            label(o.call.tool.as_str()),
            o.call.service()
        ));
    }
    if !failed.is_empty() {
        let list: Vec<String> = failed.iter().map(|o| reason(o)).collect();
        out.push_str(&format!(
            "Not available, so this answer may be incomplete: {}.",
            list.join("; ")
        ));
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::{ServiceUrls, Services};

    fn plan_for(q: &str) -> Vec<(String, String)> {
        let catalog = Catalog::new(Services::new(&ServiceUrls::local_defaults()));
        let email = common::Email::parse("alice@example.com").unwrap();
        plan(&Query::parse(q).unwrap(), &catalog, &email, 6)
            .calls
            .into_iter()
            .map(|c| (c.service().to_string(), c.tool.to_string()))
            .collect()
    }

    #[test]
    fn billing_words_go_to_chargebee() {
        let calls = plan_for("Does she have unpaid invoices?");
        assert_eq!(calls, vec![("chargebee".into(), "list_invoices".into())]);
    }

    #[test]
    fn mixed_questions_reach_several_systems() {
        let calls = plan_for("any open support tickets, and when did they last log in?");
        assert!(calls.contains(&("hubspot".into(), "list_tickets".into())));
        assert!(calls.contains(&("firebase".into(), "get_user".into())));
    }

    #[test]
    fn unknown_words_get_the_broad_set() {
        let calls = plan_for("tell me everything");
        assert_eq!(calls.len(), 4);
    }

    #[test]
    fn summaries_come_from_the_data() {
        let v = serde_json::json!({"email": "a@b.co", "outstanding": "120.00", "invoices": [{"id": "inv_1", "status": "paid"}]});
        let s = summarize(&v);
        assert!(s.contains("outstanding 120.00"), "{s}");
        assert!(s.contains("invoices: 1 (id inv_1, status paid)"), "{s}");
        assert!(!s.contains("a@b.co"));
    }
}
