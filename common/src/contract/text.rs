//! Bounded text, valid by construction (parsed while deserialising, so a bad value is an
//! `invalid_arguments` result naming the field).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_bounded() {
        type Title = Text<1, 200>;
        type LongText = Text<0, 5000, true>;
        assert_eq!(Title::parse("  Call back  ").unwrap().as_str(), "Call back");
        assert!(Title::parse("   ").is_err());
        assert!(Title::parse(&"x".repeat(201)).is_err());
        assert!(Title::parse("a\u{0}b").is_err());
        assert!(Title::parse("two\nlines").is_err());
        assert!(LongText::parse("two\nlines").is_ok());
        assert!(LongText::parse("").is_ok());
    }
}
