//! `spawn_app`: the sandbox and the service on loopback port 0, and a `/mcp/call` helper.

use sandbox::credentials::HUBSPOT_TOKEN;
use sandbox::{LoggedRequest, Sandbox, Upstream};
use serde_json::Value;

pub struct TestApp {
    pub sandbox: Sandbox,
    /// The service's base URL.
    pub url: String,
    /// Its tools over `/mcp/call`.
    pub tools: testkit::ToolCaller,
}

/// Starts the sandbox and the service pointed at it; `extra` overrides settings.
pub async fn spawn_app(extra: &[(&str, &str)]) -> TestApp {
    let sandbox = Sandbox::new();
    let sandbox_url = sandbox.spawn();
    let mut pairs: Vec<(&str, &str)> = vec![
        ("HUBSPOT_BASE_URL", sandbox_url.as_str()),
        ("HUBSPOT_TOKEN", HUBSPOT_TOKEN),
        ("HUBSPOT_RETRY_BASE_MS", "5"),
        ("HUBSPOT_RETRY_MAX_MS", "20"),
    ];
    pairs.extend_from_slice(extra);
    let settings = hubspot::Settings::from_pairs(pairs).expect("test settings");
    let url = testkit::spawn(hubspot::kit(&settings.hubspot, Default::default()));
    TestApp {
        sandbox,
        tools: testkit::ToolCaller::new(url.clone()),
        url,
    }
}

impl TestApp {
    pub async fn call(&self, tool: &str, arguments: Value) -> Value {
        self.tools.call(tool, arguments).await
    }

    pub async fn ok(&self, tool: &str, arguments: Value) -> Value {
        self.tools.ok(tool, arguments).await
    }

    pub async fn error_code(&self, tool: &str, arguments: Value) -> String {
        self.tools.error_code(tool, arguments).await
    }

    pub fn hubspot_requests(&self) -> Vec<LoggedRequest> {
        self.sandbox.requests(Some(Upstream::Hubspot))
    }
}

/// One query parameter of a logged request, decoded.
pub fn query_param(req: &LoggedRequest, key: &str) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(&req.query).ok()?;
    pairs.into_iter().find(|(k, _)| k == key).map(|(_, v)| v)
}
