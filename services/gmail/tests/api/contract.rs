//! Contract tests against the sandbox: request shapes, paging, token grants, and every failure
//! Gmail can answer with.

use std::time::Duration;

use base64::Engine;
use sandbox::data::mailbox::{MAILBOX, mailbox};
use sandbox::{Fault, Upstream};
use serde_json::{Value, json};

use crate::helpers::{Auth, spawn_app, spawn_with, stub_gmail};

#[tokio::test]
async fn listing_sends_the_since_as_an_after_term_with_a_bearer_and_asks_for_metadata() {
    let app = spawn_app().await;
    let out = app
        .ok(
            "list_messages",
            json!({"since": "2026-11-01T00:00:00Z", "max": 5}),
        )
        .await;
    assert_eq!(out["count"], 5);
    let log = app.gmail_log();
    let list = &log[0];
    assert_eq!(list.path, "/gmail/v1/users/me/messages");
    let q = list.query_pairs();
    assert!(
        q.contains(&("q".into(), "after:1793491200".into())),
        "{q:?}"
    );
    assert!(q.contains(&("maxResults".into(), "5".into())));
    assert!(
        list.header("authorization")
            .unwrap()
            .starts_with("Bearer ya29.")
    );
    let gets: Vec<_> = log
        .iter()
        .filter(|r| r.path.starts_with("/gmail/v1/users/me/messages/"))
        .collect();
    assert_eq!(gets.len(), 5);
    let q = gets[0].query_pairs();
    assert!(q.contains(&("format".into(), "metadata".into())));
    assert!(q.contains(&("metadataHeaders".into(), "Subject".into())));
}

#[tokio::test]
async fn listings_follow_pages_up_to_max_and_say_when_more_exist() {
    let app = spawn_with(Auth::RefreshToken, &[("GMAIL_PAGE_SIZE", "40")]).await;
    let out = app.ok("list_messages", json!({"max": 100})).await;
    assert_eq!(out["count"], 100);
    assert_eq!(out["more"], true);
    let pages: Vec<_> = app
        .gmail_log()
        .into_iter()
        .filter(|r| r.path.ends_with("/messages"))
        .collect();
    assert_eq!(pages.len(), 3);
    assert!(pages[1].query_pairs().iter().any(|(k, _)| k == "pageToken"));
    assert!(
        pages[2]
            .query_pairs()
            .contains(&("maxResults".into(), "20".into()))
    );
    let ids: std::collections::HashSet<_> = out["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].clone())
        .collect();
    assert_eq!(ids.len(), 100);
}

#[tokio::test]
async fn the_refresh_token_grant_is_used_once_and_the_token_is_cached() {
    let app = spawn_app().await;
    app.ok("list_messages", json!({"max": 2})).await;
    app.ok(
        "search_messages",
        json!({"email": "alice@example.com", "max": 1}),
    )
    .await;
    let tokens = app.token_log();
    assert_eq!(tokens.len(), 1);
    let form: Vec<(String, String)> = serde_urlencoded::from_str(&tokens[0].body).unwrap();
    assert!(form.contains(&("grant_type".into(), "refresh_token".into())));
    assert!(form.contains(&("client_id".into(), sandbox::oauth::GMAIL_CLIENT_ID.into())));
    assert!(form.contains(&(
        "refresh_token".into(),
        sandbox::oauth::GMAIL_REFRESH_TOKEN.into()
    )));
}

#[tokio::test]
async fn a_service_account_acts_for_the_mailbox_through_a_jwt_bearer_grant() {
    let app = spawn_with(Auth::ServiceAccount, &[]).await;
    app.ok("list_messages", json!({"max": 1})).await;
    let tokens = app.token_log();
    assert_eq!(tokens.len(), 1);
    let form: Vec<(String, String)> = serde_urlencoded::from_str(&tokens[0].body).unwrap();
    let get = |k: &str| {
        form.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap()
    };
    assert_eq!(
        get("grant_type"),
        "urn:ietf:params:oauth:grant-type:jwt-bearer"
    );
    let payload = get("assertion").split('.').nth(1).unwrap().to_string();
    let claims: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap();
    assert_eq!(claims["sub"], MAILBOX);
    assert_eq!(
        claims["scope"],
        "https://www.googleapis.com/auth/gmail.readonly"
    );
    assert!(claims["aud"].as_str().unwrap().ends_with("/token"));
}

#[tokio::test]
async fn a_refused_token_grant_is_an_upstream_auth_error() {
    let app = spawn_with(Auth::RefreshToken, &[("GMAIL_REFRESH_TOKEN", "1//revoked")]).await;
    assert_eq!(
        app.error_code("list_messages", json!({})).await,
        "upstream_auth"
    );
    assert!(app.gmail_log().is_empty());
}

#[tokio::test]
async fn a_401_from_gmail_refreshes_the_token_once_and_succeeds() {
    let app = spawn_app().await;
    app.sandbox
        .inject(Fault::new(Upstream::Gmail).status(401).times(1));
    let out = app.ok("list_messages", json!({"max": 1})).await;
    assert_eq!(out["count"], 1);
    assert_eq!(app.token_log().len(), 2);
}

#[tokio::test]
async fn a_lasting_401_is_an_upstream_auth_error() {
    let app = spawn_app().await;
    app.sandbox.inject(Fault::new(Upstream::Gmail).status(401));
    assert_eq!(
        app.error_code("list_messages", json!({})).await,
        "upstream_auth"
    );
    assert_eq!(app.gmail_log().len(), 2);
}

#[tokio::test]
async fn an_unknown_message_id_is_not_found() {
    let app = spawn_app().await;
    let (err, v) = app
        .call("get_message", json!({"id": "18c0ffee00000001"}))
        .await;
    assert!(err);
    assert_eq!(v["code"], "not_found");
    assert!(v["message"].as_str().unwrap().contains("18c0ffee00000001"));
}

#[tokio::test]
async fn a_429_is_retried_and_a_lasting_one_is_rate_limited() {
    let app = spawn_app().await;
    app.sandbox
        .inject(Fault::new(Upstream::Gmail).status(429).times(1));
    app.ok("list_messages", json!({"max": 1})).await;
    app.sandbox.inject(Fault::new(Upstream::Gmail).status(429));
    assert_eq!(
        app.error_code("list_messages", json!({"max": 1})).await,
        "rate_limited"
    );
}

#[tokio::test]
async fn a_403_permission_answer_is_an_upstream_auth_error() {
    // (A 403 whose reason is a quota one is a rate limit: unit-tested in `client.rs`.)
    let app = spawn_app().await;
    let id = mailbox()[0].id.clone();
    app.sandbox
        .inject(Fault::new(Upstream::Gmail).status(403).times(5));
    assert_eq!(
        app.error_code("get_message", json!({"id": id})).await,
        "upstream_auth"
    );
}

#[tokio::test]
async fn server_errors_are_retried_then_reported_unavailable() {
    let app = spawn_app().await;
    app.sandbox
        .inject(Fault::new(Upstream::Gmail).status(503).times(1));
    app.ok("list_messages", json!({"max": 1})).await;
    app.sandbox.clear_requests();
    app.sandbox.inject(Fault::new(Upstream::Gmail).status(500));
    assert_eq!(
        app.error_code("list_messages", json!({"max": 1})).await,
        "upstream_unavailable"
    );
    assert_eq!(app.gmail_log().len(), 3, "three attempts in all");
}

#[tokio::test]
async fn a_slow_gmail_times_out() {
    let app = spawn_with(Auth::RefreshToken, &[("GMAIL_TIMEOUT_MS", "200")]).await;
    app.sandbox
        .inject(Fault::new(Upstream::Gmail).latency(Duration::from_secs(2)));
    assert_eq!(
        app.error_code("list_messages", json!({"max": 1})).await,
        "timeout"
    );
}

#[tokio::test]
async fn a_malformed_body_is_an_invalid_response() {
    let app = spawn_app().await;
    app.sandbox.inject(Fault::new(Upstream::Gmail).malformed());
    assert_eq!(
        app.error_code("list_messages", json!({"max": 1})).await,
        "invalid_response"
    );
}

#[tokio::test]
async fn reading_a_message_asks_gmail_for_the_raw_rfc_822_form_only() {
    let app = spawn_app().await;
    let id = mailbox()[0].id.clone();
    app.ok("get_message", json!({"id": id})).await;
    let log = app.gmail_log();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].path, format!("/gmail/v1/users/me/messages/{id}"));
    assert_eq!(log[0].query_pairs(), vec![("format".into(), "raw".into())]);
}

