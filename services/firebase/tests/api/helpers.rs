//! `spawn_app`: the service on loopback, the sandbox in-process, a fresh emulator project.

use common::google_auth::TokenSource;
use sandbox::Sandbox;
use serde_json::Value;

/// How to start the service for one test.
pub struct Options {
    /// Tasks and profiles in the Firestore emulator (a fresh project) rather than memory.
    pub firestore: bool,
    /// Set `FIREBASE_PROJECT_ID` (Identity Toolkit configured).
    pub identity: bool,
    /// Token source; the sandbox metadata server when `None`.
    pub tokens: Option<TokenSource>,
    /// Extra settings.
    pub env: Vec<(&'static str, String)>,
    /// The emulator project; a fresh one when `None`.
    pub project: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            firestore: true,
            identity: true,
            tokens: None,
            env: Vec::new(),
            project: None,
        }
    }
}

pub struct TestApp {
    pub base: String,
    pub sandbox: Sandbox,
    pub http: reqwest::Client,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(Options::default()).await
}

pub async fn spawn_app_with(opts: Options) -> TestApp {
    let sandbox = Sandbox::new();
    let sandbox_base = sandbox.spawn();
    let mut env: Vec<(String, String)> =
        vec![("IDENTITY_TOOLKIT_BASE_URL".into(), sandbox_base.clone())];
    if opts.identity {
        env.push((
            "FIREBASE_PROJECT_ID".into(),
            sandbox::credentials::PROJECT_ID.into(),
        ));
    }
    if opts.firestore {
        env.push((
            "FIRESTORE_EMULATOR_HOST".into(),
            testkit::firestore_emulator(),
        ));
        env.push((
            "FIRESTORE_PROJECT_ID".into(),
            opts.project
                .clone()
                .unwrap_or_else(|| testkit::unique_project("demo-fb")),
        ));
    }
    if !opts.firestore {
        env.push(("STORAGE_BACKEND".into(), "memory".into()));
    }
    env.extend(opts.env.into_iter().map(|(k, v)| (k.to_string(), v)));
    let settings: firebase::FirebaseSettings =
        common::config::from_pairs(env).expect("test settings");
    let tokens = opts.tokens.unwrap_or_else(|| TokenSource::Metadata {
        host: sandbox_base.trim_start_matches("http://").to_string(),
    });
    testkit::init_logs();
    let svc = firebase::Firebase::build(&settings, Default::default(), Some(tokens))
        .await
        .expect("the service builds");
    let base = testkit::spawn(svc.kit(&settings));
    TestApp {
        base,
        sandbox,
        http: common::tls::client(),
    }
}

impl TestApp {
    /// The storage backend `/ready` reports (`firestore` or `memory`).
    pub async fn storage_backend(&self) -> String {
        let body: Value = self
            .http
            .get(format!("{}/ready", self.base))
            .send()
            .await
            .expect("/ready answers")
            .json()
            .await
            .expect("a JSON body");
        let checks = body["checks"].as_array().cloned().unwrap_or_default();
        let storage = checks.iter().find(|c| c["name"] == "storage");
        storage.expect("a storage check")["detail"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// `POST /mcp/call`; returns the `CallToolResult` JSON.
    pub async fn call(&self, tool: &str, arguments: Value) -> Value {
        let resp = self
            .http
            .post(format!("{}/mcp/call", self.base))
            .json(&serde_json::json!({"tool": tool, "arguments": arguments}))
            .send()
            .await
            .expect("the service answers");
        assert_eq!(resp.status(), 200, "/mcp/call answers 200 for tool results");
        resp.json().await.expect("a JSON result")
    }

    /// Calls a tool that must succeed; returns its structured content.
    pub async fn ok(&self, tool: &str, arguments: Value) -> Value {
        let r = self.call(tool, arguments).await;
        assert_ne!(r["isError"], true, "{tool} failed: {r}");
        r["structuredContent"].clone()
    }

    /// Calls a tool that must fail; returns its error code.
    pub async fn error_code(&self, tool: &str, arguments: Value) -> String {
        let r = self.call(tool, arguments).await;
        assert_eq!(r["isError"], true, "{tool} should fail: {r}");
        r["structuredContent"]["code"]
            .as_str()
            .expect("a typed code")
            .to_string()
    }
}

/// A `create_task` argument for `email` with a key and title.
pub fn new_task(key: &str, email: &str, title: &str) -> Value {
    serde_json::json!({"task": {
        "idempotency_key": key,
        "email": email,
        "title": title,
        "priority": "normal",
        "description": "From the pipeline",
        "source": {"message_id": format!("msg-{key}"), "run_id": "run-1"},
    }})
}
