//! The tools' answers for the seeded people, bad input, and MCP interop.

use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn alices_contact_has_her_properties_and_association_counts() {
    let app = spawn_app(&[]).await;
    let c = app
        .ok("get_contact", json!({"email": "alice@example.com"}))
        .await;
    assert_eq!(c["first_name"], "Alice");
    assert_eq!(c["company_name"], "Acme Corp");
    assert_eq!(c["lifecycle_stage"], "customer");
    assert_eq!(c["deal_count"], 2);
    assert_eq!(c["ticket_count"], 2);
    // The labelled and unlabelled associations name one company.
    assert_eq!(c["company_ids"].as_array().unwrap().len(), 1);
    assert!(chrono::DateTime::parse_from_rfc3339(c["created_at"].as_str().unwrap()).is_ok());
}

#[tokio::test]
async fn colleagues_share_their_company() {
    let app = spawn_app(&[]).await;
    let a = app
        .ok("get_company", json!({"email": "alice@example.com"}))
        .await;
    let b = app
        .ok("get_company", json!({"email": "bob@example.com"}))
        .await;
    assert_eq!(a["company"]["name"], "Acme Corp");
    assert_eq!(a["company"]["id"], b["company"]["id"]);
}

#[tokio::test]
async fn a_contact_without_a_company_answers_a_null_company_not_an_error() {
    let app = spawn_app(&[]).await;
    let out = app
        .ok("get_company", json!({"email": "carol@example.org"}))
        .await;
    assert_eq!(out["company"], serde_json::Value::Null);
    assert_eq!(out["companies"], json!([]));
}

#[tokio::test]
async fn deals_carry_stage_labels_and_amounts_with_currency() {
    let app = spawn_app(&[]).await;
    let out = app
        .ok("list_deals", json!({"email": "alice@example.com"}))
        .await;
    let deals = out["deals"].as_array().unwrap();
    assert_eq!(deals.len(), 2);
    assert_eq!(deals[0]["stage"], "closedwon");
    assert_eq!(deals[0]["stage_label"], "Closed won");
    assert_eq!(
        deals[0]["amount"],
        json!({"amount": "588", "currency": "USD"})
    );
    assert_eq!(out["open"], 1);
}

#[tokio::test]
async fn tickets_have_readable_statuses_and_non_latin_names_survive() {
    let app = spawn_app(&[]).await;
    let out = app
        .ok("list_tickets", json!({"email": "ingrid@example.se"}))
        .await;
    assert_eq!(out["total"], 3);
    for t in out["tickets"].as_array().unwrap() {
        assert!(t["status"].is_string(), "{t}");
    }
    let c = app
        .ok("get_contact", json!({"email": "taro.yamada@example.jp"}))
        .await;
    assert_eq!(c["first_name"], "山田");
    assert_eq!(c["company_name"], "山田商事");
}

#[tokio::test]
async fn every_seeded_hubspot_person_is_answered_by_every_tool() {
    let app = spawn_app(&[]).await;
    let people: Vec<_> = sandbox::data::people::people()
        .iter()
        .filter(|p| p.presence.hubspot)
        .collect();
    assert!(people.len() >= 25);
    for p in people {
        for tool in ["get_contact", "get_company", "list_deals", "list_tickets"] {
            let res = app.call(tool, json!({"email": p.email})).await;
            assert_eq!(res["isError"], false, "{tool} for {}: {res}", p.email);
        }
    }
}

#[tokio::test]
async fn bad_arguments_are_invalid_arguments_and_nothing_reaches_hubspot() {
    let app = spawn_app(&[]).await;
    let long = format!("{}@example.com", "b".repeat(10_000));
    let cases = [
        json!({"email": "not-an-email"}),
        json!({}),
        json!({"email": "alice@example.com", "limit": 5}),
        json!({"email": ["alice@example.com"]}),
        json!({"email": long}),
        json!({"email": null}),
    ];
    for args in cases {
        for tool in ["get_contact", "list_deals"] {
            let code = app.error_code(tool, args.clone()).await;
            assert_eq!(code, "invalid_arguments", "{tool} {args}");
        }
    }
    assert!(app.hubspot_requests().is_empty());
}

#[tokio::test]
async fn the_python_mcp_sdk_can_use_the_service_in_both_eras() {
    let app = spawn_app(&[]).await;
    testkit::python_interop(
        &format!("{}/mcp", app.url),
        json!({
            "tool": "get_contact",
            "arguments": {"email": "alice@example.com"},
            "bad_arguments": {"email": "nope"},
            "expect_tools": ["get_contact", "get_company", "list_deals", "list_tickets"],
            "calls": [{"tool": "list_deals", "arguments": {"email": "kim.nguyen@example.com"}}],
        }),
    )
    .await;
}
