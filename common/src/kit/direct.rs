//! The direct path for the commonest MCP request: a stateless `tools/call` from a client of a
//! 2025 protocol version, answered with JSON.
//!
//! rmcp's Streamable HTTP service answers such a request by bridging it into an `http::Request`,
//! spawning a one-shot service with a transport and channels, and serialising what comes back:
//! about 64 µs of CPU per call on the project's machine, most of a trivial tool's cost. This
//! middleware answers exactly that request itself, through the same [`Toolbox::call`] rmcp's
//! handler ends in, and serialises rmcp's own response type, so the bytes are the ones rmcp
//! would write. Anything else — another method, a batch, `_meta` or a task request in the
//! params, a session, a 2026 protocol version (per-request negotiation, standard headers), an
//! `Origin`, a host this path cannot vouch for, an unusual `Accept`, a body without a length,
//! a tool that may run as a task, a tool this service does not have — goes on to rmcp
//! untouched (the body it read handed back), so every check and error stays rmcp's.
//!
//! [`Toolbox::call`]: super::Toolbox::call

use std::sync::Arc;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::header::{self, HeaderMap};
use actix_web::middleware::Next;
use actix_web::{HttpResponse, web};
use futures::future::LocalBoxFuture;
use rmcp::model::{
    CallToolResponse, JsonObject, ProtocolVersion, RequestId, ServerJsonRpcMessage, ServerResult,
};
use serde::Deserialize;

use super::Kit;

/// Protocol versions whose stateless `tools/call` rmcp serves without per-request negotiation
/// or standard headers: the ones this path may answer.
const DIRECT_VERSIONS: [ProtocolVersion; 3] = [
    ProtocolVersion::V_2025_11_25,
    ProtocolVersion::V_2025_06_18,
    ProtocolVersion::V_2025_03_26,
];

/// Headers that make a request one for rmcp: sessions, resumption, SEP-2243 routing headers.
const RMCP_HEADERS: [&str; 4] = ["mcp-session-id", "last-event-id", "mcp-method", "mcp-name"];

/// The middleware's answer: its own response, or rmcp's.
type Served<B> = LocalBoxFuture<'static, Result<ServiceResponse<EitherBody<B>>, actix_web::Error>>;

/// What the direct path needs to judge a request as rmcp would.
#[derive(Clone)]
pub(super) struct Direct {
    kit: Kit,
    /// rmcp's allowed hosts (DNS-rebinding check); `None` allows any host, as rmcp does for
    /// an empty list.
    hosts: Option<Arc<[String]>>,
    max_body: usize,
    /// `MCP_DIRECT_CALLS`; off, every request goes to rmcp.
    enabled: bool,
}

/// A `tools/call` request in the only shape this path answers; anything else fails to parse
/// and goes to rmcp.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Call<'a> {
    #[serde(borrow)]
    jsonrpc: &'a str,
    id: RequestId,
    #[serde(borrow)]
    method: &'a str,
    params: Params,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    name: String,
    #[serde(default)]
    arguments: Option<JsonObject>,
}

impl Direct {
    pub(super) fn new(kit: Kit, hosts: Option<Vec<String>>, max_body: usize) -> Self {
        Self {
            kit,
            hosts: hosts.map(Into::into),
            max_body,
            enabled: true,
        }
    }

    /// Turned off (`MCP_DIRECT_CALLS=false`): every request goes to rmcp.
    pub(super) fn enabled(mut self, on: bool) -> Self {
        self.enabled = on;
        self
    }

