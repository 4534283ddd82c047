//! A kit-built service with test tools, started on loopback.

use std::time::Duration;

use common::contract::Effect;
use common::kit::{Check, Kit, Readiness, ReadinessReport, ServiceInfo, ToolError, Toolbox};
use common::{Email, ErrorCode};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AddIn {
    /// First addend.
    pub a: i64,
    /// Second addend.
    pub b: i64,
}

#[derive(Serialize, JsonSchema)]
pub struct AddOut {
    pub sum: i64,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LookupIn {
    pub email: Email,
}

#[derive(Serialize, JsonSchema)]
pub struct LookupOut {
    pub email: String,
    pub domain: String,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Empty {}

#[derive(Serialize, JsonSchema)]
pub struct Nothing {}

pub const INFO: ServiceInfo = ServiceInfo {
    name: "kit-test",
    version: "0.0.0",
    instructions: "Test tools for the kit.",
    default_port: 0,
};

/// Ready unless told otherwise, so `/ready` can be seen failing.
pub struct Switch(pub bool);

#[async_trait::async_trait]
impl Readiness for Switch {
    async fn check(&self) -> ReadinessReport {
        ReadinessReport {
            checks: vec![if self.0 {
                Check::ok("upstream")
            } else {
                Check::failed("upstream", "not answering")
            }],
        }
    }
}

pub fn toolbox() -> Toolbox {
    Toolbox::new()
        .with_timeout(Duration::from_millis(300))
        .custom(
            "add",
            "Adds two integers.",
            Effect::Read,
            |i: AddIn, _| async move {
                i.a.checked_add(i.b)
                    .map(|sum| AddOut { sum })
                    .ok_or_else(|| ToolError::invalid("overflow"))
            },
        )
        .custom(
            "lookup",
            "Echoes a normalised email address.",
            Effect::Read,
            |i: LookupIn, _| async move {
                if i.email.domain() == "missing.example" {
                    return Err(ToolError::not_found("no such person"));
                }
                Ok(LookupOut {
                    domain: i.email.domain().to_string(),
                    email: i.email.to_string(),
                })
            },
        )
        .custom(
            "explode",
            "Panics (to prove panics are contained).",
            Effect::Read,
            |_: Empty, _| async move {
                if std::hint::black_box(true) {
                    panic!("boom");
                }
                Ok(Nothing {})
            },
        )
        .custom(
            "sleepy",
            "Sleeps past the kit's timeout.",
            Effect::Read,
            |_: Empty, _| async move {
                tokio::time::sleep(Duration::from_secs(5)).await;
                Ok(Nothing {})
            },
        )
        .custom(
            "upstream_down",
            "Fails as an outage would.",
            Effect::Read,
            |_: Empty, _| async move {
                Err::<Nothing, _>(ToolError::new(
                    ErrorCode::UpstreamUnavailable,
                    "billing is down",
                ))
            },
        )
}

/// Starts the test service; returns its base URL.
pub fn spawn(ready: bool) -> String {
    testkit::spawn(Kit::new(INFO, toolbox()).with_readiness(std::sync::Arc::new(Switch(ready))))
}

pub fn client() -> reqwest::Client {
    common::tls::client()
}

/// POSTs a JSON-RPC message to `/mcp` with the headers a 2025-11-25 client sends.
pub async fn mcp_post(base: &str, body: serde_json::Value) -> reqwest::Response {
    client()
        .post(format!("{base}/mcp"))
        .header("accept", "application/json, text/event-stream")
        .header("mcp-protocol-version", "2025-11-25")
        .json(&body)
        .send()
        .await
        .unwrap()
}
