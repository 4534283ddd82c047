//! `run_pipeline` as an MCP Task (the `io.modelcontextprotocol/tasks` extension), driven on
//! the wire as the extension describes: a client that declares the extension gets a task,
//! polls `tasks/get` to the end or cancels it; other clients get the ordinary result. The
//! REST mirror's `Prefer: respond-async` answers 202 with the run's URL.

use std::time::Duration;

use sandbox::faults::Fault;
use sandbox::upstream::Upstream;
use serde_json::{Value, json};

use crate::pipeline_helpers::Orch;
use crate::pipeline_workflow::{orchestrator_with, since, stack};

const MODERN: &str = "2026-07-28";
const TASKS: &str = "io.modelcontextprotocol/tasks";

/// One 2026-07-28 request; `tasks` declares the extension in the request's capabilities.
async fn rpc(o: &Orch, method: &str, mut params: Value, tasks: bool) -> Value {
    let caps = if tasks {
        json!({"extensions": {TASKS: {}}})
    } else {
        json!({})
    };
    params["_meta"] = json!({
        "io.modelcontextprotocol/protocolVersion": MODERN,
        "io.modelcontextprotocol/clientCapabilities": caps,
        "io.modelcontextprotocol/clientInfo": {"name": "tasks-test", "version": "1"},
    });
    let mut request = o
        .http
        .post(format!("{}/mcp", o.url))
        .header("accept", "application/json, text/event-stream")
        .header("mcp-protocol-version", MODERN)
        .header("mcp-method", method);
    // `Mcp-Name` carries the tool's name, or the task's id for `tasks/*`.
    if let Some(name) = params
        .get("name")
        .or_else(|| params.get("taskId"))
        .and_then(Value::as_str)
    {
        request = request.header("mcp-name", name);
    }
    request
        .json(&json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}))
        .send()
        .await
        .expect("orchestrator answers")
        .json()
        .await
        .expect("JSON-RPC answer")
}

