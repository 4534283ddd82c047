//! The whole seeded mailbox, listed and read through the service.

use sandbox::data::mailbox::{Category, mailbox};
use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn the_whole_seeded_mailbox_can_be_listed_and_every_message_read() {
    let app = spawn_app().await;
    let list = app.ok("list_messages", json!({"max": 500})).await;
    let seeded_inbox = mailbox()
        .iter()
        .filter(|m| !m.labels.iter().any(|l| l == "SPAM"))
        .count();
    assert_eq!(list["count"].as_u64().unwrap() as usize, seeded_inbox);
    assert_eq!(list["more"], false);
    let msgs = list["messages"].as_array().unwrap();
    let dates: Vec<&str> = msgs.iter().map(|m| m["date"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
    let mut with_text = 0;
    for s in msgs {
        let m = app.ok("get_message", json!({"id": s["id"]})).await;
        assert_eq!(m["id"], s["id"]);
        assert_eq!(m["subject"], s["subject"]);
        if !m["text"].as_str().unwrap().is_empty() {
            with_text += 1;
        }
    }
    // Only the binary-only and the empty-body mails have no text.
    assert_eq!(with_text, msgs.len() - 2);
}

#[tokio::test]
async fn listing_since_a_date_returns_only_newer_mail() {
    let app = spawn_app().await;
    let since =
        chrono::DateTime::from_timestamp(sandbox::data::mailbox::EPOCH_SECS - 7 * 86_400, 0)
            .unwrap();
    let list = app
        .ok(
            "list_messages",
            json!({"since": since.to_rfc3339(), "max": 500}),
        )
        .await;
    let expected = mailbox()
        .iter()
        .filter(|m| {
            m.internal_date_ms >= since.timestamp_millis() && !m.labels.iter().any(|l| l == "SPAM")
        })
        .count();
    assert!(expected > 5);
    assert_eq!(list["count"].as_u64().unwrap() as usize, expected);
}

#[tokio::test]
async fn new_mail_added_to_the_sandbox_is_listed_first() {
    let app = spawn_app().await;
    let added = app.sandbox.state.gmail.add(sandbox::gmail::NewMessage {
        category: Some(Category::Billing),
        ..sandbox::gmail::NewMessage::new(
            "bob@example.com",
            "Fresh invoice question",
            "Is INV-1 paid?",
        )
    });
    let since = chrono::Utc::now() - chrono::Duration::minutes(5);
    let list = app
        .ok("list_messages", json!({"since": since.to_rfc3339()}))
        .await;
    assert_eq!(list["count"], 1);
    assert_eq!(list["messages"][0]["id"], added.id.as_str());
    let m = app.ok("get_message", json!({"id": added.id})).await;
    assert_eq!(m["text"], "Is INV-1 paid?");
    assert_eq!(m["from_email"], "bob@example.com");
}

#[tokio::test]
async fn a_listing_continues_with_its_page_token_without_skipping_or_repeating_mail() {
    let app = spawn_app().await;
    let all = app.ok("list_messages", json!({"max": 500})).await;
    let all_ids: Vec<String> = all["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect();
    let mut seen = Vec::new();
    let mut token: Option<String> = None;
    // Bounded: 167 seeded messages in pages of 40 need 5 calls.
    for _ in 0..10 {
        let mut args = json!({"max": 40});
        if let Some(t) = &token {
            args["page_token"] = json!(t);
        }
        let page = app.ok("list_messages", args).await;
        for m in page["messages"].as_array().unwrap() {
            seen.push(m["id"].as_str().unwrap().to_string());
        }
        token = page["next_page_token"].as_str().map(str::to_string);
        if token.is_none() {
            break;
        }
    }
    assert!(token.is_none(), "the listing never ended");
    assert_eq!(seen, all_ids);
}

#[tokio::test]
async fn a_forged_page_token_is_refused() {
    let app = spawn_app().await;
    let code = app
        .error_code("list_messages", json!({"page_token": "../../etc/passwd"}))
        .await;
    assert_eq!(code, "invalid_arguments");
}
