//! `process_email` arguments and output. The message, contact and customer arrive as other
//! services produce them (extra fields tolerated); what the agent uses is parsed here.

use common::ToolError;
pub use common::labels::{Category, Priority};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::Value;

/// The mail text the agent reads: the gist is at the top, and the model's context is bounded.
pub const MAX_TEXT_BYTES: usize = 16 * 1024;
/// Longest message id accepted.
const MAX_ID: usize = 256;
/// Longest `from` accepted.
const MAX_FROM: usize = 1024;
/// Longest subject kept.
const MAX_SUBJECT: usize = 1024;

/// `process_email` arguments.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProcessInput {
    /// The gmail service's normalized message: `{id, thread_id?, from, to?, subject, date?,
    /// text, ...}` (extra fields are ignored).
    pub message: Value,
    /// The classification service's answer: `{category, priority, ...}`.
    pub classification: Value,
    /// The sender's CRM record (hubspot `get_contact`), if known.
    #[serde(default)]
    pub contact: Option<Value>,
    /// The sender's billing record (chargebee `get_customer`), if known.
    #[serde(default)]
    pub customer: Option<Value>,
}

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

/// The parts of a classification the agent uses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Triage {
    pub category: Category,
    pub priority: Priority,
}

/// Everything parsed; what the domain functions take.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub message: Message,
    pub triage: Triage,
    pub contact: Option<Value>,
    pub customer: Option<Value>,
}

impl ProcessInput {
    /// Parses what the agent uses; a missing or mistyped field is `invalid_arguments`
    /// naming it.
    pub fn parse(self) -> Result<Parsed, ToolError> {
        let m = self
            .message
            .as_object()
            .ok_or_else(|| ToolError::invalid("message must be an object"))?;
        let id = required_str(m, "message.id", "id")?;
        if id.is_empty() || id.len() > MAX_ID {
            return Err(ToolError::invalid(format!(
                "message.id must be 1 to {MAX_ID} bytes"
            )));
        }
        let from = required_str(m, "message.from", "from")?;
        if from.len() > MAX_FROM {
            return Err(ToolError::invalid(format!(
                "message.from is longer than {MAX_FROM} bytes"
            )));
        }
        let subject = optional_str(m, "message.subject", "subject")?.unwrap_or_default();
        let text = match optional_str(m, "message.text", "text")? {
            Some(t) => t,
            // A message without a body text still has its snippet.
            None => optional_str(m, "message.snippet", "snippet")?.unwrap_or_default(),
        };
        let date = optional_str(m, "message.date", "date")?;
        let (sender_name, sender_email) = split_sender(from);
        let truncated = text.len() > MAX_TEXT_BYTES;
        let message = Message {
            id: id.to_string(),
            from: from.to_string(),
            sender_name,
            sender_email,
            subject: truncate(subject, MAX_SUBJECT).to_string(),
            date: date.map(|d| truncate(d, 64).to_string()),
            text: truncate(text, MAX_TEXT_BYTES).to_string(),
            truncated,
        };

        let c = self
            .classification
            .as_object()
            .ok_or_else(|| ToolError::invalid("classification must be an object"))?;
        let category = serde_json::from_value::<Category>(
            c.get("category").cloned().unwrap_or(Value::Null),
        )
        .map_err(|_| {
            ToolError::invalid(
                "classification.category must be one of billing, sales, support, account, spam, other",
            )
        })?;
        let priority = c
            .get("priority")
            .and_then(Value::as_str)
            .and_then(Priority::parse)
            .ok_or_else(|| {
                ToolError::invalid(
                    "classification.priority must be one of urgent, high, normal, low",
                )
            })?;
        for (name, v) in [("contact", &self.contact), ("customer", &self.customer)] {
            if let Some(v) = v
                && !(v.is_object() || v.is_null())
            {
                return Err(ToolError::invalid(format!(
                    "{name} must be an object or null"
                )));
            }
        }
        Ok(Parsed {
            message,
            triage: Triage { category, priority },
            contact: self.contact.filter(|v| !v.is_null()),
            customer: self.customer.filter(|v| !v.is_null()),
        })
    }
}

