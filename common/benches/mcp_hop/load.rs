//! The load client: an MCP 2025-11-25 handshake, then `tools/call` POSTs with a fixed number
//! in flight; or, with `MCP_HOP_ERA=2026-07-28`, no handshake and every call carrying its
//! lifecycle in `_meta` with the routing headers. The same code, headers and bodies for every
//! server.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderValue};
use serde_json::{Value, json};

use crate::servers::{EMAILS, TOOL};

/// The protocol era all three servers speak (FastMCP 4.0 and the kit both negotiate it).
const PROTOCOL: &str = "2025-11-25";
/// The stateless era (`MCP_HOP_ERA=2026-07-28`): the kit and bare rmcp speak it.
pub const INLINE: &str = "2026-07-28";

/// Whether the run speaks 2026-07-28 (`MCP_HOP_ERA`).
pub fn inline_era() -> bool {
    std::env::var("MCP_HOP_ERA").is_ok_and(|e| e == INLINE)
}

/// One server under load: its `/mcp` URL and the headers its handshake settled.
pub struct Target {
    pub name: &'static str,
    url: String,
    headers: HeaderMap,
    /// 2026-07-28: each call carries `_meta`.
    inline: bool,
}

/// What one load run measured.
pub struct Run {
    /// Wall-clock time from the first request sent to the last answer read.
    pub elapsed: Duration,
    /// Per-request latencies in ms, sorted.
    pub latencies: Vec<f64>,
}

pub fn client() -> reqwest::Client {
    common::tls::client_builder()
        .pool_max_idle_per_host(256)
        .build()
        .expect("client")
}

/// `initialize` and `notifications/initialized`, as an MCP client does before calling tools;
/// keeps `Mcp-Session-Id` if the server hands one out (the kit is stateless and does not).
/// Then checks that one `tools/call` answers the right record.
pub async fn handshake(http: &reqwest::Client, name: &'static str, url: String) -> Target {
    let mut headers = HeaderMap::new();
    headers.insert(
        "accept",
        HeaderValue::from_static("application/json, text/event-stream"),
    );
    headers.insert("content-type", HeaderValue::from_static("application/json"));
    if inline_era() {
        headers.insert("mcp-protocol-version", HeaderValue::from_static(INLINE));
        headers.insert("mcp-method", HeaderValue::from_static("tools/call"));
        headers.insert("mcp-name", HeaderValue::from_static(TOOL));
        let target = Target {
            name,
            url,
            headers,
            inline: true,
        };
        return checked(http, target).await;
    }
    let init = json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
        "protocolVersion": PROTOCOL, "capabilities": {},
        "clientInfo": {"name": "mcp_hop", "version": "1"}}});
    let resp = http
        .post(&url)
        .headers(headers.clone())
        .body(init.to_string())
        .send()
        .await
        .unwrap_or_else(|e| panic!("{name}: initialize: {e}"));
    if let Some(session) = resp.headers().get("mcp-session-id").cloned() {
        headers.insert("mcp-session-id", session);
    }
    let v = json_of(name, resp).await;
    assert_eq!(v["result"]["protocolVersion"], PROTOCOL, "{name}: {v}");
    headers.insert("mcp-protocol-version", HeaderValue::from_static(PROTOCOL));
    let note = json!({"jsonrpc": "2.0", "method": "notifications/initialized"});
    let resp = http
        .post(&url)
        .headers(headers.clone())
        .body(note.to_string())
        .send()
        .await
        .unwrap_or_else(|e| panic!("{name}: initialized: {e}"));
    assert!(resp.status().is_success(), "{name}: {}", resp.status());
    let target = Target {
        name,
        url,
        headers,
        inline: false,
    };
    checked(http, target).await
}

/// The HTTP floor (`servers::floor`), sent the very requests `like` is sent: no handshake, as
/// it speaks no MCP; once one call answered the right record.
pub async fn floor(http: &reqwest::Client, url: String, like: &Target) -> Target {
    let target = Target {
        name: "HTTP floor",
        url,
        headers: like.headers.clone(),
        inline: like.inline,
    };
    checked(http, target).await
}

/// `target` once one `tools/call` answered the right record.
async fn checked(http: &reqwest::Client, target: Target) -> Target {
    target.check_call(http, 7).await;
    target
}

