//! Bad input gets a clear `invalid_arguments` result and never reaches Gmail.

use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn bad_arguments_are_refused_before_any_upstream_call() {
    let app = spawn_app().await;
    let cases = [
        ("list_messages", json!({"since": "last tuesday"})),
        ("list_messages", json!({"since": "2026-13-01T00:00:00Z"})),
        ("list_messages", json!({"query": "x".repeat(513)})),
        ("list_messages", json!({"query": "from:a\u{0007}"})),
        ("list_messages", json!({"max": 0})),
        ("list_messages", json!({"max": 501})),
        ("list_messages", json!({"max": -1})),
        ("list_messages", json!({"limit": 5})),
        ("get_message", json!({})),
        ("get_message", json!({"id": ""})),
        ("get_message", json!({"id": "../../profile"})),
        ("get_message", json!({"id": "a".repeat(65)})),
        ("search_messages", json!({"email": "not-an-email"})),
        ("search_messages", json!({"email": "a@b.co", "max": 1000})),
    ];
    for (tool, args) in cases {
        assert_eq!(
            app.error_code(tool, args.clone()).await,
            "invalid_arguments",
            "{tool} {args}"
        );
    }
    assert!(app.gmail_log().is_empty());
    assert!(app.token_log().is_empty());
}

#[tokio::test]
async fn a_query_at_the_limit_is_accepted_and_combined_with_since() {
    let app = spawn_app().await;
    let q = format!("subject:{}", "a".repeat(504));
    app.ok(
        "list_messages",
        json!({"query": q, "since": "2026-11-01T00:00:00+01:00"}),
    )
    .await;
    let sent = app.gmail_log()[0].query_pairs();
    let sent_q = sent.iter().find(|(k, _)| k == "q").unwrap().1.clone();
    assert!(
        sent_q.starts_with("after:1793487600 subject:aaa"),
        "{sent_q}"
    );
}
