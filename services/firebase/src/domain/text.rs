//! Newtypes for the strings tools accept, valid by construction (parsed while deserialising,
//! so a bad value is an `invalid_arguments` result naming the field).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Trimmed text of `MIN..=MAX` characters without control characters (newlines and tabs are
/// allowed where `MULTILINE`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Text<const MIN: usize, const MAX: usize, const MULTILINE: bool = false>(String);

impl<const MIN: usize, const MAX: usize, const MULTILINE: bool> Text<MIN, MAX, MULTILINE> {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let s = raw.trim();
        let len = s.chars().count();
        if len < MIN {
            return Err(if MIN == 1 {
                "must not be empty".to_string()
            } else {
                format!("must be at least {MIN} characters")
            });
        }
        if len > MAX {
            return Err(format!("must be at most {MAX} characters, got {len}"));
        }
        let allowed = |c: char| !c.is_control() || (MULTILINE && matches!(c, '\n' | '\t'));
        if !s.chars().all(allowed) {
            return Err("must not contain control characters".to_string());
        }
        Ok(Self(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl<'de, const MIN: usize, const MAX: usize, const ML: bool> Deserialize<'de>
    for Text<MIN, MAX, ML>
{
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        Self::parse(&raw).map_err(serde::de::Error::custom)
    }
}

impl<const MIN: usize, const MAX: usize, const ML: bool> schemars::JsonSchema
    for Text<MIN, MAX, ML>
{
    fn schema_name() -> Cow<'static, str> {
        format!("Text{MIN}to{MAX}").into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "minLength": MIN, "maxLength": MAX})
    }

    fn inline_schema() -> bool {
        true
    }
}

/// A task title.
pub type Title = Text<1, 200>;
/// A task description or notes.
pub type LongText = Text<0, 5000, true>;
/// Assignees, message and run ids.
pub type ShortText = Text<0, 200>;
/// The caller's idempotency key for `create_task`.
pub type IdempotencyKey = Text<1, 256>;

/// A task id: what `create_task` returned. Firestore document-id safe by construction.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct TaskId(String);

impl TaskId {
    /// The id for an idempotency key: the same key always names the same document.
    pub fn for_key(key: &IdempotencyKey) -> Self {
        let digest = Sha256::digest(key.as_str().as_bytes());
        let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
        Self(format!("tk_{hex}"))
    }

    pub fn parse(raw: &str) -> Result<Self, String> {
        let ok = !raw.is_empty()
            && raw.len() <= 128
            && raw
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            && !(raw.starts_with("__") && raw.ends_with("__"));
        if ok {
            Ok(Self(raw.to_string()))
        } else {
            Err("a task id is 1 to 128 letters, digits, '_' or '-'".to_string())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for TaskId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for TaskId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        Self::parse(&raw).map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for TaskId {
    fn schema_name() -> Cow<'static, str> {
        "TaskId".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string", "pattern": "^[A-Za-z0-9_-]{1,128}$",
            "description": "A task id as create_task returned it"
        })
    }

    fn inline_schema() -> bool {
        true
    }
}

/// A due date: an RFC 3339 date-time (normalised to UTC) or a calendar date `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Due(String);

impl Due {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let s = raw.trim();
        if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
            return Ok(Self(
                t.with_timezone(&chrono::Utc)
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            ));
        }
        if s.len() == 10
            && let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        {
            return Ok(Self(d.format("%Y-%m-%d").to_string()));
        }
        Err("due must be an RFC 3339 date-time or a YYYY-MM-DD date".to_string())
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl<'de> Deserialize<'de> for Due {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        Self::parse(&raw).map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for Due {
    fn schema_name() -> Cow<'static, str> {
        "Due".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string", "maxLength": 40,
            "description": "RFC 3339 date-time or YYYY-MM-DD"
        })
    }

    fn inline_schema() -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(Title::parse("  Call back  ").unwrap().as_str(), "Call back");
        assert!(Title::parse("   ").is_err());
        assert!(Title::parse(&"x".repeat(201)).is_err());
        assert!(Title::parse("a\u{0}b").is_err());
        assert!(Title::parse("two\nlines").is_err());
        assert!(LongText::parse("two\nlines").is_ok());
        assert!(LongText::parse("").is_ok());
    }

    #[test]
    fn one_key_always_names_one_id() {
        let k = IdempotencyKey::parse("msg-1:0").unwrap();
        assert_eq!(TaskId::for_key(&k), TaskId::for_key(&k));
        assert_ne!(
            TaskId::for_key(&k),
            TaskId::for_key(&IdempotencyKey::parse("msg-1:1").unwrap())
        );
        assert!(TaskId::parse(TaskId::for_key(&k).as_str()).is_ok());
    }

    #[test]
    fn task_ids_refuse_paths_and_reserved_names() {
        for bad in ["", "a/b", "..", "__x__", "tâche", &"a".repeat(129)] {
            assert!(TaskId::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn due_dates_accept_dates_and_date_times() {
        assert_eq!(
            Due::parse("2026-11-30").unwrap().into_string(),
            "2026-11-30"
        );
        assert_eq!(
            Due::parse("2026-11-30T10:00:00+02:00")
                .unwrap()
                .into_string(),
            "2026-11-30T08:00:00Z"
        );
        assert!(Due::parse("tomorrow").is_err());
        assert!(Due::parse("2026-13-01").is_err());
    }
}
