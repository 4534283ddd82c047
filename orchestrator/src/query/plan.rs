//! Plans: which tools to call with which arguments, validated against the catalog.
//!
//! Data scope lives here: whatever the planner (a model) wrote, the validated call carries
//! the request's email and nothing else that names a person: `email` keys and any argument
//! holding something email-like are dropped before the orchestrator inserts the email itself.

use std::collections::HashSet;
use std::sync::LazyLock;

use common::Email;
use regex::Regex;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::catalog::{Catalog, ToolSpec};

/// A validated tool call, scoped to the request's email.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedCall {
    pub service: String,
    pub tool: String,
    pub arguments: Map<String, Value>,
}

/// Who wrote the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Planner {
    Model,
    Rules,
}

/// The calls to make for one question.
#[derive(Debug, Clone)]
pub struct Plan {
    pub intent: String,
    pub calls: Vec<PlannedCall>,
    pub planner: Planner,
}

/// The plan as the model writes it (the planning prompt asks for this JSON).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
pub struct ModelPlan {
    /// One sentence: what the user wants to know.
    #[serde(default)]
    pub intent: String,
    /// Tool calls; the system adds the email to each.
    #[serde(default)]
    pub calls: Vec<ModelCall>,
}

/// One call as the model writes it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
pub struct ModelCall {
    pub service: String,
    pub tool: String,
    #[serde(default)]
    pub arguments: Map<String, Value>,
}

static EMAIL_LIKE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[^\s@]+@[^\s@]+").expect("static regex"));

fn names_a_person(v: &Value) -> bool {
    match v {
        Value::String(s) => EMAIL_LIKE.is_match(s),
        Value::Array(a) => a.iter().any(names_a_person),
        Value::Object(o) => o.iter().any(|(k, v)| k == "email" || names_a_person(v)),
        Value::Null | Value::Bool(_) | Value::Number(_) => false,
    }
}

/// The subset of JSON Schema tool inputs use: property types, enums, bounds, required.
/// (A full validator would be a heavy dependency for flat argument objects.)
fn conforms(schema: &Value, args: &Map<String, Value>) -> Result<(), String> {
    let props = schema.get("properties").and_then(Value::as_object);
    for req in schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        if !args.contains_key(req) {
            return Err(format!("missing required argument `{req}`"));
        }
    }
    for (k, v) in args {
        let Some(p) = props.and_then(|p| p.get(k)) else {
            return Err(format!("unknown argument `{k}`"));
        };
        check_value(k, p, v)?;
    }
    Ok(())
}

fn type_matches(ty: &str, v: &Value) -> bool {
    match ty {
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        "null" => v.is_null(),
        _ => true,
    }
}

fn check_value(k: &str, p: &Value, v: &Value) -> Result<(), String> {
    let ok_type = match p.get("type") {
        Some(Value::String(t)) => type_matches(t, v),
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .any(|t| type_matches(t, v)),
        _ => true,
    };
    if !ok_type {
        return Err(format!("argument `{k}` has the wrong type"));
    }
    if let Some(allowed) = p.get("enum").and_then(Value::as_array)
        && !allowed.contains(v)
    {
        return Err(format!("argument `{k}` is not one of the allowed values"));
    }
    if let Some(n) = v.as_f64() {
        let below = p
            .get("minimum")
            .and_then(Value::as_f64)
            .is_some_and(|m| n < m);
        let above = p
            .get("maximum")
            .and_then(Value::as_f64)
            .is_some_and(|m| n > m);
        if below || above {
            return Err(format!("argument `{k}` is out of range"));
        }
    }
    if let Some(s) = v.as_str()
        && let Some(max) = p.get("maxLength").and_then(Value::as_u64)
        && s.chars().count() as u64 > max
    {
        return Err(format!("argument `{k}` is too long"));
    }
    Ok(())
}

