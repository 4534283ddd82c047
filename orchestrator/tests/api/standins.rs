//! Contract-true stand-ins for the pipeline's services, served by the real kit on loopback,
//! with knobs for the faults the reliability tests need: a mailbox of N dated messages, a slow
//! agent, and a firebase that counts every task creation by key.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use common::contract::chargebee as cb;
use common::contract::classification as cl;
use common::contract::firebase::{self as fb, Status, Task, TaskSource};
use common::contract::gmail::{self as gm, Message, MessageList, MessageSummary};
use common::contract::hubspot as hs;
use common::contract::llm_agent as ag;
use common::kit::{Kit, ServiceInfo, ToolContext, ToolError, Toolbox};
use common::labels::{Category, Priority};
use orchestrator::services::{ServiceUrls, Services};
use parking_lot::Mutex;

/// How the stand-ins behave.
#[derive(Clone)]
pub struct Knobs {
    /// Messages in the mailbox, the newest received at `newest`, one a minute before it.
    pub mailbox: usize,
    pub newest: DateTime<Utc>,
    /// How long each `get_message` takes.
    pub get_delay: Duration,
    /// How long each agent decision takes.
    pub agent_delay: Duration,
}

impl Default for Knobs {
    fn default() -> Self {
        Self {
            mailbox: 20,
            newest: Utc::now() - chrono::Duration::minutes(1),
            get_delay: Duration::ZERO,
            agent_delay: Duration::ZERO,
        }
    }
}

/// What the stand-ins saw.
#[derive(Default)]
pub struct Seen {
    /// Task creations by idempotency key (a key seen twice is a retried creation).
    pub creations: Mutex<HashMap<String, usize>>,
    /// Each message read, by id, how many times.
    pub reads: Mutex<HashMap<String, usize>>,
}

impl Seen {
    /// Distinct tasks created.
    pub fn tasks(&self) -> usize {
        self.creations.lock().len()
    }

    /// Distinct messages read.
    pub fn messages_read(&self) -> usize {
        self.reads.lock().len()
    }
}

fn kit(name: &'static str, tools: Toolbox) -> Kit {
    Kit::new(
        ServiceInfo {
            name,
            version: "test",
            instructions: "",
            default_port: 0,
        },
        tools,
    )
}

fn date_of(k: &Knobs, i: usize) -> DateTime<Utc> {
    k.newest - chrono::Duration::minutes(i as i64)
}

