//! The typed client for other services' `POST /mcp/call` and `GET /mcp/tools`.
//!
//! One connection pool per process ([`Transport`], hyper's, not reqwest's: see its module), a
//! timeout per call, the current request id forwarded, bodies read up to a size cap, and
//! errors that tell unreachable, timeout, tool error and protocol error apart. Calls are
//! typed by the contract: `client.call::<ListInvoices>(&input)` returns the tool's `Output`.

use std::future::Future;
use std::time::Duration;

use bytes::Bytes;
use http::header::{AUTHORIZATION, CONTENT_TYPE};
use http::{HeaderMap, HeaderValue, Method, Response, Uri};
use hyper::body::Incoming;
use rmcp::model::Tool as McpTool;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::contract::{Service, Tool, ToolName};
use crate::error::ErrorCode;

#[cfg(test)]
mod stand_in;
mod transport;
pub use transport::Transport;

/// Largest response body read from a sibling service.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// Why a call to a sibling service failed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum CallError {
    /// Could not connect (down, wrong URL, refused).
    #[error("{service} is unreachable")]
    Unreachable { service: Service },
    /// No answer within the deadline.
    #[error("{service} did not answer within {timeout_ms} ms")]
    Timeout { service: Service, timeout_ms: u64 },
    /// The tool ran and failed (`isError: true`), with its typed code.
    #[error("{service}.{tool} failed: {code}: {message}")]
    Tool {
        service: Service,
        tool: ToolName,
        code: ErrorCode,
        message: String,
    },
    /// No identity token could be obtained to call the service.
    #[error("no identity token to call {service}")]
    Credentials { service: Service },
    /// The service's circuit breaker is open: the call was not made.
    #[error("{0}")]
    BreakerOpen(crate::breaker::Open, Service),
    /// The service answered, but not with what the protocol promises (bad status, bad JSON,
    /// a body over the size cap).
    #[error("{service} broke the protocol: {message}")]
    Protocol { service: Service, message: String },
}

impl CallError {
    /// The error code a caller would surface for this failure.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Unreachable { .. } => ErrorCode::UpstreamUnavailable,
            Self::Timeout { .. } => ErrorCode::Timeout,
            Self::Tool { code, .. } => *code,
            Self::Credentials { .. } => ErrorCode::UpstreamAuth,
            Self::BreakerOpen(..) => ErrorCode::UpstreamUnavailable,
            Self::Protocol { .. } => ErrorCode::InvalidResponse,
        }
    }

    /// Worth retrying (only for calls that are safe to repeat).
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Unreachable { .. } | Self::Timeout { .. } => true,
            Self::Tool { code, .. } => code.is_retryable(),
            // The metadata server may be briefly unavailable.
            Self::Credentials { .. } => true,
            // Failing fast is the point: no retry against an open breaker.
            Self::BreakerOpen(..) | Self::Protocol { .. } => false,
        }
    }

    /// The service that failed.
    pub fn service(&self) -> Service {
        match self {
            Self::Unreachable { service }
            | Self::Timeout { service, .. }
            | Self::Tool { service, .. }
            | Self::Credentials { service }
            | Self::BreakerOpen(_, service)
            | Self::Protocol { service, .. } => *service,
        }
    }
}

/// A client for one service. Cheap to clone (the connection pool is shared).
#[derive(Clone)]
pub struct ServiceClient {
    service: Service,
    base: String,
    /// `{base}/mcp/call` and `{base}/mcp/tools`, parsed once (`None` when the base is no
    /// http(s) URL: its calls then fail as they did through reqwest, a protocol error).
    call_url: Option<Endpoint>,
    tools_url: Option<Endpoint>,
    transport: Transport,
    timeout: Duration,
    max_response_bytes: usize,
    /// Google ID tokens for the service's URL (audience), when calls are authenticated.
    id_tokens: Option<std::sync::Arc<crate::auth::IdTokenSource>>,
    /// Fails calls at once while the service keeps failing (shared by every clone).
    breaker: Option<std::sync::Arc<crate::breaker::Breaker>>,
}

impl std::fmt::Debug for ServiceClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServiceClient")
            .field("service", &self.service)
            .field("base", &self.base)
            .field("id_tokens", &self.id_tokens.is_some())
            .finish_non_exhaustive()
    }
}

