//! The admin API and the shared machinery: people, request log, fault injection.

use sandbox::{Fault, Sandbox, Upstream};

#[tokio::test]
async fn the_people_listing_has_the_seeded_people() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    let body: serde_json::Value = common::tls::get(format!("{base}/__sandbox/people"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let people = body["people"].as_array().unwrap();
    assert!(people.len() >= 30);
    assert!(people.iter().any(|p| p["email"] == "alice@example.com"));
}

#[tokio::test]
async fn injected_faults_answer_with_the_provider_error_and_are_logged() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    let client = common::tls::client();
    let fault = serde_json::json!({"upstream": "gmail", "status": 503, "times": 1});
    let r = client
        .post(format!("{base}/__sandbox/faults"))
        .json(&fault)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let r = client
        .get(format!("{base}/gmail/v1/users/me/messages"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 503);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"]["status"], "UNAVAILABLE");
    let log = sb.requests(Some(Upstream::Gmail));
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].status, 503);
    assert_eq!(log[0].path, "/gmail/v1/users/me/messages");
}

#[tokio::test]
async fn a_rule_with_times_expires_after_its_budget() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    sb.inject(Fault::new(Upstream::Metadata).status(500).times(1));
    let url = format!("{base}/computeMetadata/v1/project/project-id");
    let first = common::tls::get(&url).await.unwrap().status();
    let second = common::tls::get(&url).await.unwrap().status();
    assert_eq!(first, 500);
    assert_ne!(second, 500);
}
