//! The task queue against the real Firestore emulator (and the memory backend for parity).

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::helpers::{Options, TestApp, new_task, spawn_app, spawn_app_with};

async fn memory_app() -> TestApp {
    spawn_app_with(Options {
        firestore: false,
        ..Options::default()
    })
    .await
}

async fn creating_twice_with_one_key_makes_one_task_on(app: TestApp) {
    let first = app
        .ok(
            "create_task",
            new_task("msg-1:0", "alice@example.com", "Call back"),
        )
        .await;
    assert_eq!(first["created"], true);
    assert_eq!(first["task"]["status"], "open");
    assert_eq!(first["task"]["source"]["message_id"], "msg-msg-1:0");

    let again = app
        .ok(
            "create_task",
            new_task("msg-1:0", "alice@example.com", "Another title"),
        )
        .await;
    assert_eq!(again["created"], false);
    assert_eq!(again["task"]["id"], first["task"]["id"]);
    assert_eq!(
        again["task"]["title"], "Call back",
        "the first task is kept as it was"
    );
    assert_eq!(again["task"]["update_time"], first["task"]["update_time"]);

    let listed = app
        .ok(
            "list_tasks",
            json!({"filter": {"email": "alice@example.com"}}),
        )
        .await;
    assert_eq!(listed["tasks"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn creating_twice_with_one_key_makes_one_task() {
    let app = spawn_app().await;
    assert_eq!(app.storage_backend().await, "firestore");
    creating_twice_with_one_key_makes_one_task_on(app).await;
}

#[tokio::test]
async fn creating_twice_with_one_key_makes_one_task_in_memory_too() {
    let app = memory_app().await;
    assert_eq!(app.storage_backend().await, "memory");
    creating_twice_with_one_key_makes_one_task_on(app).await;
}

#[tokio::test]
async fn concurrent_creates_with_one_key_make_one_task() {
    let app = spawn_app().await;
    let args = new_task("race-key", "bob@example.com", "Refund");
    let (a, b) = tokio::join!(
        app.ok("create_task", args.clone()),
        app.ok("create_task", args.clone())
    );
    let created: Vec<bool> = [&a, &b].iter().map(|r| r["created"] == true).collect();
    assert_eq!(created.iter().filter(|c| **c).count(), 1, "{a} {b}");
    assert_eq!(a["task"]["id"], b["task"]["id"]);
}

async fn create(app: &TestApp, key: &str) -> Value {
    app.ok(
        "create_task",
        new_task(key, "carol@example.org", "Follow up"),
    )
    .await["task"]
        .clone()
}

async fn two_updates_with_one_precondition_never_lose_one_silently_on(app: TestApp) {
    let task = create(&app, "k-race").await;
    let read = task["update_time"].clone();
    let (a, b) = tokio::join!(
        app.call(
            "update_task",
            json!({"id": task["id"], "patch": {"status": "in_progress"}, "update_time": read})
        ),
        app.call(
            "update_task",
            json!({"id": task["id"], "patch": {"priority": "urgent"}, "update_time": read})
        )
    );
    let failed: Vec<&Value> = [&a, &b]
        .into_iter()
        .filter(|r| r["isError"] == true)
        .collect();
    assert_eq!(failed.len(), 1, "exactly one wins: {a} {b}");
    assert_eq!(failed[0]["structuredContent"]["code"], "conflict");
    assert_eq!(failed[0]["structuredContent"]["retryable"], true);

    let now = app.ok("list_tasks", json!({})).await["tasks"][0].clone();
    let status_won = a["isError"] != true;
    if status_won {
        assert_eq!(
            (now["status"].as_str(), now["priority"].as_str()),
            (Some("in_progress"), Some("normal"))
        );
    } else {
        assert_eq!(
            (now["status"].as_str(), now["priority"].as_str()),
            (Some("open"), Some("urgent"))
        );
    }
    assert_ne!(now["update_time"], read);
}

#[tokio::test]
async fn two_concurrent_updates_with_one_precondition_never_lose_one_silently() {
    two_updates_with_one_precondition_never_lose_one_silently_on(spawn_app().await).await;
}

#[tokio::test]
async fn two_concurrent_updates_with_one_precondition_conflict_in_memory_too() {
    two_updates_with_one_precondition_never_lose_one_silently_on(memory_app().await).await;
}

#[tokio::test]
async fn two_concurrent_updates_without_precondition_both_apply() {
    let app = spawn_app().await;
    let task = create(&app, "k-both").await;
    let (a, b) = tokio::join!(
        app.ok(
            "update_task",
            json!({"id": task["id"], "patch": {"status": "done"}})
        ),
        app.ok(
            "update_task",
            json!({"id": task["id"], "patch": {"assignee": "ops@example.com", "notes": "called"}})
        )
    );
    // Each answer is the task as read back after its write, which may already hold the other
    // write (then both answers carry the same, latest update time): what matters is that
    // both landed, after the task was created.
    for answer in [&a, &b] {
        assert_ne!(answer["task"]["update_time"], task["update_time"]);
    }
    let now = app.ok("list_tasks", json!({})).await["tasks"][0].clone();
    assert_eq!(now["status"], "done");
    assert_eq!(now["assignee"], "ops@example.com");
    assert_eq!(now["notes"], "called");
}

#[tokio::test]
async fn an_update_with_a_stale_update_time_is_a_conflict_and_changes_nothing() {
    let app = spawn_app().await;
    let task = create(&app, "k-stale").await;
    let first = app
        .ok(
            "update_task",
            json!({"id": task["id"], "patch": {"due": "2026-12-01"}, "update_time": task["update_time"]}),
        )
        .await;
    assert_eq!(first["task"]["due"], "2026-12-01");
    let code = app
        .error_code(
            "update_task",
            json!({"id": task["id"], "patch": {"status": "cancelled"}, "update_time": task["update_time"]}),
        )
        .await;
    assert_eq!(code, "conflict");
    // With the fresh update time it goes through; an empty string clears a field.
    let second = app
        .ok(
            "update_task",
            json!({"id": task["id"], "patch": {"status": "cancelled", "due": ""},
                   "update_time": first["task"]["update_time"]}),
        )
        .await;
    assert_eq!(second["task"]["status"], "cancelled");
    assert!(second["task"].get("due").is_none());
}

#[tokio::test]
async fn updating_an_unknown_task_is_not_found() {
    let app = spawn_app().await;
    for with_precondition in [false, true] {
        let mut args = json!({"id": "tk_doesnotexist", "patch": {"status": "done"}});
        if with_precondition {
            args["update_time"] = json!("2026-01-01T00:00:00Z");
        }
        assert_eq!(app.error_code("update_task", args).await, "not_found");
    }
}

#[tokio::test]
async fn list_paging_returns_every_task_exactly_once() {
    let app = spawn_app().await;
    for i in 0..25 {
        app.ok(
            "create_task",
            new_task(
                &format!("page-{i}"),
                "alice@example.com",
                &format!("Task {i}"),
            ),
        )
        .await;
    }
    let mut seen = Vec::new();
    let mut sizes = Vec::new();
    let mut token: Option<String> = None;
    for _ in 0..10 {
        let mut args = json!({"filter": {"email": "alice@example.com"}, "page_size": 10});
        if let Some(t) = &token {
            args["page_token"] = json!(t);
        }
        let page = app.ok("list_tasks", args).await;
        let tasks = page["tasks"].as_array().unwrap();
        sizes.push(tasks.len());
        seen.extend(
            tasks
                .iter()
                .map(|t| t["idempotency_key"].as_str().unwrap().to_string()),
        );
        match page["next_page_token"].as_str() {
            Some(t) => token = Some(t.to_string()),
            None => break,
        }
    }
    assert_eq!(sizes, vec![10, 10, 5]);
    let unique: BTreeSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), 25);
    let expected: BTreeSet<String> = (0..25).map(|i| format!("page-{i}")).collect();
    assert_eq!(
        unique.into_iter().cloned().collect::<BTreeSet<_>>(),
        expected
    );
}

#[tokio::test]
async fn list_filters_by_status_email_and_priority() {
    let app = spawn_app().await;
    let specs = [
        ("f1", "alice@example.com", "urgent"),
        ("f2", "alice@example.com", "low"),
        ("f3", "bob@example.com", "urgent"),
        ("f4", "bob@example.com", "normal"),
    ];
    let mut ids = std::collections::BTreeMap::new();
    for (key, email, priority) in specs {
        let mut args = new_task(key, email, "t");
        args["task"]["priority"] = json!(priority);
        ids.insert(key, app.ok("create_task", args).await["task"]["id"].clone());
    }
    app.ok(
        "update_task",
        json!({"id": ids["f3"], "patch": {"status": "done"}}),
    )
    .await;

    let keys = |page: Value| -> BTreeSet<String> {
        page["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["idempotency_key"].as_str().unwrap().to_string())
            .collect()
    };
    let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
    let by = |filter: Value| app.ok("list_tasks", json!({"filter": filter}));
    assert_eq!(
        keys(by(json!({"email": "alice@example.com"})).await),
        set(&["f1", "f2"])
    );
    assert_eq!(
        keys(by(json!({"priority": "urgent"})).await),
        set(&["f1", "f3"])
    );
    assert_eq!(keys(by(json!({"status": "done"})).await), set(&["f3"]));
    assert_eq!(
        keys(by(json!({"status": "open", "priority": "urgent"})).await),
        set(&["f1"])
    );
    assert_eq!(
        keys(by(json!({"email": "bob@example.com", "status": "open"})).await),
        set(&["f4"])
    );
    assert!(keys(by(json!({"email": "nobody@example.com"})).await).is_empty());
}

#[tokio::test]
async fn bad_paging_arguments_are_refused() {
    let app = spawn_app().await;
    for args in [
        json!({"page_size": 0}),
        json!({"page_size": 101}),
        json!({"page_size": -1}),
        json!({"page_token": "garbage"}),
        json!({"filter": {"status": "sleeping"}}),
        json!({"filter": {"color": "red"}}),
    ] {
        assert_eq!(
            app.error_code("list_tasks", args.clone()).await,
            "invalid_arguments",
            "{args}"
        );
    }
}
