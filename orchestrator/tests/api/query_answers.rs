//! What the answers say: the built-in planner calls only what a question needs (nothing for
//! small talk), the built-in writer answers first and fetches every record needed, and a
//! model's answer that states values not in the data is replaced.

use sandbox::Upstream;
use serde_json::json;

use crate::query_helpers::{Options, Stack, source_statuses, spawn_stack, spawn_stack_with};

fn services(body: &serde_json::Value) -> Vec<String> {
    source_statuses(body).into_iter().map(|(s, _)| s).collect()
}

fn first_line(body: &serde_json::Value) -> String {
    body["answer"]
        .as_str()
        .unwrap_or_default()
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn alices_unpaid_invoices_and_open_tickets_are_answered_yes_with_every_unpaid_invoice() {
    // One invoice per Chargebee page: her unpaid invoices only all arrive if the service
    // pages past the first one.
    let stack = spawn_stack_with(Options::default(), &[("CHARGEBEE_PAGE_SIZE", "1")]).await;
    let body = stack
        .ask(
            "Does Alice have unpaid invoices or open support tickets?",
            "alice@example.com",
        )
        .await;
    assert_eq!(body["status"], "ok", "{body}");
    assert_eq!(services(&body), ["chargebee", "hubspot"], "{body}");
    let first = first_line(&body);
    assert!(
        first.starts_with("Yes: 2 unpaid invoices ("),
        "the first sentence answers: {first}"
    );
    assert!(first.contains("98.00 USD due in total"), "{first}");
    assert!(first.contains("2 open support tickets"), "{first}");
    let answer = body["answer"].as_str().unwrap();
    assert_eq!(answer.matches("invoice 1").count(), 2, "{answer}");
    for unasked in ["auto collection", "deleted", "has more", "customer id"] {
        assert!(!answer.contains(unasked), "{unasked}: {answer}");
    }
    let invoice_pages: Vec<_> = stack
        .sandbox
        .requests(Some(Upstream::Chargebee))
        .into_iter()
        .filter(|r| r.path == "/api/v2/invoices")
        .collect();
    assert_eq!(
        invoice_pages.len(),
        2,
        "both pages of unpaid invoices were read"
    );
    assert!(
        invoice_pages
            .iter()
            .all(|r| r.query.contains("status%5Bin%5D") || r.query.contains("status[in]")),
        "Chargebee filters by status"
    );
}

#[tokio::test]
async fn thanks_is_answered_ok_with_no_sources_and_no_upstream_request() {
    let stack = spawn_stack(Options::default()).await;
    stack.sandbox.clear_requests();
    for q in [
        "thanks!",
        "What is the capital of Australia?",
        "Hola, ¿qué tal?",
    ] {
        let body = stack.ask(q, "alice@example.com").await;
        assert_eq!(body["status"], "ok", "{q}: {body}");
        assert_eq!(body["sources"], json!([]), "{q}: {body}");
        assert!(body.get("error").is_none_or(|e| e.is_null()), "{body}");
        assert!(
            body["answer"]
                .as_str()
                .unwrap()
                .contains("I answer questions about"),
            "the answer says what it can help with: {body}"
        );
    }
    assert!(
        stack.upstream_requests().is_empty(),
        "no upstream was asked anything"
    );
}

#[tokio::test]
async fn a_spanish_billing_question_calls_only_chargebee() {
    let stack = spawn_stack(Options::default()).await;
    let body = stack
        .ask("¿Tiene facturas pendientes de pago?", "alice@example.com")
        .await;
    assert_eq!(body["status"], "ok", "{body}");
    assert_eq!(services(&body), ["chargebee"], "{body}");
    assert!(
        first_line(&body).starts_with("Yes: 2 unpaid invoices"),
        "{body}"
    );
}

#[tokio::test]
async fn a_mail_question_searches_the_mailbox_for_the_callers_own_address() {
    let stack = spawn_stack(Options::default()).await;
    let body = stack
        .ask(
            "Did you get my email? I also wrote to bob@example.com",
            "alice@example.com",
        )
        .await;
    assert_eq!(services(&body), ["gmail"], "{body}");
    let searches = stack.sandbox.requests(Some(Upstream::Gmail));
    assert!(!searches.is_empty());
    for r in &searches {
        assert!(
            !r.query.contains("bob"),
            "never an address from the question: {}",
            r.query
        );
    }
    assert!(
        first_line(&body).starts_with("Yes") || first_line(&body).starts_with("No"),
        "{body}"
    );
}

async fn model_stack() -> Stack {
    spawn_stack(Options {
        model: true,
        ..Options::default()
    })
    .await
}

#[tokio::test]
async fn a_model_answer_with_an_invented_invoice_id_and_amount_is_replaced_and_not_cached() {
    let stack = model_stack().await;
    let llm = &stack.sandbox.state.llm;
    let plan = json!({"intent": "unpaid invoices", "calls": [
        {"service": "chargebee", "tool": "list_invoices", "arguments": {"status": ["payment_due", "not_paid"]}}]})
    .to_string();
    let invented =
        json!({"answer": "Yes: invoice 9999 for $1,250.00 is unpaid.", "confidence": 0.95})
            .to_string();
    for _ in 0..2 {
        llm.push_text(plan.clone());
        llm.push_text(invented.clone());
    }
    let q = "Does Alice have unpaid invoices?";
    let body = stack.ask(q, "alice@example.com").await;
    assert_eq!(body["status"], "ok", "{body}");
    assert_eq!(body["model"], "rules", "{body}");
    let answer = body["answer"].as_str().unwrap();
    assert!(
        !answer.contains("9999") && !answer.contains("1,250"),
        "{answer}"
    );
    assert!(answer.starts_with("Yes: 2 unpaid invoices"), "{answer}");
    assert!(
        body["notices"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n.as_str().unwrap().contains("not found in the data")),
        "{body}"
    );
    // Not cached: the next ask computes again (and the model invents again).
    let again = stack.ask(q, "alice@example.com").await;
    assert_eq!(again["cache"], "miss", "{again}");
    assert_eq!(again["model"], "rules", "{again}");
}

#[tokio::test]
async fn a_grounded_model_answer_with_sums_and_other_formats_is_kept() {
    let stack = model_stack().await;
    let llm = &stack.sandbox.state.llm;
    llm.push_text(
        json!({"intent": "owed", "calls": [
            {"service": "chargebee", "tool": "list_invoices", "arguments": {"status": ["payment_due", "not_paid"]}}]})
        .to_string(),
    );
    llm.push_text(
        json!({"answer": "Sí: dos facturas impagadas, $98.00 en total.", "confidence": 0.9})
            .to_string(),
    );
    let body = stack
        .ask("¿Tiene Alice facturas impagadas?", "alice@example.com")
        .await;
    assert_eq!(body["model"], "gemma-3-27b-it", "{body}");
    assert_eq!(
        body["answer"],
        "Sí: dos facturas impagadas, $98.00 en total."
    );
}

#[tokio::test]
async fn a_models_empty_plan_is_respected_and_answered_ok_without_sources() {
    let stack = model_stack().await;
    let llm = &stack.sandbox.state.llm;
    llm.push_text(json!({"intent": "a greeting", "calls": []}).to_string());
    llm.push_text(
        json!({"answer": "¡Hola! ¿En qué puedo ayudarte?", "confidence": 0.9}).to_string(),
    );
    let body = stack.ask("¡Hola!", "alice@example.com").await;
    assert_eq!(body["status"], "ok", "{body}");
    assert_eq!(body["sources"], json!([]), "{body}");
    assert_eq!(body["model"], "gemma-3-27b-it", "{body}");
    assert!(stack.upstream_requests().is_empty());
}

/// The writer review set (`data/writer_review.jsonl`): every question gets an answer whose
/// first sentence answers it, the one reviewed in `data/writer_review_answers.txt`. Prints
/// question → first sentence (`--no-capture` to read them); a change of answer fails until the
/// file's line is reviewed and replaced by the printed one.
#[tokio::test]
async fn every_review_question_is_answered_in_its_first_sentence() {
    let stack = spawn_stack(Options::default()).await;
    let set = include_str!("../../data/writer_review.jsonl");
    let reviewed: Vec<&str> = include_str!("../../data/writer_review_answers.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    let mut answered = Vec::new();
    for line in set.lines().filter(|l| !l.trim().is_empty()) {
        let item: serde_json::Value = serde_json::from_str(line).unwrap();
        let q = item["question"].as_str().unwrap();
        let body = stack.ask(q, item["email"].as_str().unwrap()).await;
        let first = first_line(&body);
        let row = format!("{} | {q} → {first}", item["email"].as_str().unwrap());
        println!("{row}");
        assert!(
            matches!(body["status"].as_str(), Some("ok" | "partial")),
            "{q}: {body}"
        );
        assert!(!first.is_empty() && first.len() < 400, "{q}: {first}");
        assert!(!first.starts_with("Here is what"), "no dump: {q}: {first}");
        answered.push(row);
    }
    assert_eq!(answered.len(), 30);
    let changed: Vec<String> = answered
        .iter()
        .zip(&reviewed)
        .filter(|(now, then)| now != *then)
        .map(|(now, then)| format!("reviewed: {then}\n     now: {now}"))
        .collect();
    assert!(
        changed.is_empty() && reviewed.len() == answered.len(),
        "answers differ from data/writer_review_answers.txt ({} reviewed lines):\n{}",
        reviewed.len(),
        changed.join("\n")
    );
}
