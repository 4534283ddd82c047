//! Pipeline throughput and peak memory (prints figures; not a test).
//!
//! Runs the pipeline over a mailbox of 10,000 and then of 100,000 new messages
//! (`PIPELINE_MESSAGES=10000,100000` is the default; give other comma-separated sizes to
//! choose), every sibling service an instant stand-in built on `common::kit` (so the figures
//! measure the orchestrator: HTTP calls, JSON, concurrency, the store), the in-memory store,
//! concurrency 32. For each size it prints messages/s and peak RSS.
//!
//! Peak RSS is honest and per size: each run happens in a child process of its own (this
//! bench re-executes itself), whose `VmHWM` (from /proc/self/status) is the figure. The
//! stand-ins run in the parent process, so they are *not* counted; what is counted is the
//! orchestrator side only: the runtime, the HTTP client, the pipeline and its in-memory
//! store (which keeps one record per message, as Firestore would).
//! Run: `cargo bench -p orchestrator --bench pipeline`.
//!
//! Figures on the 2-core development machine, which was shared with other builds (load 2–6),
//! so messages/s moves by ±30% from run to run; peak RSS is steady. Issue 15 part 4,
//! before → after: 10k messages 1,443 → 2,341 msgs/s, peak RSS 35.6 → 27.9 MiB; 100k
//! messages 1,354 → 1,883 msgs/s, peak RSS 98.9 → 59.1 MiB. Typed client calls without a
//! `serde_json::Value` copy (2026-12-01), the same quiet minutes: 10k 3,137 → 3,490–3,641
//! msgs/s, 100k 3,031 → 3,212–3,732 msgs/s, peak RSS 59.1 → 60.0 MiB at 100k (65 MiB before
//! the memory store packed `updated_at` and task ids: glibc's placement of the records
//! shifted); callgrind, orchestrator side: 1,046k → 787k instructions per message.
//! `/mcp/call` bodies written around the output's JSON text instead of through a
//! `serde_json::Value`, and tool answers read without an rmcp `CallToolResult` (2026-12-01),
//! callgrind over 2,000 messages: the stand-ins' side (the services' half of each internal
//! call) 679k → 500k instructions per message, the orchestrator side 787k → 770k; together
//! 1,466k → 1,270k (−13%). The memory store finding a run's entry by id instead of scanning
//! the run's (up to 1,000) entries under its lock: orchestrator side 770k → 746k at 2,000
//! messages (more at 10k, where each message past the first thousand scanned all of them).
//! Whole process, 10,000 messages, seven pairs against the code before these three changes,
//! one after the other on a shared machine: CPU time 0.88× (median; 0.82–1.12), wall 0.90×.
//! Quiet minutes after, three alternating runs each at 10k: 3,275–3,862 msgs/s before
//! (median 3,436), 3,931–4,084 after (median 3,956); the full bench then: 10k 3,914 msgs/s
//! (27.5 MiB), 100k 3,804 msgs/s, peak RSS 60.4 MiB (62.6 MiB over the second run).
//! The memory store's message records packed (one fixed-size row a message, ids and task ids
//! in one arena, a table of row numbers; 2026-12-02), 100k messages, two alternating pairs:
//! peak RSS 61.2–61.6 → 42.7–43.0 MiB; messages/s moved within the machine's noise
//! (3,491–3,645 before, 3,183–4,086 after).
//! Calls between services through hyper-util's pooled client instead of reqwest (2026-12-02),
//! callgrind over 2,000 messages: the orchestrator side 747k → 529k instructions per message
//! (gone: reqwest's two `Url` parses per request, its redirect, retry and decompression
//! layers, proxy matching and client clones), the stand-ins' side 502k → 494k (the requests
//! lost a header: reqwest sent `accept-encoding: gzip`). Thirteen alternating pairs at 10k on
//! a shared machine (load 0.4–7): 1,935–2,940 msgs/s before (median 2,297), 2,073–4,152 after
//! (median 3,019), after/before 1.22× (median of the pairs); the four quiet pairs (load under
//! 2): medians 2,890 → 3,760. Peak RSS: 10k about the same (27.8–31.0 → 28.6–31.6 MiB); 100k
//! 60.6–62.8 → 68.3–72.7 MiB, though massif puts the live heap at its peak at 25.9 → 27.3 MiB:
//! the rest is glibc's arenas fragmenting more. The full bench then: 10k 5,519 msgs/s (31.1
//! MiB), 100k 4,376 msgs/s, peak RSS 68.3 MiB (71.4 MiB over the second run); the code before,
//! right after it: 2,182 and 2,786 msgs/s, 60.6 MiB.
//! With the packed memory store under it (2026-12-02), two alternating pairs of full runs,
//! machine otherwise idle (load 2–4): reqwest 10k 3,985–4,106 msgs/s (28.2–29.0 MiB), 100k
//! 3,536–4,183 msgs/s (42.7–43.1 MiB); hyper-util 10k 4,922–5,654 msgs/s (28.5–29.5 MiB),
//! 100k 5,329–5,375 msgs/s, peak RSS 45.0–45.5 MiB: the extra fragmentation the hyper path
//! showed at 100k came from the store's small records, which are gone.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
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

/// Mailbox sizes run when `PIPELINE_MESSAGES` is unset.
const DEFAULT_SIZES: &str = "10000,100000";
const PAGE: usize = 500;
const CONCURRENCY: usize = 32;
/// Set in a child process: the mailbox size it runs.
const CHILD_ENV: &str = "PIPELINE_BENCH_CHILD";

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

