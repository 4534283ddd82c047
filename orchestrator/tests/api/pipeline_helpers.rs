//! Helpers for the pipeline tests: the orchestrator on port 0 with pipeline settings, MCP
//! calls over `/mcp/call`, and bounded polling.

use std::sync::Arc;
use std::time::Duration;

use orchestrator::pipeline::Pipeline;
use serde_json::{Value, json};

/// A running orchestrator.
pub struct Orch {
    pub url: String,
    pub http: reqwest::Client,
    pub pipeline: Arc<Pipeline>,
}

/// Starts the orchestrator with `env` on top of loopback defaults.
pub async fn spawn(env: &[(&str, String)]) -> Orch {
    testkit::init_logs();
    let mut pairs: Vec<(String, String)> = vec![
        ("PORT".into(), "0".into()),
        ("HOST".into(), "127.0.0.1".into()),
        ("HTTP_WORKERS".into(), "2".into()),
        // Not about identity: every caller is let in (tests/api/identity.rs is).
        ("AUTH_DISABLED".into(), "true".into()),
        ("QUERY_RATE_PER_MINUTE".into(), "0".into()),
        ("SERVICE_TIMEOUT_MS".into(), "3000".into()),
        ("PIPELINE_WAIT".into(), "10s".into()),
    ];
    pairs.extend(env.iter().map(|(k, v)| (k.to_string(), v.clone())));
    let settings = orchestrator::Settings::from_pairs(pairs).expect("settings");
    let built = orchestrator::build(settings)
        .await
        .expect("orchestrator builds");
    let pipeline = built.pipeline.clone();
    let port = built.app.spawn();
    Orch {
        url: format!("http://127.0.0.1:{port}"),
        http: common::tls::client(),
        pipeline,
    }
}

impl Orch {
    /// `POST /mcp/call` → the `CallToolResult` JSON.
    pub async fn call(&self, tool: &str, arguments: Value) -> Value {
        self.http
            .post(format!("{}/mcp/call", self.url))
            .json(&json!({ "tool": tool, "arguments": arguments }))
            .send()
            .await
            .expect("orchestrator answers")
            .json()
            .await
            .expect("a JSON result")
    }

    /// A tool's structured content, asserting success.
    pub async fn call_ok(&self, tool: &str, arguments: Value) -> Value {
        let r = self.call(tool, arguments).await;
        assert_ne!(r["isError"], json!(true), "{tool} failed: {r}");
        r["structuredContent"].clone()
    }

    pub async fn status(&self) -> Value {
        self.call_ok("get_status", json!({})).await
    }

    /// Polls `get_status` until `done(status)` holds (bounded: 200 polls of 50 ms).
    pub async fn wait_status(&self, done: impl Fn(&Value) -> bool) -> Value {
        for _ in 0..200 {
            let s = self.status().await;
            if done(&s) {
                return s;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "the pipeline status never reached the expected state: {}",
            self.status().await
        );
    }
}

/// A TCP server that accepts connections and never answers: a service that hangs.
pub async fn hanging_service() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((sock, _)) = listener.accept().await {
            held.push(sock);
        }
    });
    format!("http://127.0.0.1:{port}")
}