impl ServiceClient {
    /// `base_url` is the service root (e.g. `http://127.0.0.1:8101`); `transport` the
    /// process's pool.
    pub fn new(service: Service, base_url: &str, transport: Transport, timeout: Duration) -> Self {
        let base = base_url.trim_end_matches('/').to_string();
        Self {
            service,
            call_url: Endpoint::parse(&base, "/mcp/call"),
            tools_url: Endpoint::parse(&base, "/mcp/tools"),
            base,
            transport,
            timeout,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            id_tokens: None,
            breaker: None,
        }
    }

    /// The same client behind `breaker`.
    pub fn with_breaker(mut self, breaker: std::sync::Arc<crate::breaker::Breaker>) -> Self {
        self.breaker = Some(breaker);
        self
    }

    /// The client's breaker, if it has one.
    pub fn breaker(&self) -> Option<&crate::breaker::Breaker> {
        self.breaker.as_deref()
    }

    /// The same client sending a Google ID token for the service's URL with every call (the
    /// service verifies it; the caller's own credentials never travel).
    pub fn with_id_tokens(mut self, source: std::sync::Arc<crate::auth::IdTokenSource>) -> Self {
        self.id_tokens = Some(source);
        self
    }

    pub fn service(&self) -> Service {
        self.service
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// The default per-call deadline.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The same client with another per-call timeout.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The same client with another response size cap.
    pub fn with_max_response_bytes(mut self, max: usize) -> Self {
        self.max_response_bytes = max;
        self
    }

    /// The headers of a call to `endpoint`, with `extra` ones: credentials in its URL, the
    /// request id, the service's ID token. The token comes first: without one no call is
    /// made. A value that is no header value fails the call, as it failed reqwest's.
    async fn headers(
        &self,
        endpoint: Option<&Endpoint>,
        extra: &[(&'static str, String)],
    ) -> Result<HeaderMap, CallError> {
        let token = match &self.id_tokens {
            Some(tokens) => Some(tokens.token(&self.base).await.map_err(|e| {
                tracing::warn!(service = %self.service, error = %e, "no ID token for the service");
                CallError::Credentials {
                    service: self.service,
                }
            })?),
            None => None,
        };
        let value = |v: &str| HeaderValue::from_str(v).map_err(|_| self.unreadable());
        let mut headers = HeaderMap::new();
        if let Some(basic) = endpoint.and_then(|e| e.basic_auth.clone()) {
            headers.append(AUTHORIZATION, basic);
        }
        if let Some(id) = crate::request_id::current() {
            headers.append(crate::request_id::HEADER, value(&id)?);
        }
        if let Some(token) = token {
            let bearer = format!("Bearer {}", secrecy::ExposeSecret::expose_secret(&token));
            let mut bearer = value(&bearer)?;
            bearer.set_sensitive(true);
            headers.append(AUTHORIZATION, bearer);
        }
        for (name, v) in extra {
            headers.append(*name, value(v)?);
        }
        Ok(headers)
    }

    /// Runs `exchange` within `timeout`: from sending the request to the body's last byte,
    /// as reqwest's per-request timeout did.
    async fn within<R>(
        &self,
        timeout: Duration,
        exchange: impl Future<Output = Result<R, CallError>>,
    ) -> Result<R, CallError> {
        tokio::time::timeout(timeout, exchange)
            .await
            .unwrap_or_else(|_| Err(self.timed_out(timeout)))
    }

    /// Sends a request to `endpoint`; the response head, or the typed failure.
    async fn send(
        &self,
        method: Method,
        endpoint: &Endpoint,
        headers: HeaderMap,
        body: Bytes,
        timeout: Duration,
    ) -> Result<Response<Incoming>, CallError> {
        self.transport
            .send(method, &endpoint.uri, headers, body)
            .await
            .map_err(|e| {
                // Whatever failed before a response head (refused, reset, closed, an answer
                // that is no HTTP) is the service unreachable, as reqwest had it.
                if transport::timed_out(&e) {
                    self.timed_out(timeout)
                } else {
                    CallError::Unreachable {
                        service: self.service,
                    }
                }
            })
    }

    fn timed_out(&self, timeout: Duration) -> CallError {
        CallError::Timeout {
            service: self.service,
            timeout_ms: timeout.as_millis() as u64,
        }
    }

    fn protocol(&self, message: impl Into<String>) -> CallError {
        CallError::Protocol {
            service: self.service,
            message: message.into(),
        }
    }

    fn unreadable(&self) -> CallError {
        self.protocol("unreadable response")
    }

    /// Reads the body up to the cap; a larger body is a protocol error, not a memory spike.
    async fn body(&self, resp: Response<Incoming>, timeout: Duration) -> Result<Bytes, CallError> {
        crate::upstream::read_capped_body(resp.into_body(), self.max_response_bytes)
            .await
            .map_err(|e| match e {
                crate::upstream::BodyError::TooLarge => self.protocol(format!(
                    "response body over {} bytes",
                    self.max_response_bytes
                )),
                crate::upstream::BodyError::Transport(e) if transport::timed_out(&e) => {
                    self.timed_out(timeout)
                }
                crate::upstream::BodyError::Transport(_) => self.unreadable(),
            })
    }

    /// `POST /mcp/call`'s body, serialised straight from the arguments (no `Value` copy).
    fn body_for<A: serde::Serialize + ?Sized>(
        &self,
        tool: ToolName,
        arguments: &A,
    ) -> Result<Vec<u8>, CallError> {
        #[derive(serde::Serialize)]
        struct CallBody<'a, A: ?Sized> {
            tool: &'a str,
            arguments: &'a A,
        }
        serde_json::to_vec(&CallBody {
            tool: tool.as_str(),
            arguments,
        })
        .map_err(|e| self.protocol(format!("{tool} input did not serialise: {e}")))
    }

    /// One call through the breaker: sends `body`, then `read`s the answer. A service that
    /// is unreachable, late or answers garbage (`read` failing with a protocol error) counts
    /// against its breaker; a tool's own error does not.
    async fn exchange<R>(
        &self,
        tool: ToolName,
        body: Vec<u8>,
        timeout: Duration,
        read: impl FnOnce(&Self, bytes::Bytes) -> Result<R, CallError>,
    ) -> Result<R, CallError> {
        let Some(breaker) = &self.breaker else {
            return self
                .send_call(tool, body, timeout)
                .await
                .and_then(|b| read(self, b));
        };
        breaker
            .admit()
            .map_err(|open| CallError::BreakerOpen(open, self.service))?;
        let result = self
            .send_call(tool, body, timeout)
            .await
            .and_then(|b| read(self, b));
        // Only the service itself failing counts, not a tool's own answer.
        breaker.record(matches!(
            result,
            Err(CallError::Unreachable { .. }
                | CallError::Timeout { .. }
                | CallError::Protocol { .. })
        ));
        result
    }

    /// The MCP result in a successful response body, as far as a caller reads it.
    fn reply(&self, bytes: &[u8]) -> Result<Reply<Value>, CallError> {
        match serde_json::from_slice::<Reply<Value>>(bytes) {
            Ok(r) if r.content.is_some() || r.structured.is_some() || r.is_error.is_some() => Ok(r),
            Ok(_) => {
                Err(self.protocol("not a CallToolResult: no content, structuredContent or isError"))
            }
            Err(e) => Err(self.protocol(format!("not a CallToolResult: {e}"))),
        }
    }

    /// Sends one `POST /mcp/call`; the body of a successful response, or the typed error.
    async fn send_call(
        &self,
        tool: ToolName,
        body: Vec<u8>,
        timeout: Duration,
    ) -> Result<bytes::Bytes, CallError> {
        debug_assert_eq!(
            tool.service(),
            self.service,
            "{tool} called on {}",
            self.service
        );
        let span = tracing::info_span!(
            "service_call",
            otel.name = %format!("tools/call {tool}"),
            otel.kind = "client",
            mcp.method.name = "tools/call",
            gen_ai.tool.name = %tool,
            server.address = %self.service,
        );
        let trace = crate::traces::propagate(&span);
        let exchange = async {
            let mut headers = self.headers(self.call_url.as_ref(), &trace).await?;
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            let endpoint = self.call_url.as_ref().ok_or_else(|| self.unreadable())?;
            self.within(timeout, async {
                let resp = self
                    .send(Method::POST, endpoint, headers, body.into(), timeout)
                    .await?;
                let status = resp.status();
                Ok((status, self.body(resp, timeout).await?))
            })
            .await
        };
        let (status, bytes) = tracing::Instrument::instrument(exchange, span).await?;
        if !status.is_success() {
            // Our services answer errors with the common body; keep its code when present.
            let parsed: Option<crate::error::ErrorBody> = serde_json::from_slice(&bytes).ok();
            return Err(match parsed {
                Some(body) => CallError::Tool {
                    service: self.service,
                    tool,
                    code: body.error.code,
                    message: body.error.message,
                },
                None => self.protocol(format!("HTTP {status}")),
            });
        }
        Ok(bytes)
    }

    /// Calls `tool` with raw JSON arguments and returns its structured content, or a typed
    /// error.
    pub async fn call_value(
        &self,
        tool: ToolName,
        arguments: Value,
        timeout: Duration,
    ) -> Result<Value, CallError> {
        self.call_answer(tool, arguments, timeout)
            .await
            .map(|a| a.value)
    }

    /// As [`call_value`](Self::call_value), with how long the result stays fresh (the
    /// result's `_meta.ttlMs` cache hint, which data tools send).
    pub async fn call_answer(
        &self,
        tool: ToolName,
        arguments: Value,
        timeout: Duration,
    ) -> Result<ToolAnswer, CallError> {
        let body = self.body_for(tool, &arguments)?;
        self.exchange(tool, body, timeout, |c, bytes| {
            c.reply(&bytes).and_then(|r| c.answer(tool, r))
        })
        .await
    }

    /// A result's structured content and freshness, or its `isError` as a typed error.
    fn answer(&self, tool: ToolName, reply: Reply<Value>) -> Result<ToolAnswer, CallError> {
        let fresh_for = reply
            .meta
            .and_then(|m| m.ttl_ms)
            .as_ref()
            .and_then(Value::as_u64)
            .map(Duration::from_millis);
        let structured = reply.structured.unwrap_or(Value::Null);
        if reply.is_error == Some(true) {
            let code = structured
                .get("code")
                .and_then(|c| serde_json::from_value::<ErrorCode>(c.clone()).ok())
                .unwrap_or(ErrorCode::Internal);
            let message = structured
                .get("message")
                .and_then(Value::as_str)
                .unwrap_or("tool failed")
                .to_string();
            return Err(CallError::Tool {
                service: self.service,
                tool,
                code,
                message,
            });
        }
        Ok(ToolAnswer {
            value: structured,
            fresh_for,
        })
    }

    /// Calls the contract tool `T` with the default deadline.
    pub async fn call<T: Tool>(&self, input: &T::Input) -> Result<T::Output, CallError> {
        self.call_within::<T>(input, self.timeout).await
    }

    /// Calls the contract tool `T` within `timeout`. The input is serialised, and a
    /// successful output deserialised, straight from and to the contract types; only an
    /// `isError` result or a body that does not match the contract takes the generic path
    /// (for its typed error).
    pub async fn call_within<T: Tool>(
        &self,
        input: &T::Input,
        timeout: Duration,
    ) -> Result<T::Output, CallError> {
        let body = self.body_for(T::NAME, input)?;
        self.exchange(T::NAME, body, timeout, |c, bytes| c.typed::<T>(bytes))
            .await
    }

    /// A successful result's structured content as `T`'s output.
    fn typed<T: Tool>(&self, bytes: bytes::Bytes) -> Result<T::Output, CallError> {
        match serde_json::from_slice::<Reply<T::Output>>(&bytes) {
            Ok(Reply {
                structured: Some(output),
                is_error: None | Some(false),
                ..
            }) => Ok(output),
            _ => {
                let value = self.answer(T::NAME, self.reply(&bytes)?)?.value;
                decode::<T::Output>(self.service, T::NAME, value)
            }
        }
    }

    /// The service's tools, as `tools/list` gives them.
    pub async fn list_tools(&self) -> Result<Vec<McpTool>, CallError> {
        let headers = self.headers(self.tools_url.as_ref(), &[]).await?;
        let endpoint = self.tools_url.as_ref().ok_or_else(|| self.unreadable())?;
        let timeout = self.timeout;
        let bytes = self
            .within(timeout, async {
                let resp = self
                    .send(Method::GET, endpoint, headers, Bytes::new(), timeout)
                    .await?;
                if !resp.status().is_success() {
                    return Err(self.protocol(format!("HTTP {}", resp.status())));
                }
                self.body(resp, timeout).await
            })
            .await?;
        #[derive(serde::Deserialize)]
        struct Tools {
            tools: Vec<McpTool>,
        }
        let tools: Tools =
            serde_json::from_slice(&bytes).map_err(|_| self.protocol("not a tool list"))?;
        Ok(tools.tools)
    }
}

/// A service URL, parsed once the way reqwest parsed it at every call.
#[derive(Clone)]
struct Endpoint {
    uri: Uri,
    /// Credentials written in the URL (`http://user:pass@host`), which reqwest moved to a
    /// basic `Authorization` header.
    basic_auth: Option<HeaderValue>,
}

impl Endpoint {
    /// `{base}{path}`, or `None` where reqwest refused to send: no URL (by the same parser,
    /// so that what it accepted still is), or a scheme other than http and https.
    fn parse(base: &str, path: &str) -> Option<Self> {
        let mut url = url::Url::parse(&format!("{base}{path}")).ok()?;
        if !matches!(url.scheme(), "http" | "https") {
            return None;
        }
        let basic_auth = take_credentials(&mut url);
        Some(Self {
            uri: url.as_str().parse().ok()?,
            basic_auth,
        })
    }
}

/// reqwest's `extract_authority` and `basic_auth`: the URL's user and password, decoded,
/// leave it for a sensitive `Basic` header (left in place when they are not UTF-8).
fn take_credentials(url: &mut url::Url) -> Option<HeaderValue> {
    use base64::Engine as _;
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8()
            .ok()
            .map(String::from)
    };
    if !url.has_authority() {
        return None;
    }
    let username = decode(url.username())?;
    let password = url.password().and_then(decode);
    if username.is_empty() && password.is_none() {
        return None;
    }
    url.set_username("").ok()?;
    url.set_password(None).ok()?;
    let pair = format!("{username}:{}", password.unwrap_or_default());
    let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
    let mut header = HeaderValue::from_str(&format!("Basic {encoded}")).ok()?;
    header.set_sensitive(true);
    Some(header)
}

/// The parts of a `CallToolResult` a caller reads. The text content (the same JSON again) is
/// skipped, not copied.
#[derive(serde::Deserialize)]
struct Reply<S> {
    content: Option<serde::de::IgnoredAny>,
    #[serde(rename = "structuredContent")]
    structured: Option<S>,
    #[serde(rename = "isError")]
    is_error: Option<bool>,
    #[serde(rename = "_meta")]
    meta: Option<ReplyMeta>,
}

#[derive(serde::Deserialize)]
struct ReplyMeta {
    /// [`crate::kit::TTL_MS_META`].
    #[serde(rename = "ttlMs")]
    ttl_ms: Option<Value>,
}

/// A tool's structured content and how long it stays fresh.
#[derive(Debug, Clone)]
pub struct ToolAnswer {
    pub value: Value,
    /// The result's cache hint (`_meta.ttlMs`); `None` when the tool sent none.
    pub fresh_for: Option<Duration>,
}

/// Decodes a tool's structured content as its contract output.
pub fn decode<T: DeserializeOwned>(
    service: Service,
    tool: ToolName,
    value: Value,
) -> Result<T, CallError> {
    serde_json::from_value(value).map_err(|e| CallError::Protocol {
        service,
        message: format!("{tool} output did not match its contract: {e}"),
    })
}

impl crate::upstream::Retryable for CallError {
    fn is_retryable(&self) -> bool {
        CallError::is_retryable(self)
    }
}

#[cfg(test)]
mod tests {
    use super::stand_in::{self, Answer, OK_RESULT, header, response};
    use super::*;
    use crate::breaker::{Breaker, BreakerSettings, BreakerState};
    use serde_json::json;