/// The stand-ins, served from this process; `mailbox` is the size gmail lists.
fn stand_ins(mailbox: Arc<AtomicUsize>) -> ServiceUrls {
    let gmail = Toolbox::new()
        .serve::<gm::ListMessages, _, _>(move |a: gm::ListInput, _: ToolContext| {
            let size = mailbox.load(Ordering::Relaxed);
            async move {
                let start: usize = a.page_token.and_then(|t| t.parse().ok()).unwrap_or(0);
                let end = (start + PAGE).min(size);
                let messages: Vec<MessageSummary> = (start..end).map(summary).collect();
                Ok::<_, ToolError>(MessageList {
                    count: messages.len(),
                    messages,
                    result_size_estimate: size as u64,
                    more: end < size,
                    next_page_token: (end < size).then(|| end.to_string()),
                    query: a.query.unwrap_or_default(),
                })
            }
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
    ServiceUrls {
        gmail_service_url: url("gmail", gmail),
        classification_service_url: url("classification", classification),
        hubspot_service_url: url("hubspot", hubspot),
        chargebee_service_url: url("chargebee", chargebee),
        llm_agent_service_url: url("llm-agent", agent),
        firebase_service_url: url("firebase", firebase),
        service_timeout_ms: 10_000,
        service_id_tokens: None,
    }
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

fn mib(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

/// The URL variables a child reads (the stand-ins' addresses).
const URL_VARS: [&str; 6] = [
    "GMAIL_SERVICE_URL",
    "CLASSIFICATION_SERVICE_URL",
    "HUBSPOT_SERVICE_URL",
    "CHARGEBEE_SERVICE_URL",
    "LLM_AGENT_SERVICE_URL",
    "FIREBASE_SERVICE_URL",
];

fn url_values(u: &ServiceUrls) -> [Option<&String>; 6] {
    [
        u.gmail_service_url.as_ref(),
        u.classification_service_url.as_ref(),
        u.hubspot_service_url.as_ref(),
        u.chargebee_service_url.as_ref(),
        u.llm_agent_service_url.as_ref(),
        u.firebase_service_url.as_ref(),
    ]
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    match std::env::var(CHILD_ENV).ok().and_then(|s| s.parse().ok()) {
        Some(size) => rt.block_on(child(size)),
        None => {
            let local = tokio::task::LocalSet::new();
            local.block_on(&rt, parent());
        }
    }
}

/// Serves the stand-ins and runs one child per size.
async fn parent() {
    let sizes: Vec<usize> = std::env::var("PIPELINE_MESSAGES")
        .unwrap_or_else(|_| DEFAULT_SIZES.into())
        .split(',')
        .filter_map(|s| s.trim().replace('_', "").parse().ok())
        .filter(|n| *n > 0)
        .collect();
    let mailbox = Arc::new(AtomicUsize::new(0));
    let urls = stand_ins(mailbox.clone());
    let exe = std::env::current_exe().expect("the bench's own path");
    println!(
        "pipeline bench: concurrency {CONCURRENCY}, instant stand-ins (in the parent process), \
         memory store; each size in a child process whose peak RSS excludes the stand-ins"
    );
    for size in sizes {
        mailbox.store(size, Ordering::Relaxed);
        let mut cmd = tokio::process::Command::new(&exe);
        cmd.env(CHILD_ENV, size.to_string());
        for (var, value) in URL_VARS.iter().zip(url_values(&urls)) {
            cmd.env(var, value.expect("every stand-in has a URL"));
        }
        let status = cmd.status().await.expect("the child starts");
        assert!(status.success(), "the {size}-message run failed: {status}");
    }
    println!(
        "  (the parent, serving the stand-ins: peak RSS {:.1} MiB, not part of the figures above)",
        mib(vm_hwm_kb().unwrap_or(0))
    );
}

/// One run over a mailbox of `size` messages, then a second over the same window.
async fn child(size: usize) {
    let var = |v: &str| std::env::var(v).ok();
    let services = Services::new(&ServiceUrls {
        gmail_service_url: var(URL_VARS[0]),
        classification_service_url: var(URL_VARS[1]),
        hubspot_service_url: var(URL_VARS[2]),
        chargebee_service_url: var(URL_VARS[3]),
        llm_agent_service_url: var(URL_VARS[4]),
        firebase_service_url: var(URL_VARS[5]),
        service_timeout_ms: 10_000,
        service_id_tokens: None,
    });
    let before = vm_hwm_kb().unwrap_or(0);
    let settings = PipelineSettings {
        pipeline_concurrency: CONCURRENCY,
        pipeline_max_messages: size,
        pipeline_wait: Duration::from_secs(3_600),
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
    println!("{size} messages:");
    println!("  status {:?}; counts {:?}", out.status, out.counts);
    println!(
        "  run took {secs:.2} s -> {:.0} messages/s",
        size as f64 / secs
    );
    println!(
        "  peak RSS (VmHWM, orchestrator side only): {:.1} MiB ({:.1} MiB before the run)",
        mib(after),
        mib(before)
    );
    // The second run over the same window skips everything (idempotency path).
    let started = Instant::now();
    let again = pipeline
        .run_pipeline(Some("2026-01-01T00:00:00Z"), None)
        .await
        .expect("the second run finishes");
    println!(
        "  second run over the same window: skipped {} of {} in {:.2} s, tasks created {}; peak RSS {:.1} MiB",
        again.counts.skipped,
        again.counts.fetched,
        started.elapsed().as_secs_f64(),
        again.counts.tasks_created,
        mib(vm_hwm_kb().unwrap_or(0))
    );
}
