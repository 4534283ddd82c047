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

/// A tool's successful output, kept typed until the transport says how to serialise it:
/// `/mcp` needs rmcp's `Value`, `/mcp/call` only bytes, so it skips building a `Value`.
trait Output: Send {
    fn to_value(&self) -> serde_json::Result<Value>;
    fn to_json(&self) -> serde_json::Result<String>;
}

impl<T: Serialize + Send> Output for T {
    fn to_value(&self) -> serde_json::Result<Value> {
        serde_json::to_value(self)
    }

    fn to_json(&self) -> serde_json::Result<String> {
        serde_json::to_string(self)
    }
}

type Handler = Arc<
    dyn Fn(Value, ToolContext) -> BoxFuture<'static, Result<Box<dyn Output>, ToolError>>
        + Send
        + Sync,
>;

/// How a successful output is serialised: rmcp's `Value` (`/mcp`) or JSON text (`/mcp/call`).
#[derive(Clone, Copy)]
enum Form {
    Value,
    Json,
}

/// A successful output in the form asked for.
enum Success {
    Value(Value),
    Json(String),
}

/// A finished call: the output or the tool's error, and the output's cache hint.
struct Called {
    result: Result<Success, ToolError>,
    fresh: Option<Duration>,
}

impl Called {
    /// The cache hints of a successful result (`_meta`).
    fn meta(&self) -> Option<JsonObject> {
        let fresh = self.fresh.filter(|_| self.result.is_ok())?;
        let mut meta = JsonObject::new();
        meta.insert(TTL_MS_META.into(), (fresh.as_millis() as u64).into());
        meta.insert(CACHE_SCOPE_META.into(), "private".into());
        Some(meta)
    }

    /// The MCP result.
    fn into_result(self) -> CallToolResult {
        let meta = self.meta();
        let mut result = match self.result {
            Ok(Success::Value(v)) => CallToolResult::structured(v),
            Ok(Success::Json(s)) => match serde_json::from_str(&s) {
                Ok(v) => CallToolResult::structured(v),
                Err(_) => ToolError::new(ErrorCode::Internal, "internal error").into_result(),
            },
            Err(e) => e.into_result(),
        };
        result.meta = meta.map(rmcp::model::MetaObject);
        result
    }