/// The JSON-RPC `tools/call` of request `i`; with `inline`, its 2026-07-28 `_meta`.
fn call_body(i: usize, inline: bool) -> Bytes {
    let mut body = json!({"jsonrpc": "2.0", "id": i + 1, "method": "tools/call", "params": {
        "name": TOOL, "arguments": {"email": EMAILS[i % EMAILS.len()]}}});
    if inline {
        body["params"]["_meta"] = json!({
            "io.modelcontextprotocol/protocolVersion": INLINE,
            "io.modelcontextprotocol/clientCapabilities": {},
            "io.modelcontextprotocol/clientInfo": {"name": "mcp_hop", "version": "1"},
        });
    }
    body.to_string().into()
}

async fn json_of(name: &str, resp: reqwest::Response) -> Value {
    let status = resp.status();
    let body = resp.bytes().await.expect("body");
    assert!(
        status.is_success(),
        "{name}: {status} {}",
        String::from_utf8_lossy(&body)
    );
    serde_json::from_slice(&body)
        .unwrap_or_else(|e| panic!("{name}: not JSON ({e}): {}", String::from_utf8_lossy(&body)))
}

impl Target {
    /// The `/mcp` URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The headers every call carries (as sent: lowercase names), in a stable order.
    pub fn headers(&self) -> Vec<(&str, &str)> {
        let mut all: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.to_str().expect("ASCII header")))
            .collect();
        all.sort();
        all
    }

    /// The body of call `i`, byte for byte as [`Target::load`] sends it.
    pub fn call_body(&self, i: usize) -> Bytes {
        call_body(i, self.inline)
    }

    /// Sends call `i` and panics unless it answers the right record.
    pub async fn check_call(&self, http: &reqwest::Client, i: usize) {
        let name = self.name;
        let resp = self.post(http, call_body(i, self.inline)).await;
        let v = json_of(name, resp).await;
        let record = &v["result"]["structuredContent"];
        assert_eq!(record["email"], EMAILS[i % EMAILS.len()], "{name}: {v}");
        assert_eq!(record["status"], "active", "{name}: {v}");
        assert_ne!(v["result"]["isError"], true, "{name}: {v}");
    }

    async fn post(&self, http: &reqwest::Client, body: Bytes) -> reqwest::Response {
        http.post(&self.url)
            .headers(self.headers.clone())
            .body(body)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", self.name))
    }

    /// `total` calls with `concurrency` in flight. Every answer must be a 200 whose body is
    /// read to the end and holds a result (not a JSON-RPC error).
    pub async fn load(&self, http: &reqwest::Client, total: usize, concurrency: usize) -> Run {
        let inline = self.inline;
        let bodies: Arc<Vec<Bytes>> = Arc::new((0..total).map(|i| call_body(i, inline)).collect());
        let next = Arc::new(AtomicUsize::new(0));
        let this = Arc::new(Target {
            name: self.name,
            url: self.url.clone(),
            headers: self.headers.clone(),
            inline,
        });
        let started = Instant::now();
        let workers = (0..concurrency).map(|_| {
            let (http, next, bodies, this) =
                (http.clone(), next.clone(), bodies.clone(), this.clone());
            tokio::spawn(async move {
                let mut lat = Vec::with_capacity(total / concurrency + 1);
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= total {
                        break;
                    }
                    let t = Instant::now();
                    let resp = this.post(&http, bodies[i].clone()).await;
                    let status = resp.status();
                    let body = resp.bytes().await.expect("body");
                    lat.push(t.elapsed().as_secs_f64() * 1000.0);
                    assert!(
                        status.is_success() && contains(&body, b"\"result\""),
                        "{}: {status} {}",
                        this.name,
                        String::from_utf8_lossy(&body)
                    );
                }
                lat
            })
        });
        let mut latencies = Vec::with_capacity(total);
        for w in futures::future::join_all(workers).await {
            latencies.extend(w.expect("load worker"));
        }
        let elapsed = started.elapsed();
        latencies.sort_by(f64::total_cmp);
        Run { elapsed, latencies }
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The `p` quantile (0..=1) of sorted values.
pub fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}
