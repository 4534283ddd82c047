//! The fault matrix (issue 11, item 5), against real processes: for each service the
//! orchestrator depends on, the model and Firestore, in each failure mode, `/query` answers
//! within its deadline with `ok`/`partial`/`error` and the right per-source status, never a
//! 5xx; in the pipeline a message whose classification, agent or task step failed is left for
//! a retry (enrichment failures degrade), and once the fault clears a rerun completes it with
//! each task created exactly once. Prints the matrix (also to `target/fault-matrix.txt`).
//!
//! How each fault is made:
//! - chargebee, hubspot, firebase, gmail: the external API behind the service (Chargebee,
//!   HubSpot, Identity Toolkit, Gmail) misbehaves through the sandbox's fault rules; `down`
//!   stops the service's process (connection refused).
//! - classification, llm-agent: the orchestrator reaches them through the sandbox's
//!   pass-through (`/__sandbox/proxy/{port}`), where the rules apply to the service's own
//!   answers; `down` points the orchestrator at a closed port.
//! - the model: the orchestrator, classification and llm-agent use the OpenAI-compatible
//!   provider (the sandbox's stand-in) for that row; `down` points them at a closed port.
//! - Firestore (the orchestrator's pipeline store, the firebase service's profiles and
//!   tasks), reached by every component through a loopback wire in front of the emulator:
//!   `down` closes its port, `slow` accepts and never answers, `garbage` answers bytes that
//!   are not HTTP/2; 429, 500 and a 50 MB body have no meaning below gRPC and are shown
//!   `n/a`.
//!
//! Breakers: their threshold is set above what one cell can reach, so each cell shows the
//! fault itself and not a breaker opened by the cell before (breakers have tests of their own).

mod support;

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use common::contract::Service;
use devstack::Component;
use serde_json::{Value, json};
use support::{Ledger, Stack, closed_port, service};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Chargebee,
    Hubspot,
    Firebase,
    Gmail,
    Classification,
    LlmAgent,
    Model,
    Firestore,
}

const TARGETS: [Target; 8] = [
    Target::Chargebee,
    Target::Hubspot,
    Target::Firebase,
    Target::Gmail,
    Target::Classification,
    Target::LlmAgent,
    Target::Model,
    Target::Firestore,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Down,
    Slow,
    RateLimited,
    ServerError,
    Garbage,
    Huge,
}

const MODES: [Mode; 6] = [
    Mode::Down,
    Mode::Slow,
    Mode::RateLimited,
    Mode::ServerError,
    Mode::Garbage,
    Mode::Huge,
];

/// Longer than every deadline below.
const SLOW_MS: u64 = 3000;
/// The 50 MB body.
const HUGE_BYTES: u64 = 50 * 1024 * 1024;

impl Target {
    fn name(self) -> &'static str {
        match self {
            Self::Chargebee => "chargebee",
            Self::Hubspot => "hubspot",
            Self::Firebase => "firebase",
            Self::Gmail => "gmail",
            Self::Classification => "classification",
            Self::LlmAgent => "llm-agent",
            Self::Model => "model",
            Self::Firestore => "firestore",
        }
    }

    /// The service whose process this row is about.
    fn service(self) -> Option<Service> {
        match self {
            Self::Chargebee => Some(Service::Chargebee),
            Self::Hubspot => Some(Service::Hubspot),
            Self::Firebase => Some(Service::Firebase),
            Self::Gmail => Some(Service::Gmail),
            Self::Classification => Some(Service::Classification),
            Self::LlmAgent => Some(Service::LlmAgent),
            Self::Model | Self::Firestore => None,
        }
    }

    /// The `/query` source this row shows: its service's, or for Firestore the firebase
    /// service's (profiles live there).
    fn source(self) -> Option<Service> {
        match self {
            Self::Firestore => Some(Service::Firebase),
            other => other.service(),
        }
    }

    /// What the customer asks: the broad set of sources (billing, CRM, sign-in, mail), or
    /// for Firestore the app profile (the one source read from it).
    fn question(self) -> &'static str {
        match self {
            Self::Firestore => "what are my profile settings?",
            _ => "tell me everything",
        }
    }

    /// The sandbox upstream whose answers the rules change.
    fn upstream(self) -> &'static str {
        match self {
            Self::Chargebee => "chargebee",
            Self::Hubspot => "hubspot",
            Self::Firebase => "identity_toolkit",
            Self::Gmail => "gmail",
            Self::Classification | Self::LlmAgent => "proxy",
            Self::Model => "openai",
            Self::Firestore => "",
        }
    }

    /// Whether a failure here fails the message's step (left for a retry) rather than
    /// degrading its enrichment.
    fn fails_the_step(self) -> bool {
        matches!(self, Self::Classification | Self::LlmAgent)
    }
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Self::Down => "down",
            Self::Slow => "slow",
            Self::RateLimited => "429",
            Self::ServerError => "500",
            Self::Garbage => "garbage",
            Self::Huge => "50MB",
        }
    }
}

