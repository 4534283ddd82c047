//! Every component starts through the one executable, `mcp <component>`, with only `PORT`
//! set and serves the kit's routes; SIGTERM stops it.
//!
//! `mcp` is the one `cargo build --workspace --bins` puts beside this test's own directory
//! (scripts/test.sh builds it first).

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const COMPONENTS: [&str; 7] = [
    "orchestrator",
    "chargebee",
    "hubspot",
    "firebase",
    "gmail",
    "classification",
    "llm-agent",
];

fn mcp() -> PathBuf {
    // target/debug/deps/binaries-xxxx → target/debug/mcp
    let exe = std::env::current_exe().expect("test executable path");
    let dir = exe.parent().and_then(|d| d.parent()).expect("target dir");
    let path = dir.join("mcp");
    assert!(
        path.exists(),
        "{} is not built: run `cargo build --workspace --bins` (scripts/test.sh does)",
        path.display()
    );
    path
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn wait_healthy(client: &reqwest::Client, base: &str) -> bool {
    for _ in 0..200 {
        if let Ok(r) = client.get(format!("{base}/health")).send().await
            && r.status() == 200
        {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

#[tokio::test]
async fn every_component_starts_with_only_port_set_and_serves_the_kit_routes() {
    let client = common::tls::client();
    for name in COMPONENTS {
        let port = free_port();
        // Only PORT (plus HOST for loopback-only tests, PATH/HOME for the platform, and
        // AUTH_DISABLED: with no issuer configured every guarded route refuses, as it must).
        let child = Command::new(mcp())
            .arg(name)
            .env_clear()
            .env("PORT", port.to_string())
            .env("HOST", "127.0.0.1")
            .env("AUTH_DISABLED", "true")
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", std::env::var("HOME").unwrap_or_default())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{name} did not start: {e}"));
        let mut running = Running(child);
        let base = format!("http://127.0.0.1:{port}");
        if !wait_healthy(&client, &base).await {
            let _ = running.0.kill();
            let out = running.0.wait_with_output_lossy();
            panic!("{name} never became healthy; stderr:\n{out}");
        }

        let ready = client.get(format!("{base}/ready")).send().await.unwrap();
        assert!(
            ready.status() == 200 || ready.status() == 503,
            "{name} /ready: {}",
            ready.status()
        );
        let ready: serde_json::Value = ready.json().await.unwrap();
        assert!(ready["checks"].is_array(), "{name} /ready: {ready}");

        let tools: serde_json::Value = client
            .get(format!("{base}/mcp/tools"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(tools["tools"].is_array(), "{name} /mcp/tools: {tools}");

        let metrics = client.get(format!("{base}/metrics")).send().await.unwrap();
        assert_eq!(metrics.status(), 200);
        let text = metrics.text().await.unwrap();
        assert!(
            text.contains("# TYPE"),
            "{name} /metrics is not Prometheus text"
        );

        let bad = client
            .post(format!("{base}/mcp/call"))
            .header("content-type", "application/json")
            .body("{not json")
            .send()
            .await
            .unwrap();
        assert_eq!(bad.status(), 400, "{name}");
        let body: serde_json::Value = bad.json().await.unwrap();
        assert_eq!(body["error"]["code"], "invalid_request", "{name}: {body}");

        let get_mcp = client.get(format!("{base}/mcp")).send().await.unwrap();
        assert_eq!(get_mcp.status(), 405, "{name} GET /mcp");

        // Graceful stop on SIGTERM.
        let pid = running.0.id().to_string();
        let status = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(status.success());
        let mut exited = false;
        for _ in 0..200 {
            if running.0.try_wait().unwrap().is_some() {
                exited = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(exited, "{name} did not stop on SIGTERM");
    }
}

#[test]
fn an_unknown_component_or_an_extra_argument_is_a_usage_error() {
    for args in [&["gateway"][..], &["chargebee", "--port", "1"][..]] {
        let out = Command::new(mcp()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("Usage:") && err.contains("llm-agent"), "{err}");
    }
    let help = Command::new(mcp()).arg("help").output().unwrap();
    assert!(help.status.success());
    let text = String::from_utf8_lossy(&help.stdout);
    for name in COMPONENTS.iter().chain(&["sandbox", "stack"]) {
        assert!(
            text.contains(name),
            "{name} missing from the usage:\n{text}"
        );
    }
}

trait LossyOutput {
    fn wait_with_output_lossy(&mut self) -> String;
}

impl LossyOutput for Child {
    fn wait_with_output_lossy(&mut self) -> String {
        use std::io::Read;
        let mut s = String::new();
        if let Some(mut e) = self.stderr.take() {
            let _ = e.read_to_string(&mut s);
        }
        s
    }
}
