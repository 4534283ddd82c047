//! `get_user` against the sandbox's Identity Toolkit: request shape, answers, failures.

use std::time::Duration;

use common::google_auth::TokenSource;
use sandbox::{Fault, Upstream, credentials::PROJECT_ID};
use serde_json::json;

use crate::helpers::{Options, TestApp, spawn_app_with};

async fn spawn(env: Vec<(&'static str, String)>, tokens: Option<TokenSource>) -> TestApp {
    spawn_app_with(Options {
        firestore: false,
        tokens,
        env,
        ..Options::default()
    })
    .await
}

fn lookups(app: &TestApp) -> Vec<sandbox::LoggedRequest> {
    app.sandbox.requests(Some(Upstream::IdentityToolkit))
}

#[tokio::test]
async fn get_user_posts_a_lookup_by_email_with_a_metadata_server_token() {
    let app = spawn(vec![], None).await;
    let user = app
        .ok("get_user", json!({"email": "Alice@Example.com"}))
        .await;

    assert_eq!(user["email"], "alice@example.com");
    assert_eq!(user["display_name"], "Alice Johnson");
    assert_eq!(user["uid"].as_str().unwrap().len(), 28);
    assert_eq!(user["disabled"], false);
    assert_eq!(user["created_at"], "2023-01-01T00:00:00.000Z");
    assert!(
        user["providers"]
            .as_array()
            .unwrap()
            .contains(&json!("password"))
    );

    let log = lookups(&app);
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].method, "POST");
    assert_eq!(
        log[0].path,
        format!("/v1/projects/{PROJECT_ID}/accounts:lookup")
    );
    let auth = log[0].header("authorization").unwrap();
    assert!(auth.starts_with("Bearer ya29.sandbox-"), "{auth}");
    assert_eq!(log[0].json(), json!({"email": ["alice@example.com"]}));
    // The token came from the metadata server, with the cloud-platform scope.
    let meta = app.sandbox.requests(Some(Upstream::Metadata));
    assert_eq!(meta.len(), 1);
    assert_eq!(meta[0].header("metadata-flavor"), Some("Google"));
}

#[tokio::test]
async fn the_token_is_cached_across_calls() {
    let app = spawn(vec![], None).await;
    app.ok("get_user", json!({"email": "alice@example.com"}))
        .await;
    app.ok("get_user", json!({"email": "bob@example.com"}))
        .await;
    assert_eq!(lookups(&app).len(), 2);
    assert_eq!(app.sandbox.requests(Some(Upstream::Metadata)).len(), 1);
}

#[tokio::test]
async fn a_person_without_a_firebase_account_is_not_found_and_not_retried() {
    let app = spawn(vec![], None).await;
    // Dmitri is a Chargebee customer with no app account.
    for email in ["dmitri@example.net", "nobody@example.com"] {
        let code = app.error_code("get_user", json!({"email": email})).await;
        assert_eq!(code, "not_found");
    }
    assert_eq!(lookups(&app).len(), 2);
}

#[tokio::test]
async fn a_disabled_account_says_so() {
    let app = spawn(vec![], None).await;
    // Grace is the deleted Chargebee customer; her app account is disabled.
    let user = app
        .ok("get_user", json!({"email": "grace@example.com"}))
        .await;
    assert_eq!(user["disabled"], true);
}

#[tokio::test]
async fn a_refused_token_is_upstream_auth_after_one_fresh_try() {
    let tokens = TokenSource::Static("not-a-google-token".to_string().into());
    let app = spawn(vec![], Some(tokens)).await;
    let code = app
        .error_code("get_user", json!({"email": "alice@example.com"}))
        .await;
    assert_eq!(code, "upstream_auth");
    let log = lookups(&app);
    assert_eq!(log.len(), 2, "one retry with a fresh token, no more");
    assert!(log.iter().all(|r| r.status == 401));
}

#[tokio::test]
async fn a_rate_limit_is_retried_then_succeeds() {
    let app = spawn(vec![], None).await;
    app.sandbox.inject(
        Fault::new(Upstream::IdentityToolkit)
            .status(429)
            .retry_after(1)
            .times(1),
    );
    let user = app
        .ok("get_user", json!({"email": "alice@example.com"}))
        .await;
    assert_eq!(user["email"], "alice@example.com");
    let statuses: Vec<u16> = lookups(&app).iter().map(|r| r.status).collect();
    assert_eq!(statuses, vec![429, 200]);
}

#[tokio::test]
async fn server_errors_are_retried_until_the_attempts_run_out() {
    let app = spawn(vec![], None).await;
    app.sandbox
        .inject(Fault::new(Upstream::IdentityToolkit).status(503));
    let r = app
        .call("get_user", json!({"email": "alice@example.com"}))
        .await;
    assert_eq!(r["isError"], true);
    assert_eq!(r["structuredContent"]["code"], "upstream_unavailable");
    assert_eq!(r["structuredContent"]["retryable"], true);
    let statuses: Vec<u16> = lookups(&app).iter().map(|r| r.status).collect();
    assert_eq!(statuses, vec![503, 503, 503]);
}

#[tokio::test]
async fn a_malformed_body_is_an_invalid_response() {
    let app = spawn(vec![], None).await;
    app.sandbox
        .inject(Fault::new(Upstream::IdentityToolkit).malformed().times(1));
    let code = app
        .error_code("get_user", json!({"email": "alice@example.com"}))
        .await;
    assert_eq!(code, "invalid_response");
    assert_eq!(lookups(&app).len(), 1, "a malformed answer is not retried");
}

#[tokio::test]
async fn a_slow_upstream_times_out() {
    let app = spawn(vec![("IDENTITY_TOOLKIT_TIMEOUT_MS", "200".into())], None).await;
    app.sandbox
        .inject(Fault::new(Upstream::IdentityToolkit).latency(Duration::from_secs(2)));
    let code = app
        .error_code("get_user", json!({"email": "alice@example.com"}))
        .await;
    assert_eq!(code, "timeout");
}

#[tokio::test]
async fn an_invalid_email_is_refused_before_any_request() {
    let app = spawn(vec![], None).await;
    for bad in [json!("not-an-email"), json!(""), json!(42), json!(null)] {
        let code = app.error_code("get_user", json!({"email": bad})).await;
        assert_eq!(code, "invalid_arguments", "{bad}");
    }
    assert!(lookups(&app).is_empty());
}

#[tokio::test]
async fn without_a_firebase_project_get_user_is_not_configured() {
    let app = spawn_app_with(Options {
        firestore: false,
        identity: false,
        ..Options::default()
    })
    .await;
    let code = app
        .error_code("get_user", json!({"email": "alice@example.com"}))
        .await;
    assert_eq!(code, "not_configured");
}
