//! The tools' answers for the seeded people, bad input, and MCP interop.

use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn alices_summary_has_her_unpaid_and_overdue_invoices() {
    let app = spawn_app(&[]).await;
    let s = app
        .ok("billing_summary", json!({"email": "alice@example.com"}))
        .await;
    assert_eq!(s["customer_id"], "cust_0001");
    assert_eq!(s["currency"], "USD");
    assert_eq!(s["active_subscriptions"], 1);
    assert_eq!(s["mrr"], json!({"amount": "49.00", "currency": "USD"}));
    assert_eq!(s["unpaid_invoices"], 2);
    assert_eq!(s["outstanding"]["amount"], "98.00");
    // The not_paid invoice is overdue whatever today's date is.
    assert!(s["overdue_invoices"].as_u64().unwrap() >= 1);
    assert_eq!(s["last_invoice"]["status"], "payment_due");
    assert_eq!(s["last_invoice"]["date"], "2026-11-01T00:00:00Z");
}

#[tokio::test]
async fn invoices_come_newest_first_with_decimal_amounts_and_rfc3339_dates() {
    let app = spawn_app(&[]).await;
    let out = app
        .ok("list_invoices", json!({"email": "alice@example.com"}))
        .await;
    let invoices = out["invoices"].as_array().unwrap();
    assert_eq!(invoices.len(), 10);
    assert_eq!(out["has_more"], true);
    assert_eq!(
        invoices[0]["total"],
        json!({"amount": "49.00", "currency": "USD"})
    );
    let dates: Vec<&str> = invoices
        .iter()
        .map(|i| i["date"].as_str().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] > w[1]), "{dates:?}");
    assert!(chrono::DateTime::parse_from_rfc3339(dates[0]).is_ok());
}

#[tokio::test]
async fn a_zero_decimal_currency_keeps_whole_amounts() {
    let app = spawn_app(&[]).await;
    let out = app
        .ok(
            "list_subscriptions",
            json!({"email": "taro.yamada@example.jp"}),
        )
        .await;
    let sub = &out["subscriptions"][0];
    assert_eq!(sub["amount"], json!({"amount": "7350", "currency": "JPY"}));
}

#[tokio::test]
async fn several_subscriptions_are_listed_with_their_statuses() {
    let app = spawn_app(&[]).await;
    let out = app
        .ok("list_subscriptions", json!({"email": "bob@example.com"}))
        .await;
    assert_eq!(out["total"], 3);
    assert_eq!(out["active"], 2);
    let statuses: Vec<&str> = out["subscriptions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert!(statuses.contains(&"cancelled"));
    assert!(
        out["subscriptions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["plan"] == "enterprise-annual-usd")
    );
}

#[tokio::test]
async fn a_deleted_customer_is_returned_and_marked_deleted() {
    let app = spawn_app(&[]).await;
    let c = app
        .ok("get_customer", json!({"email": "grace@example.com"}))
        .await;
    assert_eq!(c["deleted"], true);
    let s = app
        .ok("billing_summary", json!({"email": "grace@example.com"}))
        .await;
    assert_eq!(s["customer_deleted"], true);
    assert_eq!(s["active_subscriptions"], 0);
}

#[tokio::test]
async fn every_seeded_chargebee_person_is_answered_by_every_tool() {
    let app = spawn_app(&[]).await;
    let people: Vec<_> = sandbox::data::people::people()
        .iter()
        .filter(|p| p.presence.chargebee)
        .collect();
    assert!(people.len() >= 25);
    for p in people {
        for tool in [
            "get_customer",
            "list_subscriptions",
            "list_invoices",
            "billing_summary",
        ] {
            let res = app.call(tool, json!({"email": p.email})).await;
            assert_eq!(res["isError"], false, "{tool} for {}: {res}", p.email);
        }
    }
}

#[tokio::test]
async fn bad_arguments_are_invalid_arguments_and_nothing_reaches_chargebee() {
    let app = spawn_app(&[]).await;
    let long = format!("{}@example.com", "a".repeat(10_000));
    let cases = [
        ("get_customer", json!({"email": "not-an-email"})),
        ("get_customer", json!({})),
        (
            "get_customer",
            json!({"email": "alice@example.com", "extra": 1}),
        ),
        ("get_customer", json!({"email": 42})),
        ("get_customer", json!({"email": long})),
        (
            "list_invoices",
            json!({"email": "alice@example.com", "limit": 0}),
        ),
        (
            "list_invoices",
            json!({"email": "alice@example.com", "limit": 101}),
        ),
        (
            "list_invoices",
            json!({"email": "alice@example.com", "limit": "ten"}),
        ),
        ("billing_summary", json!({"email": "alice@exa mple.com"})),
    ];
    for (tool, args) in cases {
        let code = app.error_code(tool, args.clone()).await;
        assert_eq!(code, "invalid_arguments", "{tool} {args}");
    }
    assert!(app.chargebee_requests().is_empty());
}

#[tokio::test]
async fn the_python_mcp_sdk_can_use_the_service_in_both_eras() {
    let app = spawn_app(&[]).await;
    testkit::python_interop(
        &format!("{}/mcp", app.url),
        json!({
            "tool": "billing_summary",
            "arguments": {"email": "alice@example.com"},
            "bad_arguments": {"email": "nope"},
            "expect_tools": ["get_customer", "list_subscriptions", "list_invoices", "billing_summary"],
            "calls": [{"tool": "list_invoices", "arguments": {"email": "bob@example.com", "limit": 2}}],
        }),
    )
    .await;
}
