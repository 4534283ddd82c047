//! `spawn_stack()`: the sandbox, the real data services and the orchestrator on port 0.

use std::collections::BTreeMap;

use common::google_auth::TokenSource;
use sandbox::{Sandbox, Upstream, credentials};
use serde_json::{Value, json};

fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
    p.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Options for one stack.
#[derive(Default)]
pub struct Options {
    /// Plan and write with the sandbox's OpenAI-compatible model instead of the rules.
    pub model: bool,
    /// Extra orchestrator settings.
    pub env: Vec<(&'static str, String)>,
}

/// A running stack.
pub struct Stack {
    pub sandbox: Sandbox,
    pub sandbox_url: String,
    pub url: String,
    pub http: reqwest::Client,
    /// Each data service's base URL.
    pub services: BTreeMap<&'static str, String>,
}

/// The real data services, pointed at the sandbox.
pub async fn spawn_services(sandbox_url: &str) -> BTreeMap<&'static str, String> {
    spawn_services_with(sandbox_url, &[]).await
}

/// [`spawn_services`] with extra chargebee settings.
pub async fn spawn_services_with(
    sandbox_url: &str,
    chargebee_env: &[(&str, &str)],
) -> BTreeMap<&'static str, String> {
    let mut out = BTreeMap::new();
    let mut cb_env = pairs(&[
        ("CHARGEBEE_BASE_URL", sandbox_url),
        ("CHARGEBEE_SITE", credentials::CHARGEBEE_SITE),
        ("CHARGEBEE_API_KEY", credentials::CHARGEBEE_API_KEY),
        ("CHARGEBEE_MAX_ATTEMPTS", "1"),
    ]);
    cb_env.extend(pairs(chargebee_env));
    let cb: chargebee::ChargebeeSettings =
        common::config::from_pairs(cb_env).expect("chargebee settings");
    out.insert(
        "chargebee",
        testkit::spawn(chargebee::kit(&cb, Default::default())),
    );

    // Each stack's tasks and profiles live in a Firestore project of its own, so tests
    // running at the same time never see each other's tasks.
    let firestore_project = testkit::unique_project("orch-firebase");
    testkit::firestore_emulator();
    let profiles = sandbox::data::profiles::profiles_file()
        .display()
        .to_string();
    let fb: firebase::FirebaseSettings = common::config::from_pairs(pairs(&[
        ("FIREBASE_PROJECT_ID", credentials::PROJECT_ID),
        ("FIRESTORE_PROJECT_ID", &firestore_project),
        ("SEED_PROFILES_FILE", &profiles),
        ("IDENTITY_TOOLKIT_BASE_URL", sandbox_url),
    ]))
    .expect("firebase settings");
    let metadata = TokenSource::Metadata {
        host: sandbox_url.trim_start_matches("http://").to_string(),
    };
    let fb_kit = firebase::Firebase::build(&fb, Default::default(), Some(metadata))
        .await
        .expect("firebase builds")
        .kit(&fb);
    out.insert("firebase", testkit::spawn(fb_kit));

    let hs: hubspot::HubspotSettings = common::config::from_pairs(pairs(&[
        ("HUBSPOT_BASE_URL", sandbox_url),
        ("HUBSPOT_TOKEN", credentials::HUBSPOT_TOKEN),
        ("HUBSPOT_MAX_ATTEMPTS", "1"),
    ]))
    .expect("hubspot settings");
    out.insert(
        "hubspot",
        testkit::spawn(hubspot::kit(&hs, Default::default())),
    );
    let token_url = format!("{sandbox_url}/token");
    let gm: gmail::GmailSettings = common::config::from_pairs(pairs(&[
        ("GMAIL_BASE_URL", sandbox_url),
        ("GMAIL_USER", sandbox::data::mailbox::MAILBOX),
        ("GMAIL_TOKEN_URL", &token_url),
        ("GMAIL_CLIENT_ID", sandbox::oauth::GMAIL_CLIENT_ID),
        ("GMAIL_CLIENT_SECRET", sandbox::oauth::GMAIL_CLIENT_SECRET),
        ("GMAIL_REFRESH_TOKEN", sandbox::oauth::GMAIL_REFRESH_TOKEN),
    ]))
    .expect("gmail settings");
    out.insert(
        "gmail",
        testkit::spawn(gmail::kit(&gm, Default::default()).expect("gmail builds")),
    );
    out
}

