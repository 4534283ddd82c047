//! The Gmail API stand-in: list, get in every format, history, auth, and runtime additions.

use sandbox::Sandbox;
use sandbox::data::mailbox::{self, EDGE_TAGS, MAILBOX};
use sandbox::gmail::NewMessage;
use serde_json::Value;

const TOKEN: &str = "Bearer ya29.sandbox-test";

async fn get(base: &str, path: &str) -> (u16, Value) {
    let r = common::tls::client()
        .get(format!("{base}/gmail/v1/users/me{path}"))
        .header("authorization", TOKEN)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn listing_pages_through_the_whole_seeded_mailbox_newest_first() {
    let base = Sandbox::new().spawn();
    let mut ids = Vec::new();
    let mut token = String::new();
    for _ in 0..20 {
        let (status, body) =
            get(&base, &format!("/messages?maxResults=50&pageToken={token}")).await;
        assert_eq!(status, 200, "{body}");
        assert!(body["resultSizeEstimate"].as_u64().unwrap() >= 150);
        ids.extend(
            body["messages"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["id"].as_str().unwrap().to_string()),
        );
        match body["nextPageToken"].as_str() {
            Some(t) => token = t.to_string(),
            None => break,
        }
    }
    // Everything but the one message labelled SPAM.
    assert_eq!(ids.len(), mailbox::mailbox().len() - 1);
    let newest = mailbox::mailbox().last().unwrap();
    assert_eq!(ids[0], newest.id);
}

#[tokio::test]
async fn the_query_filters_by_date_and_sender_and_omits_messages_when_none_match() {
    let base = Sandbox::new().spawn();
    let mid = mailbox::EPOCH_SECS - 10 * 86_400;
    let (_, body) = get(&base, &format!("/messages?q=after:{mid}&maxResults=500")).await;
    let expected = mailbox::mailbox()
        .iter()
        .filter(|m| m.internal_date_ms >= mid * 1000 && !m.labels.contains(&"SPAM".to_string()))
        .count();
    assert_eq!(body["messages"].as_array().unwrap().len(), expected);
    let (_, body) = get(
        &base,
        "/messages?q=from:alice@example.com%20OR%20to:alice@example.com",
    )
    .await;
    assert!(!body["messages"].as_array().unwrap().is_empty());
    let (_, body) = get(&base, "/messages?q=after:2030/01/01").await;
    assert_eq!(body["resultSizeEstimate"], 0);
    assert!(body.get("messages").is_none());
    let (status, _) = get(&base, "/messages?q=after:someday").await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn every_edge_case_is_seeded_and_served_in_full_format() {
    let base = Sandbox::new().spawn();
    for tag in EDGE_TAGS {
        let m = mailbox::mailbox()
            .iter()
            .find(|m| m.edge == Some(tag))
            .unwrap_or_else(|| panic!("{tag}"));
        let (status, body) = get(&base, &format!("/messages/{}?format=full", m.id)).await;
        assert_eq!(status, 200, "{tag}: {body}");
        assert_eq!(body["id"], m.id.as_str());
        assert!(
            body["internalDate"]
                .as_str()
                .unwrap()
                .parse::<i64>()
                .is_ok()
        );
        assert!(
            body["payload"]["headers"]
                .as_array()
                .unwrap()
                .iter()
                .any(|h| h["name"] == "From")
        );
    }
}

#[tokio::test]
async fn nested_parts_carry_attachment_ids_that_resolve() {
    let base = Sandbox::new().spawn();
    let m = mailbox::mailbox()
        .iter()
        .find(|m| m.edge == Some("nested_attachments"))
        .unwrap();
    let (_, body) = get(&base, &format!("/messages/{}", m.id)).await;
    let parts = body["payload"]["parts"].as_array().unwrap();
    assert_eq!(parts[0]["mimeType"], "multipart/alternative");
    assert_eq!(parts[0]["parts"][1]["partId"], "0.1");
    let pdf = &parts[1];
    assert_eq!(pdf["filename"], "INV-2077.pdf");
    let aid = pdf["body"]["attachmentId"].as_str().unwrap();
    let (status, att) = get(&base, &format!("/messages/{}/attachments/{aid}", m.id)).await;
    assert_eq!(status, 200);
    assert_eq!(att["size"], pdf["body"]["size"]);
}

#[tokio::test]
async fn metadata_minimal_and_raw_formats_have_their_shapes() {
    let base = Sandbox::new().spawn();
    let m = &mailbox::mailbox()[0];
    let (_, meta) = get(
        &base,
        &format!(
            "/messages/{}?format=metadata&metadataHeaders=Subject&metadataHeaders=from",
            m.id
        ),
    )
    .await;
    let names: Vec<_> = meta["payload"]["headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Subject", "From"]);
    let (_, min) = get(&base, &format!("/messages/{}?format=minimal", m.id)).await;
    assert!(min.get("payload").is_none());
    assert!(min["snippet"].is_string());
    let (_, raw) = get(&base, &format!("/messages/{}?format=raw", m.id)).await;
    use base64::Engine;
    let bytes = base64::engine::general_purpose::URL_SAFE
        .decode(raw["raw"].as_str().unwrap())
        .unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("MIME-Version: 1.0\r\n"));
}

