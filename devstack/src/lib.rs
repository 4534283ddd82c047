//! `devstack`: the whole product on one machine. Builds the binaries once, then starts the
//! sandbox (every external API, with its demo data), the six services and the orchestrator as
//! child processes on their conventional ports, waits for each to be healthy, prints how to
//! ask a question, and forwards SIGINT/SIGTERM to the children.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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

/// The file whose settings every child gets: `DEVSTACK_ENV_FILE`, else the workspace's
/// `.env.example` (its defaults point every client at the sandbox on loopback).
pub fn env_file() -> PathBuf {
    std::env::var_os("DEVSTACK_ENV_FILE")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../.env.example"))
}

/// The environment every child gets unless the caller's environment already sets the name:
/// the settings of [`env_file`] (blank values mean "unset" and are skipped).
pub fn default_env() -> anyhow::Result<BTreeMap<String, String>> {
    let path = env_file();
    let mut env = BTreeMap::new();
    let items = dotenvy::from_path_iter(&path)
        .map_err(|e| anyhow::anyhow!("reading {}: {e}", path.display()))?;
    for item in items {
        let (k, v) = item.map_err(|e| anyhow::anyhow!("parsing {}: {e}", path.display()))?;
        if !v.is_empty() {
            env.insert(k, v);
        }
    }
    Ok(env)
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
    fn the_stack_runs_on_env_example_pointed_at_the_sandbox() {
        let env = default_env().unwrap();
        assert_eq!(env["CHARGEBEE_SERVICE_URL"], "http://127.0.0.1:8101");
        assert_eq!(env["LLM_AGENT_SERVICE_URL"], "http://127.0.0.1:8106");
        assert_eq!(env["LLM_PROVIDER"], "rules");
        assert_eq!(env["CHARGEBEE_BASE_URL"], "http://127.0.0.1:8200");
        assert_eq!(
            env["CHARGEBEE_API_KEY"],
            sandbox::credentials::CHARGEBEE_API_KEY
        );
        assert_eq!(env["HUBSPOT_TOKEN"], sandbox::credentials::HUBSPOT_TOKEN);
        assert!(env.contains_key("GMAIL_REFRESH_TOKEN"));
        for c in components() {
            if c.name != "sandbox" && c.name != "orchestrator" {
                let var = format!(
                    "{}_SERVICE_URL",
                    c.name.replace('-', "_").to_ascii_uppercase()
                );
                assert_eq!(env[&var], format!("http://127.0.0.1:{}", c.port), "{var}");
            }
        }
    }

    #[test]
    fn a_closed_port_is_not_healthy() {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        drop(l);
        assert!(!healthy(port, "/health"));
    }
}
