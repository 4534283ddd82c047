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

use common::contract::{Service, ToolName};

use super::catalog::{Catalog, ToolSpec};

/// A validated tool call, scoped to the request's email.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedCall {
    pub tool: ToolName,
    pub arguments: Map<String, Value>,
}

impl PlannedCall {
    /// A call with only the person's email.
    pub fn for_person(tool: ToolName, email: &Email) -> Self {
        let mut arguments = Map::new();
        arguments.insert("email".into(), Value::String(email.as_str().to_string()));
        Self { tool, arguments }
    }

    pub fn service(&self) -> Service {
        self.tool.service()
    }
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

/// Builds the scoped arguments for `spec` from what the planner proposed.
fn scoped_arguments(
    spec: &ToolSpec,
    proposed: &Map<String, Value>,
    email: &Email,
) -> Result<Map<String, Value>, String> {
    let mut args: Map<String, Value> = proposed
        .iter()
        .filter(|(k, v)| k.as_str() != "email" && spec.has_argument(k) && !names_a_person(v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    args.insert("email".into(), Value::String(email.as_str().to_string()));
    match spec.check(&Value::Object(args.clone())) {
        Ok(()) => Ok(args),
        Err(first) => {
            // Keep the call with the email alone if that is valid; the extras were the problem.
            let only_email = PlannedCall::for_person(spec.name(), email).arguments;
            spec.check(&Value::Object(only_email.clone()))
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
        let Some(spec) = Service::parse(service)
            .and_then(|s| ToolName::parse(s, tool))
            .and_then(|t| catalog.get(t))
        else {
            problems.push(format!("unknown tool `{service}.{tool}`"));
            continue;
        };
        match scoped_arguments(&spec, &c.arguments, email) {
            Ok(arguments) => {
                let call = PlannedCall {
                    tool: spec.name(),
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
        assert_eq!(calls[0].tool, ToolName::GetCustomer);
    }
}
