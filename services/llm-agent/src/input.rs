//! What the agent reads of `process_email`'s typed arguments (the contract's
//! `ProcessInput`), bounded: the mail text, subject and sender; the triage; the CRM and
//! billing records as JSON for the model.

use common::ToolError;
pub use common::contract::llm_agent::{
    Category, MAX_FROM, MAX_MESSAGE_ID, Priority, ProcessInput, Triage,
};
pub use common::text::{clean, truncate_bytes as truncate};
use serde_json::Value;

/// The mail text the agent reads: the gist is at the top, and the model's context is bounded.
pub const MAX_TEXT_BYTES: usize = 16 * 1024;
/// Longest subject kept.
const MAX_SUBJECT: usize = 1024;

/// The parts of a message the agent uses, bounded.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub id: String,
    pub from: String,
    /// The sender's display name, if the `from` carries one.
    pub sender_name: Option<String>,
    pub sender_email: Option<common::Email>,
    pub subject: String,
    pub date: Option<String>,
    /// The body text, cut to [`MAX_TEXT_BYTES`].
    pub text: String,
    /// Whether `text` was cut.
    pub truncated: bool,
}

/// Everything parsed; what the domain functions take.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub message: Message,
    pub triage: Triage,
    pub contact: Option<Value>,
    pub customer: Option<Value>,
}

/// Bounds what the agent reads; the contract's types already checked the shapes.
pub fn parse(input: ProcessInput) -> Result<Parsed, ToolError> {
    let m = input.message;
    if m.id.is_empty() || m.id.len() > MAX_MESSAGE_ID {
        return Err(ToolError::invalid(format!(
            "message.id must be 1 to {MAX_MESSAGE_ID} bytes"
        )));
    }
    if m.from.len() > MAX_FROM {
        return Err(ToolError::invalid(format!(
            "message.from is longer than {MAX_FROM} bytes"
        )));
    }
    let (sender_name, sender_email) = split_sender(&m.from);
    let truncated = m.text.len() > MAX_TEXT_BYTES;
    let message = Message {
        sender_name,
        sender_email,
        subject: truncate(&m.subject, MAX_SUBJECT).to_string(),
        date: m.date.as_deref().map(|d| truncate(d, 64).to_string()),
        text: truncate(&m.text, MAX_TEXT_BYTES).to_string(),
        truncated,
        id: m.id,
        from: m.from,
    };
    let record = |v: Option<Value>| v.filter(|v| !v.is_null());
    Ok(Parsed {
        message,
        triage: input.classification,
        contact: record(input.contact.and_then(|c| serde_json::to_value(c).ok())),
        customer: record(input.customer.and_then(|c| serde_json::to_value(c).ok())),
    })
}

/// `Name <addr>` or a bare address.
fn split_sender(raw: &str) -> (Option<String>, Option<common::Email>) {
    match common::text::mailbox(raw) {
        Some((name, addr)) => (name, common::Email::parse(&addr).ok()),
        None => (None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn input(message: Value, classification: Value) -> Result<Parsed, String> {
        let input: ProcessInput = serde_json::from_value(json!({
            "message": message, "classification": classification
        }))
        .map_err(|e| e.to_string())?;
        parse(input).map_err(|e| e.message)
    }

    #[test]
    fn a_gmail_message_with_extra_fields_parses() {
        let p = input(
            json!({"id": "m1", "thread_id": "t1", "from": "Ana <ana@example.com>", "subject": "Hi",
                   "text": "Body", "labels": ["INBOX"], "attachments": []}),
            json!({"category": "billing", "priority": "high", "confidence": 0.9, "engine": "builtin"}),
        )
        .unwrap();
        assert_eq!(p.message.sender_name.as_deref(), Some("Ana"));
        assert_eq!(p.message.sender_email.unwrap().as_str(), "ana@example.com");
        assert_eq!(p.triage.category, Category::Billing);
        assert_eq!(p.triage.priority, Priority::High);
    }

    #[test]
    fn missing_or_mistyped_fields_name_the_field() {
        let cls = json!({"category": "billing", "priority": "high"});
        let err = input(json!({"from": "a@b.com"}), cls.clone()).unwrap_err();
        assert!(err.contains("`id`"), "{err}");
        let err = input(json!({"id": "m", "from": 3}), cls.clone()).unwrap_err();
        assert!(err.contains("invalid type"), "{err}");
        let err = input(
            json!({"id": "m", "from": "a@b.com"}),
            json!({"category": "x", "priority": "high"}),
        )
        .unwrap_err();
        assert!(err.contains("unknown variant"), "{err}");
        let err = input(json!("text"), cls).unwrap_err();
        assert!(err.contains("invalid type"), "{err}");
    }

    #[test]
    fn a_huge_text_is_cut_and_flagged() {
        let p = input(
            json!({"id": "m", "from": "a@b.com", "text": "é".repeat(600_000)}),
            json!({"category": "other", "priority": "low"}),
        )
        .unwrap();
        assert!(p.message.truncated);
        assert!(p.message.text.len() <= MAX_TEXT_BYTES);
    }
}
