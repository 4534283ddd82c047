//! `classify_email` over HTTP with the built-in engine: realistic mails, bad input, big bodies.

use serde_json::json;

use crate::helpers::{classify, ok, spawn_rules};

#[tokio::test]
async fn realistic_mails_get_categories_priorities_and_reasons() {
    let base = spawn_rules();
    let cases = [
        (
            "ap@customer.example",
            "Charged twice this month",
            "Our card was debited twice for invoice 3391, please refund one.",
            "billing",
        ),
        (
            "cto@prospect.example",
            "Quote for 300 seats",
            "We want pricing for the enterprise plan and a demo next week.",
            "sales",
        ),
        (
            "oncall@shop.example",
            "API down",
            "Every request to your API fails with 503 since 7am, production outage.",
            "support",
        ),
        (
            "user@mail.example",
            "Locked out",
            "I lost my phone and cannot pass two-factor authentication to log in.",
            "account",
        ),
        (
            "win@prize.example",
            "You have WON",
            "Claim your lottery prize now, click here and send your bank details.",
            "spam",
        ),
        (
            "friend@mail.example",
            "Thanks!",
            "Just wanted to say thank you for the lovely evening.",
            "other",
        ),
    ];
    for (from, subject, body, expected) in cases {
        let out = classify(
            &base,
            json!({"from": from, "subject": subject, "body": body}),
        )
        .await;
        let out = ok(&out);
        assert_eq!(out["category"], expected, "{subject}: {out}");
        assert_eq!(out["engine"], "builtin");
        assert_eq!(out["model"], "builtin-logreg");
        let c = out["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&c));
        assert!(!out["reasons"].as_array().unwrap().is_empty());
    }
}

#[tokio::test]
async fn an_outage_is_urgent_and_spam_is_low() {
    let base = spawn_rules();
    let out = classify(
        &base,
        json!({"from": "noc@client.example", "subject": "Production outage", "body": "The service is down for all our users, please escalate immediately."}),
    )
    .await;
    assert_eq!(ok(&out)["priority"], "urgent", "{out}");
    let out = classify(
        &base,
        json!({"from": "x@lucky.example", "subject": "Winner!", "body": "You have won a gift card, claim your prize, click here."}),
    )
    .await;
    assert_eq!(ok(&out)["category"], "spam");
    assert_eq!(ok(&out)["priority"], "low");
}

#[tokio::test]
async fn an_empty_body_and_subject_still_get_an_answer() {
    let base = spawn_rules();
    let out = classify(
        &base,
        json!({"from": "someone@example.com", "subject": "", "body": ""}),
    )
    .await;
    assert!(ok(&out)["category"].is_string());
    let out = classify(&base, json!({"from": "someone@example.com"})).await;
    assert!(ok(&out)["category"].is_string());
}

#[tokio::test]
async fn a_one_megabyte_body_is_read_up_to_the_feature_limit() {
    let base = spawn_rules();
    let body = "Please refund the duplicate charge on our invoice. ".repeat(20_000);
    assert!(body.len() >= 1_000_000);
    let out = classify(
        &base,
        json!({"from": "ap@example.com", "subject": "Refund", "body": body}),
    )
    .await;
    let out = ok(&out);
    assert_eq!(out["category"], "billing");
    assert!(
        out["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r.as_str().unwrap().contains("read up to")),
        "{out}"
    );
}

#[tokio::test]
async fn missing_fields_wrong_types_and_unknown_fields_are_invalid_arguments() {
    let base = spawn_rules();
    for bad in [
        json!({"subject": "no sender", "body": "x"}),
        json!({"from": 42, "subject": "s", "body": "b"}),
        json!({"from": "a@b.com", "subject": ["s"], "body": "b"}),
        json!({"from": "a@b.com", "body": "b", "colour": "red"}),
        json!({"from": "a@b.com", "body": "b", "engine": "gpt-9"}),
        json!({"from": "a".repeat(2000), "body": "b"}),
    ] {
        let out = classify(&base, bad.clone()).await;
        assert_eq!(out["isError"], true, "{bad} -> {out}");
        assert_eq!(
            out["structuredContent"]["code"], "invalid_arguments",
            "{out}"
        );
    }
}

#[tokio::test]
async fn readiness_reports_the_model_and_no_llm() {
    let base = spawn_rules();
    let resp = common::tls::get(format!("{base}/ready")).await.unwrap();
    assert_eq!(resp.status(), 200);
    let body = resp.text().await.unwrap();
    assert!(
        body.contains("builtin_model") && body.contains("not configured"),
        "{body}"
    );
}

#[tokio::test]
async fn the_tool_list_has_input_and_output_schemas() {
    let base = spawn_rules();
    let tools: serde_json::Value = common::tls::get(format!("{base}/mcp/tools"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let text = tools.to_string();
    assert!(
        text.contains("classify_email") && text.contains("outputSchema"),
        "{text}"
    );
}
