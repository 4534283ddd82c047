//! Crash safety (issue 11, item 6): the orchestrator is killed with SIGKILL at random points
//! of pipeline runs over a 500-message mailbox, restarted, and the pipeline run again until it
//! has nothing left: every message ends processed (or pending a retry), none is lost, no
//! (message, action) task exists twice, and the records add up. State lives in the Firestore
//! emulator (`FIRESTORE_EMULATOR_HOST`, a project of its own), so it survives the kills.
//! The kill points come from a seed printed in the output (`CRASH_SEED` replays one).

mod support;

use std::time::Duration;

use common::contract::Service;
use serde_json::{Value, json};
use support::{Ledger, Stack, service};

const MAILBOX: usize = 500;
const ROUNDS: usize = 5;

/// splitmix64: the kill points, reproducible from the printed seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut x = self.0;
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^ (x >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

async fn status(stack: &Stack, operator: &str) -> Value {
    let (code, body) = stack.tool(operator, "get_status", json!({})).await;
    assert_eq!(code, 200, "get_status: {body}");
    body
}

/// Starts a run, waiting out a dead holder's lease (bounded): the run's id.
async fn start_run(stack: &Stack, operator: &str) -> String {
    for _ in 0..80 {
        let (code, body) = stack.tool(operator, "run_pipeline", json!({})).await;
        assert_eq!(code, 200, "run_pipeline: {body}");
        if body["status"] != "already_running" {
            return body["run_id"].as_str().unwrap_or_default().to_string();
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("the lease of the killed orchestrator never expired");
}

/// Waits (bounded) until no run is active; the last run's view.
async fn wait_idle(stack: &Stack, operator: &str) -> Value {
    for _ in 0..1200 {
        let s = status(stack, operator).await;
        if s["running"] == false {
            return s["last_run"].clone();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the pipeline never went idle");
}

#[tokio::test]
async fn the_orchestrator_killed_mid_run_loses_no_mail_and_creates_no_task_twice() {
    let emulator = testkit::firestore_emulator();
    let project = testkit::unique_project("crash");
    let seed = std::env::var("CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
        });
    println!("crash test: seed {seed} (CRASH_SEED={seed} replays it), project {project}");
    let mut rng = Rng(seed);

    let mut stack = Stack::new(
        "crash",
        &[
            ("RUST_LOG", "warn".into()),
            ("FIRESTORE_EMULATOR_HOST", emulator.clone()),
            ("FIRESTORE_PROJECT_ID", project.clone()),
            ("STORAGE_BACKEND", "firestore".into()),
            ("QUERY_RATE_PER_MINUTE", "0".into()),
            ("PIPELINE_LEASE_TTL", "2s".into()),
            ("PIPELINE_WAIT", "100ms".into()),
            ("PIPELINE_MAX_ATTEMPTS", "10".into()),
            ("PIPELINE_MAX_MESSAGES", "1000".into()),
        ],
    );
    stack.start_all().await;
    let operator = stack.token("operator", None).await;

    // The mailbox: the sandbox's seeded mail topped up to 500 messages from seeded customers.
    let listed: Value = stack
        .http
        .get(format!("{}/__sandbox/gmail/messages", stack.sandbox()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let seeded = listed["messages"].as_array().map(Vec::len).unwrap_or(0);
    let people: Value = stack
        .http
        .get(format!("{}/__sandbox/people", stack.sandbox()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let emails: Vec<String> = people
        .as_array()
        .or_else(|| people["people"].as_array())
        .expect("seeded people")
        .iter()
        .filter_map(|p| p["email"].as_str().map(str::to_string))
        .collect();
    let subjects = [
        (
            "Invoice charged twice",
            "I was billed twice this month, please refund one.",
        ),
        (
            "Cannot log in",
            "The app says my password is wrong since yesterday, urgent.",
        ),
        (
            "Upgrade to more seats",
            "We want 20 more seats on our plan, who do I talk to?",
        ),
        ("Thanks!", "Just wanted to say the new dashboard is great."),
    ];
    let mut added = Vec::new();
    for i in 0..MAILBOX.saturating_sub(seeded) {
        let (subject, text) = subjects[i % subjects.len()];
        let from = &emails[i % emails.len()];
        added.push(stack.add_mail(from, &format!("{subject} #{i}"), text).await);
    }
    println!(
        "crash test: mailbox of {} messages ({seeded} seeded, {} added)",
        seeded + added.len(),
        added.len()
    );

    // kill -9 at random points, restart, run again.
    let orchestrator = service(Service::Orchestrator);
    let mut killed_mid_run = 0;
    for round in 1..=ROUNDS {
        let run = start_run(&stack, &operator).await;
        // A random point: once this many messages are through (0: while listing), or at
        // a random moment of the listing.
        let after = rng.below((MAILBOX / ROUNDS) as u64);
        let mut progress = 0;
        let mut running = true;
        if after == 0 {
            tokio::time::sleep(Duration::from_millis(rng.below(1000))).await;
        }
        // Bounded: 100 ms polls for at most two minutes.
        for _ in 0..1200 {
            let s = status(&stack, &operator).await;
            running = s["running"] == true;
            let p = &s["current_run"]["progress"];
            progress = p["processed"].as_u64().unwrap_or(0) + p["failed"].as_u64().unwrap_or(0);
            if !running || progress >= after {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20 + rng.below(80))).await;
        }
        killed_mid_run += usize::from(running);
        stack.kill(orchestrator);
        println!(
            "crash test: round {round}: run {run} killed at {progress} messages through (target {after}, mid-run: {running})"
        );
        stack.start(orchestrator, &[]).await;
    }

    // Run until there is nothing left (bounded).
    let mut finals = Vec::new();
    for _ in 0..10 {
        start_run(&stack, &operator).await;
        let last = wait_idle(&stack, &operator).await;
        let c = &last["counts"];
        finals.push(format!(
            "{} (fetched {}, processed {}, failed {}, handed back {}, tasks {})",
            last["status"],
            c["fetched"],
            c["processed"],
            c["failed"],
            c["handed_back"],
            c["tasks_created"]
        ));
        let s = status(&stack, &operator).await;
        if c["processed"] == 0
            && c["handed_back"] == 0
            && c["failed"] == 0
            && s["backlog_windows"] == 0
        {
            break;
        }
    }
    println!("crash test: reruns: {}", finals.join("; "));

    // The oracle: Firestore itself.
    let ledger = Ledger::read(&stack.http, &emulator, &project).await;
    let by_outcome = ledger.by_outcome();
    println!(
        "crash test: {ROUNDS} kill -9 rounds ({killed_mid_run} mid-run); records {} {by_outcome:?}; tasks {}",
        ledger.outcome.len(),
        ledger.tasks.len()
    );
    let lost: Vec<&String> = added
        .iter()
        .filter(|id| !ledger.outcome.contains_key(*id))
        .collect();
    assert!(lost.is_empty(), "messages never recorded: {lost:?}");
    for (id, o) in &ledger.outcome {
        assert!(
            ["done", "retrying", "failed"].contains(&o.as_str()),
            "{id}: {o}"
        );
    }
    ledger.assert_each_task_once();
    let done = added
        .iter()
        .filter(|id| ledger.outcome[*id] == "done")
        .count();
    assert_eq!(
        done,
        added.len(),
        "every message processed once the kills stopped: {by_outcome:?}"
    );
}
