//! Tool results cached by their own freshness: data tools send how long a result stays fresh
//! (`_meta.ttlMs`, private), and the orchestrator reuses a result that long across different
//! questions about the same person (one upstream request), asks again after the window,
//! always for `no_cache`, and drops a person's cached mailbox searches when new mail from
//! them arrives.

use std::sync::Arc;
use std::time::Duration;

use sandbox::Upstream;
use serde_json::{Value, json};

use crate::query_helpers::{Options, Stack, spawn_orchestrator, spawn_services};

const ALICE: &str = "alice@example.com";

/// The sandbox with the real data services; chargebee's `billing_summary` stays fresh for one
/// second (`TOOL_FRESHNESS`, as the service's setting applies it); the orchestrator plans
/// with the sandbox's scripted model.
async fn stack() -> Stack {
    let sandbox = sandbox::Sandbox::new();
    let sandbox_url = sandbox.clone().spawn();
    let mut services = spawn_services(&sandbox_url).await;
    let cb: chargebee::ChargebeeSettings = common::config::from_pairs([
        ("CHARGEBEE_BASE_URL".to_string(), sandbox_url.clone()),
        (
            "CHARGEBEE_SITE".to_string(),
            sandbox::credentials::CHARGEBEE_SITE.to_string(),
        ),
        (
            "CHARGEBEE_API_KEY".to_string(),
            sandbox::credentials::CHARGEBEE_API_KEY.to_string(),
        ),
    ])
    .expect("chargebee settings");
    let mut kit = chargebee::kit(&cb, Default::default());
    let overrides = common::config::parse_freshness("billing_summary=1s").unwrap();
    kit.tools = Arc::new((*kit.tools).clone().with_freshness(&overrides).unwrap());
    services.insert("chargebee", testkit::spawn(kit));
    let url = spawn_orchestrator(
        &sandbox_url,
        &services,
        &Options {
            model: true,
            env: Vec::new(),
        },
    )
    .await;
    Stack {
        sandbox,
        sandbox_url,
        url,
        http: common::tls::client(),
        services,
    }
}

/// Asks `question` about Alice with the model planning one call of `service.tool`.
async fn ask(s: &Stack, question: &str, service: &str, tool: &str, no_cache: bool) -> Value {
    let llm = &s.sandbox.state.llm;
    llm.push_text(
        json!({"intent": "lookup", "calls": [{"service": service, "tool": tool, "arguments": {}}]})
            .to_string(),
    );
    llm.push_text(json!({"answer": "Here is what I found.", "confidence": 0.8}).to_string());
    let (status, _, body) = s
        .ask_raw(json!({"query": question, "email": ALICE, "no_cache": no_cache}))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["cache"], "miss", "a new question is computed: {body}");
    body
}

fn upstream(s: &Stack, u: Upstream) -> usize {
    s.sandbox.requests(Some(u)).len()
}

fn cached(body: &Value) -> bool {
    body["sources"][0]["cached"]
        .as_bool()
        .unwrap_or_else(|| panic!("one source: {body}"))
}

#[tokio::test]
async fn data_tools_send_their_freshness_with_each_result() {
    let s = stack().await;
    let call = |service: &'static str, tool: &'static str| {
        let http = s.http.clone();
        let url = s.services[service].clone();
        async move {
            http.post(format!("{url}/mcp/call"))
                .json(&json!({"tool": tool, "arguments": {"email": ALICE}}))
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    let billing = call("chargebee", "billing_summary").await;
    assert_eq!(billing["_meta"]["ttlMs"], 1_000, "the override: {billing}");
    assert_eq!(billing["_meta"]["cacheScope"], "private");
    let contact = call("hubspot", "get_contact").await;
    assert_eq!(
        contact["_meta"]["ttlMs"], 300_000,
        "CRM: 5 minutes: {contact}"
    );
    let mail = call("gmail", "search_messages").await;
    assert_eq!(mail["_meta"]["ttlMs"], 30_000, "mailbox: 30 s: {mail}");
}

#[tokio::test]
async fn results_are_reused_within_their_freshness_and_asked_again_after_it_or_for_no_cache() {
    let s = stack().await;
    let q = |n: u32| format!("Billing question number {n} about Alice");

    let first = ask(&s, &q(1), "chargebee", "billing_summary", false).await;
    assert!(!cached(&first), "{first}");
    let after_first = upstream(&s, Upstream::Chargebee);
    assert!(after_first > 0, "the first question reached Chargebee");

    // Another question inside the window: the same tool result, no upstream request.
    let second = ask(&s, &q(2), "chargebee", "billing_summary", false).await;
    assert!(cached(&second), "{second}");
    assert_eq!(upstream(&s, Upstream::Chargebee), after_first);

    // After the window (1 s for this tool), the service is asked again.
    tokio::time::sleep(Duration::from_millis(1_300)).await;
    let third = ask(&s, &q(3), "chargebee", "billing_summary", false).await;
    assert!(!cached(&third), "{third}");
    let after_third = upstream(&s, Upstream::Chargebee);
    assert!(after_third > after_first, "asked again after the window");

    // `no_cache` (honoured here: identity is off, so the caller is staff) reaches Chargebee
    // even inside the window.
    let fourth = ask(&s, &q(4), "chargebee", "billing_summary", true).await;
    assert!(!cached(&fourth), "{fourth}");
    assert!(upstream(&s, Upstream::Chargebee) > after_third);

    let metrics = s
        .http
        .get(format!("{}/metrics", s.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for outcome in ["hit", "miss", "bypass"] {
        assert!(
            metrics
                .lines()
                .any(|l| l.starts_with("tool_result_cache_lookups_total")
                    && l.contains("tool=\"billing_summary\"")
                    && l.contains(&format!("outcome=\"{outcome}\""))),
            "no {outcome} counted"
        );
    }
}

#[tokio::test]
async fn new_mail_from_a_person_drops_their_cached_mailbox_searches() {
    let s = stack().await;
    let first = ask(
        &s,
        "Did Alice write to us?",
        "gmail",
        "search_messages",
        false,
    )
    .await;
    assert!(!cached(&first), "{first}");
    let second = ask(
        &s,
        "Has Alice emailed us lately?",
        "gmail",
        "search_messages",
        false,
    )
    .await;
    assert!(cached(&second), "inside the mailbox's 30 s: {second}");
    let searches = upstream(&s, Upstream::Gmail);

    // New mail from Alice arrives and the pipeline reads it.
    let new: sandbox::gmail::NewMessage = serde_json::from_value(json!({
        "from": ALICE,
        "subject": "One more thing about my invoice",
        "text": "Could you resend the PDF?",
    }))
    .unwrap();
    s.sandbox.state.gmail.add(new);
    let since = (chrono::Utc::now() - chrono::Duration::minutes(1)).to_rfc3339();
    let run: Value = s
        .http
        .post(format!("{}/mcp/call", s.url))
        .json(&json!({"tool": "run_pipeline", "arguments": {"since": since}}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        run["structuredContent"]["counts"]["fetched"].as_u64() >= Some(1),
        "the run read the new mail: {run}"
    );

    let third = ask(
        &s,
        "Any news from Alice by email?",
        "gmail",
        "search_messages",
        false,
    )
    .await;
    assert!(
        !cached(&third),
        "new mail made the cached search stale: {third}"
    );
    assert!(upstream(&s, Upstream::Gmail) > searches);
}
