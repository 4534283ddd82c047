//! The MCP service kit: declare tools once, get every route a service needs.
//!
//! `POST /mcp` (MCP Streamable HTTP, stateless, JSON responses, both protocol eras),
//! `POST /mcp/call`, `GET /mcp/tools`, `GET /health`, `GET /ready`, `GET /metrics`.
//! `/mcp` and `/mcp/call` go through the same [`Toolbox::call`], so their results match. A
//! stateless `tools/call` in the plain shape (either era) is answered before rmcp's transport
//! (`direct`), with the bytes rmcp would write; everything else on `/mcp` is rmcp's.

mod app;
mod direct;
mod express;
mod mcp;
pub mod readiness;
mod resource;
mod routes;
mod task;
mod tool;

use std::sync::Arc;

pub use app::Application;
pub use express::Express;
pub use mcp::McpServer;
pub use readiness::{Check, Readiness, ReadinessReport};
pub use resource::{ResourceError, ResourceTemplateDef};
pub use routes::CallRequest;
pub use task::{TaskError, TaskHost};
pub use tool::{
    CACHE_SCOPE_META, TTL_MS_META, ToolContext, ToolError, Toolbox, UnknownTool, parse_arguments,
};

use crate::auth::{AuthSettings, Authenticator, Policy, ServiceAuthenticator, SharedAuthenticator};
use crate::metrics::{MetricsRegistry, ServiceMetrics};

/// Who the service is, as MCP clients see it.
#[derive(Debug, Clone)]
pub struct ServiceInfo {
    /// Service name (e.g. `chargebee`): server info name and log field.
    pub name: &'static str,
    pub version: &'static str,
    /// Shown to MCP clients in `initialize` / `server/discover`.
    pub instructions: &'static str,
    /// The port used when `PORT` is unset (ARCHITECTURE.md's local convention).
    pub default_port: u16,
}

/// Who may call a kit-built service's MCP routes (`/mcp`, `/mcp/call`, `/mcp/tools`).
/// `/health` and `/ready` stay open for probes; `/metrics` has its own rule
/// (`METRICS_TOKEN`, `METRICS_PORT`, or loopback only).
#[derive(Clone)]
pub struct Access {
    pub authenticator: SharedAuthenticator,
    pub policy: Policy,
    /// The RFC 9728 metadata URL named in `WWW-Authenticate` refusals.
    pub resource_metadata: Option<String>,
}

impl Access {
    /// Everyone is let in (as the anonymous principal): `AUTH_DISABLED=true`, and tests.
    pub fn open() -> Self {
        Self {
            authenticator: Authenticator::disabled().into(),
            policy: Policy::Any,
            resource_metadata: None,
        }
    }

    /// Guarded by `authenticator` under `policy`.
    pub fn guarded(authenticator: impl Into<SharedAuthenticator>, policy: Policy) -> Self {
        Self {
            authenticator: authenticator.into(),
            policy,
            resource_metadata: None,
        }
    }

    pub fn with_resource_metadata(mut self, url: impl Into<String>) -> Self {
        self.resource_metadata = Some(url.into());
        self
    }

    /// A service's access from its settings: the allow-listed invokers' Google ID tokens
    /// when `SERVICE_AUTH_*` is configured, open when `AUTH_DISABLED=true`.
    ///
    /// Refuses (an error, so the binary does not start) on Cloud Run when neither is set: a
    /// service there holds customers' billing, CRM or mail data and must never run open by
    /// accident. Elsewhere an unconfigured service refuses every call to its tools.
    pub fn for_service(settings: &AuthSettings) -> Result<Self, crate::config::ConfigError> {
        Self::for_service_on(settings, crate::auth::on_cloud_run())
    }

    /// [`Access::for_service`] with the platform given (tests).
    pub fn for_service_on(
        settings: &AuthSettings,
        on_cloud_run: bool,
    ) -> Result<Self, crate::config::ConfigError> {
        // A service is guarded by its invokers alone: end-user settings (FIREBASE_PROJECT_ID,
        // which the firebase service always has) do not count as configured here.
        let invokers = settings.allowed_invokers()?;
        if on_cloud_run && !settings.auth_disabled && invokers.is_empty() {
            return Err(crate::config::ConfigError(
                "service authentication is not configured on Cloud Run: set \
                 SERVICE_AUTH_AUDIENCE and SERVICE_AUTH_ALLOWED_INVOKERS, or AUTH_DISABLED=true \
                 to run open on purpose"
                    .into(),
            ));
        }
        let authn = ServiceAuthenticator::from_settings(settings)?;
        Ok(if authn.is_disabled() {
            tracing::warn!(
                "AUTH_DISABLED=true: every caller may use this service's tools; never expose this instance"
            );
            Self::open()
        } else {
            if invokers.is_empty() {
                tracing::warn!(
                    "service authentication is not configured: every tool call is refused (set SERVICE_AUTH_AUDIENCE and SERVICE_AUTH_ALLOWED_INVOKERS)"
                );
            }
            Self::guarded(authn, Policy::Service)
        })
    }
}

