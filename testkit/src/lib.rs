//! Test-only helpers shared by every crate's integration tests (a dev-dependency only, so
//! none of this is compiled into the services).

pub mod wrk;

use std::path::PathBuf;
use std::process::Stdio;

use common::config::ServerSettings;
use common::kit::Kit;

/// Workspace root (this crate sits one level below it).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("testkit has a parent directory")
        .to_path_buf()
}

/// The workspace's prompt files (what `PROMPTS_DIR` points at in tests that use a model).
pub fn prompts_dir() -> String {
    workspace_root().join("prompts").display().to_string()
}

/// Logs for tests, only when `TEST_LOG` is set.
pub fn init_logs() {
    common::telemetry::init_for_tests();
}

/// Starts `kit` on `127.0.0.1:0` in the current runtime and returns its base URL.
pub fn spawn(kit: Kit) -> String {
    spawn_with(kit, |_| {})
}

/// As [`spawn`], with extra routes.
pub fn spawn_with<F>(kit: Kit, extra: F) -> String
where
    F: Fn(&mut actix_web::web::ServiceConfig) + Send + Sync + 'static,
{
    init_logs();
    let app = common::Application::build(kit, &ServerSettings::loopback(), extra)
        .expect("the app binds on loopback");
    let port = app.spawn();
    format!("http://127.0.0.1:{port}")
}

/// The Python with `mcp==2.3.0` installed: `$MCP_PYTHON`, else the workspace's `.venv`.
pub fn python() -> PathBuf {
    if let Some(p) = std::env::var_os("MCP_PYTHON") {
        return PathBuf::from(p);
    }
    let venv = workspace_root().join(".venv/bin/python");
    assert!(
        venv.exists(),
        "no Python for the MCP interop check: run the README's test command (scripts/test.sh), \
         which creates .venv with mcp==2.3.0, or set MCP_PYTHON"
    );
    venv
}

/// Runs the official Python MCP SDK against `url` (the service's `/mcp`) in both protocol
/// eras (`auto` = 2026-07-28, `legacy` = 2025-11-25) and panics with its output on failure.
///
/// `spec` is JSON: `{"tool": name, "arguments": {...}, "bad_arguments": {...},
/// "expect_tools": [names], "resource_uri"?: "...", "expect_templates"?: [uriTemplate]}`.
pub async fn python_interop(url: &str, spec: serde_json::Value) {
    let script = workspace_root().join("testkit/interop/mcp_interop.py");
    for mode in ["auto", "legacy"] {
        let out = tokio::process::Command::new(python())
            .arg(&script)
            .arg("--url")
            .arg(url)
            .arg("--mode")
            .arg(mode)
            .arg("--spec")
            .arg(spec.to_string())
            .stdin(Stdio::null())
            .output()
            .await
            .expect("python starts");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "MCP interop ({mode}) failed against {url}\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
        );
    }
}

/// As [`python_interop`], authenticating with `Authorization: Bearer <token>`.
pub async fn python_interop_with_token(url: &str, token: &str, spec: serde_json::Value) {
    run_interop(url, &["--spec", &spec.to_string(), "--token", token]).await;
}

/// The Python SDK, connecting without a token, must be refused with 401 in both eras.
pub async fn python_refused_without_token(url: &str) {
    run_interop(url, &["--expect-unauthorized"]).await;
}

async fn run_interop(url: &str, extra: &[&str]) {
    let script = workspace_root().join("testkit/interop/mcp_interop.py");
    for mode in ["auto", "legacy"] {
        let out = tokio::process::Command::new(python())
            .arg(&script)
            .arg("--url")
            .arg(url)
            .arg("--mode")
            .arg(mode)
            .args(extra)
            .stdin(Stdio::null())
            .output()
            .await
            .expect("python starts");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "MCP interop ({mode}) failed against {url}\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
        );
    }
}

/// `host:port` of the Firestore emulator the test command started.
pub fn firestore_emulator() -> String {
    std::env::var("FIRESTORE_EMULATOR_HOST").unwrap_or_else(|_| {
        panic!(
            "FIRESTORE_EMULATOR_HOST is not set: run the README's test command (scripts/test.sh), \
             which starts the Firestore emulator"
        )
    })
}

/// A project id no other test uses (the emulator isolates data per project).
pub fn unique_project(prefix: &str) -> String {
    format!(
        "{prefix}-{}",
        &uuid::Uuid::new_v4().simple().to_string()[..12]
    )
}

/// Calls a service's tools over `POST /mcp/call`, asserting the transport-level promises
/// (HTTP 200 with a `CallToolResult`) so tests can focus on the tool's answer.
#[derive(Clone)]
pub struct ToolCaller {
    /// The service's base URL.
    pub url: String,
    pub http: reqwest::Client,
}

