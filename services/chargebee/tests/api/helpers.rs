//! `spawn_app`: the sandbox and the service on loopback port 0, and a `/mcp/call` helper.

use sandbox::credentials::CHARGEBEE_API_KEY;
use sandbox::{LoggedRequest, Sandbox, Upstream};
use serde_json::{Value, json};

pub struct TestApp {
    pub sandbox: Sandbox,
    /// The service's base URL.
    pub url: String,
    pub http: reqwest::Client,
}

/// Starts the sandbox and the service pointed at it; `extra` overrides settings.
pub async fn spawn_app(extra: &[(&str, &str)]) -> TestApp {
    let sandbox = Sandbox::new();
    let sandbox_url = sandbox.spawn();
    let mut pairs: Vec<(&str, &str)> = vec![
        ("CHARGEBEE_BASE_URL", sandbox_url.as_str()),
        ("CHARGEBEE_API_KEY", CHARGEBEE_API_KEY),
        ("CHARGEBEE_RETRY_BASE_MS", "5"),
        ("CHARGEBEE_RETRY_MAX_MS", "20"),
    ];
    pairs.extend_from_slice(extra);
    let settings = chargebee::Settings::from_pairs(pairs);
    let url = testkit::spawn(chargebee::kit(&settings));
    TestApp {
        sandbox,
        url,
        http: reqwest::Client::new(),
    }
}

impl TestApp {
    /// `POST /mcp/call`: the `CallToolResult` JSON.
    pub async fn call(&self, tool: &str, arguments: Value) -> Value {
        let r = self
            .http
            .post(format!("{}/mcp/call", self.url))
            .json(&json!({"tool": tool, "arguments": arguments}))
            .send()
            .await
            .expect("the service answers");
        assert_eq!(r.status(), 200, "/mcp/call answers 200 with a tool result");
        r.json().await.expect("JSON result")
    }

    /// Calls a tool that must succeed; returns its structured content.
    pub async fn ok(&self, tool: &str, arguments: Value) -> Value {
        let res = self.call(tool, arguments).await;
        assert_eq!(res["isError"], false, "{tool} failed: {res}");
        res["structuredContent"].clone()
    }

    /// Calls a tool that must fail; returns its error code.
    pub async fn error_code(&self, tool: &str, arguments: Value) -> String {
        let res = self.call(tool, arguments).await;
        assert_eq!(res["isError"], true, "{tool} should fail: {res}");
        res["structuredContent"]["code"]
            .as_str()
            .expect("a typed code")
            .to_string()
    }

    pub fn chargebee_requests(&self) -> Vec<LoggedRequest> {
        self.sandbox.requests(Some(Upstream::Chargebee))
    }
}

/// One query parameter of a logged request, decoded.
pub fn query_param(req: &LoggedRequest, key: &str) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(&req.query).ok()?;
    pairs.into_iter().find(|(k, _)| k == key).map(|(_, v)| v)
}
