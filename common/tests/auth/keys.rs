//! The key cache: fetched once per cache period, refreshed on rotation, stale on failure.

use std::sync::Arc;
use std::time::Duration;

use common::auth::{AuthError, CachePolicy, KeySet, Verifier};
use common::error::ErrorCode;
use sandbox::issuer::SigningKey;

use crate::helpers::{AUDIENCE, ISSUER, KeyServer, claims, verifier};

#[tokio::test]
async fn an_unknown_kid_triggers_one_refresh_and_another_within_the_minute_none() {
    let key = SigningKey::es256();
    let server = KeyServer::start(&[&key]);
    let v = verifier(&server);
    v.verify(&key.sign(&claims())).await.unwrap();
    assert_eq!(v.keys().fetches(), 1);

    let stranger = SigningKey::es256();
    assert_eq!(
        v.verify(&stranger.sign(&claims())).await.err(),
        Some(AuthError::Invalid("unknown signing key"))
    );
    assert_eq!(v.keys().fetches(), 2, "one refresh for the unknown kid");

    let another = SigningKey::es256();
    assert_eq!(
        v.verify(&another.sign(&claims())).await.err(),
        Some(AuthError::Invalid("unknown signing key"))
    );
    assert_eq!(v.keys().fetches(), 2, "no second refresh within the minute");
    assert!(v.verify(&key.sign(&claims())).await.is_ok());
}

#[tokio::test]
async fn a_rotated_key_is_accepted_after_one_refresh_without_restart() {
    let old = SigningKey::es256();
    let server = KeyServer::start(&[&old]);
    let v = verifier(&server);
    v.verify(&old.sign(&claims())).await.unwrap();

    let new = SigningKey::es256();
    server.publish(&[&new, &old]);
    assert!(v.verify(&new.sign(&claims())).await.is_ok());
    assert!(v.verify(&old.sign(&claims())).await.is_ok());
    assert_eq!(v.keys().fetches(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_requests_fetch_the_keys_once() {
    let key = SigningKey::es256();
    let server = KeyServer::start(&[&key]);
    let v = Arc::new(verifier(&server));
    let token = Arc::new(key.sign(&claims()));
    let tasks: Vec<_> = (0..1000)
        .map(|_| {
            let (v, token) = (v.clone(), token.clone());
            tokio::spawn(async move { v.verify(&token).await.is_ok() })
        })
        .collect();
    for t in tasks {
        assert!(t.await.unwrap());
    }
    assert_eq!(v.keys().fetches(), 1);
    assert_eq!(server.hits(), 1);
}

#[tokio::test]
async fn the_cache_lifetime_follows_cache_control() {
    let key = SigningKey::es256();
    let server = KeyServer::start(&[&key]);
    for (header, expected) in [
        (Some("public, max-age=7200, must-revalidate"), 7200),
        (None, 3600),
        (Some("max-age=1"), 60),
        (Some("max-age=999999"), 86_400),
    ] {
        server.set_cache_control(header);
        let keys = KeySet::new(server.jwks_url(), common::tls::client());
        keys.refresh().await.unwrap();
        let fresh = keys.fresh_for().unwrap().as_secs();
        assert!(
            (expected - 2..=expected).contains(&fresh),
            "{header:?}: {fresh}"
        );
    }
}

fn short_lived(server: &KeyServer) -> Verifier {
    let policy = CachePolicy {
        min_ttl: Duration::ZERO,
        retry_after_failure: Duration::from_secs(60),
        ..CachePolicy::default()
    };
    let keys = KeySet::with_policy(server.jwks_url(), common::tls::client(), policy);
    Verifier::new(Arc::new(keys), [ISSUER], [AUDIENCE])
}

#[tokio::test]
async fn keys_past_max_age_are_refetched_once_by_the_next_request() {
    let key = SigningKey::es256();
    let server = KeyServer::start(&[&key]);
    server.set_cache_control(Some("max-age=1"));
    let v = short_lived(&server);
    let token = key.sign(&claims());
    v.verify(&token).await.unwrap();
    v.verify(&token).await.unwrap();
    assert_eq!(v.keys().fetches(), 1, "fresh keys are not fetched again");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    v.verify(&token).await.unwrap();
    v.verify(&token).await.unwrap();
    assert_eq!(v.keys().fetches(), 2, "stale keys are fetched once");
}

#[tokio::test]
async fn stale_keys_are_used_while_the_key_endpoint_fails() {
    let key = SigningKey::es256();
    let server = KeyServer::start(&[&key]);
    server.set_cache_control(Some("max-age=1"));
    let v = short_lived(&server);
    let token = key.sign(&claims());
    v.verify(&token).await.unwrap();
    server.fail(true);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert!(
        v.verify(&token).await.is_ok(),
        "the stale key still verifies"
    );
    let after_failure = server.hits();
    assert!(v.verify(&token).await.is_ok());
    assert_eq!(
        server.hits(),
        after_failure,
        "a failed refresh is not retried at once"
    );
}

#[tokio::test]
async fn without_keys_ever_fetched_tokens_cannot_be_checked() {
    let key = SigningKey::es256();
    let server = KeyServer::start(&[&key]);
    server.fail(true);
    let v = verifier(&server);
    let refusal = v.verify(&key.sign(&claims())).await.unwrap_err();
    assert_eq!(refusal, AuthError::KeysUnavailable);
    assert_eq!(refusal.code(), ErrorCode::UpstreamUnavailable);
}
