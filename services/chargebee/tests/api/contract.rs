//! Contract tests of the Chargebee client: request shape, paging, and every failure mode.

use std::time::Duration;

use base64::Engine;
use sandbox::credentials::CHARGEBEE_API_KEY;
use sandbox::{Fault, Upstream};
use serde_json::json;

use crate::helpers::{query_param, spawn_app};

#[tokio::test]
async fn a_lookup_sends_basic_auth_with_the_key_and_an_email_filter() {
    let app = spawn_app(&[]).await;
    app.ok("get_customer", json!({"email": "Alice@Example.com"}))
        .await;
    let log = app.chargebee_requests();
    assert_eq!(log.len(), 1);
    let req = &log[0];
    assert_eq!(req.method, "GET");
    assert_eq!(req.path, "/api/v2/customers");
    let expected =
        base64::engine::general_purpose::STANDARD.encode(format!("{CHARGEBEE_API_KEY}:"));
    assert_eq!(
        req.header("authorization"),
        Some(format!("Basic {expected}").as_str())
    );
    assert_eq!(
        query_param(req, "email[is]").as_deref(),
        Some("alice@example.com")
    );
    assert_eq!(query_param(req, "include_deleted").as_deref(), Some("true"));
}

#[tokio::test]
async fn a_summary_follows_invoice_paging_across_several_pages() {
    let app = spawn_app(&[("CHARGEBEE_PAGE_SIZE", "5")]).await;
    let summary = app
        .ok("billing_summary", json!({"email": "alice@example.com"}))
        .await;
    assert_eq!(summary["invoice_count"], 14);
    assert_eq!(summary["complete"], true);
    let pages: Vec<_> = app
        .chargebee_requests()
        .into_iter()
        .filter(|r| r.path == "/api/v2/invoices")
        .collect();
    assert_eq!(pages.len(), 3);
    assert_eq!(query_param(&pages[0], "offset"), None);
    for p in &pages {
        assert_eq!(
            query_param(p, "customer_id[is]").as_deref(),
            Some("cust_0001")
        );
        assert_eq!(query_param(p, "sort_by[desc]").as_deref(), Some("date"));
    }
    let second_offset =
        query_param(&pages[1], "offset").expect("the second page passes next_offset");
    assert!(second_offset.starts_with("[\""), "{second_offset}");
}

#[tokio::test]
async fn list_invoices_reads_only_as_many_pages_as_the_limit_needs() {
    let app = spawn_app(&[("CHARGEBEE_PAGE_SIZE", "5")]).await;
    let out = app
        .ok(
            "list_invoices",
            json!({"email": "alice@example.com", "limit": 7}),
        )
        .await;
    assert_eq!(out["returned"], 7);
    assert_eq!(out["has_more"], true);
    let limits: Vec<_> = app
        .chargebee_requests()
        .iter()
        .filter(|r| r.path == "/api/v2/invoices")
        .map(|r| query_param(r, "limit").unwrap())
        .collect();
    assert_eq!(limits, ["5", "2"]);
}

#[tokio::test]
async fn a_wrong_api_key_is_upstream_auth() {
    let app = spawn_app(&[("CHARGEBEE_API_KEY", "wrong_key")]).await;
    let code = app
        .error_code("get_customer", json!({"email": "alice@example.com"}))
        .await;
    assert_eq!(code, "upstream_auth");
    // Credentials are not retried.
    assert_eq!(app.chargebee_requests().len(), 1);
    assert_eq!(app.chargebee_requests()[0].status, 401);
}

#[tokio::test]
async fn a_person_unknown_to_chargebee_is_not_found_not_an_outage() {
    let app = spawn_app(&[]).await;
    for email in ["nobody@example.com", "emma@example.com"] {
        let code = app
            .error_code("billing_summary", json!({"email": email}))
            .await;
        assert_eq!(code, "not_found", "{email}");
    }
}

#[tokio::test]
async fn a_429_is_retried_after_the_retry_after_and_then_succeeds() {
    let app = spawn_app(&[]).await;
    app.sandbox.inject(
        Fault::new(Upstream::Chargebee)
            .status(429)
            .retry_after(0)
            .times(1),
    );
    app.ok("get_customer", json!({"email": "alice@example.com"}))
        .await;
    let statuses: Vec<u16> = app.chargebee_requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [429, 200]);
}

#[tokio::test]
async fn a_rate_limit_that_persists_is_rate_limited() {
    let app = spawn_app(&[("CHARGEBEE_MAX_ATTEMPTS", "2")]).await;
    app.sandbox
        .inject(Fault::new(Upstream::Chargebee).status(429));
    let code = app
        .error_code("get_customer", json!({"email": "alice@example.com"}))
        .await;
    assert_eq!(code, "rate_limited");
    assert_eq!(app.chargebee_requests().len(), 2);
}