/// Builds the scoped arguments for `spec` from what the planner proposed.
fn scoped_arguments(
    spec: &ToolSpec,
    proposed: &Map<String, Value>,
    email: &Email,
) -> Result<Map<String, Value>, String> {
    let props = spec
        .input_schema
        .get("properties")
        .and_then(Value::as_object);
    let mut args: Map<String, Value> = proposed
        .iter()
        .filter(|(k, v)| {
            k.as_str() != "email"
                && props.is_some_and(|p| p.contains_key(k.as_str()))
                && !names_a_person(v)
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    args.insert("email".into(), Value::String(email.as_str().to_string()));
    match conforms(&spec.input_schema, &args) {
        Ok(()) => Ok(args),
        Err(first) => {
            // Keep the call with the email alone if that is valid; the extras were the problem.
            let mut only_email = Map::new();
            only_email.insert("email".into(), Value::String(email.as_str().to_string()));
            conforms(&spec.input_schema, &only_email)
                .map(|()| only_email)
                .map_err(|_| first)
        }
    }
}

/// Validates a model plan: unknown tools dropped, arguments scoped and checked, duplicates
/// removed, calls capped. Returns the valid calls and what was wrong.
pub fn validate(
    plan: &ModelPlan,
    catalog: &Catalog,
    email: &Email,
    max_calls: usize,
) -> (Vec<PlannedCall>, Vec<String>) {
    let mut calls = Vec::new();
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for c in &plan.calls {
        // Models sometimes write `service.tool` in `tool`.
        let (service, tool) = match c.tool.split_once('.') {
            Some((s, t)) if c.service.is_empty() || c.service == s => (s, t),
            _ => (c.service.as_str(), c.tool.as_str()),
        };
        let Some(spec) = catalog.get(service, tool) else {
            problems.push(format!("unknown tool `{service}.{tool}`"));
            continue;
        };
        match scoped_arguments(&spec, &c.arguments, email) {
            Ok(arguments) => {
                let call = PlannedCall {
                    service: spec.service.clone(),
                    tool: spec.name.clone(),
                    arguments,
                };
                let key = serde_json::to_string(&call).unwrap_or_default();
                if seen.insert(key) {
                    calls.push(call);
                }
            }
            Err(e) => problems.push(format!("`{service}.{tool}`: {e}")),
        }
    }
    if calls.len() > max_calls {
        problems.push(format!(
            "{} calls planned, capped at {max_calls}",
            calls.len()
        ));
        calls.truncate(max_calls);
    }
    (calls, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::{ServiceUrls, Services};

    fn catalog() -> std::sync::Arc<Catalog> {
        Catalog::new(Services::new(&ServiceUrls::local_defaults()))
    }

    fn call(service: &str, tool: &str, args: Value) -> ModelCall {
        ModelCall {
            service: service.into(),
            tool: tool.into(),
            arguments: args.as_object().cloned().unwrap_or_default(),
        }
    }

    #[test]
    fn the_request_email_replaces_whatever_the_model_wrote() {
        let email = Email::parse("alice@example.com").unwrap();
        let plan = ModelPlan {
            intent: String::new(),
            calls: vec![
                call(
                    "chargebee",
                    "list_invoices",
                    serde_json::json!({"email": "bob@example.com"}),
                ),
                call(
                    "hubspot",
                    "get_contact",
                    serde_json::json!({"filter": {"who": "bob@example.com"}}),
                ),
                call("evil", "dump_all", serde_json::json!({})),
            ],
        };
        let (calls, problems) = validate(&plan, &catalog(), &email, 6);
        assert_eq!(calls.len(), 2);
        for c in &calls {
            assert_eq!(c.arguments.len(), 1);
            assert_eq!(c.arguments["email"], "alice@example.com");
        }
        assert!(problems.iter().any(|p| p.contains("evil.dump_all")));
    }

    #[test]
    fn calls_are_deduplicated_and_capped() {
        let email = Email::parse("alice@example.com").unwrap();
        let plan = ModelPlan {
            intent: String::new(),
            calls: vec![
                call("", "chargebee.get_customer", serde_json::json!({})),
                call("chargebee", "get_customer", serde_json::json!({})),
                call("chargebee", "list_invoices", serde_json::json!({})),
                call("hubspot", "get_contact", serde_json::json!({})),
            ],
        };
        let (calls, _) = validate(&plan, &catalog(), &email, 2);
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[0].tool, "get_customer");
    }

    #[test]
    fn arguments_are_checked_against_the_schema() {
        let schema = serde_json::json!({
            "type": "object",
            "properties": {"email": {"type": "string"}, "limit": {"type": "integer", "minimum": 1, "maximum": 100}},
            "required": ["email"]
        });
        let ok = serde_json::json!({"email": "a@b.co", "limit": 5});
        let bad = serde_json::json!({"email": "a@b.co", "limit": 500});
        let wrong = serde_json::json!({"email": "a@b.co", "limit": "five"});
        assert!(conforms(&schema, ok.as_object().unwrap()).is_ok());
        assert!(conforms(&schema, bad.as_object().unwrap()).is_err());
        assert!(conforms(&schema, wrong.as_object().unwrap()).is_err());
    }
}
