//! The MCP surface: bad input is a typed `isError`, `/ready`, and the Python SDK interop check.

use serde_json::json;

use crate::helpers::{Options, new_task, spawn_app, spawn_app_with};

#[tokio::test]
async fn bad_arguments_get_a_typed_error_and_nothing_panics() {
    let app = spawn_app().await;
    let long = "x".repeat(10_000);
    let cases = [
        ("get_user", json!({})),
        (
            "get_user",
            json!({"email": "alice@example.com", "extra": 1}),
        ),
        ("get_profile", json!({"email": ["alice@example.com"]})),
        (
            "get_profile",
            json!({"email": format!("{long}@example.com")}),
        ),
        ("create_task", json!({})),
        (
            "create_task",
            json!({"task": {"email": "alice@example.com", "title": "t"}}),
        ),
        ("create_task", new_task("k", "not-an-email", "t")),
        ("create_task", new_task("k", "alice@example.com", "")),
        ("create_task", new_task("k", "alice@example.com", &long)),
        ("create_task", new_task(&long, "alice@example.com", "t")),
        ("create_task", {
            let mut t = new_task("k", "alice@example.com", "t");
            t["task"]["priority"] = json!("whenever");
            t
        }),
        ("create_task", {
            let mut t = new_task("k", "alice@example.com", "t");
            t["task"]["due"] = json!("next week");
            t
        }),
        ("create_task", {
            let mut t = new_task("k", "alice@example.com", "t");
            t["task"]["status"] = json!("done");
            t
        }),
        ("update_task", json!({"id": "tk_x"})),
        ("update_task", json!({"id": "tk_x", "patch": {}})),
        (
            "update_task",
            json!({"id": "a/b", "patch": {"status": "done"}}),
        ),
        (
            "update_task",
            json!({"id": "tk_x", "patch": {"title": "new"}}),
        ),
        ("update_task", json!({"id": "tk_x", "patch": {"status": 3}})),
        (
            "update_task",
            json!({"id": "tk_x", "patch": {"status": "done"}, "update_time": "soon"}),
        ),
        ("list_tasks", json!({"page_size": "ten"})),
    ];
    for (tool, args) in cases {
        let code = app.error_code(tool, args.clone()).await;
        assert_eq!(code, "invalid_arguments", "{tool} {args}");
    }
    // No stray task was created along the way.
    let all = app.ok("list_tasks", json!({})).await;
    assert!(all["tasks"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn the_pipelines_task_shape_is_accepted_as_is() {
    let app = spawn_app().await;
    let r = app
        .ok(
            "create_task",
            json!({"task": {
                "idempotency_key": "m-17:0:3f2a",
                "email": "priya@example.in",
                "title": "Send the overdue invoice again",
                "priority": "high",
                "description": "She says the invoice link expired.\nResend it.",
                "due": "2026-12-01T09:00:00Z",
                "assignee": "billing-team",
                "source": {"message_id": "m-17", "run_id": "run-42"}
            }}),
        )
        .await;
    let t = &r["task"];
    assert_eq!(t["priority"], "high");
    assert_eq!(t["status"], "open");
    assert_eq!(t["due"], "2026-12-01T09:00:00Z");
    assert_eq!(
        t["source"],
        json!({"message_id": "m-17", "run_id": "run-42"})
    );
    assert!(t["id"].as_str().unwrap().starts_with("tk_"));
    assert!(chrono::DateTime::parse_from_rfc3339(t["created_at"].as_str().unwrap()).is_ok());
    assert!(chrono::DateTime::parse_from_rfc3339(t["update_time"].as_str().unwrap()).is_ok());
}

#[tokio::test]
async fn ready_reports_identity_toolkit_and_firestore() {
    let app = spawn_app().await;
    let r = app
        .http
        .get(format!("{}/ready", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body: serde_json::Value = r.json().await.unwrap();
    let checks = body["checks"].as_array().unwrap();
    assert!(
        checks
            .iter()
            .any(|c| c["name"] == "storage" && c["detail"] == "firestore" && c["ok"] == true)
    );
    assert!(
        checks
            .iter()
            .any(|c| c["name"] == "identity_toolkit" && c["ok"] == true)
    );
}

#[tokio::test]
async fn ready_is_false_without_a_firebase_project() {
    let app = spawn_app_with(Options {
        firestore: false,
        identity: false,
        ..Options::default()
    })
    .await;
    let r = app
        .http
        .get(format!("{}/ready", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 503);
}

#[tokio::test]
async fn the_python_mcp_sdk_can_use_every_tool_in_both_protocol_eras() {
    let app = spawn_app_with(Options {
        env: vec![(
            "SEED_PROFILES_FILE",
            sandbox::data::profiles::profiles_file()
                .display()
                .to_string(),
        )],
        ..Options::default()
    })
    .await;
    testkit::python_interop(
        &format!("{}/mcp", app.base),
        json!({
            "tool": "get_user",
            "arguments": {"email": "alice@example.com"},
            "bad_arguments": {"email": "not-an-email"},
            "expect_tools": ["get_user", "get_profile", "create_task", "list_tasks", "update_task"],
            "calls": [
                {"tool": "get_profile", "arguments": {"email": "alice@example.com"}},
                {"tool": "create_task", "arguments": new_task("interop", "alice@example.com", "Interop")},
                {"tool": "list_tasks", "arguments": {"filter": {"email": "alice@example.com"}, "page_size": 5}}
            ]
        }),
    )
    .await;
}
