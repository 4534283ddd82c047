//! Finding the JSON in a model's reply: the whole text, a fenced block, or a balanced
//! `{…}`/`[…]` inside prose. Models wrap JSON in all three ways regardless of instructions.

use std::sync::LazyLock;

use regex::Regex;
use serde::de::DeserializeOwned;

static FENCED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)```[A-Za-z0-9_-]*[ \t]*\n?(.*?)```").expect("static regex"));

/// Candidate starts scanned in prose before giving up (bounds work on huge replies).
const MAX_STARTS: usize = 64;

/// The first JSON value in `text`, or why there is none.
pub fn extract_json(text: &str) -> Result<serde_json::Value, String> {
    candidates(text).map(|mut c| c.swap_remove(0))
}

/// The first JSON value in `text` that deserialises as `T`; the error explains the first
/// candidate's problem (which is what a repair request should quote).
///
/// Public only as the entry point of the fuzz targets (`fuzz/`): callers get replies parsed
/// through [`super::Llm::complete_json`] and [`super::Llm::run`].
pub fn parse_reply<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let found = candidates(text)?;
    let mut first_error = None;
    for value in found {
        match serde_json::from_value::<T>(value) {
            Ok(t) => return Ok(t),
            Err(e) => {
                first_error
                    .get_or_insert_with(|| format!("the JSON does not match the schema: {e}"));
            }
        }
    }
    Err(first_error.unwrap_or_else(|| "no JSON value found in the reply".into()))
}

/// Every JSON value found, best first. Never empty on `Ok`.
fn candidates(text: &str) -> Result<Vec<serde_json::Value>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("the reply is empty".into());
    }
    let mut out = Vec::new();
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(text) {
        out.push(v);
        return Ok(out);
    }
    for cap in FENCED.captures_iter(text) {
        if let Ok(v) = serde_json::from_str(cap[1].trim()) {
            out.push(v);
        }
    }
    let mut truncated = false;
    let starts = text
        .char_indices()
        .filter(|(_, c)| *c == '{' || *c == '[')
        .map(|(i, _)| i)
        .take(MAX_STARTS);
    let mut covered_until = 0;
    for start in starts {
        if start < covered_until {
            continue; // inside a value already taken
        }
        match balanced_end(&text[start..]) {
            Some(len) => {
                if let Ok(v) = serde_json::from_str(&text[start..start + len]) {
                    out.push(v);
                    covered_until = start + len;
                }
            }
            None => truncated = true,
        }
    }
    if out.is_empty() {
        return Err(if truncated {
            "the JSON in the reply is truncated (brackets never close)".into()
        } else {
            "no JSON value found in the reply".into()
        });
    }
    Ok(out)
}

/// Length of the balanced bracket group at the start of `s`, ignoring brackets in strings.
fn balanced_end(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' => depth += 1,
            '}' | ']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn plain_fenced_and_prose_wrapped_json_are_found() {
        assert_eq!(extract_json(r#" {"a": 1} "#).unwrap(), json!({"a": 1}));
        assert_eq!(
            extract_json("Sure!\n```json\n{\"a\": [1, 2]}\n```\nDone.").unwrap(),
            json!({"a": [1, 2]})
        );
        assert_eq!(
            extract_json(r#"Here you go: {"a": "}{"} as asked."#).unwrap(),
            json!({"a": "}{"})
        );
    }

    #[test]
    fn empty_truncated_and_absent_json_are_explained() {
        assert!(extract_json("  ").unwrap_err().contains("empty"));
        assert!(
            extract_json(r#"{"a": [1, 2"#)
                .unwrap_err()
                .contains("truncated")
        );
        assert!(
            extract_json("no json here")
                .unwrap_err()
                .contains("no JSON")
        );
    }

    #[test]
    fn the_first_candidate_of_the_right_shape_wins() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Want {
            b: u32,
        }
        let got: Want = parse_reply(r#"Example {"a": 1}; answer {"b": 2}"#).unwrap();
        assert_eq!(got, Want { b: 2 });
        let err = parse_reply::<Want>(r#"{"a": 1}"#).unwrap_err();
        assert!(err.contains("missing field `b`"), "{err}");
    }
}