#[tokio::test]
async fn a_message_read_as_a_malformed_body_is_an_invalid_response() {
    let app = spawn_app().await;
    let id = mailbox()[0].id.clone();
    app.sandbox
        .inject(Fault::new(Upstream::Gmail).path("/messages/").malformed());
    assert_eq!(
        app.error_code("get_message", json!({"id": id})).await,
        "invalid_response"
    );
}

#[tokio::test]
async fn a_raw_message_that_is_not_base64url_or_is_empty_is_an_invalid_response() {
    for raw in ["not base64url!", ""] {
        let gmail = stub_gmail(json!({"id": "18c0ffee", "threadId": "18c0ffee", "raw": raw}));
        let app = spawn_with(Auth::RefreshToken, &[("GMAIL_BASE_URL", &gmail)]).await;
        let (err, v) = app.call("get_message", json!({"id": "18c0ffee"})).await;
        assert!(err, "{raw:?} answered {v}");
        assert_eq!(v["code"], "invalid_response", "{raw:?}: {v}");
    }
}

#[tokio::test]
async fn search_asks_gmail_for_mail_from_or_to_the_address() {
    let app = spawn_app().await;
    let out = app
        .ok("search_messages", json!({"email": "Alice@Example.com"}))
        .await;
    let expected = mailbox()
        .iter()
        .filter(|m| m.from_email == "alice@example.com")
        .count();
    assert_eq!(out["count"].as_u64().unwrap() as usize, expected.min(20));
    assert!(
        out["messages"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["from_email"] == "alice@example.com")
    );
    let q = app.gmail_log()[0].query_pairs();
    assert!(
        q.contains(&(
            "q".into(),
            "from:alice@example.com OR to:alice@example.com".into()
        )),
        "{q:?}"
    );
}

#[tokio::test]
async fn readiness_reports_gmail_answering_or_not_configured() {
    let app = spawn_app().await;
    let r = app
        .http
        .get(format!("{}/ready", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let app = spawn_with(Auth::None, &[]).await;
    let r = app
        .http
        .get(format!("{}/ready", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 503);
    assert_eq!(
        app.error_code("list_messages", json!({})).await,
        "not_configured"
    );
}

#[tokio::test]
async fn a_service_account_without_a_mailbox_is_refused_at_start_up() {
    let pairs = vec![(
        "GMAIL_CREDENTIALS_FILE".to_string(),
        sandbox::oauth::TEST_SERVICE_ACCOUNT_PATH.to_string(),
    )];
    let settings: gmail::GmailSettings = common::config::from_pairs(pairs).unwrap();
    let err = gmail::kit(&settings, Default::default())
        .err()
        .expect("start-up refuses");
    assert!(err.to_string().contains("GMAIL_USER"), "{err}");
}