#[tokio::test]
async fn a_5xx_is_retried_until_the_attempts_run_out() {
    let app = spawn_app(&[("CHARGEBEE_MAX_ATTEMPTS", "3")]).await;
    app.sandbox
        .inject(Fault::new(Upstream::Chargebee).status(503));
    let res = app
        .call("get_customer", json!({"email": "alice@example.com"}))
        .await;
    assert_eq!(res["structuredContent"]["code"], "upstream_unavailable");
    assert_eq!(res["structuredContent"]["retryable"], true);
    let statuses: Vec<u16> = app.chargebee_requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [503, 503, 503]);
}

#[tokio::test]
async fn a_malformed_body_is_invalid_response() {
    let app = spawn_app(&[]).await;
    app.sandbox
        .inject(Fault::new(Upstream::Chargebee).malformed());
    let code = app
        .error_code("get_customer", json!({"email": "alice@example.com"}))
        .await;
    assert_eq!(code, "invalid_response");
}

#[tokio::test]
async fn an_upstream_slower_than_the_client_timeout_is_a_timeout() {
    let app = spawn_app(&[
        ("CHARGEBEE_TIMEOUT_MS", "100"),
        ("CHARGEBEE_MAX_ATTEMPTS", "2"),
    ])
    .await;
    app.sandbox
        .inject(Fault::new(Upstream::Chargebee).latency(Duration::from_millis(1500)));
    let code = app
        .error_code("get_customer", json!({"email": "alice@example.com"}))
        .await;
    assert_eq!(code, "timeout");
}

#[tokio::test]
async fn ready_reports_the_upstream_answering_and_failing() {
    let app = spawn_app(&[("CHARGEBEE_READY_CACHE_SECS", "0")]).await;
    let r = app
        .tools
        .http
        .get(format!("{}/ready", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    app.sandbox
        .inject(Fault::new(Upstream::Chargebee).status(401));
    let r = app
        .tools
        .http
        .get(format!("{}/ready", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 503);
    let body: serde_json::Value = r.json().await.unwrap();
    assert!(
        !body.to_string().contains(CHARGEBEE_API_KEY),
        "no secret in /ready"
    );
}

#[tokio::test]
async fn without_an_api_key_tools_say_not_configured_and_ready_fails() {
    let settings = chargebee::Settings::from_pairs([("CHARGEBEE_SITE", "acme-test")]).unwrap();
    let url = testkit::spawn(chargebee::kit(&settings.chargebee, Default::default()));
    let http = common::tls::client();
    let res: serde_json::Value = http
        .post(format!("{url}/mcp/call"))
        .json(&json!({"tool": "get_customer", "arguments": {"email": "alice@example.com"}}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(res["structuredContent"]["code"], "not_configured");
    let r = http.get(format!("{url}/ready")).send().await.unwrap();
    assert_eq!(r.status(), 503);
}

#[tokio::test]
async fn ready_probes_reuse_one_upstream_call_within_the_cache_window() {
    let app = spawn_app(&[("CHARGEBEE_READY_CACHE_SECS", "3600")]).await;
    app.sandbox.clear_requests();
    for _ in 0..10 {
        let r = app
            .tools
            .http
            .get(format!("{}/ready", app.url))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
    }
    assert_eq!(
        app.sandbox.requests(Some(Upstream::Chargebee)).len(),
        1,
        "ten polls, one probe of Chargebee's quota"
    );
}

#[tokio::test]
async fn list_invoices_filters_by_status_upstream_and_pages_with_offsets() {
    let app = spawn_app(&[("CHARGEBEE_PAGE_SIZE", "1")]).await;
    let out = app
        .ok(
            "list_invoices",
            json!({"email": "alice@example.com", "status": ["payment_due", "not_paid"], "limit": 100}),
        )
        .await;
    let statuses: Vec<&str> = out["invoices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["payment_due", "not_paid"], "{out}");
    assert_eq!(out["has_more"], false);
    assert!(out.get("next_offset").is_none(), "{out}");
    let invoice_requests: Vec<_> = app
        .chargebee_requests()
        .into_iter()
        .filter(|r| r.path == "/api/v2/invoices")
        .collect();
    assert_eq!(invoice_requests.len(), 2, "one page per unpaid invoice");
    for r in &invoice_requests {
        assert_eq!(
            query_param(r, "status[in]").as_deref(),
            Some(r#"["payment_due","not_paid"]"#)
        );
    }

    // A caller continues with `next_offset` where the previous call stopped.
    let first = app
        .ok(
            "list_invoices",
            json!({"email": "alice@example.com", "limit": 1}),
        )
        .await;
    let next = first["next_offset"].as_str().expect("more invoices exist");
    let second = app
        .ok(
            "list_invoices",
            json!({"email": "alice@example.com", "limit": 1, "offset": next}),
        )
        .await;
    assert_ne!(first["invoices"][0]["id"], second["invoices"][0]["id"]);
    assert!(first["invoices"][0]["date"].as_str() > second["invoices"][0]["date"].as_str());
}
