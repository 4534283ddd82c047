//! A pass-through in front of one of our own services, so the fault rules reach a service's
//! answers too: `/__sandbox/proxy/{port}/{path}` forwards to `http://127.0.0.1:{port}/{path}`
//! (loopback only) and answers what the service answered. Point a caller's service URL at
//! `http://127.0.0.1:{sandbox}/__sandbox/proxy/{port}` and add rules for upstream `proxy`
//! (`path_contains: "/__sandbox/proxy/{port}/"` picks one service).

use std::time::Duration;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::reply::status_builder;

/// Route prefix of the pass-through.
pub const PREFIX: &str = "/__sandbox/proxy/";

/// The one client every forwarded request goes through (loopback, generous deadline: slowness
/// is what fault rules add, not what the proxy imposes).
pub struct ProxyClient(reqwest::Client);

impl Default for ProxyClient {
    fn default() -> Self {
        Self(
            common::tls::client_builder()
                .timeout(Duration::from_secs(60))
                .no_proxy()
                .build()
                .unwrap_or_default(),
        )
    }
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.app_data(web::Data::new(ProxyClient::default()))
        .route("/__sandbox/proxy/{port}/{tail:.*}", web::to(forward));
}

/// An error in the services' one body (`{"error": {"code", "message"}}`), as our services send.
pub fn error_response(status: u16) -> HttpResponse {
    let code = match status {
        429 => "rate_limited",
        503 => "upstream_unavailable",
        s if s < 500 => "invalid_arguments",
        _ => "internal",
    };
    status_builder(status).json(serde_json::json!({
        "error": {"code": code, "message": format!("sandbox proxy injected status {status}")},
        "request_id": null,
    }))
}

async fn forward(
    req: HttpRequest,
    path: web::Path<(u16, String)>,
    body: web::Bytes,
    client: web::Data<ProxyClient>,
) -> HttpResponse {
    let (port, tail) = path.into_inner();
    let mut url = format!("http://127.0.0.1:{port}/{tail}");
    if !req.query_string().is_empty() {
        url = format!("{url}?{}", req.query_string());
    }
    let Ok(method) = reqwest::Method::from_bytes(req.method().as_str().as_bytes()) else {
        return error_response(400);
    };
    let mut out = client.0.request(method, &url).body(body);
    for (name, value) in req.headers() {
        if name != header::HOST && name != header::CONTENT_LENGTH {
            out = out.header(name.as_str(), value.as_bytes());
        }
    }
    let resp = match out.send().await {
        Ok(r) => r,
        Err(e) => {
            tracing::info!(%url, error = %e, "sandbox proxy: the service did not answer");
            return error_response(502);
        }
    };
    let mut answer = status_builder(resp.status().as_u16());
    for (name, value) in resp.headers() {
        if name.as_str() != "content-length" && name.as_str() != "transfer-encoding" {
            answer.insert_header((name.as_str(), value.as_bytes()));
        }
    }
    match resp.bytes().await {
        Ok(b) => answer.body(b),
        Err(_) => error_response(502),
    }
}