fn required_str<'a>(
    m: &'a serde_json::Map<String, Value>,
    name: &str,
    key: &str,
) -> Result<&'a str, ToolError> {
    optional_str(m, name, key)?.ok_or_else(|| ToolError::invalid(format!("{name} is required")))
}

fn optional_str<'a>(
    m: &'a serde_json::Map<String, Value>,
    name: &str,
    key: &str,
) -> Result<Option<&'a str>, ToolError> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(other) => Err(ToolError::invalid(format!(
            "{name} must be a string, got {}",
            common::kit::json_type(other)
        ))),
    }
}

/// `Name <addr>` or a bare address, split leniently.
fn split_sender(raw: &str) -> (Option<String>, Option<common::Email>) {
    let raw = raw.trim();
    match (raw.rfind('<'), raw.rfind('>')) {
        (Some(l), Some(r)) if l < r => {
            let name = raw[..l].trim().trim_matches('"').trim();
            (
                (!name.is_empty()).then(|| name.to_string()),
                common::Email::parse(&raw[l + 1..r]).ok(),
            )
        }
        _ => (None, common::Email::parse(raw).ok()),
    }
}

/// `s` cut to at most `max` bytes, on a character boundary.
pub fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Control characters removed (newlines kept), bounded to `max` characters, trimmed.
pub fn clean(s: &str, max: usize) -> String {
    s.chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .filter(|c| !is_bidi_control(*c))
        .take(max)
        .collect::<String>()
        .trim()
        .to_string()
}

/// Bidirectional overrides can make a title read differently from what it says.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn input(message: Value, classification: Value) -> ProcessInput {
        ProcessInput {
            message,
            classification,
            contact: None,
            customer: None,
        }
    }

    #[test]
    fn a_gmail_message_with_extra_fields_parses() {
        let p = input(
            json!({"id": "m1", "thread_id": "t1", "from": "Ana <ana@example.com>", "subject": "Hi",
                   "text": "Body", "labels": ["INBOX"], "attachments": []}),
            json!({"category": "billing", "priority": "high", "confidence": 0.9, "engine": "builtin"}),
        )
        .parse()
        .unwrap();
        assert_eq!(p.message.sender_name.as_deref(), Some("Ana"));
        assert_eq!(p.message.sender_email.unwrap().as_str(), "ana@example.com");
        assert_eq!(p.triage.category, Category::Billing);
        assert_eq!(p.triage.priority, Priority::High);
    }

    #[test]
    fn missing_or_mistyped_fields_name_the_field() {
        let cls = json!({"category": "billing", "priority": "high"});
        let err = input(json!({"from": "a@b.com"}), cls.clone())
            .parse()
            .unwrap_err();
        assert!(err.message.contains("message.id"), "{err}");
        let err = input(json!({"id": "m", "from": 3}), cls.clone())
            .parse()
            .unwrap_err();
        assert!(err.message.contains("message.from"), "{err}");
        let err = input(
            json!({"id": "m", "from": "a@b.com"}),
            json!({"category": "x", "priority": "high"}),
        )
        .parse()
        .unwrap_err();
        assert!(err.message.contains("classification.category"), "{err}");
        let err = input(json!("text"), cls).parse().unwrap_err();
        assert!(err.message.contains("message must be an object"), "{err}");
    }

    #[test]
    fn a_huge_text_is_cut_and_flagged() {
        let p = input(
            json!({"id": "m", "from": "a@b.com", "text": "é".repeat(600_000)}),
            json!({"category": "other", "priority": "low"}),
        )
        .parse()
        .unwrap();
        assert!(p.message.truncated);
        assert!(p.message.text.len() <= MAX_TEXT_BYTES);
    }

    #[test]
    fn cleaning_removes_control_and_bidi_characters() {
        assert_eq!(clean(" a\u{0}b\u{202E}c\nd ", 10), "abc\nd");
        assert_eq!(clean("abcdef", 3), "abc");
    }
}