    /// The middleware, for the `/mcp` scope inside the auth guard (the caller is known).
    pub(super) fn middleware<B: MessageBody + 'static>(
        self,
    ) -> impl Fn(ServiceRequest, Next<B>) -> Served<B> + Clone + 'static {
        let direct = Arc::new(self);
        move |req, next| {
            let direct = direct.clone();
            Box::pin(async move { direct.serve(req, next).await })
        }
    }

    async fn serve<B: MessageBody + 'static>(
        &self,
        mut req: ServiceRequest,
        next: Next<B>,
    ) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
        if !self.eligible(&req) {
            return Ok(next.call(req).await?.map_into_left_body());
        }
        let body = req.extract::<web::Bytes>().await?;
        match self.answer(&body).await {
            Some(response) => Ok(req.into_response(response).map_into_right_body()),
            None => {
                req.set_payload(actix_web::dev::Payload::from(body));
                Ok(next.call(req).await?.map_into_left_body())
            }
        }
    }

    /// Whether the request's method, path and headers are ones this path may answer.
    fn eligible(&self, req: &ServiceRequest) -> bool {
        let headers = req.headers();
        self.enabled
            && req.method() == Method::POST
            && matches!(req.path(), "/mcp" | "/mcp/")
            && !RMCP_HEADERS.iter().any(|h| headers.contains_key(*h))
            && !headers.contains_key(header::ORIGIN)
            && !headers.contains_key(header::TRANSFER_ENCODING)
            && one_value(headers, "mcp-protocol-version")
                .is_some_and(|v| DIRECT_VERSIONS.iter().any(|d| d.as_str() == v))
            && one_value(headers, header::CONTENT_TYPE.as_str()).is_some_and(is_json)
            && accepts_json_and_sse(headers)
            && one_value(headers, header::CONTENT_LENGTH.as_str())
                .and_then(|v| v.parse::<usize>().ok())
                .is_some_and(|n| n <= self.max_body)
            && self.host_allowed(headers)
    }

    /// rmcp's Host check, stricter: a host matches only as written in the allowed list
    /// (lower case, with the port when the entry names one); anything it cannot vouch for
    /// goes to rmcp, which decides.
    fn host_allowed(&self, headers: &HeaderMap) -> bool {
        let Some(allowed) = &self.hosts else {
            return true;
        };
        let Some(host) = one_value(headers, header::HOST.as_str())
            .and_then(|h| h.parse::<http::uri::Authority>().ok())
        else {
            return false;
        };
        allowed.iter().any(|entry| {
            let (name, port) = match entry.parse::<http::uri::Authority>() {
                Ok(a) => (a.host().to_string(), a.port_u16()),
                Err(_) => (entry.clone(), None),
            };
            name.eq_ignore_ascii_case(host.host())
                && port.is_none_or(|p| host.port_u16() == Some(p))
        })
    }

    /// The JSON-RPC response to a `tools/call` in the direct shape, or `None` for rmcp.
    async fn answer(&self, body: &[u8]) -> Option<HttpResponse> {
        let call: Call<'_> = serde_json::from_slice(body).ok()?;
        if call.jsonrpc != "2.0" || call.method != "tools/call" || !self.is_plain_tool(&call) {
            return None;
        }
        let Params { name, arguments } = call.params;
        // The caller and request id are this request's task-locals (the guard and the
        // request-id middleware set them), as for `/mcp/call`.
        let ctx = Kit::context("/mcp");
        let result = self
            .kit
            .tools
            .call(&name, arguments, ctx, Some(&self.kit.metrics))
            .await
            .ok()?;
        let mut result = ServerResult::from(CallToolResponse::Complete(result));
        // As rmcp's handler does for a peer before 2026-07-28: no `resultType`.
        result.strip_result_type_for_legacy_peer();
        let message = ServerJsonRpcMessage::response(result, call.id);
        let bytes = serde_json::to_vec(&message).ok()?;
        Some(
            HttpResponse::Ok()
                .content_type(header::ContentType::json())
                .body(bytes),
        )
    }

    /// A tool of this service that never runs as a task.
    fn is_plain_tool(&self, call: &Call<'_>) -> bool {
        let name = call.params.name.as_str();
        self.kit.tools.has(name)
            && !self
                .kit
                .tasks
                .as_deref()
                .is_some_and(|host| host.runs_as_task(name))
    }
}

/// The header's value when it is given exactly once, as text.
fn one_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    let mut values = headers.get_all(name);
    let first = values.next()?;
    if values.next().is_some() {
        return None;
    }
    first.to_str().ok()
}

fn is_json(content_type: &str) -> bool {
    content_type
        .split(';')
        .next()
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}