    #[test]
    fn typed_answers_decode_straight_and_errors_keep_their_meaning() {
        use crate::contract::classification::{ClassifyEmail, Engine};
        use crate::labels::{Category, Priority};
        let client = ServiceClient::new(
            Service::Classification,
            "http://127.0.0.1:9",
            Transport::new(),
            Duration::from_secs(1),
        );
        let ok = json!({
            "content": [],
            "structuredContent": {"category": "billing", "priority": "high", "confidence": 0.9,
                "engine": "builtin", "model": "builtin-logreg", "reasons": ["invoice"]},
            "isError": false
        });
        let out = client
            .typed::<ClassifyEmail>(serde_json::to_vec(&ok).unwrap().into())
            .unwrap();
        assert_eq!(
            (out.category, out.priority, out.engine),
            (Category::Billing, Priority::High, Engine::Builtin)
        );

        // A tool's own error is a tool error with its code, not a decoding failure.
        let failed = json!({
            "content": [],
            "structuredContent": {"code": "invalid_arguments", "message": "no body"},
            "isError": true
        });
        let e = client
            .typed::<ClassifyEmail>(serde_json::to_vec(&failed).unwrap().into())
            .unwrap_err();
        assert!(
            matches!(
                e,
                CallError::Tool {
                    code: ErrorCode::InvalidArguments,
                    ..
                }
            ),
            "{e:?}"
        );

        // An unknown or malformed code reads as internal; a missing message as "tool failed".
        for (structured, message) in [
            (json!({"code": "gone_fishing", "message": "later"}), "later"),
            (json!({"code": 7, "message": "odd"}), "odd"),
            (json!({"retryable": false}), "tool failed"),
        ] {
            let failed = json!({"structuredContent": structured, "isError": true});
            let e = client
                .typed::<ClassifyEmail>(serde_json::to_vec(&failed).unwrap().into())
                .unwrap_err();
            assert!(
                matches!(&e, CallError::Tool { code: ErrorCode::Internal, message: m, .. } if m == message),
                "{e:?}"
            );
        }

        // An answer that breaks the contract, or is not a result at all, is the service's fault.
        let wrong = json!({"content": [], "structuredContent": {"category": 7}});
        let e = client
            .typed::<ClassifyEmail>(serde_json::to_vec(&wrong).unwrap().into())
            .unwrap_err();
        assert!(
            matches!(&e, CallError::Protocol { message, .. } if message.contains("did not match its contract")),
            "{e:?}"
        );
        for garbage in [&b"<html>"[..], b"{}", b"{\"_meta\": {}}"] {
            let e = client
                .typed::<ClassifyEmail>(bytes::Bytes::from_static(garbage))
                .unwrap_err();
            assert!(matches!(e, CallError::Protocol { .. }), "{e:?}");
        }
    }

