//! The direct path for the commonest MCP request: a stateless `tools/call`, answered with
//! JSON, from a client of a 2025 protocol version or of 2026-07-28 (its lifecycle in `_meta`
//! and its SEP-2243 routing headers).
//!
//! rmcp's Streamable HTTP service answers such a request by bridging it into an `http::Request`,
//! spawning a one-shot service with a transport and channels, and serialising what comes back:
//! about 64 µs of CPU per call on the project's machine, most of a trivial tool's cost. This
//! middleware answers exactly that request itself, through the same [`Toolbox::call`] rmcp's
//! handler ends in, and serialises rmcp's own response type, so the bytes are the ones rmcp
//! would write (without `resultType` for a 2025 client, as rmcp's handler strips it). Anything
//! else — another method, a batch, a task request; `_meta` from a 2025 client, or a 2026 one's
//! `_meta` with more than its protocol version, capabilities and client info (a progress
//! token, a trace context, a log level) or with those malformed; routing headers that are
//! missing, Base64-encoded or disagree with the body, or any `Mcp-Param-*`; a session; an
//! `Origin`, a host this path cannot vouch for, an unusual `Accept`, a body without a length;
//! a tool that may run as a task, one whose schema asks for parameter headers, one this
//! service does not have — goes on to rmcp untouched (the body it read handed back), so every
//! check and error stays rmcp's.
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
    CallToolResponse, JsonObject, ProtocolVersion, RequestId, RequestMetaObject,
    ServerJsonRpcMessage, ServerResult,
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

/// The protocol version whose stateless requests carry their lifecycle in `_meta` and the
/// SEP-2243 routing headers (`Mcp-Method`, `Mcp-Name`).
const INLINE_VERSION: ProtocolVersion = ProtocolVersion::V_2026_07_28;

/// The `_meta` keys of a 2026-07-28 `tools/call` this path answers; any other goes to rmcp.
const INLINE_META_KEYS: [&str; 3] = [
    "io.modelcontextprotocol/protocolVersion",
    "io.modelcontextprotocol/clientCapabilities",
    "io.modelcontextprotocol/clientInfo",
];

/// Headers that make a request one for rmcp: sessions and resumption.
const RMCP_HEADERS: [&str; 2] = ["mcp-session-id", "last-event-id"];

/// How the request's protocol version carries its lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Era {
    /// A 2025 version: negotiated by `initialize`, no `_meta`, no routing headers.
    Legacy,
    /// 2026-07-28: `_meta` and routing headers on every request.
    Inline,
}

/// An allowed host: its name and, when the entry names one, its port.
type AllowedHost = (String, Option<u16>);

/// The middleware's answer: its own response, or rmcp's.
type Served<B> = LocalBoxFuture<'static, Result<ServiceResponse<EitherBody<B>>, actix_web::Error>>;

/// What the direct path needs to judge a request as rmcp would.
#[derive(Clone)]
pub(super) struct Direct {
    kit: Kit,
    /// rmcp's allowed hosts (DNS-rebinding check) as host name and optional port, parsed
    /// once; `None` allows any host, as rmcp does for an empty list.
    hosts: Option<Arc<[AllowedHost]>>,
    max_body: usize,
    /// `MCP_DIRECT_CALLS`; off, every request goes to rmcp.
    enabled: bool,
    /// Tools whose input schema asks for `Mcp-Param-*` headers (`x-mcp-header`): rmcp checks
    /// those, so their calls go to it.
    headered: Arc<std::collections::HashSet<String>>,
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
    #[serde(default, rename = "_meta")]
    meta: Option<RequestMetaObject>,
}