/// The proxied URL env var of a service reached through the pass-through.
fn url_var(s: Service) -> String {
    format!(
        "{}_SERVICE_URL",
        s.as_str().replace('-', "_").to_uppercase()
    )
}

/// What the loopback wire in front of the Firestore emulator does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wire {
    /// Forwards both ways.
    Pass,
    /// Nothing listens (connection refused).
    Down,
    /// Accepts and never answers.
    Hang,
    /// Answers bytes that are not HTTP/2, then closes.
    Garbage,
}

/// A TCP wire between the stack and the Firestore emulator, so Firestore can fail under
/// running processes (a component that cannot reach Firestore at start-up refuses to start:
/// the outage a running service meets is the one that matters). Changing the mode drops every
/// open connection, so clients meet the new mode when they reconnect.
async fn firestore_wire(emulator: String) -> (String, tokio::sync::watch::Sender<Wire>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = tokio::sync::watch::channel(Wire::Pass);
    tokio::spawn(serve_wire(listener, addr, emulator, rx));
    (addr.to_string(), tx)
}

async fn serve_wire(
    first: tokio::net::TcpListener,
    addr: std::net::SocketAddr,
    emulator: String,
    mut rx: tokio::sync::watch::Receiver<Wire>,
) {
    let mut listener = Some(first);
    // Bounded: one turn per mode change.
    for _ in 0..10_000 {
        let mode = *rx.borrow_and_update();
        if mode == Wire::Down {
            drop(listener.take());
            if rx.changed().await.is_err() {
                return;
            }
            continue;
        }
        if listener.is_none() {
            for _ in 0..100 {
                if let Ok(l) = tokio::net::TcpListener::bind(addr).await {
                    listener = Some(l);
                    break;
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
        let Some(l) = listener.as_ref() else {
            panic!("the Firestore wire could not listen on {addr} again");
        };
        loop {
            tokio::select! {
                changed = rx.changed() => {
                    if changed.is_err() {
                        return;
                    }
                    break;
                }
                accepted = l.accept() => {
                    let Ok((sock, _)) = accepted else { return };
                    tokio::spawn(wire_connection(sock, mode, emulator.clone(), rx.clone()));
                }
            }
        }
    }
}

async fn wire_connection(
    mut sock: tokio::net::TcpStream,
    mode: Wire,
    emulator: String,
    mut rx: tokio::sync::watch::Receiver<Wire>,
) {
    use tokio::io::AsyncWriteExt;
    match mode {
        Wire::Pass => {
            let Ok(mut up) = tokio::net::TcpStream::connect(&emulator).await else {
                return;
            };
            tokio::select! {
                _ = tokio::io::copy_bidirectional(&mut sock, &mut up) => {}
                _ = rx.changed() => {}
            }
        }
        Wire::Hang => {
            let _ = rx.changed().await;
        }
        Wire::Garbage => {
            let _ = sock.write_all(b"\xff\x00garbage, not HTTP/2\r\n\r\n").await;
            let _ = sock.shutdown().await;
        }
        Wire::Down => {}
    }
}

/// A finished run's counts add up: every message it considered was skipped, processed or
/// failed, and a run that was not stopped hands nothing back.
fn counted(run: Value) -> Value {
    let c = &run["counts"];
    let n = |k: &str| c[k].as_u64().unwrap_or(0);
    if ["completed", "partial"].contains(&run["status"].as_str().unwrap_or("")) {
        assert_eq!(
            n("handed_back"),
            0,
            "a finished run handed messages back: {run}"
        );
        assert_eq!(
            n("fetched"),
            n("skipped") + n("processed") + n("failed"),
            "counts do not add up: {run}"
        );
    }
    run
}

struct Matrix {
    stack: Stack,
    /// The mode of the wire every component reaches Firestore through.
    wire: tokio::sync::watch::Sender<Wire>,
    emulator: String,
    project: String,
    user: String,
    operator: String,
    /// Which seeded customer writes each cell's mail.
    customer: String,
    report: String,
    runs: usize,
}

/// One cell's outcome.
struct Cell {
    query: String,
    pipeline: String,
}

impl Matrix {
    fn orch(&self) -> Component {
        service(Service::Orchestrator)
    }

    /// `POST /query` as the seeded customer: the printed outcome and its checks.
    async fn query(&self, target: Target, mode: Mode) -> String {
        let started = Instant::now();
        let r = self
            .stack
            .http
            .post(format!("{}/query", self.stack.url(self.orch())))
            .bearer_auth(&self.user)
            .json(&json!({"query": target.question()}))
            .send()
            .await;
        let elapsed = started.elapsed().as_millis();
        let r = r.unwrap_or_else(|e| panic!("{target:?}/{mode:?}: /query did not answer: {e}"));
        let status = r.status().as_u16();
        let body: Value = r.json().await.unwrap_or(Value::Null);
        assert!(
            status < 500,
            "{target:?}/{mode:?}: /query answered {status}: {body}"
        );
        assert_eq!(status, 200, "{target:?}/{mode:?}: {body}");
        let overall = body["status"].as_str().unwrap_or("?").to_string();
        assert!(
            ["ok", "partial", "error"].contains(&overall.as_str()),
            "{body}"
        );
        let sources = body["sources"].as_array().cloned().unwrap_or_default();
        let mine: Vec<&Value> = sources
            .iter()
            .filter(|s| target.source().is_some_and(|t| s["service"] == t.as_str()))
            .collect();
        let shown = match (target, mine.first()) {
            (Target::Model, _) => format!("model:{}", body["model"].as_str().unwrap_or("?")),
            (_, Some(s)) => {
                let st = s["status"].as_str().unwrap_or("?");
                match s["error"]["code"].as_str() {
                    Some(code) => format!("{}:{st}({code})", s["service"].as_str().unwrap_or("?")),
                    None => format!("{}:{st}", s["service"].as_str().unwrap_or("?")),
                }
            }
            (_, None) => "(not on the /query path)".to_string(),
        };
        // A data service that failed is never reported `ok`, and never makes the whole
        // answer `ok`.
        if matches!(
            target,
            Target::Chargebee
                | Target::Hubspot
                | Target::Firebase
                | Target::Gmail
                | Target::Firestore
        ) {
            let s = mine
                .first()
                .unwrap_or_else(|| panic!("{target:?}: no source: {body}"));
            assert_ne!(s["status"], "ok", "{target:?}/{mode:?}: {body}");
            assert_ne!(overall, "ok", "{target:?}/{mode:?}: {body}");
        }
        format!("{overall}/{shown} {elapsed}ms")
    }

    /// Runs the pipeline once (waiting for the end): "status" and the run's counts.
    async fn run(&mut self) -> Value {
        self.runs += 1;
        for _ in 0..200 {
            let (code, body) = self
                .stack
                .tool(&self.operator, "run_pipeline", json!({}))
                .await;
            if code >= 500 {
                // The store (Firestore) is out: the run cannot start, and says so in the one
                // error body, blaming the upstream.
                let why = body["error"]["code"].as_str().unwrap_or("?");
                assert!(
                    why.starts_with("upstream_") || why == "timeout",
                    "run_pipeline answered {code}: {body}"
                );
                return json!({"status": format!("refused {code} {why}")});
            }
            match body["status"].as_str() {
                Some("already_running") | None => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Some("running") => {
                    // Bounded: the run's own steps are bounded by their deadlines.
                    for _ in 0..600 {
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        let (_, s) = self
                            .stack
                            .tool(&self.operator, "get_status", json!({}))
                            .await;
                        if s["running"] == false {
                            return counted(s["last_run"].clone());
                        }
                    }
                    panic!("the run never ended");
                }
                Some(_) => return counted(body),
            }
        }
        panic!("run_pipeline never started a run");
    }

    async fn outcome_of(&self, message: &str) -> String {
        let ledger = Ledger::read(&self.stack.http, &self.emulator, &self.project).await;
        ledger
            .outcome
            .get(message)
            .cloned()
            .unwrap_or_else(|| "unrecorded".into())
    }

    /// Sets the fault up: sandbox rules, or processes restarted with other settings.
    async fn inject(&mut self, target: Target, mode: Mode) -> bool {
        let proxy_path =
            |s: Service| format!("{}{}/", sandbox::proxy::PREFIX, self.stack.port(service(s)));
        match (target, mode) {
            (Target::Firestore, Mode::RateLimited | Mode::ServerError | Mode::Huge) => {
                return false;
            }
            (Target::Firestore, _) => {
                let _ = self.wire.send(match mode {
                    Mode::Down => Wire::Down,
                    Mode::Slow => Wire::Hang,
                    _ => Wire::Garbage,
                });
            }
            (Target::Model, Mode::Down) => {
                let closed = format!("http://127.0.0.1:{}/v1", closed_port());
                self.model(Some(closed)).await;
            }
            (Target::Classification | Target::LlmAgent, Mode::Down) => {
                let s = target.service().unwrap();
                let closed = format!("http://127.0.0.1:{}", closed_port());
                self.stack
                    .start(self.orch(), &[(&url_var(s), closed)])
                    .await;
            }
            (_, Mode::Down) => {
                self.stack.kill(service(target.service().unwrap()));
            }
            (_, mode) => {
                let mut rule = json!({"upstream": target.upstream()});
                if let Some(s) = target.service().filter(|_| target.upstream() == "proxy") {
                    rule["path_contains"] = json!(proxy_path(s));
                }
                match mode {
                    Mode::Slow => rule["latency_ms"] = json!(SLOW_MS),
                    Mode::RateLimited => {
                        rule["status"] = json!(429);
                        rule["retry_after_secs"] = json!(1);
                    }
                    Mode::ServerError => rule["status"] = json!(500),
                    Mode::Garbage => rule["garbage"] = json!(true),
                    Mode::Huge => rule["body_bytes"] = json!(HUGE_BYTES),
                    Mode::Down => unreachable!(),
                }
                self.stack.fault(rule).await;
            }
        }
        true
    }

    /// Clears the fault: rules removed, processes back to the stack's settings.
    async fn clear(&mut self, target: Target, mode: Mode) {
        self.stack.clear_faults().await;
        match (target, mode) {
            (Target::Firestore, _) => {
                let _ = self.wire.send(Wire::Pass);
            }
            (Target::Model, Mode::Down) => self.model(None).await,
            (Target::Classification | Target::LlmAgent, Mode::Down) => {
                self.stack.start(self.orch(), &[]).await;
            }
            (_, Mode::Down) => {
                self.stack
                    .start(service(target.service().unwrap()), &[])
                    .await;
            }
            _ => {}
        }
    }

    /// The model row's processes: the orchestrator, classification and llm-agent on the
    /// sandbox's OpenAI-compatible stand-in (at `base`, or the stack's), or back to the rules.
    async fn model(&mut self, base: Option<String>) {
        let mut env = vec![("LLM_PROVIDER", "openai".to_string())];
        if let Some(b) = base {
            env.push(("OPENAI_BASE_URL", b));
        }
        for s in [
            Service::Classification,
            Service::LlmAgent,
            Service::Orchestrator,
        ] {
            self.stack.start(service(s), &env).await;
        }
    }

    async fn rules(&mut self) {
        for s in [
            Service::Classification,
            Service::LlmAgent,
            Service::Orchestrator,
        ] {
            self.stack.start(service(s), &[]).await;
        }
    }

    async fn cell(&mut self, target: Target, mode: Mode) -> Cell {
        if !self.inject(target, mode).await {
            return Cell {
                query: "n/a (gRPC: no HTTP status or body at this layer)".into(),
                pipeline: "n/a".into(),
            };
        }
        let query = self.query(target, mode).await;
        let mail = self
            .stack
            .add_mail(
                &self.customer,
                &format!("Charged twice ({} {})", target.name(), mode.name()),
                "I was billed twice for my subscription this month, please refund one charge.",
            )
            .await;
        let first = self.run().await;
        let during = self.outcome_of(&mail).await;
        if target.fails_the_step() {
            assert_ne!(
                during, "done",
                "{target:?}/{mode:?}: a failed step must leave the message for a retry: {first}"
            );
        }
        self.clear(target, mode).await;
        let mut after = String::new();
        let mut reruns = Vec::new();
        // A retry is due on the next run; bounded.
        for _ in 0..3 {
            let r = self.run().await;
            reruns.push(r["status"].as_str().unwrap_or("?").to_string());
            after = self.outcome_of(&mail).await;
            if after == "done" {
                break;
            }
        }
        assert_eq!(
            after, "done",
            "{target:?}/{mode:?}: once the fault clears the message is processed"
        );
        let c = &first["counts"];
        let counts = if c.is_object() {
            format!("; failed {} handed back {}", c["failed"], c["handed_back"])
        } else {
            String::new()
        };
        Cell {
            query,
            pipeline: format!(
                "{}[{during}{counts}]→{}",
                first["status"].as_str().unwrap_or("?"),
                reruns.join("→")
            ),
        }
    }
}

#[tokio::test]
async fn every_dependency_failing_in_every_way_degrades_the_answer_and_loses_no_mail() {
    let emulator = testkit::firestore_emulator();
    let project = testkit::unique_project("faults");
    let (wire, wire_mode) = firestore_wire(emulator.clone()).await;
    let mut stack = Stack::new(
        "faults",
        &[
            ("RUST_LOG", "warn".into()),
            ("FIRESTORE_EMULATOR_HOST", wire),
            ("FIRESTORE_PROJECT_ID", project.clone()),
            ("STORAGE_BACKEND", "firestore".into()),
            ("QUERY_RATE_PER_MINUTE", "0".into()),
            ("CACHE_ENABLED", "false".into()),
            ("QUERY_RESULT_TTL_SECS", "0".into()),
            ("BREAKER_FAILURES", "1000".into()),
            // Deadlines of a second or two, so each cell takes a few seconds.
            ("SERVICE_TIMEOUT_MS", "1500".into()),
            ("QUERY_CALL_TIMEOUT_MS", "1200".into()),
            ("QUERY_DEADLINE_MS", "2000".into()),
            ("QUERY_MAX_ATTEMPTS", "1".into()),
            ("QUERY_PLAN_TIMEOUT_MS", "1500".into()),
            ("QUERY_SYNTHESIS_TIMEOUT_MS", "1500".into()),
            ("CHARGEBEE_TIMEOUT_MS", "800".into()),
            ("CHARGEBEE_MAX_ATTEMPTS", "1".into()),
            ("HUBSPOT_TIMEOUT_MS", "800".into()),
            ("HUBSPOT_MAX_ATTEMPTS", "1".into()),
            ("IDENTITY_TOOLKIT_TIMEOUT_MS", "800".into()),
            ("GMAIL_TIMEOUT_MS", "800".into()),
            ("FIRESTORE_TIMEOUT_MS", "800".into()),
            ("TOOL_TIMEOUT_MS", "1200".into()),
            ("LLM_TIMEOUT_MS", "800".into()),
            ("LLM_MAX_ATTEMPTS", "1".into()),
            ("CLASSIFY_LLM_TIMEOUT_MS", "1000".into()),
            ("AGENT_LLM_TIMEOUT_MS", "1000".into()),
            ("PIPELINE_GMAIL_TIMEOUT", "1500ms".into()),
            ("PIPELINE_CLASSIFY_TIMEOUT", "1500ms".into()),
            ("PIPELINE_ENRICH_TIMEOUT", "1500ms".into()),
            ("PIPELINE_AGENT_TIMEOUT", "1500ms".into()),
            ("PIPELINE_TASK_TIMEOUT", "1500ms".into()),
            ("PIPELINE_STORE_TIMEOUT", "1s".into()),
            ("PIPELINE_LEASE_TTL", "3s".into()),
            ("PIPELINE_WAIT", "100ms".into()),
            ("PIPELINE_MAX_ATTEMPTS", "10".into()),
        ],
    );
    // classification and llm-agent behind the sandbox's pass-through (their audience follows).
    for s in [Service::Classification, Service::LlmAgent] {
        let url = format!(
            "{}{}{}",
            stack.sandbox(),
            sandbox::proxy::PREFIX,
            stack.port(service(s))
        );
        stack.env.insert(url_var(s), url);
    }
    stack.start_all().await;
    let user = stack.token("user", None).await;
    let operator = stack.token("operator", None).await;
    let people: Value = stack
        .http
        .get(format!("{}/__sandbox/people", stack.sandbox()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let customer = people
        .as_array()
        .or_else(|| people["people"].as_array())
        .and_then(|p| p.first())
        .and_then(|p| p["email"].as_str())
        .expect("a seeded customer")
        .to_string();
    let mut m = Matrix {
        stack,
        wire: wire_mode,
        emulator,
        project,
        user,
        operator,
        customer,
        report: String::new(),
        runs: 0,
    };
    // The seeded mailbox first, so each cell's run is about its own message.
    m.run().await;

    let started = Instant::now();
    let mut rows = Vec::new();
    for target in TARGETS {
        if target == Target::Model {
            m.model(None).await;
        }
        let mut cells = Vec::new();
        for mode in MODES {
            let cell = m.cell(target, mode).await;
            eprintln!(
                "fault matrix: {} {}: {} | {}",
                target.name(),
                mode.name(),
                cell.query,
                cell.pipeline
            );
            cells.push(cell);
        }
        if target == Target::Model {
            m.rules().await;
        }
        rows.push((target, cells));
    }

    let ledger = Ledger::read(&m.stack.http, &m.emulator, &m.project).await;
    ledger.assert_each_task_once();

    let _ = writeln!(
        m.report,
        "fault matrix: {} cells, {} pipeline runs, {:.0} s; cell = /query status/source(code) latency ; pipeline run under the fault[message outcome]→reruns after it cleared",
        TARGETS.len() * MODES.len(),
        m.runs,
        started.elapsed().as_secs_f64()
    );
    for (target, cells) in &rows {
        let _ = writeln!(m.report, "{}:", target.name());
        for (mode, cell) in MODES.iter().zip(cells) {
            let _ = writeln!(
                m.report,
                "  {:<8} {:<58} | {}",
                mode.name(),
                cell.query,
                cell.pipeline
            );
        }
    }
    let _ = writeln!(
        m.report,
        "tasks: {} (each once); messages {:?}",
        ledger.tasks.len(),
        ledger.by_outcome()
    );
    println!("{}", m.report);
    let _ = std::fs::write(
        devstack::stack::workspace_root().join("target/fault-matrix.txt"),
        &m.report,
    );
}
