//! Contract tests of the HubSpot client: request shape, batching, and every failure mode.

use std::time::Duration;

use sandbox::credentials::HUBSPOT_TOKEN;
use sandbox::{Fault, Upstream};
use serde_json::json;

use crate::helpers::{query_param, spawn_app};

#[tokio::test]
async fn a_lookup_searches_by_email_with_the_bearer_token_then_reads_associations() {
    let app = spawn_app(&[]).await;
    app.ok("get_contact", json!({"email": "Alice@Example.com"}))
        .await;
    let log = app.hubspot_requests();
    assert_eq!(log.len(), 2);
    let search = &log[0];
    assert_eq!(
        (search.method.as_str(), search.path.as_str()),
        ("POST", "/crm/v3/objects/contacts/search")
    );
    assert_eq!(
        search.header("authorization"),
        Some(format!("Bearer {HUBSPOT_TOKEN}").as_str())
    );
    let body = search.json();
    assert_eq!(
        body["filterGroups"],
        json!([{"filters": [{"propertyName": "email", "operator": "EQ", "value": "alice@example.com"}]}])
    );
    assert_eq!(body["properties"], json!(["email"]));
    assert!(body["limit"].as_u64().unwrap() <= 200);
    let read = &log[1];
    assert_eq!(
        (read.method.as_str(), read.path.as_str()),
        ("GET", "/crm/v3/objects/contacts/100001")
    );
    assert_eq!(
        query_param(read, "associations").as_deref(),
        Some("companies,deals,tickets")
    );
    let props = query_param(read, "properties").unwrap();
    assert!(props.split(',').any(|p| p == "lifecyclestage"), "{props}");
}

#[tokio::test]
async fn associated_records_are_batch_read_in_chunks_with_named_properties() {
    let app = spawn_app(&[("HUBSPOT_BATCH_SIZE", "1")]).await;
    let out = app
        .ok("list_deals", json!({"email": "kim.nguyen@example.com"}))
        .await;
    assert_eq!(out["total"], 3);
    assert_eq!(out["complete"], true);
    let batches: Vec<_> = app
        .hubspot_requests()
        .into_iter()
        .filter(|r| r.path == "/crm/v3/objects/deals/batch/read")
        .collect();
    assert_eq!(batches.len(), 3);
    let mut ids = Vec::new();
    for b in &batches {
        let body = b.json();
        assert_eq!(body["inputs"].as_array().unwrap().len(), 1);
        assert!(
            body["properties"]
                .as_array()
                .unwrap()
                .contains(&json!("dealstage"))
        );
        ids.push(body["inputs"][0]["id"].as_str().unwrap().to_string());
    }
    ids.dedup();
    assert_eq!(ids.len(), 3, "each chunk reads different deals");
}

#[tokio::test]
async fn the_batch_budget_bounds_the_work_and_says_so() {
    let app = spawn_app(&[("HUBSPOT_BATCH_SIZE", "1"), ("HUBSPOT_MAX_BATCHES", "2")]).await;
    let out = app
        .ok("list_deals", json!({"email": "kim.nguyen@example.com"}))
        .await;
    assert_eq!(out["total"], 2);
    assert_eq!(out["complete"], false);
}

#[tokio::test]
async fn a_wrong_token_is_upstream_auth() {
    let app = spawn_app(&[("HUBSPOT_TOKEN", "pat-wrong")]).await;
    let code = app
        .error_code("get_contact", json!({"email": "alice@example.com"}))
        .await;
    assert_eq!(code, "upstream_auth");
    assert_eq!(app.hubspot_requests().len(), 1);
}

#[tokio::test]
async fn a_person_unknown_to_hubspot_is_not_found_not_an_outage() {
    let app = spawn_app(&[]).await;
    for email in ["nobody@example.com", "dmitri@example.net"] {
        let res = app.call("list_tickets", json!({"email": email})).await;
        assert_eq!(res["structuredContent"]["code"], "not_found", "{email}");
        assert_eq!(res["structuredContent"]["retryable"], false);
    }
}

#[tokio::test]
async fn a_429_rate_limit_is_retried_with_backoff_and_then_succeeds() {
    let app = spawn_app(&[]).await;
    app.sandbox.inject(
        Fault::new(Upstream::Hubspot)
            .path("/search")
            .status(429)
            .times(1),
    );
    app.ok("get_contact", json!({"email": "alice@example.com"}))
        .await;
    let statuses: Vec<u16> = app.hubspot_requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [429, 200, 200]);
}

#[tokio::test]
async fn a_5xx_is_retried_until_the_attempts_run_out() {
    let app = spawn_app(&[("HUBSPOT_MAX_ATTEMPTS", "3")]).await;
    app.sandbox
        .inject(Fault::new(Upstream::Hubspot).status(502));
    let code = app
        .error_code("get_company", json!({"email": "alice@example.com"}))
        .await;
    assert_eq!(code, "upstream_unavailable");
    let statuses: Vec<u16> = app.hubspot_requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [502, 502, 502]);
}

#[tokio::test]
async fn a_malformed_body_is_invalid_response() {
    let app = spawn_app(&[]).await;
    app.sandbox.inject(
        Fault::new(Upstream::Hubspot)
            .path("/batch/read")
            .malformed(),
    );
    let code = app
        .error_code("list_tickets", json!({"email": "alice@example.com"}))
        .await;
    assert_eq!(code, "invalid_response");
}

#[tokio::test]
async fn an_upstream_slower_than_the_client_timeout_is_a_timeout() {
    let app = spawn_app(&[("HUBSPOT_TIMEOUT_MS", "100"), ("HUBSPOT_MAX_ATTEMPTS", "2")]).await;
    app.sandbox
        .inject(Fault::new(Upstream::Hubspot).latency(Duration::from_millis(1500)));
    let code = app
        .error_code("get_contact", json!({"email": "alice@example.com"}))
        .await;
    assert_eq!(code, "timeout");
}

#[tokio::test]
async fn ready_reports_the_upstream_answering_and_failing() {
    let app = spawn_app(&[("HUBSPOT_READY_CACHE_SECS", "0")]).await;
    let r = app
        .tools
        .http
        .get(format!("{}/ready", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let probe = app.hubspot_requests();
    assert_eq!(probe[0].path, "/crm/v3/objects/contacts");
    app.sandbox
        .inject(Fault::new(Upstream::Hubspot).status(503));
    let r = app
        .tools
        .http
        .get(format!("{}/ready", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 503);
    let body = r.text().await.unwrap();
    assert!(!body.contains(HUBSPOT_TOKEN), "no secret in /ready");
}

#[tokio::test]
async fn without_a_token_tools_say_not_configured_and_ready_fails() {
    let settings = hubspot::Settings::from_pairs([("HUBSPOT_TOKEN", "")]).unwrap();
    let url = testkit::spawn(hubspot::kit(&settings.hubspot, Default::default()));
    let http = common::tls::client();
    let res: serde_json::Value = http
        .post(format!("{url}/mcp/call"))
        .json(&json!({"tool": "get_contact", "arguments": {"email": "alice@example.com"}}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(res["structuredContent"]["code"], "not_configured");
    assert_eq!(
        http.get(format!("{url}/ready"))
            .send()
            .await
            .unwrap()
            .status(),
        503
    );
}