/// Polls `tasks/get` until the task leaves `working` (bounded: 1,200 polls of 100 ms).
async fn wait_for_end(o: &Orch, task_id: &str) -> Value {
    for _ in 0..1_200 {
        let got = rpc(o, "tasks/get", json!({"taskId": task_id}), true).await;
        let status = got["result"]["status"].as_str().unwrap_or_default();
        assert!(!status.is_empty(), "tasks/get failed: {got}");
        if status != "working" {
            return got["result"].clone();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("task {task_id} never ended");
}

fn start_task(since: &str) -> Value {
    json!({"name": "run_pipeline", "arguments": {"since": since}})
}

#[tokio::test]
async fn a_task_client_gets_run_pipeline_as_a_task_and_polls_it_to_completion() {
    let (_sandbox, services, _) = stack(true).await;
    let o = orchestrator_with(&services, &[]).await;

    let discover = rpc(&o, "server/discover", json!({}), false).await;
    assert!(
        discover["result"]["capabilities"]["extensions"]
            .get(TASKS)
            .is_some(),
        "the tasks extension is advertised: {discover}"
    );

    let created = rpc(&o, "tools/call", start_task(&since()), true).await;
    let result = &created["result"];
    assert_eq!(result["resultType"], "task", "{created}");
    let task_id = result["taskId"].as_str().expect("a task id").to_string();
    assert!(
        task_id.starts_with("run-"),
        "the task is the run: {task_id}"
    );
    assert!(result["createdAt"].is_string());

    // tasks/* need the extension declared on the request (-32021), and a task id that
    // exists (-32602).
    let undeclared = rpc(&o, "tasks/get", json!({"taskId": task_id}), false).await;
    assert_eq!(undeclared["error"]["code"], -32021, "{undeclared}");
    let unknown = rpc(&o, "tasks/get", json!({"taskId": "run-nope"}), true).await;
    assert_eq!(unknown["error"]["code"], -32602, "{unknown}");

    let done = wait_for_end(&o, &task_id).await;
    assert_eq!(done["status"], "completed", "{done}");
    let out = &done["result"]["structuredContent"];
    assert_eq!(out["run_id"], task_id.as_str());
    // What the ordinary call answers for a finished run (`partial` when a message step
    // failed on a loaded machine; it is retried by the next run).
    assert!(
        out["status"] == "completed" || out["status"] == "partial",
        "{done}"
    );
    let c = &out["counts"];
    assert!(c["fetched"].as_u64().unwrap() >= 100, "{out}");
    assert_eq!(
        c["fetched"].as_u64(),
        Some(
            c["skipped"].as_u64().unwrap()
                + c["processed"].as_u64().unwrap()
                + c["failed"].as_u64().unwrap()
        ),
        "{out}"
    );

    // A client without the extension gets today's behaviour: the ordinary result.
    let plain = rpc(&o, "tools/call", start_task(&since()), false).await;
    assert_ne!(plain["result"]["resultType"], "task", "{plain}");
    assert!(
        plain["result"]["structuredContent"]["run_id"].is_string(),
        "{plain}"
    );
}

#[tokio::test]
async fn a_cancelled_task_stops_at_a_message_boundary_and_releases_the_lease() {
    let (sandbox, services, _) = stack(true).await;
    // Slow message reads, so the run is still going when the cancel arrives.
    sandbox.inject(
        Fault::new(Upstream::Gmail)
            .path("/messages/")
            .latency(Duration::from_millis(60)),
    );
    let o = orchestrator_with(&services, &[("PIPELINE_CONCURRENCY", "2")]).await;

    let created = rpc(&o, "tools/call", start_task(&since()), true).await;
    let task_id = created["result"]["taskId"]
        .as_str()
        .unwrap_or_else(|| panic!("a task: {created}"))
        .to_string();
    o.wait_status(|s| s["current_run"]["progress"]["processed"].as_u64() >= Some(3))
        .await;

    let ack = rpc(&o, "tasks/cancel", json!({"taskId": task_id}), true).await;
    assert!(ack.get("error").is_none(), "{ack}");
    let ended = wait_for_end(&o, &task_id).await;
    assert_eq!(ended["status"], "cancelled", "{ended}");

    // Nothing half-done: every message the run started has its outcome and, where the
    // agent asked for tasks, exactly those tasks.
    let run: Value = o
        .http
        .get(format!("{}/resources/pipeline_run/{task_id}", o.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(run["status"], "cancelled", "{run}");
    let counts = &run["details"]["counts"];
    let started = counts["processed"].as_u64().unwrap() + counts["failed"].as_u64().unwrap();
    // The mailbox holds over 100 messages in range: the run stopped well before the end.
    assert!((3..100).contains(&started), "stopped mid-way: {counts}");
    let messages = run["details"]["messages"].as_array().unwrap();
    assert_eq!(messages.len() as u64, started, "{run}");
    for m in messages.iter().filter(|m| m.get("error").is_none()) {
        let wanted = m["actions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["type"] == "create_task")
            .count();
        assert_eq!(m["task_ids"].as_array().unwrap().len(), wanted, "{m}");
    }

    // The lease is released: the REST mirror starts the next run at once (202, not a run
    // already in progress), and it finishes the mail the cancelled run left.
    let status = o.status().await;
    assert_eq!(status["running"], false, "{status}");
    sandbox.clear_faults();
    let accepted = o
        .http
        .post(format!("{}/tools/run_pipeline", o.url))
        .header("prefer", "respond-async, wait=1")
        .json(&json!({"since": since()}))
        .send()
        .await
        .unwrap();
    assert_eq!(accepted.status(), 202);
    let location = accepted.headers()["location"].to_str().unwrap().to_string();
    let body: Value = accepted.json().await.unwrap();
    assert_eq!(body["started"], true, "{body}");
    assert_eq!(body["url"], location.as_str());
    let next = body["run_id"].as_str().unwrap().to_string();
    assert_ne!(next, task_id);
    let last = wait_for_end(&o, &next).await;
    assert_eq!(last["status"], "completed", "{last}");
    let rest = &last["result"]["structuredContent"];
    assert!(
        rest["status"] == "completed" || rest["status"] == "partial",
        "{last}"
    );
    assert!(
        rest["counts"]["skipped"].as_u64() >= Some(started),
        "what the cancelled run did is not done again: {last}"
    );
}
