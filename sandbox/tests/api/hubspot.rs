//! The HubSpot CRM v3 stand-in: bearer auth, search, object reads with associations, batch reads.

use sandbox::credentials::HUBSPOT_TOKEN;
use sandbox::{Fault, Sandbox, Upstream};
use serde_json::{Value, json};

async fn call(
    base: &str,
    method: &str,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let client = common::tls::client();
    let url = format!("{base}{path}");
    let req = match method {
        "POST" => client.post(url).json(&body.unwrap_or(Value::Null)),
        _ => client.get(url),
    };
    let r = req.bearer_auth(token).send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap())
}

fn by_email(email: &str) -> Value {
    json!({
        "filterGroups": [{"filters": [{"propertyName": "email", "operator": "EQ", "value": email}]}],
        "properties": ["email", "firstname", "lastname", "company"],
        "limit": 10
    })
}

#[tokio::test]
async fn a_contact_is_found_by_email_with_the_requested_properties() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    let (status, body) = call(
        &base,
        "POST",
        "/crm/v3/objects/contacts/search",
        HUBSPOT_TOKEN,
        Some(by_email("ALICE@example.com")),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body["total"], 1);
    let c = &body["results"][0];
    assert_eq!(c["properties"]["firstname"], "Alice");
    assert_eq!(c["properties"]["company"], "Acme Corp");
    assert!(c["properties"].get("phone").is_none());
    assert!(body.get("paging").is_none());
}

#[tokio::test]
async fn a_contact_without_a_company_has_a_null_company_property() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    let (_, body) = call(
        &base,
        "POST",
        "/crm/v3/objects/contacts/search",
        HUBSPOT_TOKEN,
        Some(by_email("carol@example.org")),
    )
    .await;
    assert_eq!(body["results"][0]["properties"]["company"], Value::Null);
}

#[tokio::test]
async fn a_wrong_token_is_refused_as_invalid_authentication() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    let (status, body) = call(
        &base,
        "POST",
        "/crm/v3/objects/contacts/search",
        "nope",
        Some(by_email("alice@example.com")),
    )
    .await;
    assert_eq!(status, 401);
    assert_eq!(body["category"], "INVALID_AUTHENTICATION");
}

#[tokio::test]
async fn search_pages_with_after_until_paging_is_absent() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    let mut after = json!(null);
    let mut seen = 0;
    let mut pages = 0;
    for _ in 0..20 {
        let body = json!({"filterGroups": [], "limit": 10, "after": after});
        let (status, page) = call(
            &base,
            "POST",
            "/crm/v3/objects/contacts/search",
            HUBSPOT_TOKEN,
            Some(body),
        )
        .await;
        assert_eq!(status, 200);
        pages += 1;
        seen += page["results"].as_array().unwrap().len();
        match page["paging"]["next"]["after"].as_str() {
            Some(a) => after = json!(a),
            None => break,
        }
        assert!(page["total"].as_u64().unwrap() as usize > seen);
    }
    assert!(pages >= 3);
    let total_in_hubspot = sandbox::data::people::people()
        .iter()
        .filter(|p| p.presence.hubspot)
        .count();
    assert_eq!(seen, total_in_hubspot);
}

#[tokio::test]
async fn an_object_read_lists_its_associations() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    let (status, body) = call(
        &base,
        "GET",
        "/crm/v3/objects/contacts/100001?properties=email&associations=companies,deals,tickets",
        HUBSPOT_TOKEN,
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        body["associations"]["deals"]["results"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        body["associations"]["companies"]["results"][0]["type"],
        "contact_to_company"
    );
}

#[tokio::test]
async fn an_unknown_object_is_object_not_found() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    let (status, body) = call(
        &base,
        "GET",
        "/crm/v3/objects/deals/999",
        HUBSPOT_TOKEN,
        None,
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(body["category"], "OBJECT_NOT_FOUND");
}

#[tokio::test]
async fn a_batch_read_with_an_unknown_id_answers_multi_status() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    let body =
        json!({"inputs": [{"id": "300001"}, {"id": "1"}], "properties": ["dealname", "amount"]});
    let (status, out) = call(
        &base,
        "POST",
        "/crm/v3/objects/deals/batch/read",
        HUBSPOT_TOKEN,
        Some(body),
    )
    .await;
    assert_eq!(status, 207);
    assert_eq!(out["results"].as_array().unwrap().len(), 1);
    assert_eq!(out["errors"][0]["context"]["ids"][0], "1");
}

#[tokio::test]
async fn a_search_limit_above_200_is_a_validation_error() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    let (status, body) = call(
        &base,
        "POST",
        "/crm/v3/objects/contacts/search",
        HUBSPOT_TOKEN,
        Some(json!({"limit": 201})),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body["category"], "VALIDATION_ERROR");
}

#[tokio::test]
async fn an_injected_429_carries_the_rate_limit_body() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    sb.inject(Fault::new(Upstream::Hubspot).status(429).times(1));
    let (status, body) = call(
        &base,
        "GET",
        "/crm/v3/objects/contacts?limit=1",
        HUBSPOT_TOKEN,
        None,
    )
    .await;
    assert_eq!(status, 429);
    assert_eq!(body["errorType"], "RATE_LIMIT");
    assert_eq!(body["policyName"], "SECONDLY");
}