/// Everything a kit-built service is made of. Cheap to clone (shared parts are `Arc`s).
#[derive(Clone)]
pub struct Kit {
    pub info: ServiceInfo,
    pub tools: Arc<Toolbox>,
    pub resources: Arc<Vec<ResourceTemplateDef>>,
    pub readiness: Arc<dyn Readiness>,
    pub registry: MetricsRegistry,
    pub metrics: ServiceMetrics,
    pub access: Access,
    /// Tools that run as MCP Tasks for clients that ask (see [`TaskHost`]).
    pub tasks: Option<Arc<dyn TaskHost>>,
    /// The circuit breakers of the service's own upstreams, each shown in `/ready`.
    pub breakers: Arc<Vec<Arc<crate::breaker::Breaker>>>,
    /// Answers given before the middleware stack and routing (see [`Express`]).
    pub express: Option<Arc<dyn Express>>,
}

impl Kit {
    /// A kit with `tools`, no resources, always ready, and a fresh metrics registry.
    pub fn new(info: ServiceInfo, mut tools: Toolbox) -> Self {
        tools.service = info.name;
        let registry = MetricsRegistry::new();
        let metrics = ServiceMetrics::register(&registry);
        Self {
            info,
            tools: Arc::new(tools),
            resources: Arc::new(Vec::new()),
            readiness: Arc::new(readiness::AlwaysReady),
            registry,
            metrics,
            access: Access::open(),
            tasks: None,
            breakers: Arc::new(Vec::new()),
            express: None,
        }
    }

    /// Guards the MCP routes (see [`Access`]).
    pub fn with_access(mut self, access: Access) -> Self {
        self.access = access;
        self
    }

    /// Uses `registry` (with the kit's HTTP and tool metrics added) instead of a fresh one,
    /// so other components (LLM, caches) can register beside them.
    pub fn with_registry(mut self, registry: MetricsRegistry) -> Self {
        self.metrics = ServiceMetrics::register(&registry);
        self.registry = registry;
        self
    }

    /// Shows `breakers` in `/ready` (their state, read live on every poll). They report to
    /// `/metrics` through the registry they were built with: build them on the kit's
    /// registry (see [`Kit::with_registry`]).
    pub fn with_breakers(
        mut self,
        breakers: impl IntoIterator<Item = Arc<crate::breaker::Breaker>>,
    ) -> Self {
        let mut all = self.breakers.as_ref().clone();
        all.extend(breakers);
        self.breakers = Arc::new(all);
        self
    }

    /// Answers some requests before the middleware stack and routing (see [`Express`]).
    pub fn with_express(mut self, express: Arc<dyn Express>) -> Self {
        self.express = Some(express);
        self
    }

    /// Uses `readiness` for `/ready`.
    pub fn with_readiness(mut self, readiness: Arc<dyn Readiness>) -> Self {
        self.readiness = readiness;
        self
    }

    /// Runs some tools as MCP Tasks (declares the `io.modelcontextprotocol/tasks` extension).
    pub fn with_tasks(mut self, host: Arc<dyn TaskHost>) -> Self {
        self.tasks = Some(host);
        self
    }

    pub fn with_resources(mut self, resources: Vec<ResourceTemplateDef>) -> Self {
        self.resources = Arc::new(resources);
        self
    }

    /// Calls a tool as `/mcp/call` does (used by in-process callers and tests).
    pub async fn call(
        &self,
        name: &str,
        arguments: serde_json::Value,
        transport: &'static str,
    ) -> Result<rmcp::model::CallToolResult, UnknownTool> {
        match Self::arguments(arguments) {
            Ok(args) => {
                let ctx = Self::context(transport);
                self.tools.call(name, args, ctx, Some(&self.metrics)).await
            }
            Err(e) => Ok(e.into_result()),
        }
    }

    /// [`Self::call`]'s result as `POST /mcp/call`'s response body.
    pub async fn call_rest(
        &self,
        name: &str,
        arguments: serde_json::Value,
        transport: &'static str,
    ) -> Result<Vec<u8>, UnknownTool> {
        match Self::arguments(arguments) {
            Ok(args) => {
                let ctx = Self::context(transport);
                self.tools
                    .call_rest(name, args, ctx, Some(&self.metrics))
                    .await
            }
            Err(e) => Ok(tool::rest_body(e.into_result())),
        }
    }

    /// A call's arguments: an object, or absent (`null`).
    fn arguments(
        arguments: serde_json::Value,
    ) -> Result<Option<rmcp::model::JsonObject>, ToolError> {
        match arguments {
            serde_json::Value::Object(m) => Ok(Some(m)),
            serde_json::Value::Null => Ok(None),
            other => Err(ToolError::invalid(format!(
                "arguments must be an object, got {}",
                json_type(&other)
            ))),
        }
    }

    fn context(transport: &'static str) -> ToolContext {
        ToolContext {
            request_id: crate::request_id::current()
                .unwrap_or_else(|| crate::request_id::accept_or_generate(None)),
            transport,
            caller: crate::auth::current(),
        }
    }
}

/// A JSON value's type name, for error messages.
pub fn json_type(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "boolean",
        serde_json::Value::Number(_) => "number",
        serde_json::Value::String(_) => "string",
        serde_json::Value::Array(_) => "array",
        serde_json::Value::Object(_) => "object",
    }
}
