//! Seed inputs per target, made at fuzz time from the repository's own data: the sandbox's
//! seeded mailbox (as Gmail's `format=raw` bytes), its people, the contract's tools and the
//! classification training and evaluation mails. The held-out sets stay out, as promised.

use common::contract::{self, ToolName};
use serde_json::{Value, json};

const TRAIN: &str = include_str!("../../services/classification/data/train.jsonl");
const EVAL: &str = include_str!("../../services/classification/data/eval.jsonl");

/// The seeds of one target (empty for an unknown name).
pub fn for_target(target: &str) -> Vec<Vec<u8>> {
    match target {
        "gmail_mime" => mailbox(),
        "plan" => plan_replies(),
        "synthesis" => synthesis_replies(),
        "llm_json" => plan_replies()
            .into_iter()
            .chain(synthesis_replies())
            .collect(),
        "query_body" => query_bodies(),
        "mcp_call" => call_bodies(),
        "classify" => mails(),
        _ => Vec::new(),
    }
}

/// Every seeded message of the sandbox mailbox, charset and MIME edge cases included.
fn mailbox() -> Vec<Vec<u8>> {
    sandbox::data::mailbox::mailbox()
        .iter()
        .map(|m| sandbox::gmail::raw(m))
        .collect()
}

fn people() -> impl Iterator<Item = &'static sandbox::data::people::Person> {
    sandbox::data::people::people().iter().take(8)
}

/// A model reply as models write it: bare, fenced, or wrapped in prose.
fn wrapped(reply: &Value) -> Vec<Vec<u8>> {
    let bare = reply.to_string();
    vec![
        bare.clone().into_bytes(),
        format!(
            "```json\n{}\n```",
            serde_json::to_string_pretty(reply).unwrap_or_default()
        )
        .into_bytes(),
        format!("Here is the plan: {bare} Let me know.").into_bytes(),
    ]
}

fn plan_replies() -> Vec<Vec<u8>> {
    let mut plans = Vec::new();
    for tool in contract::person_tools() {
        let (service, name) = (tool.name.service().as_str(), tool.name.as_str());
        plans.push(json!({
            "intent": format!("What does {service} know about this person?"),
            "calls": [{"service": service, "tool": name, "arguments": {}}],
        }));
    }
    plans.push(json!({
        "intent": "Unpaid invoices and mail about them",
        "calls": [
            {"service": "chargebee", "tool": "list_invoices", "arguments": {"limit": 5}},
            {"service": "", "tool": "gmail.search_messages", "arguments": {"max": 10}},
            {"service": "hubspot", "tool": "get_contact", "arguments": {"email": "bob@example.com"}},
            {"service": "evil", "tool": "dump_all"},
        ],
    }));
    plans.push(json!({"intent": "Nothing to look up", "calls": []}));
    plans.iter().flat_map(wrapped).collect()
}

fn synthesis_replies() -> Vec<Vec<u8>> {
    [
        json!({"answer": "Alice has two unpaid invoices totalling 120.00 EUR.", "confidence": 0.9}),
        json!({"answer": "No record for this person in billing.", "confidence": 0.4}),
        json!({"answer": "  "}),
        json!({"answer": "Ja, zwei offene Rechnungen.", "confidence": 1.5}),
    ]
    .iter()
    .flat_map(wrapped)
    .collect()
}

fn query_bodies() -> Vec<Vec<u8>> {
    let questions = [
        "Does {first} have unpaid invoices?",
        "When did {first} {last} last sign in?",
        "Any open support tickets for {first}, and did they email us about them?",
        "¿Cuál es el plan de {first}?",
    ];
    let mut out = Vec::new();
    for (i, p) in people().enumerate() {
        let q = questions[i % questions.len()]
            .replace("{first}", &p.first_name)
            .replace("{last}", &p.last_name);
        out.push(json!({"query": q, "email": p.email}));
        out.push(json!({"query": q, "email": p.email, "no_cache": true}));
    }
    out.push(json!({"query": "What is my MRR?"}));
    out.push(json!({"query": "", "email": "not-an-address"}));
    out.iter().map(|v| v.to_string().into_bytes()).collect()
}

/// One `/mcp/call` body per contract tool, with plausible arguments.
fn call_bodies() -> Vec<Vec<u8>> {
    let email = people().next().map(|p| p.email.clone()).unwrap_or_default();
    let mut out = Vec::new();
    for &tool in ToolName::ALL {
        let arguments = match tool {
            ToolName::Query => json!({"query": "Does she have unpaid invoices?", "email": email}),
            ToolName::RunPipeline => json!({"since": "2026-11-01T00:00:00Z"}),
            ToolName::GetStatus => json!({}),
            ToolName::ListInvoices => json!({"email": email, "limit": 5}),
            ToolName::CreateTask => json!({"task": {
                "idempotency_key": "gmail:18c2f0a1b2c3d4e5",
                "email": email,
                "title": "Call back about the refund",
                "description": "She was charged twice in March.",
                "priority": "high",
            }}),
            ToolName::ListTasks => json!({"filter": {"status": "open"}, "page_size": 10}),
            ToolName::UpdateTask => json!({"id": "task-1", "patch": {"status": "done"}}),
            ToolName::ListMessages => json!({"since": "2026-11-01T00:00:00Z", "max": 20}),
            ToolName::GetMessage => json!({"id": "18c2f0a1b2c3d4e5"}),
            ToolName::SearchMessages => json!({"email": email, "max": 20}),
            ToolName::ClassifyEmail => json!({
                "from": "Ana Pérez <ana@example.com>",
                "subject": "Charged twice",
                "body": "My card was charged twice this month.",
                "engine": "builtin",
            }),
            ToolName::ProcessEmail => json!({
                "message": {"id": "18c2f0a1b2c3d4e5", "from": email, "subject": "Refund", "text": "Please refund."},
                "classification": {"category": "billing", "priority": "high"},
            }),
            _ => json!({"email": email}),
        };
        out.push(json!({"tool": tool.as_str(), "arguments": arguments}));
    }
    out.push(json!({"tool": "no_such_tool"}));
    out.iter().map(|v| v.to_string().into_bytes()).collect()
}

/// Training and evaluation mails as `from`, `subject` and `body` lines (see
/// [`crate::mail_fields`]).
fn mails() -> Vec<Vec<u8>> {
    TRAIN
        .lines()
        .chain(EVAL.lines())
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .map(|m| {
            let field = |k: &str| m[k].as_str().unwrap_or_default().to_string();
            format!("{}\n{}\n{}", field("from"), field("subject"), field("body")).into_bytes()
        })
        .collect()
}
