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
