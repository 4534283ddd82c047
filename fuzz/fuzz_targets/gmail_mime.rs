//! A Gmail `format=raw` message, any bytes: `gmail::mime::normalize`, the function that turns
//! it into the `common::contract::gmail::Message` the tools return (headers, encoded words,
//! the MIME tree, charsets, HTML as text, quoted history, the size bound).
#![no_main]

use gmail::client::RawMessage;
use libfuzzer_sys::fuzz_target;

/// The service's default `GMAIL_MAX_TEXT_BYTES`.
const MAX_TEXT: usize = 32 * 1024;

fuzz_target!(init: mcp_fuzz::write_seeds_if_asked("gmail_mime"), |data: &[u8]| {
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