fn summary(k: &Knobs, i: usize) -> MessageSummary {
    MessageSummary {
        id: format!("m{i:06}"),
        thread_id: format!("t{i:06}"),
        from: format!("Customer {i} <customer{i}@example.com>"),
        from_email: format!("customer{i}@example.com"),
        subject: format!("Invoice {i} is wrong"),
        date: Some(date_of(k, i).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        snippet: "Hello".into(),
        labels: vec!["INBOX".into()],
    }
}

/// `after:A before:B` → the mailbox indexes in the window, newest first.
fn in_window(k: &Knobs, query: &str) -> Vec<usize> {
    let mut after = i64::MIN;
    let mut before = i64::MAX;
    for term in query.split_whitespace() {
        if let Some(v) = term.strip_prefix("after:") {
            after = v.parse().unwrap_or(after);
        }
        if let Some(v) = term.strip_prefix("before:") {
            before = v.parse().unwrap_or(before);
        }
    }
    (0..k.mailbox)
        .filter(|i| {
            let t = date_of(k, *i).timestamp();
            t > after && t < before
        })
        .collect()
}

fn task(key: &str, email: &str) -> Task {
    Task {
        id: key.to_string(),
        idempotency_key: key.to_string(),
        email: email.to_string(),
        title: "t".into(),
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

/// Starts the six services; returns clients for them and what they see.
pub fn spawn(k: Knobs) -> (Services, Arc<Seen>) {
    let seen = Arc::new(Seen::default());
    let (k1, k2) = (k.clone(), k.clone());
    let reads = seen.clone();
    let gmail = Toolbox::new()
        .serve::<gm::ListMessages, _, _>(move |a: gm::ListInput, _: ToolContext| {
            let k = k1.clone();
            async move {
                let all = in_window(&k, a.query.as_deref().unwrap_or_default());
                let start: usize = a.page_token.and_then(|t| t.parse().ok()).unwrap_or(0);
                let max = a.max.unwrap_or(100) as usize;
                let end = (start + max).min(all.len());
                let messages: Vec<MessageSummary> =
                    all[start..end].iter().map(|i| summary(&k, *i)).collect();
                Ok::<_, ToolError>(MessageList {
                    count: messages.len(),
                    messages,
                    result_size_estimate: all.len() as u64,
                    more: end < all.len(),
                    next_page_token: (end < all.len()).then(|| end.to_string()),
                    query: a.query.unwrap_or_default(),
                })
            }
        })
        .serve::<gm::GetMessage, _, _>(move |a: gm::GetInput, _: ToolContext| {
            let k = k2.clone();
            let reads = reads.clone();
            async move {
                tokio::time::sleep(k.get_delay).await;
                *reads.reads.lock().entry(a.id.clone()).or_default() += 1;
                let i: usize = a.id.trim_start_matches('m').parse().unwrap_or(0);
                let s = summary(&k, i);
                Ok::<_, ToolError>(Message {
                    id: s.id,
                    thread_id: s.thread_id,
                    from: s.from,
                    from_email: s.from_email,
                    to: vec!["support@example.com".into()],
                    cc: vec![],
                    subject: s.subject,
                    date: s.date,
                    snippet: s.snippet,
                    text: "My invoice charged me twice; please refund the duplicate.".into(),
                    truncated: false,
                    quoted_history_trimmed: false,
                    labels: s.labels,
                    attachments: vec![],
                })
            }
        });
    let classification = Toolbox::new().serve::<cl::ClassifyEmail, _, _>(|_, _| async {
        Ok::<_, ToolError>(cl::ClassifyOutput {
            category: Category::Billing,
            priority: Priority::High,
            confidence: 0.9,
            engine: cl::Engine::Builtin,
            model: "test".into(),
            reasons: vec![],
        })
    });
    let hubspot = Toolbox::new().serve::<hs::GetContact, _, _>(|_, _| async {
        Err::<hs::Contact, _>(ToolError::not_found("no contact"))
    });
    let chargebee = Toolbox::new().serve::<cb::GetCustomer, _, _>(|_, _| async {
        Err::<cb::Customer, _>(ToolError::not_found("no customer"))
    });
    let agent_delay = k.agent_delay;
    let agent = Toolbox::new().serve::<ag::ProcessEmail, _, _>(move |_, _| async move {
        tokio::time::sleep(agent_delay).await;
        Ok::<_, ToolError>(ag::ProcessOutput {
            summary: "Charged twice.".into(),
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
    let creations = seen.clone();
    let firebase =
        Toolbox::new().serve::<fb::CreateTask, _, _>(move |a: fb::CreateTaskInput, _| {
            let creations = creations.clone();
            async move {
                let key = a.task.idempotency_key.as_str().to_string();
                let n = {
                    let mut c = creations.creations.lock();
                    let n = c.entry(key.clone()).or_default();
                    *n += 1;
                    *n
                };
                Ok::<_, ToolError>(fb::CreateTaskOutput {
                    created: n == 1,
                    task: task(&key, a.task.email.as_str()),
                })
            }
        });
    let url = |name, tb| Some(testkit::spawn(kit(name, tb)));
    let services = Services::new(&ServiceUrls {
        gmail_service_url: url("gmail", gmail),
        classification_service_url: url("classification", classification),
        hubspot_service_url: url("hubspot", hubspot),
        chargebee_service_url: url("chargebee", chargebee),
        llm_agent_service_url: url("llm-agent", agent),
        firebase_service_url: url("firebase", firebase),
        service_timeout_ms: 5_000,
        service_id_tokens: None,
    });
    (services, seen)
}