#[tokio::test]
async fn unknown_ids_are_404_and_malformed_ids_400_in_google_envelopes() {
    let base = Sandbox::new().spawn();
    let (status, body) = get(&base, "/messages/0000000000000001").await;
    assert_eq!(status, 404);
    assert_eq!(body["error"]["status"], "NOT_FOUND");
    let (status, _) = get(&base, "/messages/not-an-id").await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn requests_without_a_google_bearer_are_401() {
    let base = Sandbox::new().spawn();
    let r = common::tls::client()
        .get(format!("{base}/gmail/v1/users/me/messages"))
        .header("authorization", "Bearer not-google")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], 401);
}

#[tokio::test]
async fn another_users_mailbox_is_refused() {
    let base = Sandbox::new().spawn();
    let r = common::tls::client()
        .get(format!(
            "{base}/gmail/v1/users/someone@else.example/messages"
        ))
        .header("authorization", TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = common::tls::client()
        .get(format!("{base}/gmail/v1/users/{MAILBOX}/profile"))
        .header("authorization", TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn added_messages_appear_in_history_and_lists() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    let (_, profile) = get(&base, "/profile").await;
    let start = profile["historyId"].as_str().unwrap().to_string();
    let added = sb.state.gmail.add(NewMessage::new(
        "alice@example.com",
        "New invoice question",
        "Is INV-9 paid?",
    ));
    let r = common::tls::client()
        .post(format!("{base}/__sandbox/gmail/messages"))
        .json(&serde_json::json!({"from": "bob@example.com", "subject": "Hello", "text": "Hi"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let (_, hist) = get(
        &base,
        &format!("/history?startHistoryId={start}&historyTypes=messageAdded"),
    )
    .await;
    let records = hist["history"].as_array().unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(
        records[0]["messagesAdded"][0]["message"]["id"],
        added.id.as_str()
    );
    let (_, list) = get(&base, "/messages?maxResults=1").await;
    assert_ne!(
        list["messages"][0]["id"],
        mailbox::mailbox().last().unwrap().id.as_str()
    );
}

#[tokio::test]
async fn a_history_id_that_is_too_old_is_404() {
    let base = Sandbox::new().spawn();
    let (status, body) = get(&base, "/history?startHistoryId=5").await;
    assert_eq!(status, 404, "{body}");
    let (status, _) = get(&base, "/history?startHistoryId=abc").await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn injected_rate_limits_use_googles_rate_limit_reason() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    sb.inject(
        sandbox::Fault::new(sandbox::Upstream::Gmail)
            .status(429)
            .times(1),
    );
    let (status, body) = get(&base, "/messages").await;
    assert_eq!(status, 429);
    assert_eq!(body["error"]["errors"][0]["reason"], "rateLimitExceeded");
}

#[tokio::test]
async fn the_admin_listing_shows_category_hints() {
    let base = Sandbox::new().spawn();
    let body: Value = common::tls::get(format!("{base}/__sandbox/gmail/messages"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let msgs = body["messages"].as_array().unwrap();
    assert!(msgs.len() >= 150);
    for c in ["billing", "sales", "support", "account", "spam", "other"] {
        assert!(msgs.iter().any(|m| m["category"] == c), "{c}");
    }
}
