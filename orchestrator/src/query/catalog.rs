//! The tool catalog `/query` plans over: the contract's read tools about one person
//! ([`common::contract::person_tools`]) of every configured data service, each with a
//! compiled JSON-Schema validator for its arguments. Each service's `/mcp/tools` is read at
//! start-up and in the background to learn whether it is up and serves what the contract
//! says; a service that is down keeps its tools, so its calls are still planned (and
//! reported as failed sources) rather than silently missing from answers.

use std::collections::BTreeMap;
use std::sync::{Arc, Weak};
use std::time::Duration;

use common::contract::{self, Service, ToolInfo, ToolName};
use parking_lot::RwLock;
use serde_json::Value;

use crate::services::Services;

/// One tool `/query` may call.
pub struct ToolSpec {
    pub info: ToolInfo,
    /// Validates full arguments (with `email`).
    validator: jsonschema::Validator,
}

impl std::fmt::Debug for ToolSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ToolSpec")
            .field("name", &self.info.name)
            .finish_non_exhaustive()
    }
}

impl ToolSpec {
    fn new(info: ToolInfo) -> Self {
        let validator = jsonschema::validator_for(&info.input_schema)
            .unwrap_or_else(|e| panic!("the contract schema of {} compiles: {e}", info.name));
        Self { info, validator }
    }

    pub fn name(&self) -> ToolName {
        self.info.name
    }

    pub fn service(&self) -> Service {
        self.info.name.service()
    }

    /// Whether `args` satisfy the tool's input schema; the first problem otherwise.
    pub fn check(&self, args: &Value) -> Result<(), String> {
        match self.validator.iter_errors(args).next() {
            None => Ok(()),
            Some(e) => Err(format!("{} at `{}`", e, e.instance_path())),
        }
    }

    /// Whether the schema declares the top-level argument `name`.
    pub fn has_argument(&self, name: &str) -> bool {
        self.info.input_schema["properties"].get(name).is_some()
    }

    /// The input schema without `email`: what the model sees (it never chooses whose data).
    pub fn schema_without_email(&self) -> Value {
        let mut s = self.info.input_schema.clone();
        if let Some(props) = s.get_mut("properties").and_then(Value::as_object_mut) {
            props.remove("email");
        }
        if let Some(req) = s.get_mut("required").and_then(Value::as_array_mut) {
            req.retain(|r| r != "email");
        }
        if let Some(o) = s.as_object_mut() {
            o.remove("$schema");
            o.remove("title");
        }
        s
    }
}

/// What is known about one service's tools.
#[derive(Debug, Clone, Default)]
pub struct ServiceState {
    /// The service answered its tool list.
    pub discovered: bool,
    /// Contract tools the service did not list (an older deployment): not planned.
    pub missing: Vec<ToolName>,
    /// The last discovery failure, if the last attempt failed.
    pub last_error: Option<String>,
}

/// The catalog: the contract's tools of the configured services and what discovery learnt.
pub struct Catalog {
    services: Services,
    tools: Vec<Arc<ToolSpec>>,
    state: RwLock<BTreeMap<Service, ServiceState>>,
}

impl Catalog {
    /// A catalog of every person tool of the configured data services.
    pub fn new(services: Services) -> Arc<Self> {
        let configured: Vec<Service> = services
            .data_services()
            .iter()
            .map(|c| c.service())
            .collect();
        let tools = contract::person_tools()
            .into_iter()
            .filter(|t| configured.contains(&t.name.service()))
            .map(|t| Arc::new(ToolSpec::new(t)))
            .collect();
        let state = configured
            .into_iter()
            .map(|s| (s, ServiceState::default()))
            .collect();
        Arc::new(Self {
            services,
            tools,
            state: RwLock::new(state),
        })
    }

    /// Every plannable tool, in contract order, without those a service said it lacks.
    pub fn tools(&self) -> Vec<Arc<ToolSpec>> {
        let state = self.state.read();
        self.tools
            .iter()
            .filter(|t| {
                state
                    .get(&t.service())
                    .is_none_or(|s| !s.missing.contains(&t.name()))
            })
            .cloned()
            .collect()
    }

    /// One plannable tool.
    pub fn get(&self, tool: ToolName) -> Option<Arc<ToolSpec>> {
        self.tools().into_iter().find(|t| t.name() == tool)
    }

    /// Per service: whether its tools were read, and the last error.
    pub fn state(&self) -> BTreeMap<Service, ServiceState> {
        self.state.read().clone()
    }

    /// Services whose tools have not been read yet.
    pub fn undiscovered(&self) -> Vec<Service> {
        self.state
            .read()
            .iter()
            .filter(|(_, s)| !s.discovered)
            .map(|(n, _)| *n)
            .collect()
    }

    /// Reads every data service's tool list once, concurrently. Failures keep what was known.
    pub async fn refresh(&self) {
        let clients = self.services.data_services();
        let results = futures::future::join_all(
            clients
                .iter()
                .map(|c| async move { (c.service(), c.list_tools().await) }),
        )
        .await;
        let mut state = self.state.write();
        for (service, result) in results {
            let entry = state.entry(service).or_default();
            match result {
                Ok(listed) => {
                    entry.missing = service
                        .tools()
                        .filter(|t| self.tools.iter().any(|s| s.name() == *t))
                        .filter(|t| !listed.iter().any(|l| l.name == t.as_str()))
                        .collect();
                    entry.discovered = true;
                    entry.last_error = None;
                    if entry.missing.is_empty() {
                        tracing::info!(%service, "tool catalog read");
                    } else {
                        tracing::warn!(%service, missing = ?entry.missing, "the service lacks contract tools; they are not planned");
                    }
                }
                Err(e) => {
                    tracing::warn!(%service, error = %e, "tool catalog not read; will retry");
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
                t.service(),
                t.name(),
                t.info.description,
                t.schema_without_email()
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::ServiceUrls;

    fn catalog() -> Arc<Catalog> {
        Catalog::new(Services::new(&ServiceUrls::local_defaults()))
    }

    #[test]
    fn the_model_never_sees_the_email_argument() {
        for t in catalog().tools() {
            let s = t.schema_without_email();
            assert!(s["properties"].get("email").is_none(), "{}", t.name());
            assert!(
                !s["required"]
                    .as_array()
                    .is_some_and(|r| r.iter().any(|r| r == "email")),
                "{}",
                t.name()
            );
        }
    }

    #[test]
    fn only_configured_services_are_planned() {
        let urls = ServiceUrls {
            chargebee_service_url: Some("http://127.0.0.1:1".into()),
            ..ServiceUrls::default()
        };
        let c = Catalog::new(Services::new(&urls));
        assert!(!c.tools().is_empty());
        assert!(c.tools().iter().all(|t| t.service() == Service::Chargebee));
    }

    #[test]
    fn arguments_are_checked_against_the_contract_schema() {
        let c = catalog();
        let invoices = c.get(ToolName::ListInvoices).unwrap();
        let ok = serde_json::json!({"email": "a@b.co", "limit": 5});
        let too_many = serde_json::json!({"email": "a@b.co", "limit": 500});
        let wrong = serde_json::json!({"email": "a@b.co", "limit": "five"});
        let unknown = serde_json::json!({"email": "a@b.co", "everything": true});
        assert!(invoices.check(&ok).is_ok());
        assert!(invoices.check(&too_many).is_err());
        assert!(invoices.check(&wrong).is_err());
        assert!(invoices.check(&unknown).is_err(), "deny_unknown_fields");
    }
}
