//! The local issuer: minted tokens and metadata identity tokens verify with `common::auth`
//! pointed at the sandbox's key endpoints; keys rotate; caching headers look like Google's.

use std::sync::Arc;

use common::auth::{KeySet, Verifier};
use sandbox::Sandbox;
use sandbox::issuer::{FIREBASE_JWKS_PATH, FIREBASE_X509_PATH, GOOGLE_ISSUER, GOOGLE_JWKS_PATH};
use serde_json::{Value, json};

const IDENTITY: &str = "/computeMetadata/v1/instance/service-accounts/default/identity";
const AUDIENCE: &str = "https://chargebee.example.run.app";

fn firebase_verifier(base: &str, path: &str) -> Verifier {
    let keys = KeySet::new(format!("{base}{path}"), common::tls::client());
    Verifier::new(
        Arc::new(keys),
        [sandbox::issuer::firebase_issuer()],
        [sandbox::credentials::PROJECT_ID],
    )
}

fn google_verifier(base: &str, audience: &str) -> Verifier {
    let keys = KeySet::new(format!("{base}{GOOGLE_JWKS_PATH}"), common::tls::client());
    Verifier::new(Arc::new(keys), [GOOGLE_ISSUER], [audience])
}

async fn mint(base: &str, request: Value) -> reqwest::Response {
    common::tls::client()
        .post(format!("{base}/__sandbox/tokens"))
        .json(&request)
        .send()
        .await
        .unwrap()
}

