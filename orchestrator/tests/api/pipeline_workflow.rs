//! The whole pipeline against the sandbox mailbox, the real services in-process and the
//! Firestore emulator: tasks match the agent's actions, counts add up, nothing is created
//! twice, and a classification outage is recovered by the next run.

use std::collections::BTreeMap;

use common::config::ServerSettings;
use serde_json::{Value, json};

use crate::pipeline_helpers::{Orch, spawn};

fn rules_llm() -> common::llm::LlmSettings {
    common::config::from_pairs([("LLM_PROVIDER".to_string(), "rules".to_string())])
        .expect("llm settings")
}

fn classification_kit() -> common::Kit {
    let settings: classification::ClassificationSettings =
        common::config::from_pairs(Vec::<(String, String)>::new()).expect("settings");
    classification::build(&rules_llm(), Default::default(), settings)
        .expect("classification builds")
}

/// Every service on port 0 except classification, which is put on `classification_port`
/// only when `classification_up`.
pub async fn stack(
    classification_up: bool,
) -> (sandbox::Sandbox, BTreeMap<&'static str, String>, u16) {
    let sandbox = sandbox::Sandbox::new();
    let sandbox_url = sandbox.clone().spawn();
    let mut services = crate::query_helpers::spawn_services(&sandbox_url).await;
    let agent_settings: llm_agent::AgentSettings =
        common::config::from_pairs(Vec::<(String, String)>::new()).expect("agent settings");
    let agent =
        llm_agent::build(&rules_llm(), Default::default(), &agent_settings).expect("agent builds");
    services.insert("llm_agent", testkit::spawn(agent));
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    services.insert("classification", format!("http://127.0.0.1:{port}"));
    if classification_up {
        start_classification(port);
    }
    (sandbox, services, port)
}

fn start_classification(port: u16) {
    let mut s = ServerSettings::loopback();
    s.port = Some(port);
    let app = common::Application::build(classification_kit(), &s, |_| {}).expect("binds");
    app.spawn();
}

async fn orchestrator(services: &BTreeMap<&'static str, String>) -> Orch {
    orchestrator_with(services, &[]).await
}

