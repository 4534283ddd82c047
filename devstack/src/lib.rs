//! `devstack`: the whole product on one machine. Builds the binaries once, then starts the
//! sandbox (every external API, with its demo data), the six services and the orchestrator as
//! child processes on their conventional ports, waits for each to be healthy, prints how to
//! ask a question, and forwards SIGINT/SIGTERM to the children.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sandbox::credentials;

/// One process of the stack.
#[derive(Debug, Clone)]
pub struct Component {
    /// Binary (and package) name.
    pub name: &'static str,
    pub port: u16,
    /// The liveness route to poll before the next stage starts.
    pub health: &'static str,
}

/// Start order: the sandbox, then the services, then the orchestrator (whose tool catalog is
/// read from the services at start-up).
pub const STAGES: &[&[Component]] = &[
    &[Component {
        name: "sandbox",
        port: 8200,
        health: "/__sandbox/health",
    }],
    &[
        Component {
            name: "chargebee",
            port: 8101,
            health: "/health",
        },
        Component {
            name: "hubspot",
            port: 8102,
            health: "/health",
        },
        Component {
            name: "firebase",
            port: 8103,
            health: "/health",
        },
        Component {
            name: "gmail",
            port: 8104,
            health: "/health",
        },
        Component {
            name: "classification",
            port: 8105,
            health: "/health",
        },
        Component {
            name: "llm-agent",
            port: 8106,
            health: "/health",
        },
    ],
    &[Component {
        name: "orchestrator",
        port: 8080,
        health: "/health",
    }],
];

/// Every component, in start order.
pub fn components() -> Vec<Component> {
    STAGES.iter().flat_map(|s| s.iter().cloned()).collect()
}

/// The environment every child gets unless the caller's environment already sets the name:
/// `.env.example`'s defaults, pointed at the sandbox on loopback.
pub fn default_env() -> BTreeMap<&'static str, String> {
    let sandbox = "http://127.0.0.1:8200".to_string();
    let mut env = BTreeMap::from([
        ("HOST", "127.0.0.1".to_string()),
        ("LOG_FORMAT", "pretty".to_string()),
        ("RUST_LOG", "info".to_string()),
        ("CHARGEBEE_SITE", credentials::CHARGEBEE_SITE.to_string()),
        (
            "CHARGEBEE_API_KEY",
            credentials::CHARGEBEE_API_KEY.to_string(),
        ),
        ("CHARGEBEE_BASE_URL", sandbox.clone()),
        ("HUBSPOT_TOKEN", credentials::HUBSPOT_TOKEN.to_string()),
        ("HUBSPOT_BASE_URL", sandbox.clone()),
        ("FIREBASE_PROJECT_ID", credentials::PROJECT_ID.to_string()),
        ("IDENTITY_TOOLKIT_BASE_URL", sandbox.clone()),
        ("GMAIL_BASE_URL", sandbox.clone()),
        ("GMAIL_TOKEN_URL", format!("{sandbox}/token")),
        ("GCE_METADATA_HOST", "127.0.0.1:8200".to_string()),
        // No model unless one is configured: the rules provider answers.
        ("LLM_PROVIDER", "rules".to_string()),
        ("VERTEX_BASE_URL", sandbox.clone()),
        ("VERTEX_PROJECT", credentials::PROJECT_ID.to_string()),
        ("VERTEX_LOCATION", "us-central1".to_string()),
        ("VERTEX_ENDPOINT_ID", "1234567890".to_string()),
        ("GEMINI_BASE_URL", sandbox.clone()),
        ("GEMINI_API_KEY", credentials::GEMINI_API_KEY.to_string()),
        ("OPENAI_BASE_URL", format!("{sandbox}/v1")),
    ]);
    for c in components() {
        if c.name != "sandbox" && c.name != "orchestrator" {
            let var = format!(
                "{}_SERVICE_URL",
                c.name.replace('-', "_").to_ascii_uppercase()
            );
            env.insert(
                Box::leak(var.into_boxed_str()),
                format!("http://127.0.0.1:{}", c.port),
            );
        }
    }
    env
}

/// Where the already-built binaries are: next to this one (`target/<profile>/`).
pub fn bin_dir() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("target/debug"))
}

/// Whether `GET http://127.0.0.1:{port}{path}` answers 200 (a tiny blocking probe, so the
/// launcher needs no HTTP client).
pub fn healthy(port: u16, path: &str) -> bool {
    let Ok(mut s) = TcpStream::connect_timeout(
        &std::net::SocketAddr::from(([127, 0, 0, 1], port)),
        Duration::from_millis(300),
    ) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(1)));
    let req = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    if s.write_all(req.as_bytes()).is_err() {
        return false;
    }
    let mut head = [0u8; 16];
    let n = s.read(&mut head).unwrap_or(0);
    head[..n].starts_with(b"HTTP/1.1 200")
}

/// Polls until `c` is healthy or `within` passes.
pub async fn wait_healthy(c: &Component, within: Duration) -> bool {
    let started = Instant::now();
    while started.elapsed() < within {
        let (port, path) = (c.port, c.health);
        if tokio::task::spawn_blocking(move || healthy(port, path))
            .await
            .unwrap_or(false)
        {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    false
}

/// What to print once everything is up.
pub fn banner(firestore: Option<&str>, model: &str) -> String {
    format!(
        r#"
MCP Orchestrator is running (model: {model}; answer cache L1: {l1}).

  orchestrator  http://127.0.0.1:8080   (POST /query, MCP at /mcp, docs at /docs)
  services      chargebee :8101  hubspot :8102  firebase :8103  gmail :8104
                classification :8105  llm-agent :8106
  sandbox       http://127.0.0.1:8200   (seeded people: GET /__sandbox/people)

Ask a question about a seeded person:

  curl -s http://127.0.0.1:8080/query \
    -H 'content-type: application/json' \
    -d '{{"query": "Does Alice have unpaid invoices or open support tickets?", "email": "alice@example.com"}}'

Ctrl-C stops everything.
"#,
        l1 = firestore.unwrap_or("off (in memory only)")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_service_is_pointed_at_by_its_url() {
        let env = default_env();
        assert_eq!(env["CHARGEBEE_SERVICE_URL"], "http://127.0.0.1:8101");
        assert_eq!(env["LLM_AGENT_SERVICE_URL"], "http://127.0.0.1:8106");
        assert_eq!(env["LLM_PROVIDER"], "rules");
    }

    #[test]
    fn a_closed_port_is_not_healthy() {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        drop(l);
        assert!(!healthy(port, "/health"));
    }
}
