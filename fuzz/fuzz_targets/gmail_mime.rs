//! A Gmail `format=raw` message, any bytes: `gmail::mime::normalize`, the function that turns
//! it into the `common::contract::gmail::Message` the tools return (mail-parser: headers,
//! encoded words, the MIME tree, charsets; gmail: the text part, HTML as text, quoted
//! history, the size bound). The same bytes' header lines, as the name/value pairs of a
//! `format=metadata` answer, go through `gmail::mime::summary_headers` (the listings).
#![no_main]

use gmail::client::{RawMessage, WireHeader, WireMessage, WirePayload};
use libfuzzer_sys::fuzz_target;

/// The service's default `GMAIL_MAX_TEXT_BYTES`.
const MAX_TEXT: usize = 32 * 1024;

/// The header lines of `data` (up to the first empty line) as Gmail's name/value pairs.
fn metadata(data: &[u8]) -> WireMessage {
    let text = String::from_utf8_lossy(data);
    let headers = text
        .lines()
        .take_while(|l| !l.is_empty())
        .map(|l| {
            let (name, value) = l.split_once(':').unwrap_or((l, ""));
            WireHeader {
                name: name.to_string(),
                value: value.trim_start().to_string(),
            }
        })
        .collect();
    WireMessage {
        id: "18c2f0a1b2c3d4e5".into(),
        snippet: text.chars().take(200).collect(),
        internal_date: Some("1764547200000".into()),
        payload: Some(WirePayload { headers }),
        ..WireMessage::default()
    }
}

fuzz_target!(init: mcp_fuzz::write_seeds_if_asked("gmail_mime"), |data: &[u8]| {
    let h = gmail::mime::summary_headers(&metadata(data));
    assert!(h.from_email.is_empty() || h.from_email.contains('@'));

    let raw = RawMessage {
        id: "18c2f0a1b2c3d4e5".into(),
        thread_id: "18c2f0a1b2c3d4e5".into(),
        label_ids: vec!["INBOX".into()],
        snippet: String::new(),
        internal_date: None,
        raw: data.to_vec(),
    };
    // `Err` only when mail-parser finds no message at all: a malformed answer, not a panic.
    if let Ok(message) = gmail::mime::normalize(raw, MAX_TEXT) {
        assert!(message.text.len() <= MAX_TEXT, "text exceeds its bound");
        assert!(message.from_email.is_empty() || message.from_email.contains('@'));
        mcp_fuzz::assert_round_trip(&message, "gmail Message");
    }
});