    #[tokio::test]
    async fn a_dead_service_opens_the_clients_breaker_and_then_calls_fail_at_once() {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", l.local_addr().unwrap());
        drop(l);
        let breaker = Breaker::new(
            "chargebee",
            BreakerSettings {
                breaker_failures: 2,
                breaker_window_secs: 60,
                breaker_open_secs: 60,
            },
            None,
        );
        let client = ServiceClient::new(
            Service::Chargebee,
            &url,
            Transport::new(),
            Duration::from_secs(2),
        )
        .with_breaker(breaker.clone());
        for _ in 0..2 {
            let e = client
                .call_value(ToolName::ListInvoices, json!({}), Duration::from_secs(2))
                .await
                .unwrap_err();
            assert!(matches!(e, CallError::Unreachable { .. }), "{e:?}");
        }
        assert_eq!(breaker.state(), BreakerState::Open);
        let e = client
            .call_value(ToolName::ListInvoices, json!({}), Duration::from_secs(2))
            .await
            .unwrap_err();
        assert!(matches!(e, CallError::BreakerOpen(..)), "{e:?}");
        assert_eq!(e.code(), ErrorCode::UpstreamUnavailable);
        assert!(!e.is_retryable());
    }

    /// The connection pool a caller keeps.
    fn pool() -> Transport {
        Transport::new()
    }

