//! The Chargebee v2 stand-in: auth, filters, paging, errors.

use sandbox::credentials::CHARGEBEE_API_KEY;
use sandbox::{Fault, Sandbox, Upstream};
use serde_json::Value;

async fn get(base: &str, path: &str, key: &str) -> (u16, Value) {
    let r = common::tls::client()
        .get(format!("{base}{path}"))
        .basic_auth(key, Some(""))
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap())
}

#[tokio::test]
async fn a_customer_is_found_by_email_with_basic_auth() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    let (status, body) = get(
        &base,
        "/api/v2/customers?email%5Bis%5D=alice%40example.com&limit=10",
        CHARGEBEE_API_KEY,
    )
    .await;
    assert_eq!(status, 200);
    let list = body["list"].as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["customer"]["email"], "alice@example.com");
    assert_eq!(list[0]["customer"]["object"], "customer");
    assert!(body.get("next_offset").is_none());
}

#[tokio::test]
async fn a_wrong_key_is_refused_with_chargebees_error_body() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    let (status, body) = get(&base, "/api/v2/customers", "wrong").await;
    assert_eq!(status, 401);
    assert_eq!(body["api_error_code"], "api_authentication_failed");
    assert_eq!(body["http_status_code"], 401);
}

#[tokio::test]
async fn invoices_page_with_an_opaque_next_offset_until_the_last_page() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    let mut ids = Vec::new();
    let mut offset: Option<String> = None;
    let mut pages = 0;
    for _ in 0..10 {
        let mut path =
            "/api/v2/invoices?customer_id%5Bis%5D=cust_0001&limit=5&sort_by%5Bdesc%5D=date"
                .to_string();
        if let Some(o) = &offset {
            path.push_str(&format!("&offset={}", urlencode(o)));
        }
        let (status, body) = get(&base, &path, CHARGEBEE_API_KEY).await;
        assert_eq!(status, 200, "{body}");
        pages += 1;
        for item in body["list"].as_array().unwrap() {
            ids.push(item["invoice"]["date"].as_i64().unwrap());
        }
        match body["next_offset"].as_str() {
            Some(o) => {
                assert!(
                    o.starts_with("[\""),
                    "next_offset is a JSON array string: {o}"
                );
                offset = Some(o.to_string());
            }
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(ids.len(), 14);
    assert!(ids.windows(2).all(|w| w[0] >= w[1]), "newest first");
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn a_deleted_customer_is_listed_only_when_asked_for() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    let q = "/api/v2/customers?email%5Bis%5D=grace%40example.com";
    let (_, hidden) = get(&base, q, CHARGEBEE_API_KEY).await;
    assert_eq!(hidden["list"].as_array().unwrap().len(), 0);
    let (_, shown) = get(
        &base,
        &format!("{q}&include_deleted=true"),
        CHARGEBEE_API_KEY,
    )
    .await;
    assert_eq!(shown["list"][0]["customer"]["deleted"], true);
}

#[tokio::test]
async fn an_unknown_customer_id_is_resource_not_found() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    let (status, body) = get(&base, "/api/v2/customers/cust_9999", CHARGEBEE_API_KEY).await;
    assert_eq!(status, 404);
    assert_eq!(body["api_error_code"], "resource_not_found");
}

#[tokio::test]
async fn an_out_of_range_limit_is_a_param_error() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    let (status, body) = get(&base, "/api/v2/invoices?limit=500", CHARGEBEE_API_KEY).await;
    assert_eq!(status, 400);
    assert_eq!(body["api_error_code"], "param_wrong_value");
    assert_eq!(body["param"], "limit");
}

#[tokio::test]
async fn subscriptions_filter_by_customer_and_status() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    let (_, all) = get(
        &base,
        "/api/v2/subscriptions?customer_id%5Bis%5D=cust_0002",
        CHARGEBEE_API_KEY,
    )
    .await;
    assert_eq!(all["list"].as_array().unwrap().len(), 3);
    let (_, active) = get(
        &base,
        "/api/v2/subscriptions?customer_id%5Bis%5D=cust_0002&status%5Bis%5D=active",
        CHARGEBEE_API_KEY,
    )
    .await;
    let list = active["list"].as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["subscription"]["status"], "active");
    assert_eq!(list[0]["customer"]["id"], "cust_0002");
}

#[tokio::test]
async fn past_an_injected_rate_limit_chargebee_answers_429_request_limit_exceeded() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    sb.inject(Fault::new(Upstream::Chargebee).rate_limit(1, std::time::Duration::from_secs(60)));
    let (first, _) = get(&base, "/api/v2/customers", CHARGEBEE_API_KEY).await;
    let (second, body) = get(&base, "/api/v2/customers", CHARGEBEE_API_KEY).await;
    assert_eq!(first, 200);
    assert_eq!(second, 429);
    assert_eq!(body["api_error_code"], "api_request_limit_exceeded");
}
