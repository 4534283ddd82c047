//! Starting the service (and the sandbox's scripted model) for tests.

use common::llm::LlmSettings;
use llm_agent::AgentSettings;
use serde_json::{Value, json};

/// The service without a model; returns its base URL.
pub fn spawn_rules() -> String {
    let kit = llm_agent::build(
        &LlmSettings::default(),
        Default::default(),
        &AgentSettings::default(),
    )
    .expect("builds");
    testkit::spawn(kit)
}

/// A sandbox, and the service pointed at its OpenAI-compatible stand-in.
pub fn spawn_with_llm(settings: AgentSettings) -> (sandbox::Sandbox, String) {
    let sandbox = sandbox::Sandbox::new();
    let base = sandbox.spawn();
    let llm: LlmSettings = common::config::from_pairs(
        [
            ("LLM_PROVIDER", "openai".to_string()),
            ("PROMPTS_DIR", testkit::prompts_dir()),
            ("LLM_MODEL", "gemma-test".to_string()),
            ("OPENAI_BASE_URL", format!("{base}/v1")),
            ("LLM_MAX_ATTEMPTS", "1".to_string()),
        ]
        .map(|(k, v)| (k.to_string(), v)),
    )
    .expect("LLM settings parse");
    let kit = llm_agent::build(&llm, Default::default(), &settings).expect("builds");
    (sandbox, testkit::spawn(kit))
}

/// A normalized message as the gmail service returns it.
pub fn message(from: &str, subject: &str, text: &str) -> Value {
    json!({"id": "18c2f0a1b2c3d4e5", "thread_id": "18c2f0a1b2c3d4e5", "from": from,
           "to": ["support@ourco.example"], "cc": [], "subject": subject,
           "date": "2026-11-20T09:30:00Z", "snippet": text.chars().take(100).collect::<String>(),
           "text": text, "labels": ["INBOX", "UNREAD"], "attachments": []})
}

/// A CRM contact as hubspot's `get_contact` returns it.
pub fn contact(email: &str, first_name: &str, company: &str) -> Value {
    json!({"id": "c-1", "email": email, "first_name": first_name, "last_name": null,
           "company_name": company, "phone": null, "job_title": null, "lifecycle_stage": "customer",
           "created_at": null, "updated_at": null, "company_ids": [], "deal_count": 0,
           "ticket_count": 0})
}

/// A billing customer as chargebee's `get_customer` returns it.
pub fn customer(id: &str, email: &str) -> Value {
    json!({"id": id, "email": email, "first_name": null, "last_name": null, "company": null,
           "created_at": null, "deleted": false, "auto_collection": "on", "currency": "USD",
           "credits": null, "unbilled_charges": null, "other_customer_ids": []})
}

/// `POST /mcp/call` for `process_email`; returns the CallToolResult JSON.
pub async fn process(base: &str, arguments: Value) -> Value {
    common::tls::client()
        .post(format!("{base}/mcp/call"))
        .json(&json!({"tool": "process_email", "arguments": arguments}))
        .send()
        .await
        .expect("the service answers")
        .json()
        .await
        .expect("a JSON body")
}

/// The structured content of a successful call (panics on an error result).
pub fn ok(result: &Value) -> &Value {
    assert_ne!(result["isError"], json!(true), "unexpected error: {result}");
    &result["structuredContent"]
}

/// Every action is `create_task` (with a bounded title and a valid priority) or `none`.
pub fn assert_only_allowed_actions(out: &Value) {
    let actions = out["actions"].as_array().expect("actions");
    assert!(!actions.is_empty());
    for a in actions {
        match a["type"].as_str() {
            Some("create_task") => {
                let title = a["title"].as_str().unwrap();
                assert!(!title.is_empty() && title.chars().count() <= 200, "{a}");
                assert!(
                    ["urgent", "high", "normal", "low"].contains(&a["priority"].as_str().unwrap()),
                    "{a}"
                );
                let keys: Vec<&String> = a.as_object().unwrap().keys().collect();
                assert!(
                    keys.iter()
                        .all(|k| ["type", "title", "priority", "due", "assignee"]
                            .contains(&k.as_str())),
                    "{a}"
                );
            }
            Some("none") => assert!(a["reason"].is_string(), "{a}"),
            other => panic!("forbidden action type {other:?} in {out}"),
        }
    }
}