impl Direct {
    pub(super) fn new(kit: Kit, hosts: Option<Vec<String>>, max_body: usize) -> Self {
        let headered = kit
            .tools
            .list()
            .into_iter()
            .filter(|t| {
                serde_json::to_string(&t.input_schema).is_ok_and(|s| s.contains("x-mcp-header"))
            })
            .map(|t| t.name.to_string())
            .collect();
        Self {
            kit,
            hosts: hosts.map(|h| h.iter().map(|e| allowed_host(e)).collect()),
            max_body,
            enabled: true,
            headered: Arc::new(headered),
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
        let Some(era) = self.eligible(&req) else {
            return Ok(next.call(req).await?.map_into_left_body());
        };
        let body = req.extract::<web::Bytes>().await?;
        let answered = self
            .answer(&body, era, one_value(req.headers(), "mcp-name"))
            .await;
        match answered {
            Some(response) => Ok(req.into_response(response).map_into_right_body()),
            None => {
                req.set_payload(actix_web::dev::Payload::from(body));
                Ok(next.call(req).await?.map_into_left_body())
            }
        }
    }

    /// The request's era when its method, path and headers are ones this path may answer.
    fn eligible(&self, req: &ServiceRequest) -> Option<Era> {
        let headers = req.headers();
        let general = self.enabled
            && req.method() == Method::POST
            && matches!(req.path(), "/mcp" | "/mcp/")
            && !RMCP_HEADERS.iter().any(|h| headers.contains_key(*h))
            && !headers.contains_key(header::ORIGIN)
            && !headers.contains_key(header::TRANSFER_ENCODING)
            && one_value(headers, header::CONTENT_TYPE.as_str()).is_some_and(is_json)
            && accepts_json_and_sse(headers)
            && one_value(headers, header::CONTENT_LENGTH.as_str())
                .and_then(|v| v.parse::<usize>().ok())
                .is_some_and(|n| n <= self.max_body)
            && self.host_allowed(headers);
        if !general {
            return None;
        }
        let version = one_value(headers, "mcp-protocol-version")?;
        let routed = headers.contains_key("mcp-method") || headers.contains_key("mcp-name");
        if DIRECT_VERSIONS.iter().any(|d| d.as_str() == version) {
            // rmcp ignores routing headers before 2026-07-28; requests with them are left to it.
            return (!routed).then_some(Era::Legacy);
        }
        let parameter_headers = headers.keys().any(|k| k.as_str().starts_with("mcp-param-"));
        (version == INLINE_VERSION.as_str()
            && one_value(headers, "mcp-method") == Some("tools/call")
            && one_value(headers, "mcp-name").is_some_and(|n| !n.starts_with("=?"))
            && !parameter_headers)
            .then_some(Era::Inline)
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
        allowed.iter().any(|(name, port)| {
            name.eq_ignore_ascii_case(host.host())
                && port.is_none_or(|p| host.port_u16() == Some(p))
        })
    }

    /// The JSON-RPC response to a `tools/call` in the direct shape, or `None` for rmcp.
    /// `routed_name` is the request's `Mcp-Name` header.
    async fn answer(
        &self,
        body: &[u8],
        era: Era,
        routed_name: Option<&str>,
    ) -> Option<HttpResponse> {
        let call: Call<'_> = serde_json::from_slice(body).ok()?;
        if call.jsonrpc != "2.0" || call.method != "tools/call" || !self.is_plain_tool(&call) {
            return None;
        }
        let in_shape = match (era, &call.params.meta) {
            (Era::Legacy, None) => true,
            (Era::Inline, Some(meta)) => {
                routed_name == Some(call.params.name.as_str()) && inline_meta_in_shape(meta)
            }
            _ => false,
        };
        if !in_shape {
            return None;
        }
        let Params {
            name, arguments, ..
        } = call.params;
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
        // As rmcp's handler does: no `resultType` for a peer before 2026-07-28, cache hints
        // for one on it.
        match era {
            Era::Legacy => result.strip_result_type_for_legacy_peer(),
            Era::Inline => result.fill_missing_cache_hints(),
        }
        let message = ServerJsonRpcMessage::response(result, call.id);
        let bytes = serde_json::to_vec(&message).ok()?;
        Some(
            HttpResponse::Ok()
                .content_type(header::ContentType::json())
                .body(bytes),
        )
    }

    /// A tool of this service that never runs as a task and asks for no parameter headers.
    fn is_plain_tool(&self, call: &Call<'_>) -> bool {
        let name = call.params.name.as_str();
        self.kit.tools.has(name)
            && !self.headered.contains(name)
            && !self
                .kit
                .tasks
                .as_deref()
                .is_some_and(|host| host.runs_as_task(name))
    }
}

/// A 2026-07-28 request's `_meta` as rmcp accepts it without a word: its protocol version
/// (this one), its capabilities and, if given, its client info, all well formed, and nothing
/// else.
fn inline_meta_in_shape(meta: &RequestMetaObject) -> bool {
    meta.keys().all(|k| INLINE_META_KEYS.contains(&k.as_str()))
        && meta.missing_required_keys(&INLINE_VERSION).is_empty()
        && meta.protocol_version() == Some(INLINE_VERSION)
        && (!meta.contains_key(INLINE_META_KEYS[2]) || meta.client_info().is_some())
}

/// An allowed-host entry as host name and optional port (`localhost`, `127.0.0.1:8080`); an
/// entry that is no authority is kept whole, with no port.
fn allowed_host(entry: &str) -> AllowedHost {
    match entry.parse::<http::uri::Authority>() {
        Ok(a) => (a.host().to_string(), a.port_u16()),
        Err(_) => (entry.to_string(), None),
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
        answer_in(d, body, Era::Legacy, None).await
    }

    async fn answer_in(
        d: &Direct,
        body: serde_json::Value,
        era: Era,
        routed_name: Option<&str>,
    ) -> Option<serde_json::Value> {
        let response = d
            .answer(body.to_string().as_bytes(), era, routed_name)
            .await?;
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

    #[actix_web::test]
    async fn a_2026_call_is_answered_here_only_with_its_lifecycle_in_meta_and_nothing_more() {
        let d = direct(None);
        let meta = |extra: serde_json::Value| {
            let mut m = serde_json::json!({
                "io.modelcontextprotocol/protocolVersion": "2026-07-28",
                "io.modelcontextprotocol/clientCapabilities": {},
                "io.modelcontextprotocol/clientInfo": {"name": "t", "version": "1"},
            });
            for (k, v) in extra.as_object().unwrap() {
                if v.is_null() {
                    m.as_object_mut().unwrap().remove(k);
                } else {
                    m[k] = v.clone();
                }
            }
            serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": "tools/call",
                "params": {"name": "double", "arguments": {"n": 2}, "_meta": m}})
        };
        let v = answer_in(&d, meta(serde_json::json!({})), Era::Inline, Some("double"))
            .await
            .expect("answered directly");
        assert_eq!(v["result"]["structuredContent"]["twice"], 4, "{v}");
        assert_eq!(v["result"]["resultType"], "complete", "{v}");
        let no_info = meta(serde_json::json!({"io.modelcontextprotocol/clientInfo": null}));
        assert!(
            answer_in(&d, no_info, Era::Inline, Some("double"))
                .await
                .is_some()
        );

        let ok = meta(serde_json::json!({}));
        for (body, name) in [
            (ok.clone(), Some("other")),
            (ok.clone(), None),
            (
                meta(serde_json::json!({"progressToken": "p"})),
                Some("double"),
            ),
            (
                meta(serde_json::json!({"traceparent": "00-x"})),
                Some("double"),
            ),
            (
                meta(serde_json::json!({"io.modelcontextprotocol/protocolVersion": "2025-11-25"})),
                Some("double"),
            ),
            (
                meta(serde_json::json!({"io.modelcontextprotocol/clientCapabilities": null})),
                Some("double"),
            ),
            (
                meta(serde_json::json!({"io.modelcontextprotocol/clientCapabilities": 7})),
                Some("double"),
            ),
            (
                meta(serde_json::json!({"io.modelcontextprotocol/clientInfo": "me"})),
                Some("double"),
            ),
        ] {
            assert!(
                answer_in(&d, body.clone(), Era::Inline, name)
                    .await
                    .is_none(),
                "{body} {name:?}"
            );
        }
        // A 2025 client's call with `_meta` is rmcp's (it may negotiate per request).
        assert!(answer_in(&d, ok, Era::Legacy, None).await.is_none());
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
        assert_eq!(d.eligible(&req(&base)), Some(Era::Legacy));
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
            assert_eq!(d.eligible(&with(refused)), None, "{refused:?}");
        }
        assert!(d.eligible(&with(("host", "127.0.0.1:8080"))).is_some());
        assert!(d.clone().enabled(false).eligible(&req(&base)).is_none());
        // 2026-07-28: the routing headers are required, plain, and no parameter headers.
        let mut inline: Vec<(&str, &str)> = base
            .iter()
            .filter(|(k, _)| *k != "mcp-protocol-version")
            .copied()
            .collect();
        inline.extend([
            ("mcp-protocol-version", "2026-07-28"),
            ("mcp-method", "tools/call"),
            ("mcp-name", "double"),
        ]);
        assert_eq!(d.eligible(&req(&inline)), Some(Era::Inline));
        for (drop, add) in [
            ("mcp-method", None),
            ("mcp-name", None),
            ("mcp-method", Some(("mcp-method", "tools/list"))),
            ("mcp-name", Some(("mcp-name", "=?base64?ZG91Ymxl?="))),
            ("", Some(("mcp-param-region", "eu"))),
        ] {
            let mut h: Vec<(&str, &str)> =
                inline.iter().filter(|(k, _)| *k != drop).copied().collect();
            h.extend(add);
            assert_eq!(d.eligible(&req(&h)), None, "{drop} {add:?}");
        }
        let mut no_length = base.clone();
        no_length.retain(|(k, _)| *k != "content-length");
        assert!(d.eligible(&req(&no_length)).is_none());
    }
}