pub async fn orchestrator_with(
    services: &BTreeMap<&'static str, String>,
    extra: &[(&'static str, &str)],
) -> Orch {
    let mut env: Vec<(&str, String)> = vec![
        ("FIRESTORE_PROJECT_ID", testkit::unique_project("pipe-flow")),
        ("PIPELINE_WAIT", "300s".into()),
        ("PIPELINE_MAX_MESSAGES", "500".into()),
        ("SERVICE_TIMEOUT_MS", "10000".into()),
    ];
    testkit::firestore_emulator();
    for (name, url) in services {
        let key: &'static str = match *name {
            "chargebee" => "CHARGEBEE_SERVICE_URL",
            "hubspot" => "HUBSPOT_SERVICE_URL",
            "firebase" => "FIREBASE_SERVICE_URL",
            "gmail" => "GMAIL_SERVICE_URL",
            "classification" => "CLASSIFICATION_SERVICE_URL",
            "llm_agent" => "LLM_AGENT_SERVICE_URL",
            other => panic!("unknown service {other}"),
        };
        env.push((key, url.clone()));
    }
    env.extend(extra.iter().map(|(k, v)| (*k, v.to_string())));
    spawn(&env).await
}

fn key() -> secrecy::SecretString {
    secrecy::SecretString::from("test-sender-key-0123456789")
}

pub fn since() -> String {
    let t = chrono::DateTime::from_timestamp(sandbox::data::mailbox::EPOCH_SECS, 0).unwrap()
        - chrono::Duration::days(sandbox::data::mailbox::SPAN_DAYS + 1);
    t.to_rfc3339()
}

fn count(v: &Value, key: &str) -> u64 {
    v["counts"][key]
        .as_u64()
        .unwrap_or_else(|| panic!("no count {key}: {v}"))
}

/// The counts add up, and every created task belongs to a `create_task` action.
async fn check_run(o: &Orch, out: &Value) -> Value {
    let (fetched, skipped, processed, failed) = (
        count(out, "fetched"),
        count(out, "skipped"),
        count(out, "processed"),
        count(out, "failed"),
    );
    assert_eq!(fetched, skipped + processed + failed, "{out}");
    let id = out["run_id"].as_str().unwrap();
    let run: Value = o
        .http
        .get(format!("{}/resources/pipeline_run/{id}", o.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let messages = run["details"]["messages"].as_array().unwrap();
    assert_eq!(messages.len() as u64, processed + failed, "{run}");
    for m in messages.iter().filter(|m| m.get("error").is_none()) {
        let wanted = m["actions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["type"] == "create_task")
            .count();
        assert_eq!(m["task_ids"].as_array().unwrap().len(), wanted, "{m}");
    }
    run
}

#[tokio::test]
async fn a_full_run_creates_the_agents_tasks_and_a_second_run_creates_none() {
    let (_sandbox, services, _) = stack(true).await;
    let o = orchestrator(&services).await;
    let first = o.call_ok("run_pipeline", json!({ "since": since() })).await;
    let run = check_run(&o, &first).await;
    assert!(
        count(&first, "fetched") >= 100,
        "the seeded mailbox was listed: {first}"
    );
    assert!(count(&first, "processed") > 0, "{first}");
    assert_eq!(count(&first, "classified"), count(&first, "enriched"));
    let task_ids: u64 = run["details"]["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["task_ids"].as_array().unwrap().len() as u64)
        .sum();
    assert_eq!(
        count(&first, "tasks_created"),
        task_ids,
        "every task is new on the first run"
    );
    assert!(
        task_ids > 0,
        "the rules agent creates tasks for urgent billing/support mail"
    );

    let second = o.call_ok("run_pipeline", json!({ "since": since() })).await;
    check_run(&o, &second).await;
    assert_eq!(count(&second, "tasks_created"), 0, "{second}");
    assert_eq!(count(&second, "processed"), 0, "{second}");
    assert_eq!(
        count(&second, "skipped"),
        count(&first, "processed") + count(&first, "failed"),
        "{second}"
    );
    let status = o.status().await;
    assert_eq!(status["last_run"]["run_id"], second["run_id"]);
    assert_eq!(status["store"], "firestore");
}

#[tokio::test]
async fn messages_failed_by_a_classification_outage_are_processed_by_the_next_run_without_duplicates()
 {
    let (_sandbox, services, port) = stack(false).await;
    // About recovery, not breakers: with classification's breaker open after the outage, the
    // next run would hand mail back until its cool-down ends, and how much depends on how
    // fast this machine ran the outage run.
    let o = orchestrator_with(&services, &[("BREAKER_FAILURES", "1000000")]).await;
    let down = o.call_ok("run_pipeline", json!({ "since": since() })).await;
    assert_eq!(down["status"], "partial", "{down}");
    assert_eq!(count(&down, "classified"), 0);
    assert_eq!(count(&down, "failed"), count(&down, "fetched"), "{down}");
    let run = check_run(&o, &down).await;
    let first_error = run["details"]["messages"][0]["error"]
        .as_str()
        .unwrap_or_default();
    assert!(first_error.starts_with("classify"), "{first_error}");

    start_classification(port);
    let up = o.call_ok("run_pipeline", json!({ "since": since() })).await;
    let run = check_run(&o, &up).await;
    assert_eq!(
        count(&up, "processed") + count(&up, "failed"),
        count(&down, "fetched"),
        "{up}"
    );
    let task_ids: u64 = run["details"]["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["task_ids"].as_array().unwrap().len() as u64)
        .sum();
    assert_eq!(count(&up, "tasks_created"), task_ids);

    let again = o.call_ok("run_pipeline", json!({ "since": since() })).await;
    assert_eq!(count(&again, "tasks_created"), 0, "{again}");
}

/// Every task in the firebase service, paging through `list_tasks`.
async fn all_tasks(firebase_url: &str) -> Vec<Value> {
    let http = common::tls::client();
    let mut tasks = Vec::new();
    let mut token: Option<String> = None;
    // Bounded: a few hundred tasks at most, 100 a page.
    for _ in 0..20 {
        let mut args = json!({"filter": {}, "page_size": 100});
        if let Some(t) = &token {
            args["page_token"] = json!(t);
        }
        let r: Value = http
            .post(format!("{firebase_url}/mcp/call"))
            .json(&json!({"tool": "list_tasks", "arguments": args}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let page = &r["structuredContent"];
        tasks.extend(page["tasks"].as_array().unwrap().iter().cloned());
        token = page["next_page_token"].as_str().map(str::to_string);
        if token.is_none() {
            return tasks;
        }
    }
    panic!("list_tasks never ended");
}

fn pipeline_for(
    services: &BTreeMap<&'static str, String>,
    project: &str,
) -> (
    orchestrator::pipeline::PipelineSettings,
    orchestrator::services::Services,
) {
    let settings = orchestrator::pipeline::PipelineSettings {
        firestore_project_id: Some(project.to_string()),
        pipeline_lease_ttl: std::time::Duration::from_secs(1),
        pipeline_wait: std::time::Duration::from_secs(300),
        pipeline_concurrency: 2,
        ..Default::default()
    };
    let url = |k: &str| services.get(k).cloned();
    let urls = orchestrator::services::ServiceUrls {
        chargebee_service_url: url("chargebee"),
        hubspot_service_url: url("hubspot"),
        firebase_service_url: url("firebase"),
        gmail_service_url: url("gmail"),
        classification_service_url: url("classification"),
        llm_agent_service_url: url("llm_agent"),
        service_timeout_ms: 10_000,
        service_id_tokens: None,
    };
    (settings, orchestrator::services::Services::new(&urls))
}

#[tokio::test]
async fn a_run_interrupted_mid_way_is_completed_by_the_next_run_without_duplicate_tasks() {
    testkit::firestore_emulator();
    // Reference: what one uninterrupted run creates.
    let (_ref_sandbox, ref_services, _) = stack(true).await;
    let (settings, svc) = pipeline_for(&ref_services, &testkit::unique_project("pipe-ref"));
    let reference =
        orchestrator::pipeline::Pipeline::start(settings, svc, &Default::default(), key())
            .await
            .unwrap();
    reference.run_pipeline(Some(&since()), None).await.unwrap();
    let expected = all_tasks(&ref_services["firebase"]).await.len();
    assert!(expected > 0);

    // The real run: slow message reads, so the instance can die in the middle.
    let (sandbox, services, _) = stack(true).await;
    sandbox.inject(
        sandbox::Fault::new(sandbox::Upstream::Gmail)
            .path("/messages/")
            .latency(std::time::Duration::from_millis(40)),
    );
    let project = testkit::unique_project("pipe-kill");
    let (settings, svc) = pipeline_for(&services, &project);
    let a = orchestrator::pipeline::Pipeline::start(
        orchestrator::pipeline::PipelineSettings {
            pipeline_wait: std::time::Duration::from_millis(50),
            ..settings.clone()
        },
        svc.clone(),
        &Default::default(),
        key(),
    )
    .await
    .unwrap();
    let first = a.run_pipeline(Some(&since()), None).await.unwrap();
    let mut created_before_kill = 0;
    for _ in 0..600 {
        created_before_kill = all_tasks(&services["firebase"]).await.len();
        if created_before_kill > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(
        created_before_kill > 0,
        "the first run never created a task"
    );
    a.crash(); // dies mid-run, without releasing its lease
    drop(a);
    sandbox.clear_faults();

    let b = orchestrator::pipeline::Pipeline::start(settings, svc, &Default::default(), key())
        .await
        .unwrap();
    let mut done = None;
    for _ in 0..100 {
        let out = b.run_pipeline(Some(&since()), None).await.unwrap();
        if out.run_id != first.run_id {
            done = Some(out);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let done = serde_json::to_value(done.expect("the lease never expired")).unwrap();
    assert_eq!(done["status"], "completed", "{done}");
    assert_eq!(count(&done, "failed"), 0, "{done}");

    let tasks = all_tasks(&services["firebase"]).await;
    let mut seen = std::collections::BTreeSet::new();
    for t in &tasks {
        let key = (
            t["source"]["message_id"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
            t["title"].as_str().unwrap_or_default().to_string(),
        );
        assert!(seen.insert(key.clone()), "task created twice: {key:?}");
    }
    assert_eq!(
        tasks.len(),
        expected,
        "interrupted + resumed creates exactly the tasks one run creates"
    );
    assert!(
        created_before_kill < expected,
        "the first run was cut short"
    );
}

#[tokio::test]
async fn operators_list_messages_failed_for_good_and_requeue_them_for_the_next_run() {
    let (_sandbox, services, port) = stack(false).await;
    // One attempt: a classification outage fails every message for good. (The breaker
    // would otherwise stay open a while after the outage; not what this test is about.)
    let o = orchestrator_with(
        &services,
        &[
            ("PIPELINE_MAX_ATTEMPTS", "1"),
            ("BREAKER_FAILURES", "100000"),
        ],
    )
    .await;
    let down = o.call_ok("run_pipeline", json!({ "since": since() })).await;
    let fetched = count(&down, "fetched");
    assert_eq!(count(&down, "failed"), fetched, "{down}");

    let failed = o
        .call_ok("list_failed_messages", json!({ "limit": 500 }))
        .await;
    let listed = failed["messages"].as_array().unwrap();
    assert_eq!(listed.len() as u64, fetched, "{failed}");
    assert!(
        listed
            .iter()
            .all(|m| m["error"].as_str().unwrap().starts_with("classify")),
        "{failed}"
    );

    // Nothing failed comes back by itself, even with classification up again.
    start_classification(port);
    let idle = o.call_ok("run_pipeline", json!({ "since": since() })).await;
    assert_eq!(count(&idle, "processed"), 0, "{idle}");

    // Re-queue three (one named twice) and an unknown id.
    let ids: Vec<&str> = listed[..3]
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    let requeued = o
        .call_ok(
            "requeue_messages",
            json!({ "ids": [ids[0], ids[1], ids[2], ids[0], "nosuchmessage"] }),
        )
        .await;
    assert_eq!(
        requeued["requeued"].as_array().unwrap().len(),
        3,
        "{requeued}"
    );
    assert_eq!(
        requeued["not_failed"],
        json!(["nosuchmessage"]),
        "{requeued}"
    );

    let again = o.call_ok("run_pipeline", json!({ "since": since() })).await;
    assert_eq!(count(&again, "processed"), 3, "{again}");
    let still = o
        .call_ok("list_failed_messages", json!({ "limit": 500 }))
        .await;
    assert_eq!(
        still["messages"].as_array().unwrap().len() as u64,
        fetched - 3,
        "{still}"
    );

    // Bad input is a clear error, never a panic.
    for bad in [
        json!({ "ids": [] }),
        json!({ "ids": ["../etc"] }),
        json!({ "ids": "abc" }),
    ] {
        let r = o.call("requeue_messages", bad.clone()).await;
        assert_eq!(r["isError"], json!(true), "{bad}: {r}");
    }
    let r = o.call("list_failed_messages", json!({ "limit": 0 })).await;
    assert_eq!(r["isError"], json!(true), "{r}");
}

#[tokio::test]
async fn forgetting_a_customer_erases_their_pipeline_records_and_cached_answers() {
    let (_sandbox, services, _port) = stack(true).await;
    let o = orchestrator(&services).await;
    let run = o.call_ok("run_pipeline", json!({ "since": since() })).await;
    assert!(count(&run, "processed") > 0, "{run}");

    // A sender of the seeded mailbox, and a cached answer about them.
    let sender = sandbox::data::mailbox::mailbox()
        .iter()
        .map(|m| m.from_email.clone())
        .find(|e| common::Email::parse(e).is_ok())
        .expect("a seeded sender");
    let ask = |q: &'static str| {
        let (http, url, sender) = (o.http.clone(), o.url.clone(), sender.clone());
        async move {
            http.post(format!("{url}/query"))
                .json(&json!({ "query": q, "email": sender }))
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    assert_eq!(ask("Any unpaid invoices?").await["cache"], "miss");
    assert_eq!(ask("Any unpaid invoices?").await["cache"], "l2");

    let erased = o
        .call_ok("forget_customer", json!({ "email": sender.to_uppercase() }))
        .await;
    assert_eq!(erased["complete"], json!(true), "{erased}");
    assert!(
        erased["pipeline_messages"].as_u64().unwrap() >= 1,
        "{erased}"
    );
    assert_eq!(erased["answers_memory"], json!(1), "{erased}");
    assert!(erased["tool_results"].as_u64().unwrap() >= 1, "{erased}");
    let text = erased.to_string();
    assert!(
        !text.contains(&sender),
        "the answer never echoes the email: {text}"
    );

    // The next question is computed again; a second erasure finds nothing.
    assert_eq!(ask("Any unpaid invoices?").await["cache"], "miss");
    let _ = o
        .call_ok("forget_customer", json!({ "email": sender }))
        .await;
    let twice = o
        .call_ok("forget_customer", json!({ "email": sender }))
        .await;
    assert_eq!(twice["pipeline_messages"], json!(0), "{twice}");
    assert_eq!(twice["answers_memory"], json!(0), "{twice}");

    let bad = o
        .call("forget_customer", json!({ "email": "not an email" }))
        .await;
    assert_eq!(bad["isError"], json!(true), "{bad}");
}