async fn minted(base: &str, request: Value) -> String {
    let r = mint(base, request).await;
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    assert!(body["expires_at"].is_string() && body["kid"].is_string());
    body["token"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn minted_user_staff_and_operator_tokens_verify_against_both_firebase_key_formats() {
    let base = Sandbox::new().spawn();
    let jwks = firebase_verifier(&base, FIREBASE_JWKS_PATH);
    let x509 = firebase_verifier(&base, FIREBASE_X509_PATH);
    for (kind, role) in [
        ("user", None),
        ("staff", Some("staff")),
        ("operator", Some("operator")),
    ] {
        let token = minted(&base, json!({"kind": kind, "email": "alice@example.com"})).await;
        let claims = jwks.verify(&token).await.unwrap();
        assert!(x509.verify(&token).await.is_ok(), "{kind}");
        assert_eq!(
            claims.verified_email().unwrap().as_str(),
            "alice@example.com"
        );
        assert_eq!(
            claims.get("firebase").unwrap()["sign_in_provider"],
            "password"
        );
        assert_eq!(
            claims.get("user_id").unwrap().as_str(),
            Some(claims.subject())
        );
        if let Some(role) = role {
            assert_eq!(claims.get(role), Some(&json!(true)), "{kind}");
        }
    }
}

#[tokio::test]
async fn a_seeded_person_gets_their_identity_toolkit_uid_as_subject() {
    let base = Sandbox::new().spawn();
    let person = sandbox::identity::users().next().unwrap();
    let token = minted(&base, json!({"kind": "user"})).await;
    let claims = firebase_verifier(&base, FIREBASE_JWKS_PATH)
        .verify(&token)
        .await
        .unwrap();
    assert_eq!(claims.subject(), sandbox::identity::local_id(person.index));
}

#[tokio::test]
async fn google_service_tokens_verify_against_the_google_keys_only() {
    let base = Sandbox::new().spawn();
    let token = minted(
        &base,
        json!({"kind": "google_service", "audience": AUDIENCE}),
    )
    .await;
    let claims = google_verifier(&base, AUDIENCE)
        .verify(&token)
        .await
        .unwrap();
    assert_eq!(
        claims.verified_email().unwrap().as_str(),
        sandbox::credentials::SERVICE_ACCOUNT_EMAIL
    );
    assert_eq!(claims.subject().len(), 21);
    assert!(
        firebase_verifier(&base, FIREBASE_JWKS_PATH)
            .verify(&token)
            .await
            .is_err()
    );
}

#[tokio::test]
async fn the_metadata_identity_token_verifies_with_the_requested_audience() {
    let base = Sandbox::new().spawn();
    let get = |format: &'static str| {
        let base = base.clone();
        async move {
            common::tls::client()
                .get(format!("{base}{IDENTITY}"))
                .query(&[("audience", AUDIENCE), ("format", format)])
                .header("Metadata-Flavor", "Google")
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        }
    };
    let verifier = google_verifier(&base, AUDIENCE);
    let full = verifier.verify(&get("full").await).await.unwrap();
    assert_eq!(full.get("aud"), Some(&json!(AUDIENCE)));
    assert_eq!(
        full.verified_email().unwrap().as_str(),
        sandbox::credentials::SERVICE_ACCOUNT_EMAIL
    );
    let standard = verifier.verify(&get("standard").await).await.unwrap();
    assert_eq!(
        standard.get("email"),
        None,
        "only format=full carries the email"
    );
    assert!(
        google_verifier(&base, "https://other.example")
            .verify(&get("full").await)
            .await
            .is_err()
    );
}

#[tokio::test]
async fn the_service_account_is_configurable() {
    let base = Sandbox::new().spawn();
    let client = common::tls::client();
    let sa = "pipeline@demo-mcp-orchestrator.iam.gserviceaccount.com";
    let r = client
        .post(format!("{base}/__sandbox/issuer"))
        .json(&json!({"service_account": sa}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let email = client
        .get(format!(
            "{base}/computeMetadata/v1/instance/service-accounts/default/email"
        ))
        .header("Metadata-Flavor", "Google")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(email, sa);
    let token = minted(
        &base,
        json!({"kind": "google_service", "audience": AUDIENCE}),
    )
    .await;
    let claims = google_verifier(&base, AUDIENCE)
        .verify(&token)
        .await
        .unwrap();
    assert_eq!(claims.verified_email().unwrap().as_str(), sa);
}

async fn kids(base: &str, path: &str) -> Vec<String> {
    let body: Value = common::tls::get(format!("{base}{path}"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    body["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kid"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn rotation_signs_with_a_new_key_and_keeps_the_old_one_published_until_dropped() {
    let base = Sandbox::new().spawn();
    let client = common::tls::client();
    let before = minted(&base, json!({"kind": "user"})).await;
    let verifier = firebase_verifier(&base, FIREBASE_JWKS_PATH);
    verifier.verify(&before).await.unwrap();

    let r = client
        .post(format!("{base}/__sandbox/keys/rotate"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let rotated: Value = r.json().await.unwrap();
    let after = minted(&base, json!({"kind": "user"})).await;
    assert!(
        verifier.verify(&after).await.is_ok(),
        "the new kid is fetched once"
    );
    assert!(
        verifier.verify(&before).await.is_ok(),
        "the old key is still published"
    );
    assert_eq!(verifier.keys().fetches(), 2);
    let published = kids(&base, FIREBASE_JWKS_PATH).await;
    assert_eq!(published.len(), 2);
    assert_eq!(published[0], rotated["firebase_kid"]);

    let r = client
        .post(format!("{base}/__sandbox/keys/rotate"))
        .json(&json!({"drop_old": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(kids(&base, FIREBASE_JWKS_PATH).await.len(), 1);
    assert_eq!(kids(&base, GOOGLE_JWKS_PATH).await.len(), 1);
}

#[tokio::test]
async fn key_endpoints_answer_with_googles_caching_headers_and_are_counted() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    for path in [FIREBASE_JWKS_PATH, FIREBASE_X509_PATH, GOOGLE_JWKS_PATH] {
        let r = common::tls::get(format!("{base}{path}")).await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
        let cc = r.headers()["cache-control"].to_str().unwrap().to_string();
        assert!(cc.starts_with("public, max-age=21600"), "{path}: {cc}");
    }
    let x509: Value = common::tls::get(format!("{base}{FIREBASE_X509_PATH}"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let (kid, pem) = x509.as_object().unwrap().iter().next().unwrap();
    assert_eq!(kid.len(), 40);
    assert!(
        pem.as_str()
            .unwrap()
            .starts_with("-----BEGIN CERTIFICATE-----")
    );
    assert_eq!(sb.state.issuer.key_fetches(), 4);
}

#[tokio::test]
async fn bad_token_requests_are_refused_with_the_reason() {
    let base = Sandbox::new().spawn();
    for (request, reason) in [
        (json!({"kind": "google_service"}), "audience"),
        (json!({"kind": "wizard"}), "unknown variant"),
        (json!({"kind": "user", "colour": "blue"}), "unknown field"),
    ] {
        let r = mint(&base, request.clone()).await;
        assert_eq!(r.status(), 400, "{request}");
        let body: Value = r.json().await.unwrap();
        assert!(
            body["error"]["message"].as_str().unwrap().contains(reason),
            "{body}"
        );
    }
}

#[tokio::test]
async fn an_expired_or_future_token_can_be_minted_for_tests_of_refusals() {
    let base = Sandbox::new().spawn();
    let verifier = firebase_verifier(&base, FIREBASE_JWKS_PATH);
    let expired = minted(&base, json!({"kind": "user", "ttl_secs": -600})).await;
    assert_eq!(
        verifier.verify(&expired).await.err(),
        Some(common::auth::AuthError::Expired)
    );
    let future = chrono::Utc::now().timestamp() + 3600;
    let not_yet = minted(&base, json!({"kind": "user", "claims": {"nbf": future}})).await;
    assert!(verifier.verify(&not_yet).await.is_err());
}
