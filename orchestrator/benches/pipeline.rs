//! Pipeline throughput and peak memory (prints figures; not a test).
//!
//! One run over a mailbox of 10,000 new messages, every sibling service an instant stand-in
//! built on `common::kit` (so the figures measure the orchestrator: HTTP calls, JSON,
//! concurrency, the store), the in-memory store, concurrency 32.
//! Run: `cargo bench -p orchestrator --bench pipeline`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::kit::{Kit, ServiceInfo, ToolContext, ToolError, Toolbox};
use common::metrics::MetricsRegistry;
use orchestrator::pipeline::{Pipeline, PipelineSettings};
use orchestrator::services::{ServiceUrls, Services};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};

const MAILBOX: usize = 10_000;
const PAGE: usize = 500;

/// Any arguments (the stand-ins accept what the pipeline sends).
#[derive(Deserialize, JsonSchema)]
struct Args(serde_json::Map<String, Value>);

/// Any object result.
#[derive(serde::Serialize, JsonSchema)]
struct Out(serde_json::Map<String, Value>);

fn obj(v: Value) -> Out {
    match v {
        Value::Object(m) => Out(m),
        _ => Out(Default::default()),
    }
}

fn kit(name: &'static str, tools: Toolbox) -> Kit {
    Kit::new(
        ServiceInfo {
            name,
            version: "bench",
            instructions: "",
            default_port: 0,
        },
        tools,
    )
}

fn tool<F>(tb: Toolbox, name: &'static str, f: F) -> Toolbox
where
    F: Fn(serde_json::Map<String, Value>) -> Value + Send + Sync + 'static,
{
    let f = Arc::new(f);
    tb.tool::<Args, Out, _, _>(name, "stand-in", move |a: Args, _ctx: ToolContext| {
        let f = f.clone();
        async move { Ok::<_, ToolError>(obj(f(a.0))) }
    })
}

fn stand_ins() -> Services {
    let gmail = tool(Toolbox::new(), "list_messages", |a| {
        let start: usize = a
            .get("page_token")
            .and_then(Value::as_str)
            .and_then(|t| t.parse().ok())
            .unwrap_or(0);
        let end = (start + PAGE).min(MAILBOX);
        let messages: Vec<Value> = (start..end)
            .map(|i| json!({ "id": format!("m{i:06}") }))
            .collect();
        let next = (end < MAILBOX).then(|| end.to_string());
        json!({ "messages": messages, "next_page_token": next })
    });
    let gmail = tool(gmail, "get_message", |a| {
        let id = a.get("id").cloned().unwrap_or_default();
        json!({
            "id": id, "thread_id": id, "from": "Alice Example <alice@example.com>",
            "to": ["support@example.com"], "subject": "Invoice 1234 is wrong",
            "date": "2026-01-01T00:00:00Z", "snippet": "Hello",
            "text": "Hello, my last invoice charged me twice. Please refund the duplicate charge. ".repeat(8),
            "labels": ["INBOX"], "attachments": []
        })
    });
    let classification = tool(
        Toolbox::new(),
        "classify_email",
        |_| json!({"category": "billing", "priority": "high", "confidence": 0.9, "engine": "builtin", "reasons": []}),
    );
    let hubspot = tool(
        Toolbox::new(),
        "get_contact",
        |_| json!({"email": "alice@example.com", "first_name": "Alice", "company": "Example"}),
    );
    let chargebee = tool(
        Toolbox::new(),
        "get_customer",
        |_| json!({"id": "cust_1", "email": "alice@example.com", "plan": "pro"}),
    );
    let agent = tool(Toolbox::new(), "process_email", |_| {
        json!({"summary": "Customer was charged twice.", "reply_draft": "Sorry!", "model": "rules",
               "actions": [{"type": "create_task", "title": "Refund duplicate charge", "priority": "high"}],
               "dropped": []})
    });
    let firebase = tool(Toolbox::new(), "create_task", |a| {
        let key = a["task"]["idempotency_key"]
            .as_str()
            .unwrap_or("")
            .to_string();
        json!({"id": key, "created": true})
    });
    let url = |name, tb| Some(testkit::spawn(kit(name, tb)));
    Services::new(&ServiceUrls {
        gmail_service_url: url("gmail", gmail),
        classification_service_url: url("classification", classification),
        hubspot_service_url: url("hubspot", hubspot),
        chargebee_service_url: url("chargebee", chargebee),
        llm_agent_service_url: url("llm-agent", agent),
        firebase_service_url: url("firebase", firebase),
        service_timeout_ms: 10_000,
    })
}

/// Peak resident set size of this process (kB), from /proc/self/status.
fn vm_hwm_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let local = tokio::task::LocalSet::new();
    local.block_on(&rt, async {
        let services = stand_ins();
        let before = vm_hwm_kb().unwrap_or(0);
        let settings = PipelineSettings {
            pipeline_concurrency: 32,
            pipeline_max_messages: MAILBOX,
            pipeline_wait: Duration::from_secs(600),
            ..PipelineSettings::default()
        };
        let pipeline = Pipeline::start(settings, services, &MetricsRegistry::new())
            .await
            .expect("pipeline starts");
        let started = Instant::now();
        let out = pipeline
            .run_pipeline(Some("2026-01-01T00:00:00Z"))
            .await
            .expect("the run finishes");
        let secs = started.elapsed().as_secs_f64();
        let after = vm_hwm_kb().unwrap_or(0);
        println!("pipeline bench: {MAILBOX} messages, concurrency 32, instant stand-ins, memory store");
        println!("  status {:?}; counts {:?}", out.status, out.counts);
        println!("  run took {secs:.2} s -> {:.0} messages/s", MAILBOX as f64 / secs);
        println!(
            "  peak RSS (VmHWM, whole process incl. stand-ins): {:.1} MiB before the run, {:.1} MiB after",
            before as f64 / 1024.0,
            after as f64 / 1024.0
        );
        // The second run over the same window skips everything (idempotency path).
        let started = Instant::now();
        let again = pipeline
            .run_pipeline(Some("2026-01-01T00:00:00Z"))
            .await
            .expect("the second run finishes");
        println!(
            "  second run over the same window: skipped {} of {} in {:.2} s, tasks created {}",
            again.counts.skipped,
            again.counts.fetched,
            started.elapsed().as_secs_f64(),
            again.counts.tasks_created
        );
    });
}
