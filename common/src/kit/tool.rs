//! Tools declared once: name, description, typed input and output (with JSON schemas), and an
//! async handler. The same [`Toolbox::call`] serves `/mcp` and `/mcp/call`.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::FutureExt;
use futures::future::BoxFuture;
use rmcp::model::{CallToolResult, JsonObject, Tool, ToolAnnotations};
use schemars::JsonSchema;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::contract::{self, Effect};
use crate::error::ErrorCode;
use crate::metrics::{ServiceMetrics, ToolLabels, ToolNameLabels};

/// What a handler knows about the call besides its arguments.
#[derive(Debug, Clone)]
pub struct ToolContext {
    /// The request id of the HTTP request that carried the call.
    pub request_id: String,
    /// `/mcp` or `/mcp/call`: for metrics and logs only; handlers must not branch on it.
    pub transport: &'static str,
    /// Who is calling, when the service's routes are guarded (see [`super::Access`]).
    pub caller: Option<crate::auth::Principal>,
}

/// A tool failure: returned to the caller as `isError: true` with `{code, message}`.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{code}: {message}")]
pub struct ToolError {
    pub code: ErrorCode,
    pub message: String,
    /// Extra structured facts (for example which field was invalid).
    pub details: Option<Value>,
}

impl ToolError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            details: None,
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidArguments, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message)
    }

    pub fn with_details(mut self, details: Value) -> Self {
        self.details = Some(details);
        self
    }

    /// The structured content of the error result.
    pub fn to_value(&self) -> Value {
        let mut v = json!({
            "code": self.code,
            "message": self.message,
            "retryable": self.code.is_retryable(),
        });
        if let Some(d) = &self.details {
            v["details"] = d.clone();
        }
        v
    }

    /// The MCP result for this error.
    pub fn into_result(self) -> CallToolResult {
        CallToolResult::structured_error(self.to_value())
    }
}

impl From<crate::domain::InvalidEmail> for ToolError {
    fn from(e: crate::domain::InvalidEmail) -> Self {
        Self::invalid(e.to_string())
    }
}

type Handler =
    Arc<dyn Fn(Value, ToolContext) -> BoxFuture<'static, Result<Value, ToolError>> + Send + Sync>;

struct ToolDef {
    /// The declared name: metric labels borrow it, so a call allocates none.
    name: &'static str,
    /// `tools/call {name}`, the call span's name, written once.
    span_name: String,
    tool: Tool,
    handler: Handler,
}

/// MCP's hints for an effect: reads are idempotent; writes say whether they are.
fn annotations(effect: Effect) -> ToolAnnotations {
    let (read_only, idempotent) = match effect {
        Effect::Read => (true, true),
        Effect::Write { idempotent } => (false, idempotent),
    };
    ToolAnnotations::new()
        .read_only(read_only)
        .destructive(false)
        .idempotent(idempotent)
        .open_world(true)
}

/// The tool was not declared.
#[derive(Debug, Clone, thiserror::Error)]
#[error("unknown tool: {0}")]
pub struct UnknownTool(pub String);

/// A service's tools, in declaration order.
#[derive(Clone, Default)]
pub struct Toolbox {
    tools: Vec<Arc<ToolDef>>,
    index: HashMap<String, usize>,
    timeout: Option<Duration>,
    /// How long each data tool's results stay fresh, sent with every successful result as
    /// the cache hints `_meta.ttlMs` / `_meta.cacheScope` (private: about one person).
    freshness: HashMap<String, Duration>,
    /// The serving service's name, on each tool call's span (set by [`super::Kit::new`]).
    pub(super) service: &'static str,
}

/// The `_meta` keys of a result's cache hints (the names 2026-07-28 gives list and read hints).
pub const TTL_MS_META: &str = "ttlMs";
pub const CACHE_SCOPE_META: &str = "cacheScope";

/// Longest tool name MCP allows.
const MAX_TOOL_NAME: usize = 128;

impl Toolbox {
    pub fn new() -> Self {
        Self::default()
    }