/// Starts the orchestrator against `services` and the sandbox model.
pub async fn spawn_orchestrator(
    sandbox_url: &str,
    services: &BTreeMap<&'static str, String>,
    opts: &Options,
) -> String {
    let mut env: Vec<(String, String)> = vec![
        ("PORT".into(), "0".into()),
        ("HOST".into(), "127.0.0.1".into()),
        ("HTTP_WORKERS".into(), "2".into()),
        // Not about identity: every caller is let in (tests/api/identity.rs is).
        ("AUTH_DISABLED".into(), "true".into()),
        ("QUERY_RATE_PER_MINUTE".into(), "0".into()),
        ("QUERY_CALL_TIMEOUT_MS".into(), "2000".into()),
        ("QUERY_DEADLINE_MS".into(), "4000".into()),
        ("CATALOG_RETRY_SECS".into(), "1".into()),
    ];
    for (name, url) in services {
        env.push((
            format!("{}_SERVICE_URL", name.to_ascii_uppercase()),
            url.clone(),
        ));
    }
    if opts.model {
        env.push(("LLM_PROVIDER".into(), "openai".into()));
        env.push(("PROMPTS_DIR".into(), testkit::prompts_dir()));
        env.push(("LLM_MODEL".into(), "gemma-3-27b-it".into()));
        env.push(("OPENAI_BASE_URL".into(), format!("{sandbox_url}/v1")));
        env.push(("LLM_MAX_ATTEMPTS".into(), "1".into()));
    }
    for (k, v) in &opts.env {
        env.retain(|(ek, _)| ek != k);
        env.push((k.to_string(), v.clone()));
    }
    testkit::init_logs();
    let settings = orchestrator::Settings::from_pairs(env).expect("orchestrator settings");
    let app = orchestrator::build(settings)
        .await
        .expect("orchestrator builds");
    let port = app.app.spawn();
    format!("http://127.0.0.1:{port}")
}

pub async fn spawn_stack(opts: Options) -> Stack {
    spawn_stack_with(opts, &[]).await
}

/// [`spawn_stack`] with extra settings for the chargebee service.
pub async fn spawn_stack_with(opts: Options, chargebee_env: &[(&str, &str)]) -> Stack {
    let sandbox = Sandbox::new();
    let sandbox_url = sandbox.spawn();
    let services = spawn_services_with(&sandbox_url, chargebee_env).await;
    let url = spawn_orchestrator(&sandbox_url, &services, &opts).await;
    Stack {
        sandbox,
        sandbox_url,
        url,
        http: common::tls::client(),
        services,
    }
}

impl Stack {
    /// `POST /query` with a JSON body; returns status, `Server-Timing` and the JSON body.
    pub async fn ask_raw(&self, body: Value) -> (u16, Option<String>, Value) {
        let resp = self
            .http
            .post(format!("{}/query", self.url))
            .json(&body)
            .send()
            .await
            .expect("orchestrator answers");
        let status = resp.status().as_u16();
        let timing = resp
            .headers()
            .get("server-timing")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        (status, timing, resp.json().await.expect("JSON body"))
    }

    /// Asks `query` about `email` (cache reads skipped unless `cached`).
    pub async fn ask(&self, query: &str, email: &str) -> Value {
        let (status, _, body) = self.ask_raw(json!({"query": query, "email": email})).await;
        assert_eq!(status, 200, "{body}");
        body
    }

    /// The emails every data-upstream request of the sandbox log mentions.
    pub fn upstream_requests(&self) -> Vec<sandbox::LoggedRequest> {
        [
            Upstream::Chargebee,
            Upstream::Hubspot,
            Upstream::IdentityToolkit,
            Upstream::Gmail,
        ]
        .into_iter()
        .flat_map(|u| self.sandbox.requests(Some(u)))
        .collect()
    }

    /// Model calls whose prompt is the planning prompt.
    pub fn plan_calls(&self) -> usize {
        self.model_calls()
            .iter()
            .filter(|r| r.body.contains("planner of a business-data assistant"))
            .count()
    }

    /// Model calls whose prompt is the synthesis prompt.
    pub fn synthesis_calls(&self) -> usize {
        self.model_calls()
            .iter()
            .filter(|r| r.body.contains("Write one short"))
            .count()
    }

    fn model_calls(&self) -> Vec<sandbox::LoggedRequest> {
        self.sandbox.requests(Some(Upstream::Openai))
    }
}

/// The `(service, status)` of each source.
pub fn source_statuses(body: &Value) -> Vec<(String, String)> {
    body["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .map(|s| {
            (
                s["service"].as_str().unwrap_or_default().to_string(),
                s["status"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}
