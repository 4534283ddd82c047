//! The `chargebee-api` circuit breaker: repeated outages open it, calls are then answered at
//! once without reaching Chargebee, `/ready` and `/metrics` show it, and once Chargebee is
//! back a probe closes it.

use std::time::Duration;

use sandbox::{Fault, Upstream};
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app};

async fn ready_breaker(app: &TestApp) -> Value {
    let body: Value = app
        .tools
        .http
        .get(format!("{}/ready", app.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    body["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "breaker:chargebee-api")
        .cloned()
        .unwrap_or_else(|| panic!("no breaker check in /ready: {body}"))
}

#[tokio::test]
async fn repeated_chargebee_outages_open_its_breaker_until_a_probe_succeeds() {
    let app = spawn_app(&[
        ("CHARGEBEE_MAX_ATTEMPTS", "1"),
        ("CHARGEBEE_READY_CACHE_SECS", "0"),
        ("BREAKER_FAILURES", "3"),
        ("BREAKER_OPEN_SECS", "1"),
    ])
    .await;
    let args = json!({"email": "alice@example.com"});
    app.sandbox
        .inject(Fault::new(Upstream::Chargebee).status(503));
    for _ in 0..3 {
        assert_eq!(
            app.error_code("get_customer", args.clone()).await,
            "upstream_unavailable"
        );
    }
    assert_eq!(app.chargebee_requests().len(), 3);

    // Open: answered at once, Chargebee never asked, the breaker named (no upstream prose).
    app.sandbox.clear_requests();
    let refused = app.call("get_customer", args.clone()).await;
    assert_eq!(refused["isError"], json!(true), "{refused}");
    let error = &refused["structuredContent"];
    assert_eq!(error["code"], "upstream_unavailable", "{refused}");
    let message = error["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("circuit breaker for chargebee-api is open"),
        "{message}"
    );
    assert_eq!(ready_breaker(&app).await["detail"], "open");
    let metrics = app
        .tools
        .http
        .get(format!("{}/metrics", app.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("breaker_state{breaker=\"chargebee-api\"} 2"),
        "{metrics}"
    );
    assert!(
        app.chargebee_requests().is_empty(),
        "neither the call nor the /ready probe reached Chargebee while open"
    );

    // Chargebee is back: after the open time one call goes out as the probe and closes it.
    app.sandbox.clear_faults();
    let mut answered = None;
    for _ in 0..100 {
        let r = app.call("get_customer", args.clone()).await;
        if r["isError"] != json!(true) {
            answered = Some(r);
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(answered.is_some(), "no call succeeded after the open time");
    assert_eq!(ready_breaker(&app).await["detail"], "closed");
}

#[tokio::test]
async fn answers_that_blame_the_request_never_open_the_breaker() {
    let app = spawn_app(&[("CHARGEBEE_MAX_ATTEMPTS", "1"), ("BREAKER_FAILURES", "2")]).await;
    for _ in 0..4 {
        // Nobody by that email: Chargebee answers an empty list, the tool says not found.
        let code = app
            .error_code("get_customer", json!({"email": "nobody@example.com"}))
            .await;
        assert_eq!(code, "not_found");
    }
    app.sandbox
        .inject(Fault::new(Upstream::Chargebee).status(400));
    for _ in 0..4 {
        let _ = app
            .call("get_customer", json!({"email": "alice@example.com"}))
            .await;
    }
    assert_eq!(ready_breaker(&app).await["detail"], "closed");
}
