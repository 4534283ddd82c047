//! `spawn_app`: the gmail service on loopback, pointed at an in-process sandbox.

use sandbox::data::mailbox::MAILBOX;
use sandbox::{LoggedRequest, Sandbox, Upstream};
use serde_json::{Value, json};

/// A stand-in for Gmail that answers every request 200 with `body` (the sandbox only serves
/// well-formed messages); returns its base URL. Tokens still come from a sandbox.
pub fn stub_gmail(body: Value) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let port = listener.local_addr().expect("local addr").port();
    let server = actix_web::HttpServer::new(move || {
        let body = body.clone();
        actix_web::App::new().default_service(actix_web::web::to(move || {
            let body = body.clone();
            async move { actix_web::HttpResponse::Ok().json(body) }
        }))
    })
    .workers(1)
    .listen(listener)
    .expect("stub server")
    .run();
    tokio::spawn(server);
    format!("http://127.0.0.1:{port}")
}

/// How the service authenticates.
#[derive(Clone, Copy)]
pub enum Auth {
    /// A user's refresh token (`GMAIL_CLIENT_ID`, `GMAIL_CLIENT_SECRET`, `GMAIL_REFRESH_TOKEN`).
    RefreshToken,
    /// The sandbox test service account with domain-wide delegation (`GMAIL_CREDENTIALS_FILE`).
    ServiceAccount,
    /// No credentials at all.
    None,
}

pub struct TestApp {
    pub base: String,
    pub sandbox: Sandbox,
    pub http: reqwest::Client,
}

pub async fn spawn_app() -> TestApp {
    spawn_with(Auth::RefreshToken, &[]).await
}

/// Starts the sandbox and the service; `extra` settings override the defaults.
pub async fn spawn_with(auth: Auth, extra: &[(&str, &str)]) -> TestApp {
    let sandbox = Sandbox::new();
    let sb = sandbox.spawn();
    let mut pairs: Vec<(String, String)> = vec![
        ("GMAIL_BASE_URL".into(), sb.clone()),
        ("GMAIL_TOKEN_URL".into(), format!("{sb}/token")),
        ("GMAIL_USER".into(), MAILBOX.into()),
        ("GMAIL_TIMEOUT_MS".into(), "2000".into()),
    ];
    match auth {
        Auth::RefreshToken => pairs.extend([
            (
                "GMAIL_CLIENT_ID".into(),
                sandbox::oauth::GMAIL_CLIENT_ID.into(),
            ),
            (
                "GMAIL_CLIENT_SECRET".into(),
                sandbox::oauth::GMAIL_CLIENT_SECRET.into(),
            ),
            (
                "GMAIL_REFRESH_TOKEN".into(),
                sandbox::oauth::GMAIL_REFRESH_TOKEN.into(),
            ),
        ]),
        Auth::ServiceAccount => pairs.push((
            "GMAIL_CREDENTIALS_FILE".into(),
            sandbox::oauth::TEST_SERVICE_ACCOUNT_PATH.into(),
        )),
        Auth::None => {}
    }
    pairs.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let settings: gmail::GmailSettings =
        common::config::from_pairs(pairs.clone()).expect("settings");
    let breakers = common::config::from_pairs(pairs).expect("breaker settings");
    let kit = gmail::kit(&settings, breakers).expect("kit builds");
    TestApp {
        base: testkit::spawn(kit),
        sandbox,
        http: common::tls::client(),
    }
}

impl TestApp {
    /// `POST /mcp/call`; returns (isError, structuredContent).
    pub async fn call(&self, tool: &str, arguments: Value) -> (bool, Value) {
        let r = self
            .http
            .post(format!("{}/mcp/call", self.base))
            .json(&json!({"tool": tool, "arguments": arguments}))
            .send()
            .await
            .expect("service answers");
        assert_eq!(r.status(), 200, "{tool} answered {}", r.status());
        let body: Value = r.json().await.expect("JSON result");
        (
            body["isError"].as_bool().unwrap_or(false),
            body["structuredContent"].clone(),
        )
    }

    /// A successful call's result (panics with the error otherwise).
    pub async fn ok(&self, tool: &str, arguments: Value) -> Value {
        let (err, v) = self.call(tool, arguments).await;
        assert!(!err, "{tool} failed: {v}");
        v
    }

    /// A failing call's error code.
    pub async fn error_code(&self, tool: &str, arguments: Value) -> String {
        let (err, v) = self.call(tool, arguments).await;
        assert!(err, "{tool} should fail but returned {v}");
        v["code"].as_str().unwrap_or_default().to_string()
    }

    pub fn gmail_log(&self) -> Vec<LoggedRequest> {
        self.sandbox.requests(Some(Upstream::Gmail))
    }

    pub fn token_log(&self) -> Vec<LoggedRequest> {
        self.sandbox.requests(Some(Upstream::Oauth))
    }

    /// The seeded message exercising `edge`.
    pub fn edge_id(tag: &str) -> String {
        sandbox::data::mailbox::mailbox()
            .iter()
            .find(|m| m.edge == Some(tag))
            .unwrap_or_else(|| panic!("no seeded message for {tag}"))
            .id
            .clone()
    }
}
