//! The deterministic default reply: the smallest value satisfying the JSON Schema the LLM
//! layer quotes in the prompt, `{}` when JSON is asked for without one, else an echo.

use serde_json::{Value, json};

/// The deterministic reply when nothing is scripted (see the module docs).
pub(super) fn default_reply(user: &str, json_asked: bool) -> String {
    if let Some(schema) = quoted_schema(user) {
        return minimal_instance(&schema, &schema, 0).to_string();
    }
    if json_asked {
        return "{}".into();
    }
    let head: String = user.chars().take(200).collect();
    format!("sandbox echo: {head}")
}

/// The JSON Schema the LLM layer appends after "JSON Schema:" to the user turn.
fn quoted_schema(user: &str) -> Option<Value> {
    let at = user.rfind("JSON Schema:")? + "JSON Schema:".len();
    serde_json::Deserializer::from_str(user[at..].trim_start())
        .into_iter::<Value>()
        .next()?
        .ok()
}

/// The smallest value satisfying `schema` (required properties only; `$ref` into `$defs`).
fn minimal_instance(schema: &Value, root: &Value, depth: u32) -> Value {
    if depth > 16 {
        return Value::Null;
    }
    if let Some(r) = schema["$ref"].as_str() {
        let target = r
            .strip_prefix("#/")
            .map(|p| p.split('/').fold(root, |v, k| &v[k]))
            .unwrap_or(&Value::Null);
        return minimal_instance(target, root, depth + 1);
    }
    if let Some(c) = schema.get("const") {
        return c.clone();
    }
    if let Some(first) = schema["enum"].as_array().and_then(|e| e.first()) {
        return first.clone();
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(first) = schema[key].as_array().and_then(|a| a.first()) {
            return minimal_instance(first, root, depth + 1);
        }
    }
    let ty = match &schema["type"] {
        Value::Array(types) => types
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .unwrap_or("null"),
        Value::String(t) => t.as_str(),
        _ if schema.get("properties").is_some() => "object",
        _ => "object",
    };
    match ty {
        "string" => json!(""),
        "integer" => json!(schema["minimum"].as_i64().unwrap_or(0)),
        "number" => json!(schema["minimum"].as_f64().unwrap_or(0.0)),
        "boolean" => json!(false),
        "array" => {
            let n = schema["minItems"].as_u64().unwrap_or(0).min(4);
            let item = minimal_instance(&schema["items"], root, depth + 1);
            Value::Array((0..n).map(|_| item.clone()).collect())
        }
        "null" => Value::Null,
        _ => {
            let mut out = serde_json::Map::new();
            for name in schema["required"].as_array().into_iter().flatten() {
                if let Some(name) = name.as_str() {
                    let prop = &schema["properties"][name];
                    out.insert(name.to_string(), minimal_instance(prop, root, depth + 1));
                }
            }
            Value::Object(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_reply_satisfies_a_quoted_schema() {
        let schema = json!({
            "type": "object",
            "required": ["calls", "why", "kind"],
            "properties": {
                "calls": {"type": "array", "items": {"$ref": "#/$defs/Call"}},
                "why": {"type": ["string", "null"]},
                "kind": {"enum": ["a", "b"]},
                "extra": {"type": "string"}
            },
            "$defs": {"Call": {"type": "object"}}
        });
        let user = format!("Do it.\n\nReply ... matching this JSON Schema:\n{schema}");
        let got: Value = serde_json::from_str(&default_reply(&user, true)).unwrap();
        assert_eq!(got, json!({"calls": [], "why": "", "kind": "a"}));
        assert_eq!(default_reply("hi there", false), "sandbox echo: hi there");
        assert_eq!(default_reply("hi", true), "{}");
    }
}
