//! The Gmail service's circuit breakers (`gmail-api`, `google-token`): repeated outages open
//! one, calls are then answered at once without reaching the upstream, `/ready` shows it,
//! and once the upstream is back a probe closes it.

use std::time::Duration;

use sandbox::{Fault, Upstream};
use serde_json::{Value, json};

use crate::helpers::{Auth, TestApp, spawn_with};

async fn breaker_state(app: &TestApp, name: &str) -> String {
    let body: Value = app
        .http
        .get(format!("{}/ready", app.base))
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
        .find(|c| c["name"] == format!("breaker:{name}"))
        .and_then(|c| c["detail"].as_str())
        .unwrap_or_else(|| panic!("no breaker:{name} check in /ready: {body}"))
        .to_string()
}

const SETTINGS: [(&str, &str); 2] = [("BREAKER_FAILURES", "2"), ("BREAKER_OPEN_SECS", "1")];

#[tokio::test]
async fn repeated_gmail_outages_open_its_breaker_until_a_probe_succeeds() {
    let app = spawn_with(Auth::RefreshToken, &SETTINGS).await;
    app.sandbox.inject(Fault::new(Upstream::Gmail).status(500));
    for _ in 0..2 {
        assert_eq!(
            app.error_code("list_messages", json!({"max": 1})).await,
            "upstream_unavailable"
        );
    }
    app.sandbox.clear_requests();
    let (failed, error) = app.call("list_messages", json!({"max": 1})).await;
    assert!(failed, "{error}");
    assert_eq!(error["code"], "upstream_unavailable");
    let message = error["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("circuit breaker for gmail-api is open"),
        "{message}"
    );
    assert_eq!(breaker_state(&app, "gmail-api").await, "open");
    assert_eq!(breaker_state(&app, "google-token").await, "closed");
    assert!(
        app.gmail_log().is_empty(),
        "neither the call nor the /ready probe reached Gmail while open"
    );

    app.sandbox.clear_faults();
    let mut closed = false;
    for _ in 0..100 {
        if !app.call("list_messages", json!({"max": 1})).await.0 {
            closed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(closed, "no call succeeded after the open time");
    assert_eq!(breaker_state(&app, "gmail-api").await, "closed");
}

#[tokio::test]
async fn a_failing_token_endpoint_opens_its_own_breaker_and_gmail_is_not_asked() {
    let app = spawn_with(Auth::RefreshToken, &SETTINGS).await;
    app.sandbox.inject(Fault::new(Upstream::Oauth).status(503));
    for _ in 0..2 {
        assert_eq!(
            app.error_code("list_messages", json!({"max": 1})).await,
            "upstream_unavailable"
        );
    }
    app.sandbox.clear_requests();
    let (_, error) = app.call("list_messages", json!({"max": 1})).await;
    let message = error["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("circuit breaker for google-token is open"),
        "{message}"
    );
    assert!(
        app.token_log().is_empty(),
        "the token endpoint is left alone"
    );
    assert!(app.gmail_log().is_empty());
    assert_eq!(breaker_state(&app, "google-token").await, "open");
    assert_eq!(breaker_state(&app, "gmail-api").await, "closed");
}
