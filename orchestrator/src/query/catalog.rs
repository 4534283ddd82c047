//! The tool catalog `/query` plans over: discovered from each data service's `/mcp/tools` at
//! start-up and refreshed in the background. A service that is down keeps a built-in list of
//! its expected read tools, so its calls are still planned (and reported as failed sources)
//! rather than silently missing from answers.

use std::collections::BTreeMap;
use std::sync::{Arc, Weak};
use std::time::Duration;

use parking_lot::RwLock;
use serde_json::{Value, json};

use crate::services::Services;

/// One tool `/query` may call.
#[derive(Debug, Clone, PartialEq)]
pub struct ToolSpec {
    pub service: String,
    pub name: String,
    pub description: String,
    /// The tool's full input schema (with `email`).
    pub input_schema: Value,
}

impl ToolSpec {
    /// The input schema without `email`: what the model sees (it never chooses whose data).
    pub fn schema_without_email(&self) -> Value {
        let mut s = self.input_schema.clone();
        if let Some(props) = s.get_mut("properties").and_then(Value::as_object_mut) {
            props.remove("email");
        }
        if let Some(req) = s.get_mut("required").and_then(Value::as_array_mut) {
            req.retain(|r| r != "email");
        }
        s
    }
}

/// What is known about one service's tools.
#[derive(Debug, Clone)]
pub struct ServiceTools {
    pub tools: Vec<ToolSpec>,
    /// Read from the service (not the built-in fallback).
    pub discovered: bool,
    /// The last discovery failure, if the last attempt failed.
    pub last_error: Option<String>,
}

/// Read tools the data services are expected to offer (ARCHITECTURE.md), each taking `email`.
const EXPECTED: &[(&str, &str, &str)] = &[
    ("chargebee", "get_customer", "Billing customer record"),
    ("chargebee", "list_subscriptions", "Subscriptions"),
    ("chargebee", "list_invoices", "Invoices, newest first"),
    (
        "chargebee",
        "billing_summary",
        "Billing totals: outstanding, overdue, active subscriptions",
    ),
    ("hubspot", "get_contact", "CRM contact"),
    ("hubspot", "get_company", "The contact's company"),
    ("hubspot", "list_deals", "Deals"),
    ("hubspot", "list_tickets", "Support tickets"),
    (
        "firebase",
        "get_user",
        "App account: sign-in, verification, status",
    ),
    ("firebase", "get_profile", "App profile"),
    (
        "gmail",
        "search_messages",
        "Recent mail exchanged with the person",
    ),
];

fn fallback(service: &str) -> Vec<ToolSpec> {
    EXPECTED
        .iter()
        .filter(|(s, _, _)| *s == service)
        .map(|(s, name, description)| ToolSpec {
            service: s.to_string(),
            name: name.to_string(),
            description: description.to_string(),
            input_schema: json!({
                "type": "object",
                "properties": {"email": {"type": "string", "format": "email"}},
                "required": ["email"],
            }),
        })
        .collect()
}

/// A tool is plannable when it only reads and is scoped by an `email` argument: then the
/// orchestrator, not the model, decides whose data it reads.
fn plannable(service: &str, tool: &rmcp::model::Tool) -> Option<ToolSpec> {
    let read_only = tool
        .annotations
        .as_ref()
        .and_then(|a| a.read_only_hint)
        .unwrap_or(false);
    let schema = Value::Object((*tool.input_schema).clone());
    let has_email = schema
        .get("properties")
        .and_then(|p| p.get("email"))
        .is_some();
    (read_only && has_email).then(|| ToolSpec {
        service: service.to_string(),
        name: tool.name.to_string(),
        description: tool.description.as_deref().unwrap_or_default().to_string(),
        input_schema: schema,
    })
}

/// The catalog: a snapshot per service, replaced whole on refresh.
pub struct Catalog {
    services: Services,
    entries: RwLock<BTreeMap<String, ServiceTools>>,
}

impl Catalog {
    /// A catalog holding the built-in expectations for every configured data service.
    pub fn new(services: Services) -> Arc<Self> {
        let entries = services
            .data_services()
            .into_iter()
            .map(|c| {
                let name = c.name().to_string();
                let tools = ServiceTools {
                    tools: fallback(&name),
                    discovered: false,
                    last_error: None,
                };
                (name, tools)
            })
            .collect();
        Arc::new(Self {
            services,
            entries: RwLock::new(entries),
        })
    }