    /// `POST /mcp/call`'s body: the MCP result without `resultType` (the REST shape), the
    /// bytes `serde_json` writes for it. A success is written around the output's JSON text,
    /// which serialised once; no `Value` is built.
    fn into_rest_body(self) -> Vec<u8> {
        let meta = self.meta();
        let json = match self.result {
            Ok(Success::Json(s)) => s,
            other => {
                return rest_body(
                    Called {
                        result: other,
                        fresh: self.fresh,
                    }
                    .into_result(),
                );
            }
        };
        let mut out = Vec::with_capacity(2 * json.len() + 96);
        out.extend_from_slice(br#"{"content":[{"type":"text","text":"#);
        // Writing a string into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut out, json.as_str());
        out.extend_from_slice(br#"}],"structuredContent":"#);
        out.extend_from_slice(json.as_bytes());
        out.extend_from_slice(br#","isError":false"#);
        if let Some(meta) = meta {
            out.extend_from_slice(br#","_meta":"#);
            let _ = serde_json::to_writer(&mut out, &meta);
        }
        out.push(b'}');
        out
    }
}

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
        O: Serialize + JsonSchema + Send + 'static,
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
                Ok(Box::new(output) as Box<dyn Output>)
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

    /// Whether this toolbox has a tool named `name`.
    pub fn has(&self, name: &str) -> bool {
        self.index.contains_key(name)
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
        self.run(name, arguments, ctx, metrics, Form::Value)
            .await
            .map(Called::into_result)
    }

    /// Calls a tool as [`Self::call`] does and returns `POST /mcp/call`'s response body: the
    /// same result, serialised without building a `Value` of the output.
    pub async fn call_rest(
        &self,
        name: &str,
        arguments: Option<JsonObject>,
        ctx: ToolContext,
        metrics: Option<&ServiceMetrics>,
    ) -> Result<Vec<u8>, UnknownTool> {
        self.run(name, arguments, ctx, metrics, Form::Json)
            .await
            .map(Called::into_rest_body)
    }

    async fn run(
        &self,
        name: &str,
        arguments: Option<JsonObject>,
        ctx: ToolContext,
        metrics: Option<&ServiceMetrics>,
        form: Form,
    ) -> Result<Called, UnknownTool> {
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
            Ok(r) => r.and_then(|output| {
                match form {
                    Form::Value => output.to_value().map(Success::Value),
                    Form::Json => output.to_json().map(Success::Json),
                }
                .map_err(|e| {
                    tracing::error!(tool = name, error = %e, "tool output did not serialise");
                    ToolError::new(ErrorCode::Internal, "internal error")
                })
            }),
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
        Ok(Called {
            result,
            fresh: self.freshness(name),
        })
    }
}

/// `POST /mcp/call`'s body for an MCP result: the result without `resultType` (an MCP 2026
/// envelope detail; the REST shape is the bare result).
pub(super) fn rest_body(mut result: CallToolResult) -> Vec<u8> {
    result.result_type = None;
    serde_json::to_vec(&result).unwrap_or_default()
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

#[cfg(test)]
mod rest_body_tests {
    use super::*;

    /// The MCP result as `/mcp/call` wrote it before the fast path: `resultType` dropped.
    fn rest_bytes(mut result: CallToolResult) -> Vec<u8> {
        result.result_type = None;
        serde_json::to_vec(&result).unwrap()
    }

    fn output() -> Value {
        json!({
            "id": "m1",
            "text": "line \"one\"\nline\ttwo \\ </script> \u{1F600} \u{0007} é",
            "count": 3,
            "ratio": 0.25,
            "big": u64::MAX,
            "none": null,
            "nested": {"z": [1, {"a": true}], "a": "b"},
        })
    }

    #[test]
    fn the_rest_body_is_the_mcp_results_bytes_with_and_without_cache_hints() {
        for fresh in [None, Some(Duration::from_millis(60_000))] {
            let text = serde_json::to_string(&output()).unwrap();
            let fast = Called {
                result: Ok(Success::Json(text)),
                fresh,
            }
            .into_rest_body();
            let slow = Called {
                result: Ok(Success::Value(output())),
                fresh,
            }
            .into_result();
            assert_eq!(
                String::from_utf8(fast).unwrap(),
                String::from_utf8(rest_bytes(slow)).unwrap(),
                "fresh {fresh:?}"
            );
        }
    }

    #[tokio::test]
    async fn a_tools_rest_body_matches_its_mcp_result_for_success_and_error() {
        #[derive(serde::Deserialize, JsonSchema)]
        struct In {
            fail: bool,
        }
        #[derive(Serialize, JsonSchema)]
        struct Out {
            greeting: String,
            tags: Vec<String>,
        }
        let tb = Toolbox::new().custom::<In, Out, _, _>(
            "greet",
            "test tool",
            Effect::Read,
            |i: In, _| async move {
                if i.fail {
                    return Err(ToolError::not_found("nobody \"here\""));
                }
                Ok(Out {
                    greeting: "hi \"you\"\n".into(),
                    tags: vec!["a".into(), "ü".into()],
                })
            },
        );
        let ctx = || ToolContext {
            request_id: "r1".into(),
            transport: "/mcp/call",
            caller: None,
        };
        for args in [
            json!({"fail": false}),
            json!({"fail": true}),
            json!({"x": 1}),
        ] {
            let args = args.as_object().cloned();
            let slow = tb.call("greet", args.clone(), ctx(), None).await.unwrap();
            let fast = tb.call_rest("greet", args, ctx(), None).await.unwrap();
            assert_eq!(
                String::from_utf8(fast).unwrap(),
                String::from_utf8(rest_bytes(slow)).unwrap()
            );
        }
        assert!(tb.call_rest("nope", None, ctx(), None).await.is_err());
    }
}