    fn client(url: &str, timeout: Duration) -> ServiceClient {
        ServiceClient::new(Service::Chargebee, url, pool(), timeout)
    }

    #[tokio::test]
    async fn calls_carry_the_request_id_the_id_token_and_their_json() {
        use base64::Engine as _;
        let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(json!({"exp": 4_000_000_000i64}).to_string());
        let token = format!("e30.{payload}.sig");
        let metadata_token = token.clone();
        let mut server = stand_in::http(move |request| {
            if request.starts_with("GET /computeMetadata/") {
                Answer::Send(response("200 OK", &metadata_token))
            } else if request.starts_with("GET /mcp/tools ") {
                Answer::Send(response("200 OK", r#"{"tools":[]}"#))
            } else {
                Answer::Send(response("200 OK", OK_RESULT))
            }
        })
        .await;
        let url = server.url.clone();
        let tokens = std::sync::Arc::new(crate::auth::IdTokenSource::new(
            url.trim_start_matches("http://"),
            crate::tls::client(),
        ));
        let client = client(&url, Duration::from_secs(5)).with_id_tokens(tokens);
        let answer = crate::request_id::scope(
            "req-42".into(),
            client.call_value(
                ToolName::ListInvoices,
                json!({"email": "a@example.com"}),
                Duration::from_secs(5),
            ),
        )
        .await
        .unwrap();
        assert_eq!(answer, json!({"ok": true}));
        let metadata = server.seen.recv().await.unwrap();
        assert!(
            metadata.contains(&format!(
                "audience={}",
                url.replace(':', "%3A").replace('/', "%2F")
            )),
            "{metadata}"
        );
        let call = server.seen.recv().await.unwrap();
        assert!(call.starts_with("POST /mcp/call HTTP/1.1\r\n"), "{call}");
        assert_eq!(header(&call, "x-request-id"), ["req-42"]);
        assert_eq!(header(&call, "authorization"), [format!("Bearer {token}")]);
        assert_eq!(header(&call, "content-type"), ["application/json"]);
        assert_eq!(header(&call, "accept"), ["*/*"]);
        assert_eq!(header(&call, "user-agent"), [crate::upstream::USER_AGENT]);
        assert_eq!(header(&call, "host"), [url.trim_start_matches("http://")]);
        assert_eq!(
            call.split_once("\r\n\r\n").unwrap().1,
            r#"{"tool":"list_invoices","arguments":{"email":"a@example.com"}}"#
        );

        // The tool list too, outside any request: no request id, the cached token.
        assert!(client.list_tools().await.unwrap().is_empty());
        let list = server.seen.recv().await.unwrap();
        assert!(list.starts_with("GET /mcp/tools HTTP/1.1\r\n"), "{list}");
        assert!(header(&list, "x-request-id").is_empty(), "{list}");
        assert_eq!(header(&list, "authorization"), [format!("Bearer {token}")]);
        assert!(header(&list, "content-type").is_empty(), "{list}");
        // The token's fetch on one connection (its own client), both calls on another.
        assert_eq!(server.connections(), 2);
    }

    #[tokio::test]
    async fn clients_of_several_services_share_one_pool() {
        let server = stand_in::http(|_| Answer::Send(response("200 OK", OK_RESULT))).await;
        let url = server.url.clone();
        let pool = pool();
        let a = ServiceClient::new(
            Service::Chargebee,
            &url,
            pool.clone(),
            Duration::from_secs(5),
        );
        let b = ServiceClient::new(Service::Hubspot, &url, pool, Duration::from_secs(5));
        for _ in 0..3 {
            a.call_value(ToolName::ListInvoices, json!({}), Duration::from_secs(5))
                .await
                .unwrap();
            b.call_value(ToolName::GetContact, json!({}), Duration::from_secs(5))
                .await
                .unwrap();
        }
        assert_eq!(server.connections(), 1);
    }

    #[tokio::test]
    async fn a_late_answer_is_a_timeout_even_mid_body() {
        let server = stand_in::http(|request| {
            if request.starts_with("POST") {
                Answer::Stall(Vec::new())
            } else {
                Answer::Stall(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"tools\"".to_vec())
            }
        })
        .await;
        let url = server.url.clone();
        let client = client(&url, Duration::from_millis(300));
        let started = std::time::Instant::now();
        let e = client
            .call_value(
                ToolName::ListInvoices,
                json!({}),
                Duration::from_millis(200),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(
                e,
                CallError::Timeout {
                    timeout_ms: 200,
                    ..
                }
            ),
            "{e:?}"
        );
        // The head arrives in time, the body never ends.
        let e = client.list_tools().await.unwrap_err();
        assert!(
            matches!(
                e,
                CallError::Timeout {
                    timeout_ms: 300,
                    ..
                }
            ),
            "{e:?}"
        );
        assert!(started.elapsed() < Duration::from_secs(3));
        assert!(e.is_retryable());
    }

    #[tokio::test]
    async fn a_refused_connection_is_unreachable() {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", l.local_addr().unwrap());
        drop(l);
        let client = client(&url, Duration::from_secs(2));
        let e = client.list_tools().await.unwrap_err();
        assert!(matches!(e, CallError::Unreachable { .. }), "{e:?}");
        let e = client
            .call_value(ToolName::ListInvoices, json!({}), Duration::from_secs(2))
            .await
            .unwrap_err();
        assert!(matches!(e, CallError::Unreachable { .. }), "{e:?}");
    }

    #[tokio::test]
    async fn a_body_over_the_cap_is_a_protocol_error_announced_or_not() {
        // Padded with JSON whitespace to exactly the cap: still read.
        let at_cap = format!("{OK_RESULT:<1000}");
        let server = stand_in::http(move |request| {
            let path = request.split(' ').nth(1).unwrap_or_default().to_string();
            match path.as_str() {
                // Announced by its length.
                "/big/mcp/call" => Answer::Send(response("200 OK", &" ".repeat(1001))),
                // Chunked: found out while reading.
                "/chunked/mcp/call" => {
                    let chunk = format!("258\r\n{}\r\n", " ".repeat(600));
                    Answer::Send(
                        format!(
                            "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n{chunk}{chunk}0\r\n\r\n"
                        )
                        .into_bytes(),
                    )
                }
                _ => Answer::Send(response("200 OK", &at_cap)),
            }
        })
        .await;
        let url = server.url.clone();
        for base in ["big", "chunked"] {
            let e = client(&format!("{url}/{base}"), Duration::from_secs(5))
                .with_max_response_bytes(1000)
                .call_value(ToolName::ListInvoices, json!({}), Duration::from_secs(5))
                .await
                .unwrap_err();
            assert!(
                matches!(&e, CallError::Protocol { message, .. } if message == "response body over 1000 bytes"),
                "{base}: {e:?}"
            );
        }
        let ok = client(&format!("{url}/exact"), Duration::from_secs(5))
            .with_max_response_bytes(1000)
            .call_value(ToolName::ListInvoices, json!({}), Duration::from_secs(5))
            .await
            .unwrap();
        assert_eq!(ok, json!({"ok": true}));
    }

    #[tokio::test]
    async fn garbled_or_failed_answers_keep_their_meaning() {
        let server = stand_in::http(|request| {
            let path = request.split(' ').nth(1).unwrap_or_default().to_string();
            match path.as_str() {
                // Not HTTP at all: the exchange failed before any response.
                "/nonsense/mcp/call" => Answer::Close(b"nonsense\r\n\r\n".to_vec()),
                // Closed before the first byte.
                "/closed/mcp/call" => Answer::Close(Vec::new()),
                // The body ends before its announced length.
                "/short/mcp/call" => Answer::Close(
                    b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"content\"".to_vec(),
                ),
                "/html/mcp/call" => Answer::Send(response("200 OK", "<html>")),
                "/failed/mcp/call" => Answer::Send(response(
                    "503 Service Unavailable",
                    r#"{"error":{"code":"rate_limited","message":"slow down"},"request_id":null}"#,
                )),
                "/gateway/mcp/call" => Answer::Send(response("502 Bad Gateway", "<html>")),
                "/gateway/mcp/tools" => Answer::Send(response("401 Unauthorized", "")),
                _ => Answer::Send(response("404 Not Found", "")),
            }
        })
        .await;
        let url = server.url.clone();
        let call = |base: &str| {
            let client = client(&format!("{url}/{base}"), Duration::from_secs(5));
            async move {
                client
                    .call_value(ToolName::ListInvoices, json!({}), Duration::from_secs(5))
                    .await
                    .unwrap_err()
            }
        };
        for base in ["nonsense", "closed"] {
            let e = call(base).await;
            assert!(matches!(e, CallError::Unreachable { .. }), "{base}: {e:?}");
        }
        let e = call("short").await;
        assert!(
            matches!(&e, CallError::Protocol { message, .. } if message == "unreadable response"),
            "{e:?}"
        );
        let e = call("html").await;
        assert!(
            matches!(&e, CallError::Protocol { message, .. } if message.starts_with("not a CallToolResult")),
            "{e:?}"
        );
        let e = call("failed").await;
        assert!(
            matches!(&e, CallError::Tool { code: ErrorCode::RateLimited, message, .. } if message == "slow down"),
            "{e:?}"
        );
        let e = call("gateway").await;
        assert!(
            matches!(&e, CallError::Protocol { message, .. } if message == "HTTP 502 Bad Gateway"),
            "{e:?}"
        );
        let e = client(&format!("{url}/gateway"), Duration::from_secs(5))
            .list_tools()
            .await
            .unwrap_err();
        assert!(
            matches!(&e, CallError::Protocol { message, .. } if message == "HTTP 401 Unauthorized"),
            "{e:?}"
        );
    }

    #[tokio::test]
    async fn credentials_in_the_url_go_as_basic_auth_as_they_did_through_reqwest() {
        let mut server = stand_in::http(|_| Answer::Send(response("200 OK", OK_RESULT))).await;
        let url = server.url.replace("http://", "http://svc:p%40ss@");
        client(&url, Duration::from_secs(5))
            .call_value(ToolName::ListInvoices, json!({}), Duration::from_secs(5))
            .await
            .unwrap();
        let request = server.seen.recv().await.unwrap();
        // base64("svc:p@ss")
        assert_eq!(header(&request, "authorization"), ["Basic c3ZjOnBAc3M="]);
        assert_eq!(
            header(&request, "host"),
            [server.url.trim_start_matches("http://")]
        );
    }

    #[tokio::test]
    async fn a_base_that_is_no_http_url_fails_every_call_as_a_protocol_error() {
        for base in ["", "not a url", "ftp://127.0.0.1:9"] {
            let client = client(base, Duration::from_secs(2));
            let e = client
                .call_value(ToolName::ListInvoices, json!({}), Duration::from_secs(2))
                .await
                .unwrap_err();
            assert!(
                matches!(&e, CallError::Protocol { message, .. } if message == "unreadable response"),
                "{base:?}: {e:?}"
            );
            let e = client.list_tools().await.unwrap_err();
            assert!(
                matches!(&e, CallError::Protocol { message, .. } if message == "unreadable response"),
                "{base:?}: {e:?}"
            );
        }
    }
}
