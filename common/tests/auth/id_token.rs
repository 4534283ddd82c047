//! IdTokenSource: metadata-server ID tokens, cached per audience, verified by the callee.

use std::sync::Arc;

use common::auth::{IdTokenSource, ServiceAuthenticator};
use sandbox::issuer::SigningKey;
use secrecy::ExposeSecret;

use crate::helpers::{KeyServer, SandboxIssuer, now};

const CHARGEBEE: &str = "https://chargebee.example.run.app";
const HUBSPOT: &str = "https://hubspot.example.run.app";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_are_fetched_once_per_audience_and_shared_by_concurrent_callers() {
    let issuer = SandboxIssuer::start();
    let host = issuer.base.trim_start_matches("http://").to_string();
    let source = Arc::new(IdTokenSource::new(&host, common::tls::client()));
    let calls: Vec<_> = (0..50)
        .map(|_| {
            let source = source.clone();
            tokio::spawn(async move { source.token(CHARGEBEE).await.unwrap() })
        })
        .collect();
    for c in calls {
        c.await.unwrap();
    }
    assert_eq!(source.fetches(), 1);
    source.token(HUBSPOT).await.unwrap();
    source.token(CHARGEBEE).await.unwrap();
    assert_eq!(source.fetches(), 2);
}

#[tokio::test]
async fn a_metadata_token_verifies_at_the_service_it_was_asked_for() {
    let issuer = SandboxIssuer::start();
    let host = issuer.base.trim_start_matches("http://").to_string();
    let source = IdTokenSource::new(&host, common::tls::client());
    let svc = ServiceAuthenticator::from_settings(&issuer.settings(&[
        ("SERVICE_AUTH_AUDIENCE", CHARGEBEE),
        (
            "SERVICE_AUTH_ALLOWED_INVOKERS",
            sandbox::credentials::SERVICE_ACCOUNT_EMAIL,
        ),
    ]))
    .unwrap();
    let token = source.token(CHARGEBEE).await.unwrap();
    let p = svc
        .authenticate(Some(&format!("Bearer {}", token.expose_secret())))
        .await
        .unwrap();
    assert!(p.is_service());
    let elsewhere = source.token(HUBSPOT).await.unwrap();
    assert!(
        svc.authenticate(Some(&format!("Bearer {}", elsewhere.expose_secret())))
            .await
            .is_err()
    );
}

#[tokio::test]
async fn a_token_within_five_minutes_of_expiry_is_fetched_again() {
    let key = SigningKey::es256();
    let server = KeyServer::start(&[&key]);
    let claims = serde_json::json!({"aud": CHARGEBEE, "exp": now() + 240, "iat": now()});
    server.set_identity_token(&key.sign(&claims));
    let source = IdTokenSource::new(&server.host(), common::tls::client());
    source.token(CHARGEBEE).await.unwrap();
    source.token(CHARGEBEE).await.unwrap();
    assert_eq!(source.fetches(), 2);

    let claims = serde_json::json!({"aud": CHARGEBEE, "exp": now() + 3600, "iat": now()});
    server.set_identity_token(&key.sign(&claims));
    source.token(CHARGEBEE).await.unwrap();
    source.token(CHARGEBEE).await.unwrap();
    assert_eq!(source.fetches(), 3);
}
