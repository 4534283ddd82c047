//! Structured output: JSON found in fences and prose, one repair request, then typed errors.

use common::llm::LlmError;
use sandbox::Upstream;

use crate::{Harness, ask};

#[derive(serde::Deserialize, schemars::JsonSchema, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct Plan {
    tools: Vec<String>,
    reason: String,
}

fn plan() -> Plan {
    Plan {
        tools: vec!["list_invoices".into()],
        reason: "billing".into(),
    }
}

const GOOD: &str = r#"{"tools": ["list_invoices"], "reason": "billing"}"#;

#[tokio::test]
async fn json_in_a_code_fence_is_extracted() {
    let h = Harness::start("vertex", &[]);
    h.sandbox.state.llm.push_text(format!(
        "Here is the plan:\n```json\n{GOOD}\n```\nHope it helps."
    ));
    let (got, _) = h.llm.complete_json::<Plan>(ask("plan")).await.unwrap();
    assert_eq!(got, plan());
    assert_eq!(h.sent(Upstream::Vertex).len(), 1);
}

#[tokio::test]
async fn json_wrapped_in_prose_is_extracted() {
    let h = Harness::start("vertex", &[]);
    h.sandbox
        .state
        .llm
        .push_text(format!("Sure. {GOOD} That is all."));
    let (got, _) = h.llm.complete_json::<Plan>(ask("plan")).await.unwrap();
    assert_eq!(got, plan());
}

#[tokio::test]
async fn the_request_quotes_the_schema_and_asks_for_json_mode() {
    let h = Harness::start("vertex", &[]);
    h.sandbox.state.llm.push_text(GOOD);
    h.llm.complete_json::<Plan>(ask("plan")).await.unwrap();
    let body = h.sent(Upstream::Vertex)[0].json();
    assert_eq!(body["response_format"]["type"], "json_object");
    let user = body["messages"][1]["content"].as_str().unwrap();
    assert!(user.contains("JSON Schema"), "{user}");
    assert!(user.contains("\"tools\""), "{user}");
}

#[tokio::test]
async fn an_invalid_reply_gets_one_repair_request_quoting_the_error() {
    let h = Harness::start("vertex", &[]);
    h.sandbox
        .state
        .llm
        .push_text(r#"{"tools": "list_invoices"}"#);
    h.sandbox.state.llm.push_text(GOOD);
    let (got, resp) = h.llm.complete_json::<Plan>(ask("plan")).await.unwrap();
    assert_eq!(got, plan());
    let calls = h.sent(Upstream::Vertex);
    assert_eq!(calls.len(), 2);
    let repair = calls[1].json()["messages"][1]["content"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(repair.starts_with("What is 2 + 2?"), "{repair}");
    assert!(repair.contains("invalid type"), "{repair}");
    assert!(repair.contains(r#"{"tools": "list_invoices"}"#), "{repair}");
    assert!(repair.contains("label=\"previous reply\""), "{repair}");
    assert!(resp.completion_tokens > 0);
    let metrics = h.registry.encode();
    assert!(
        metrics.contains(r#"purpose="repair",outcome="ok"} 1"#),
        "{metrics}"
    );
}

async fn fails_after_one_repair(first: &str, second: &str, expect: &str) {
    let h = Harness::start("vertex", &[]);
    h.sandbox.state.llm.push_text(first);
    h.sandbox.state.llm.push_text(second);
    let err = h.llm.complete_json::<Plan>(ask("plan")).await.unwrap_err();
    match &err {
        LlmError::InvalidOutput { message, .. } => {
            assert!(
                message.contains(expect),
                "{message} should mention {expect}"
            )
        }
        other => panic!("expected InvalidOutput, got {other:?}"),
    }
    assert_eq!(err.code(), common::ErrorCode::InvalidResponse);
    assert_eq!(h.sent(Upstream::Vertex).len(), 2);
}

#[tokio::test]
async fn a_reply_that_is_not_json_twice_is_a_typed_error() {
    fails_after_one_repair("I cannot help.", "Still no.", "no JSON").await;
}

#[tokio::test]
async fn truncated_json_twice_is_a_typed_error() {
    fails_after_one_repair(
        r#"{"tools": ["list_inv"#,
        r#"```json\n{"tools": ["#,
        "truncated",
    )
    .await;
}

#[tokio::test]
async fn json_of_the_wrong_shape_twice_is_a_typed_error() {
    fails_after_one_repair(r#"{"tools": 3}"#, r#"{"plan": []}"#, "schema").await;
}

#[tokio::test]
async fn an_empty_reply_twice_is_a_typed_error() {
    fails_after_one_repair("", "  ", "empty").await;
}

#[tokio::test]
async fn the_sandbox_default_reply_satisfies_the_schema() {
    let h = Harness::start("vertex", &[]);
    let (got, _) = h.llm.complete_json::<Plan>(ask("plan")).await.unwrap();
    assert_eq!(
        got,
        Plan {
            tools: vec![],
            reason: String::new()
        }
    );
}