    /// Every plannable tool, ordered by service then declaration.
    pub fn tools(&self) -> Vec<ToolSpec> {
        self.entries
            .read()
            .values()
            .flat_map(|s| s.tools.iter().cloned())
            .collect()
    }

    /// One tool by service and name.
    pub fn get(&self, service: &str, tool: &str) -> Option<ToolSpec> {
        self.entries
            .read()
            .get(service)
            .and_then(|s| s.tools.iter().find(|t| t.name == tool).cloned())
    }

    /// Per service: whether its tools were discovered, and the last error.
    pub fn state(&self) -> BTreeMap<String, ServiceTools> {
        self.entries.read().clone()
    }

    /// Services whose tools have not been read yet.
    pub fn undiscovered(&self) -> Vec<String> {
        self.entries
            .read()
            .iter()
            .filter(|(_, s)| !s.discovered)
            .map(|(n, _)| n.clone())
            .collect()
    }

    /// Reads every data service's tool list once, concurrently. Failures keep what was known.
    pub async fn refresh(&self) {
        let clients = self.services.data_services();
        let results = futures::future::join_all(
            clients
                .iter()
                .map(|c| async move { (c.name().to_string(), c.list_tools().await) }),
        )
        .await;
        let mut entries = self.entries.write();
        for (name, result) in results {
            let entry = entries.entry(name.clone()).or_insert_with(|| ServiceTools {
                tools: fallback(&name),
                discovered: false,
                last_error: None,
            });
            match result {
                Ok(tools) => {
                    entry.tools = tools.iter().filter_map(|t| plannable(&name, t)).collect();
                    entry.discovered = true;
                    entry.last_error = None;
                    tracing::info!(service = %name, tools = entry.tools.len(), "tool catalog read");
                }
                Err(e) => {
                    tracing::warn!(service = %name, error = %e, "tool catalog not read; will retry");
                    entry.last_error = Some(e.to_string());
                }
            }
        }
    }

    /// Refreshes in the background: soon while some service is unknown, then every `every`.
    /// The task ends when the catalog is dropped.
    pub fn spawn_refresh(self: &Arc<Self>, every: Duration, retry: Duration) {
        let weak: Weak<Self> = Arc::downgrade(self);
        tokio::spawn(async move {
            loop {
                let wait = match weak.upgrade() {
                    Some(c) if !c.undiscovered().is_empty() => retry,
                    Some(_) => every,
                    None => return,
                };
                tokio::time::sleep(wait).await;
                match weak.upgrade() {
                    Some(c) => c.refresh().await,
                    None => return,
                }
            }
        });
    }

    /// The catalog as the planning prompt shows it: names, descriptions, schemas without email.
    pub fn render_for_prompt(&self) -> String {
        let mut out = String::new();
        for t in self.tools() {
            out.push_str(&format!(
                "- service `{}`, tool `{}`: {}\n  arguments schema (email is added by the system): {}\n",
                t.service,
                t.name,
                t.description,
                t.schema_without_email()
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_never_sees_the_email_argument() {
        let t = &fallback("chargebee")[0];
        let s = t.schema_without_email();
        assert!(s["properties"].get("email").is_none());
        assert!(
            !s["required"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r == "email")
        );
    }

    #[test]
    fn only_read_tools_scoped_by_email_are_plannable() {
        let mk = |name: &str, read_only: bool, props: Value| {
            let schema = json!({"type": "object", "properties": props});
            rmcp::model::Tool::new(
                name.to_string(),
                "d".to_string(),
                Arc::new(schema.as_object().unwrap().clone()),
            )
            .with_annotations(rmcp::model::ToolAnnotations::new().read_only(read_only))
        };
        assert!(plannable("x", &mk("a", true, json!({"email": {}}))).is_some());
        assert!(plannable("x", &mk("b", false, json!({"email": {}}))).is_none());
        assert!(plannable("x", &mk("c", true, json!({"id": {}}))).is_none());
    }
}