/// `Accept` naming both JSON and an event stream, in plain entries (no parameters, one
/// header): what MCP clients send. Anything else goes to rmcp's own parsing.
fn accepts_json_and_sse(headers: &HeaderMap) -> bool {
    let Some(accept) = one_value(headers, header::ACCEPT.as_str()) else {
        return false;
    };
    if accept.contains(';') || accept.contains('"') {
        return false;
    }
    let types = || accept.split(',').map(str::trim);
    types().any(|t| t.eq_ignore_ascii_case("application/json"))
        && types().any(|t| t.eq_ignore_ascii_case("text/event-stream"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::Effect;
    use crate::kit::{ServiceInfo, Toolbox};

    #[derive(Deserialize, schemars::JsonSchema)]
    struct In {
        n: i64,
    }

    #[derive(serde::Serialize, schemars::JsonSchema)]
    struct Out {
        twice: i64,
    }

    fn direct(hosts: Option<Vec<String>>) -> Direct {
        let info = ServiceInfo {
            name: "direct-test",
            version: "0.0.0",
            instructions: "",
            default_port: 0,
        };
        let tools =
            Toolbox::new().custom("double", "Doubles.", Effect::Read, |i: In, _| async move {
                Ok(Out { twice: i.n * 2 })
            });
        Direct::new(Kit::new(info, tools), hosts, 1024)
    }

    async fn answer(d: &Direct, body: serde_json::Value) -> Option<serde_json::Value> {
        let response = d.answer(body.to_string().as_bytes()).await?;
        let bytes = actix_web::body::to_bytes(response.into_body()).await.ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    #[actix_web::test]
    async fn a_plain_tools_call_is_answered_here_and_anything_else_is_left_to_rmcp() {
        let d = direct(None);
        let call = |params: serde_json::Value| serde_json::json!({"jsonrpc": "2.0", "id": 7, "method": "tools/call", "params": params});
        let v = answer(
            &d,
            call(serde_json::json!({"name": "double", "arguments": {"n": 4}})),
        )
        .await
        .expect("answered directly");
        assert_eq!(v["id"], 7);
        assert_eq!(v["result"]["structuredContent"]["twice"], 8, "{v}");
        assert!(v["result"].get("resultType").is_none(), "{v}");

        let left_to_rmcp = [
            call(serde_json::json!({"name": "nope", "arguments": {}})),
            call(serde_json::json!({"name": "double", "arguments": {"n": 1}, "_meta": {}})),
            call(serde_json::json!({"name": "double", "task": {}})),
            serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": "tools/list"}),
            serde_json::json!({"jsonrpc": "1.0", "id": 1, "method": "tools/call",
                               "params": {"name": "double", "arguments": {"n": 1}}}),
            serde_json::json!([call(
                serde_json::json!({"name": "double", "arguments": {"n": 1}})
            )]),
            serde_json::json!({"jsonrpc": "2.0", "method": "tools/call",
                               "params": {"name": "double", "arguments": {"n": 1}}}),
        ];
        for body in left_to_rmcp {
            assert!(answer(&d, body.clone()).await.is_none(), "{body}");
        }
    }

    #[test]
    fn only_plain_headers_a_2025_client_sends_are_taken() {
        let d = direct(Some(vec!["localhost".into(), "127.0.0.1:8080".into()]));
        let req = |headers: &[(&str, &str)]| {
            let mut t = actix_web::test::TestRequest::post().uri("/mcp");
            for (k, v) in headers {
                t = t.insert_header((*k, *v));
            }
            t.to_srv_request()
        };
        let base: Vec<(&str, &str)> = vec![
            ("host", "localhost:3000"),
            ("accept", "application/json, text/event-stream"),
            ("content-type", "application/json"),
            ("mcp-protocol-version", "2025-11-25"),
            ("content-length", "100"),
        ];
        assert!(d.eligible(&req(&base)));
        let with = |extra: (&'static str, &'static str)| {
            let mut h: Vec<(&str, &str)> = base
                .iter()
                .filter(|(k, _)| *k != extra.0)
                .copied()
                .collect();
            h.push(extra);
            req(&h)
        };
        for refused in [
            ("mcp-protocol-version", "2026-07-28"),
            ("mcp-session-id", "abc"),
            ("mcp-method", "tools/call"),
            ("origin", "http://localhost"),
            ("accept", "application/json"),
            ("accept", "application/json;q=1, text/event-stream"),
            ("content-type", "text/plain"),
            ("content-length", "5000"),
            ("host", "evil.example"),
            ("host", "127.0.0.1:9999"),
        ] {
            assert!(!d.eligible(&with(refused)), "{refused:?}");
        }
        assert!(d.eligible(&with(("host", "127.0.0.1:8080"))));
        assert!(!d.clone().enabled(false).eligible(&req(&base)));
        let mut no_length = base.clone();
        no_length.retain(|(k, _)| *k != "content-length");
        assert!(!d.eligible(&req(&no_length)));
    }
}
