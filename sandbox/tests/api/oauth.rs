//! The OAuth token endpoint: jwt-bearer (service account with delegation) and refresh-token grants.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sandbox::Sandbox;
use sandbox::data::mailbox::MAILBOX;
use sandbox::oauth;
use serde_json::{Value, json};

fn jwt(claims: Value) -> String {
    let h = URL_SAFE_NO_PAD.encode(json!({"alg": "RS256", "typ": "JWT"}).to_string());
    let c = URL_SAFE_NO_PAD.encode(claims.to_string());
    format!("{h}.{c}.c2lnbmF0dXJl")
}

fn claims(sub: &str) -> Value {
    let now = chrono::Utc::now().timestamp();
    json!({"iss": "sa@demo.iam.gserviceaccount.com", "sub": sub, "scope": "https://www.googleapis.com/auth/gmail.readonly",
           "aud": "http://127.0.0.1/token", "iat": now, "exp": now + 3600})
}

async fn post(base: &str, form: &[(&str, &str)]) -> (u16, Value) {
    let r = common::tls::client()
        .post(format!("{base}/token"))
        .form(form)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

const JWT_BEARER: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";

#[tokio::test]
async fn a_service_account_assertion_for_the_mailbox_gets_a_google_token() {
    let base = Sandbox::new().spawn();
    let (status, body) = post(
        &base,
        &[
            ("grant_type", JWT_BEARER),
            ("assertion", &jwt(claims(MAILBOX))),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(
        body["access_token"]
            .as_str()
            .unwrap()
            .starts_with("ya29.sandbox-")
    );
    assert_eq!(body["token_type"], "Bearer");
    assert!(body["expires_in"].as_u64().unwrap() > 0);
}

#[tokio::test]
async fn an_assertion_for_another_user_or_without_claims_is_an_invalid_grant() {
    let base = Sandbox::new().spawn();
    let (status, body) = post(
        &base,
        &[
            ("grant_type", JWT_BEARER),
            ("assertion", &jwt(claims("eve@example.com"))),
        ],
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body["error"], "invalid_grant");
    let mut c = claims(MAILBOX);
    c.as_object_mut().unwrap().remove("scope");
    let (status, body) = post(&base, &[("grant_type", JWT_BEARER), ("assertion", &jwt(c))]).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    let mut c = claims(MAILBOX);
    c["exp"] = json!(1);
    let (status, _) = post(&base, &[("grant_type", JWT_BEARER), ("assertion", &jwt(c))]).await;
    assert_eq!(status, 400);
    let (status, _) = post(
        &base,
        &[("grant_type", JWT_BEARER), ("assertion", "garbage")],
    )
    .await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn the_refresh_token_grant_accepts_the_sandbox_client_only() {
    let base = Sandbox::new().spawn();
    let good = [
        ("grant_type", "refresh_token"),
        ("client_id", oauth::GMAIL_CLIENT_ID),
        ("client_secret", oauth::GMAIL_CLIENT_SECRET),
        ("refresh_token", oauth::GMAIL_REFRESH_TOKEN),
    ];
    let (status, body) = post(&base, &good).await;
    assert_eq!(status, 200, "{body}");
    assert!(body["access_token"].as_str().unwrap().starts_with("ya29."));
    let mut revoked = good;
    revoked[3].1 = "1//revoked";
    let (status, body) = post(&base, &revoked).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    let mut wrong_client = good;
    wrong_client[2].1 = "nope";
    let (status, body) = post(&base, &wrong_client).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (401, Some("invalid_client"))
    );
    let (status, body) = post(&base, &[("grant_type", "password")]).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("unsupported_grant_type"))
    );
}

#[tokio::test]
async fn the_shipped_test_key_is_a_service_account_file() {
    let key: Value = serde_json::from_str(oauth::TEST_SERVICE_ACCOUNT_JSON).unwrap();
    assert_eq!(key["type"], "service_account");
    assert!(
        key["_comment"]
            .as_str()
            .unwrap()
            .contains("SANDBOX TEST KEY")
    );
    assert!(std::path::Path::new(oauth::TEST_SERVICE_ACCOUNT_PATH).exists());
}