    /// Bounds every call; a handler that runs longer answers `timeout`.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Declares the contract tool `T`: its name, description, annotations and schemas come
    /// from the contract, the handler from the service.
    pub fn serve<T, F, Fut>(self, f: F) -> Self
    where
        T: contract::Tool,
        F: Fn(T::Input, ToolContext) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<T::Output, ToolError>> + Send + 'static,
    {
        let mut tb = self.custom::<T::Input, T::Output, F, Fut>(
            T::NAME.as_str(),
            T::DESCRIPTION,
            T::EFFECT,
            f,
        );
        if let Some(fresh) = contract::freshness_of(T::NAME) {
            tb.freshness.insert(T::NAME.as_str().to_string(), fresh);
        }
        tb
    }

    /// Replaces declared freshness (`TOOL_FRESHNESS`). Another service's tools are skipped
    /// (every service reads the same setting); a name that is no tool of the product, or a
    /// tool of this service that returns no data, is refused, so a typo does not pass
    /// silently.
    pub fn with_freshness(
        mut self,
        overrides: &BTreeMap<String, Duration>,
    ) -> Result<Self, String> {
        for (name, fresh) in overrides {
            if !self.freshness.contains_key(name) {
                if self.index.contains_key(name) {
                    return Err(format!("{name} returns no cacheable data"));
                }
                if contract::ToolName::find(name).is_none() {
                    return Err(format!("{name} is not a tool of the product"));
                }
                // Another service's tool: every service reads the same setting.
                continue;
            }
            self.freshness.insert(name.clone(), *fresh);
        }
        Ok(self)
    }

    /// The freshness `name`'s results are sent with, if it is a data tool.
    pub fn freshness(&self, name: &str) -> Option<Duration> {
        self.freshness.get(name).copied()
    }