impl ToolCaller {
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            http: common::tls::client(),
        }
    }

    /// `POST /mcp/call`: the `CallToolResult` JSON.
    pub async fn call(&self, tool: &str, arguments: serde_json::Value) -> serde_json::Value {
        let r = self
            .http
            .post(format!("{}/mcp/call", self.url))
            .json(&serde_json::json!({"tool": tool, "arguments": arguments}))
            .send()
            .await
            .expect("the service answers");
        assert_eq!(r.status(), 200, "/mcp/call answers 200 with a tool result");
        r.json().await.expect("JSON result")
    }

    /// Calls a tool that must succeed; returns its structured content.
    pub async fn ok(&self, tool: &str, arguments: serde_json::Value) -> serde_json::Value {
        let res = self.call(tool, arguments).await;
        assert_eq!(res["isError"], false, "{tool} failed: {res}");
        res["structuredContent"].clone()
    }

    /// Calls a tool that must fail; returns its error code.
    pub async fn error_code(&self, tool: &str, arguments: serde_json::Value) -> String {
        let res = self.call(tool, arguments).await;
        assert_eq!(res["isError"], true, "{tool} should fail: {res}");
        res["structuredContent"]["code"]
            .as_str()
            .expect("a typed code")
            .to_string()
    }
}

/// One span an [`OtlpReceiver`] received.
#[derive(Debug, Clone)]
pub struct ReceivedSpan {
    /// `service.name` of the exporting process.
    pub service: String,
    pub name: String,
    pub trace_id: String,
    pub span_id: String,
    /// Empty for a root span.
    pub parent_span_id: String,
    /// `SPAN_KIND_SERVER`, `SPAN_KIND_CLIENT`, …
    pub kind: String,
    /// String and integer attributes, as text.
    pub attributes: std::collections::BTreeMap<String, String>,
}

/// An OTLP/HTTP trace receiver on loopback (`POST /v1/traces`, protobuf), what an
/// OpenTelemetry Collector would be: tests point `OTEL_EXPORTER_OTLP_ENDPOINT` at [`url`].
///
/// [`url`]: OtlpReceiver::url
#[derive(Clone)]
pub struct OtlpReceiver {
    pub url: String,
    spans: std::sync::Arc<parking_lot::Mutex<Vec<ReceivedSpan>>>,
}

impl OtlpReceiver {
    /// Starts the receiver in the current runtime.
    pub fn start() -> Self {
        use actix_web::{App, HttpResponse, HttpServer, web};
        let spans = std::sync::Arc::new(parking_lot::Mutex::new(Vec::new()));
        let store = spans.clone();
        let server = HttpServer::new(move || {
            let store = store.clone();
            App::new()
                .app_data(web::PayloadConfig::new(64 * 1024 * 1024))
                .route(
                    "/v1/traces",
                    web::post().to(move |body: web::Bytes| {
                        let store = store.clone();
                        async move {
                            match decode_traces(&body) {
                                Ok(mut got) => {
                                    store.lock().append(&mut got);
                                    HttpResponse::Ok()
                                        .content_type("application/x-protobuf")
                                        .finish()
                                }
                                Err(e) => HttpResponse::BadRequest().body(e.to_string()),
                            }
                        }
                    }),
                )
        })
        .workers(1)
        .bind(("127.0.0.1", 0))
        .expect("the receiver binds on loopback");
        let port = server.addrs()[0].port();
        tokio::spawn(server.run());
        Self {
            url: format!("http://127.0.0.1:{port}"),
            spans,
        }
    }

    /// Every span received so far.
    pub fn spans(&self) -> Vec<ReceivedSpan> {
        self.spans.lock().clone()
    }
}

fn decode_traces(body: &[u8]) -> Result<Vec<ReceivedSpan>, prost::DecodeError> {
    use opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest;
    use opentelemetry_proto::tonic::common::v1::any_value::Value as Any;
    use prost::Message;
    let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
    let text = |v: &Option<opentelemetry_proto::tonic::common::v1::AnyValue>| match v
        .as_ref()
        .and_then(|v| v.value.as_ref())
    {
        Some(Any::StringValue(s)) => s.clone(),
        Some(Any::IntValue(i)) => i.to_string(),
        Some(Any::BoolValue(b)) => b.to_string(),
        Some(Any::DoubleValue(d)) => d.to_string(),
        _ => String::new(),
    };
    let request = ExportTraceServiceRequest::decode(body)?;
    let mut out = Vec::new();
    for rs in request.resource_spans {
        let service = rs
            .resource
            .iter()
            .flat_map(|r| r.attributes.iter())
            .find(|kv| kv.key == "service.name")
            .map(|kv| text(&kv.value))
            .unwrap_or_default();
        for ss in rs.scope_spans {
            for span in ss.spans {
                out.push(ReceivedSpan {
                    service: service.clone(),
                    kind: span.kind().as_str_name().to_string(),
                    name: span.name,
                    trace_id: hex(&span.trace_id),
                    span_id: hex(&span.span_id),
                    parent_span_id: hex(&span.parent_span_id),
                    attributes: span
                        .attributes
                        .iter()
                        .map(|kv| (kv.key.clone(), text(&kv.value)))
                        .collect(),
                });
            }
        }
    }
    Ok(out)
}
