//! Pipeline throughput and peak memory (prints figures; not a test).
//!
//! One run over a mailbox of 10,000 new messages, every sibling service an instant stand-in
//! built on `common::kit` (so the figures measure the orchestrator: HTTP calls, JSON,
//! concurrency, the store), the in-memory store, concurrency 32.
//! Run: `cargo bench -p orchestrator --bench pipeline`.

use std::time::{Duration, Instant};

use common::contract::chargebee as cb;
use common::contract::classification as cl;
use common::contract::firebase::{self as fb, Status, Task, TaskSource};
use common::contract::gmail::{self as gm, Message, MessageList, MessageSummary};
use common::contract::hubspot as hs;
use common::contract::llm_agent as ag;
use common::kit::{Kit, ServiceInfo, ToolContext, ToolError, Toolbox};
use common::labels::{Category, Priority};
use common::metrics::MetricsRegistry;
use orchestrator::pipeline::{Pipeline, PipelineSettings};
use orchestrator::services::{ServiceUrls, Services};

const MAILBOX: usize = 10_000;
const PAGE: usize = 500;

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

fn summary(i: usize) -> MessageSummary {
    MessageSummary {
        id: format!("m{i:06}"),
        thread_id: format!("m{i:06}"),
        from: "Alice Example <alice@example.com>".into(),
        from_email: "alice@example.com".into(),
        subject: "Invoice 1234 is wrong".into(),
        date: Some("2026-01-01T00:00:00Z".into()),
        snippet: "Hello".into(),
        labels: vec!["INBOX".into()],
    }
}

fn message(id: String) -> Message {
    Message {
        thread_id: id.clone(),
        id,
        from: "Alice Example <alice@example.com>".into(),
        from_email: "alice@example.com".into(),
        to: vec!["support@example.com".into()],
        cc: vec![],
        subject: "Invoice 1234 is wrong".into(),
        date: Some("2026-01-01T00:00:00Z".into()),
        snippet: "Hello".into(),
        text: "Hello, my last invoice charged me twice. Please refund the duplicate charge. "
            .repeat(8),
        truncated: false,
        quoted_history_trimmed: false,
        labels: vec!["INBOX".into()],
        attachments: vec![],
    }
}

fn task(key: &str) -> Task {
    Task {
        id: key.to_string(),
        idempotency_key: key.to_string(),
        email: "alice@example.com".into(),
        title: "Refund duplicate charge".into(),
        description: None,
        priority: Priority::High,
        status: Status::Open,
        source: TaskSource::default(),
        assignee: None,
        due: None,
        notes: None,
        created_at: "2026-01-01T00:00:00Z".into(),
        updated_at: "2026-01-01T00:00:00Z".into(),
        update_time: String::new(),
    }
}

fn stand_ins() -> Services {
    let gmail = Toolbox::new()
        .serve::<gm::ListMessages, _, _>(|a: gm::ListInput, _: ToolContext| async move {
            let start: usize = a.page_token.and_then(|t| t.parse().ok()).unwrap_or(0);
            let end = (start + PAGE).min(MAILBOX);
            let messages: Vec<MessageSummary> = (start..end).map(summary).collect();
            Ok::<_, ToolError>(MessageList {
                count: messages.len(),
                messages,
                result_size_estimate: MAILBOX as u64,
                more: end < MAILBOX,
                next_page_token: (end < MAILBOX).then(|| end.to_string()),
                query: a.query.unwrap_or_default(),
            })
        })
        .serve::<gm::GetMessage, _, _>(|a: gm::GetInput, _: ToolContext| async move {
            Ok::<_, ToolError>(message(a.id))
        });
    let classification = Toolbox::new().serve::<cl::ClassifyEmail, _, _>(|_, _| async {
        Ok::<_, ToolError>(cl::ClassifyOutput {
            category: Category::Billing,
            priority: Priority::High,
            confidence: 0.9,
            engine: cl::Engine::Builtin,
            model: "bench".into(),
            reasons: vec![],
        })
    });
    let hubspot = Toolbox::new().serve::<hs::GetContact, _, _>(|_, _| async {
        Ok::<_, ToolError>(hs::Contact {
            id: "c1".into(),
            email: Some("alice@example.com".into()),
            first_name: Some("Alice".into()),
            last_name: None,
            company_name: Some("Example".into()),
            phone: None,
            job_title: None,
            lifecycle_stage: None,
            created_at: None,
            updated_at: None,
            company_ids: vec![],
            deal_count: 0,
            ticket_count: 0,
        })
    });
    let chargebee = Toolbox::new().serve::<cb::GetCustomer, _, _>(|_, _| async {
        Err::<cb::Customer, _>(ToolError::not_found("no customer"))
    });
    let agent = Toolbox::new().serve::<ag::ProcessEmail, _, _>(|_, _| async {
        Ok::<_, ToolError>(ag::ProcessOutput {
            summary: "Customer was charged twice.".into(),
            reply_draft: "Sorry!".into(),
            actions: vec![ag::Action::CreateTask {
                title: "Refund duplicate charge".into(),
                priority: Priority::High,
                due: None,
                assignee: None,
            }],
            model: "rules".into(),
            dropped: vec![],
            fallback: None,
        })
    });
    let firebase =
        Toolbox::new().serve::<fb::CreateTask, _, _>(|a: fb::CreateTaskInput, _| async move {
            Ok::<_, ToolError>(fb::CreateTaskOutput {
                created: true,
                task: task(a.task.idempotency_key.as_str()),
            })
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
        service_id_tokens: None,
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
        let key = secrecy::SecretString::from("bench-sender-key");
        let pipeline = Pipeline::start(settings, services, &MetricsRegistry::new(), key)
            .await
            .expect("pipeline starts");
        let started = Instant::now();
        let out = pipeline
            .run_pipeline(Some("2026-01-01T00:00:00Z"), None)
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
            .run_pipeline(Some("2026-01-01T00:00:00Z"), None)
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