    /// Declares a tool that is not part of the product's contract (generic kit users, tests).
    /// `I` should use `#[serde(deny_unknown_fields)]`.
    pub fn custom<I, O, F, Fut>(
        mut self,
        name: &'static str,
        description: &'static str,
        effect: Effect,
        f: F,
    ) -> Self
    where
        I: DeserializeOwned + JsonSchema + 'static,
        O: Serialize + JsonSchema + 'static,
        F: Fn(I, ToolContext) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<O, ToolError>> + Send + 'static,
    {
        assert!(
            !name.is_empty()
                && name.len() <= MAX_TOOL_NAME
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b)),
            "invalid tool name {name:?}"
        );
        assert!(
            !self.index.contains_key(name),
            "tool {name:?} declared twice"
        );
        let tool = Tool::new(name, description, Arc::new(JsonObject::new()))
            .with_input_schema::<I>()
            .with_output_schema::<O>()
            .with_annotations(annotations(effect));
        let f = Arc::new(f);
        let handler: Handler = Arc::new(move |args: Value, ctx: ToolContext| {
            let f = f.clone();
            async move {
                let input: I = decode_arguments(args)?;
                let output = f(input, ctx).await?;
                serde_json::to_value(output).map_err(|e| {
                    tracing::error!(error = %e, "tool output did not serialise");
                    ToolError::new(ErrorCode::Internal, "internal error")
                })
            }
            .boxed()
        });
        self.index.insert(name.to_string(), self.tools.len());
        self.tools.push(Arc::new(ToolDef {
            name,
            span_name: format!("tools/call {name}"),
            tool,
            handler,
        }));
        self
    }

    /// Every tool, in declaration order.
    pub fn list(&self) -> Vec<Tool> {
        self.tools.iter().map(|d| d.tool.clone()).collect()
    }

    /// One tool's definition.
    pub fn get(&self, name: &str) -> Option<Tool> {
        self.index.get(name).map(|&i| self.tools[i].tool.clone())
    }

    /// Calls a tool. Arguments are validated by the input type; failures, panics and
    /// timeouts become `isError` results. Only an undeclared tool is an `Err`.
    pub async fn call(
        &self,
        name: &str,
        arguments: Option<JsonObject>,
        ctx: ToolContext,
        metrics: Option<&ServiceMetrics>,
    ) -> Result<CallToolResult, UnknownTool> {
        let def = self
            .index
            .get(name)
            .map(|&i| self.tools[i].clone())
            .ok_or_else(|| UnknownTool(name.chars().take(MAX_TOOL_NAME).collect()))?;
        let transport = ctx.transport;
        let span = tracing::info_span!(
            "tool_call",
            otel.name = def.span_name.as_str(),
            otel.kind = "server",
            mcp.method.name = "tools/call",
            gen_ai.operation.name = "execute_tool",
            gen_ai.tool.name = %name,
            mcp.server.name = self.service,
        );
        let started = Instant::now();
        let fut = AssertUnwindSafe((def.handler)(
            Value::Object(arguments.unwrap_or_default()),
            ctx,
        ))
        .catch_unwind();
        let fut = tracing::Instrument::instrument(fut, span);
        let outcome = match self.timeout {
            Some(t) => match tokio::time::timeout(t, fut).await {
                Ok(r) => r,
                Err(_) => Ok(Err(ToolError::new(
                    ErrorCode::Timeout,
                    format!("tool did not finish within {} ms", t.as_millis()),
                ))),
            },
            None => fut.await,
        };
        let result = match outcome {
            Ok(r) => r,
            Err(_) => {
                tracing::error!(tool = name, "tool handler panicked");
                Err(ToolError::new(ErrorCode::Internal, "internal error"))
            }
        };
        let elapsed = started.elapsed();
        let label = match &result {
            Ok(_) => "ok",
            Err(e) => e.code.as_str(),
        };
        tracing::info!(
            tool = name,
            transport,
            outcome = label,
            latency_ms = elapsed.as_millis() as u64,
            "tool call"
        );
        if let Some(m) = metrics {
            m.tool_calls
                .get_or_create(&ToolLabels {
                    tool: def.name,
                    transport,
                    outcome: label,
                })
                .inc();
            m.tool_latency
                .get_or_create(&ToolNameLabels { tool: def.name })
                .observe(elapsed.as_secs_f64());
        }
        Ok(match result {
            Ok(v) => {
                let mut result = CallToolResult::structured(v);
                if let Some(fresh) = self.freshness(name) {
                    let mut meta = JsonObject::new();
                    meta.insert(TTL_MS_META.into(), (fresh.as_millis() as u64).into());
                    meta.insert(CACHE_SCOPE_META.into(), "private".into());
                    result.meta = Some(rmcp::model::MetaObject(meta));
                }
                result
            }
            Err(e) => e.into_result(),
        })
    }
}

/// A tool's typed input from its call's arguments, with the error every tool gives.
pub fn parse_arguments<I: DeserializeOwned>(arguments: Option<JsonObject>) -> Result<I, ToolError> {
    decode_arguments(Value::Object(arguments.unwrap_or_default()))
}

fn decode_arguments<I: DeserializeOwned>(args: Value) -> Result<I, ToolError> {
    serde_json::from_value(args).map_err(|e| ToolError::invalid(format!("invalid arguments: {e}")))
}

#[cfg(test)]
mod freshness_tests {
    use super::*;
    use crate::contract::chargebee::BillingSummary;

    fn toolbox() -> Toolbox {
        Toolbox::new().serve::<BillingSummary, _, _>(|_input, _ctx| async {
            Err(ToolError::invalid("not called"))
        })
    }

    #[test]
    fn tool_freshness_overrides_data_tools_skips_other_services_and_refuses_typos() {
        let set = |raw| crate::config::parse_freshness(raw).unwrap();
        assert_eq!(
            toolbox().freshness("billing_summary"),
            Some(Duration::from_secs(60)),
            "the contract's default"
        );
        let tb = toolbox()
            .with_freshness(&set("billing_summary=5s,get_contact=1s"))
            .unwrap();
        assert_eq!(
            tb.freshness("billing_summary"),
            Some(Duration::from_secs(5))
        );
        assert_eq!(tb.freshness("get_contact"), None, "another service's tool");
        assert!(toolbox().with_freshness(&set("biling_summary=5s")).is_err());
    }
}
