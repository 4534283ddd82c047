//! The Identity Toolkit stand-in: `accounts:lookup` with an OAuth bearer.

use sandbox::{Sandbox, Upstream, credentials::PROJECT_ID};
use serde_json::{Value, json};

async fn lookup(base: &str, bearer: Option<&str>, body: Value) -> (u16, Value) {
    let mut req = common::tls::client()
        .post(format!("{base}/v1/projects/{PROJECT_ID}/accounts:lookup"))
        .json(&body);
    if let Some(token) = bearer {
        req = req.bearer_auth(token);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap())
}

#[tokio::test]
async fn a_lookup_by_email_returns_the_admin_view_of_the_user() {
    let base = Sandbox::new().spawn();
    let (status, body) = lookup(
        &base,
        Some("ya29.sandbox-test"),
        json!({"email": ["Alice@Example.com"]}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body["kind"], "identitytoolkit#GetAccountInfoResponse");
    let user = &body["users"][0];
    assert_eq!(user["email"], "alice@example.com");
    assert_eq!(user["displayName"], "Alice Johnson");
    assert_eq!(user["localId"].as_str().unwrap().len(), 28);
    assert!(user["emailVerified"].is_boolean());
    assert_eq!(user["disabled"], false);
    // Dates are epoch milliseconds as strings.
    assert!(user["createdAt"].as_str().unwrap().parse::<i64>().is_ok());
    assert!(user["lastLoginAt"].as_str().unwrap().parse::<i64>().is_ok());
    assert_eq!(user["providerUserInfo"][0]["providerId"], "password");
}

#[tokio::test]
async fn a_lookup_by_local_id_finds_the_same_user() {
    let base = Sandbox::new().spawn();
    let (_, by_email) = lookup(&base, Some("ya29.t"), json!({"email": ["bob@example.com"]})).await;
    let uid = by_email["users"][0]["localId"].clone();
    let (status, by_id) = lookup(&base, Some("ya29.t"), json!({"localId": [uid]})).await;
    assert_eq!(status, 200);
    assert_eq!(by_id["users"][0]["email"], "bob@example.com");
}

#[tokio::test]
async fn an_unknown_email_is_http_200_without_a_users_key() {
    let base = Sandbox::new().spawn();
    for email in ["nobody@example.com", "dmitri@example.net"] {
        // Dmitri exists in Chargebee only, not in Firebase.
        let (status, body) = lookup(&base, Some("ya29.t"), json!({"email": [email]})).await;
        assert_eq!(status, 200);
        assert_eq!(
            body,
            json!({"kind": "identitytoolkit#GetAccountInfoResponse"})
        );
    }
}

#[tokio::test]
async fn a_missing_or_foreign_bearer_is_refused_with_googles_envelope() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    for bearer in [None, Some("pat-sandbox-hubspot-token"), Some("ya29.")] {
        let (status, body) = lookup(&base, bearer, json!({"email": ["alice@example.com"]})).await;
        assert_eq!(status, 401, "{bearer:?}");
        assert_eq!(body["error"]["code"], 401);
        assert_eq!(body["error"]["status"], "UNAUTHENTICATED");
    }
    assert!(
        sb.requests(Some(Upstream::IdentityToolkit))
            .iter()
            .all(|r| r.status == 401)
    );
}

#[tokio::test]
async fn a_request_without_identifiers_or_for_another_project_is_a_400() {
    let base = Sandbox::new().spawn();
    let (status, body) = lookup(&base, Some("ya29.t"), json!({})).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"]["message"], "MISSING_LOCAL_ID");

    let resp = common::tls::client()
        .post(format!("{base}/v1/projects/someone-else/accounts:lookup"))
        .bearer_auth("ya29.t")
        .json(&json!({"email": ["alice@example.com"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["error"]["message"], "CONFIGURATION_NOT_FOUND");
}

#[tokio::test]
async fn an_injected_rate_limit_answers_resource_exhausted() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    sb.inject(
        sandbox::Fault::new(Upstream::IdentityToolkit)
            .status(429)
            .times(1),
    );
    let (status, body) = lookup(
        &base,
        Some("ya29.t"),
        json!({"email": ["alice@example.com"]}),
    )
    .await;
    assert_eq!(status, 429);
    assert_eq!(body["error"]["status"], "RESOURCE_EXHAUSTED");
    let (status, _) = lookup(
        &base,
        Some("ya29.t"),
        json!({"email": ["alice@example.com"]}),
    )
    .await;
    assert_eq!(status, 200);
}
