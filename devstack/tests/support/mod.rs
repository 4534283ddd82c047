//! A stack of real `mcp` processes on free loopback ports, built from the same settings
//! `mcp stack` gives its children (`.env.example`, moved to the chosen ports by
//! [`devstack::stack::relocate`], each service's `SERVICE_AUTH_*` from
//! [`devstack::stack::service_auth`]); any component can be killed and restarted with
//! settings of its own. Children's logs go to `target/tmp/{test}/{component}.log`.

#![allow(dead_code)] // each test binary uses its own part

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::config::Env;
use common::contract::Service;
use devstack::Component;
use serde_json::{Value, json};

/// `target/debug/mcp`, built by `cargo build --workspace --bins` (scripts/test.sh does).
pub fn mcp() -> PathBuf {
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

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// A loopback port nothing listens on (connection refused).
pub fn closed_port() -> u16 {
    free_port()
}

pub fn service(s: Service) -> Component {
    Component::Service(s)
}

pub struct Stack {
    exe: PathBuf,
    logs: PathBuf,
    ports: BTreeMap<&'static str, u16>,
    /// Every child's settings: `.env.example` on this stack's ports, plus the test's own.
    pub env: BTreeMap<String, String>,
    children: BTreeMap<&'static str, Child>,
    pub http: reqwest::Client,
}

impl Stack {
    /// A stack (nothing started yet) with `settings` over `.env.example`'s.
    pub fn new(test: &str, settings: &[(&str, String)]) -> Self {
        let ports: BTreeMap<&'static str, u16> = Component::all()
            .into_iter()
            .map(|c| (c.name(), free_port()))
            .collect();
        let mut env = devstack::stack::read_env_file(
            &devstack::stack::env_file(&Env::default()).expect("env file"),
        )
        .expect(".env.example");
        devstack::stack::relocate(&mut env, |c| ports[c.name()]);
        env.extend(settings.iter().map(|(k, v)| (k.to_string(), v.clone())));
        let logs = devstack::stack::workspace_root()
            .join("target/tmp")
            .join(test);
        std::fs::create_dir_all(&logs).expect("log dir");
        Self {
            exe: mcp(),
            logs,
            ports,
            env,
            children: BTreeMap::new(),
            http: common::tls::client_builder()
                .timeout(Duration::from_secs(60))
                .build()
                .expect("client"),
        }
    }

    pub fn port(&self, c: Component) -> u16 {
        self.ports[c.name()]
    }

    pub fn url(&self, c: Component) -> String {
        format!("http://127.0.0.1:{}", self.port(c))
    }

    pub fn sandbox(&self) -> String {
        self.url(Component::Sandbox)
    }

    /// `c`'s settings: the stack's, its port, its `SERVICE_AUTH_*` for the service URLs the
    /// orchestrator is given, then `overrides`.
    fn env_of(&self, c: Component, overrides: &[(&str, String)]) -> BTreeMap<String, String> {
        let mut env = self.env.clone();
        env.insert("PORT".into(), self.port(c).to_string());
        let seen = Env::from_pairs(env.clone());
        let urls: orchestrator::services::ServiceUrls = seen.part().expect("service urls");
        for (k, v) in devstack::stack::service_auth(c, &urls, true) {
            env.insert(k.into(), v);
        }
        env.extend(overrides.iter().map(|(k, v)| (k.to_string(), v.clone())));
        // Blank means unset, as in `.env.example`.
        env.retain(|_, v| !v.is_empty());
        env
    }

    /// (Re)starts `c` with `overrides` and waits until it is healthy.
    pub async fn start(&mut self, c: Component, overrides: &[(&str, String)]) {
        self.kill(c);
        let env = self.env_of(c, overrides);
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.logs.join(format!("{}.log", c.name())))
            .expect("log file");
        let child = Command::new(&self.exe)
            .arg(c.name())
            .current_dir(devstack::stack::workspace_root())
            .env_clear()
            .envs(&env)
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", std::env::var("HOME").unwrap_or_default())
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log file"))
            .stderr(log)
            .spawn()
            .expect("mcp starts");
        self.children.insert(c.name(), child);
        let health = match c {
            Component::Sandbox => "/__sandbox/health",
            Component::Service(_) => "/health",
        };
        let url = format!("{}{health}", self.url(c));
        for _ in 0..600 {
            if let Ok(r) = self.http.get(&url).send().await
                && r.status() == 200
            {
                return;
            }
            if let Some(Ok(Some(status))) = self.children.get_mut(c.name()).map(Child::try_wait) {
                panic!(
                    "{} exited at start ({status}); see {}",
                    c.name(),
                    self.logs.display()
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("{} did not become healthy", c.name());
    }

    /// Starts the sandbox, the six services and the orchestrator, in `mcp stack`'s order.
    pub async fn start_all(&mut self) {
        for stage in devstack::stack::stages() {
            for c in stage {
                self.start(c, &[]).await;
            }
        }
    }

    /// SIGKILL (`kill -9`) and reap; nothing if `c` is not running.
    pub fn kill(&mut self, c: Component) {
        if let Some(mut child) = self.children.remove(c.name()) {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// A Firebase ID token the sandbox signs (`kind`: user, staff, operator).
    pub async fn token(&self, kind: &str, email: Option<&str>) -> String {
        let r: Value = self
            .http
            .post(format!("{}/__sandbox/tokens", self.sandbox()))
            .json(&json!({"kind": kind, "email": email}))
            .send()
            .await
            .expect("sandbox answers")
            .json()
            .await
            .expect("a token");
        r["token"].as_str().expect("token").to_string()
    }

    /// `POST /__sandbox/faults`.
    pub async fn fault(&self, rule: Value) {
        let r = self
            .http
            .post(format!("{}/__sandbox/faults", self.sandbox()))
            .json(&rule)
            .send()
            .await
            .expect("sandbox answers");
        assert!(r.status().is_success(), "fault {rule} refused");
    }

    pub async fn clear_faults(&self) {
        self.http
            .delete(format!("{}/__sandbox/faults", self.sandbox()))
            .send()
            .await
            .expect("sandbox answers");
    }

    /// Adds a message to the sandbox's mailbox; its Gmail id.
    pub async fn add_mail(&self, from: &str, subject: &str, text: &str) -> String {
        let r: Value = self
            .http
            .post(format!("{}/__sandbox/gmail/messages", self.sandbox()))
            .json(&json!({"from": from, "subject": subject, "text": text}))
            .send()
            .await
            .expect("sandbox answers")
            .json()
            .await
            .expect("the new message");
        r["id"].as_str().expect("id").to_string()
    }

    /// `POST /tools/{tool}` on the orchestrator as `token`: (HTTP status, body).
    pub async fn tool(&self, token: &str, tool: &str, args: Value) -> (u16, Value) {
        let r = self
            .http
            .post(format!(
                "{}/tools/{tool}",
                self.url(service(Service::Orchestrator))
            ))
            .bearer_auth(token)
            .json(&args)
            .send()
            .await
            .expect("orchestrator answers");
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }
}

impl Drop for Stack {
    fn drop(&mut self) {
        for (_, mut child) in std::mem::take(&mut self.children) {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Every document of `collection` in the emulator's `project` (the oracle the tests count
/// tasks and records with: read straight from Firestore, not through our code).
pub async fn firestore_documents(
    http: &reqwest::Client,
    emulator: &str,
    project: &str,
    collection: &str,
) -> Vec<Value> {
    let mut docs = Vec::new();
    let mut token: Option<String> = None;
    for _ in 0..100 {
        let mut url = format!(
            "http://{emulator}/v1/projects/{project}/databases/(default)/documents/{collection}?pageSize=300"
        );
        if let Some(t) = &token {
            url = format!("{url}&pageToken={t}");
        }
        let page: Value = http
            .get(url)
            .bearer_auth("owner")
            .send()
            .await
            .expect("emulator answers")
            .json()
            .await
            .expect("a page");
        docs.extend(page["documents"].as_array().cloned().unwrap_or_default());
        match page["nextPageToken"].as_str() {
            Some(t) if !t.is_empty() => token = Some(t.to_string()),
            _ => return docs,
        }
    }
    panic!("more than 100 pages in {collection}");
}

pub fn field<'a>(doc: &'a Value, name: &str) -> &'a Value {
    &doc["fields"][name]
}

pub fn string_field(doc: &Value, name: &str) -> Option<String> {
    field(doc, name)["stringValue"].as_str().map(str::to_string)
}

pub fn strings_field(doc: &Value, name: &str) -> Vec<String> {
    field(doc, name)["arrayValue"]["values"]
        .as_array()
        .map(|vs| {
            vs.iter()
                .filter_map(|v| v["stringValue"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The last path segment of a document's name: its id.
pub fn doc_id(doc: &Value) -> String {
    doc["name"]
        .as_str()
        .and_then(|n| n.rsplit('/').next())
        .unwrap_or_default()
        .to_string()
}

/// What the pipeline left in Firestore: each message's outcome and the tasks that exist.
pub struct Ledger {
    /// Message id → outcome (`done`, `retrying`, `failed`).
    pub outcome: BTreeMap<String, String>,
    /// Task id → the message whose record names it.
    pub referenced: BTreeMap<String, String>,
    /// Ids of the task documents.
    pub tasks: std::collections::BTreeSet<String>,
    /// Distinct idempotency keys of the task documents.
    pub keys: usize,
}

impl Ledger {
    /// Reads `pipeline_messages` and `tasks` of `project` straight from the emulator, checking
    /// that no message is recorded twice and no task is recorded for two messages.
    pub async fn read(http: &reqwest::Client, emulator: &str, project: &str) -> Self {
        let records = firestore_documents(http, emulator, project, "pipeline_messages").await;
        let tasks = firestore_documents(http, emulator, project, "tasks").await;
        let mut outcome = BTreeMap::new();
        let mut referenced = BTreeMap::new();
        for r in &records {
            let id = string_field(r, "id").expect("a record names its message");
            let o = string_field(r, "outcome").expect("a record has an outcome");
            for t in strings_field(r, "task_ids") {
                if let Some(other) = referenced.insert(t.clone(), id.clone()) {
                    panic!("task {t} is recorded for {other} and {id}");
                }
            }
            assert!(
                outcome.insert(id.clone(), o).is_none(),
                "{id} recorded twice"
            );
        }
        let keys: std::collections::BTreeSet<String> = tasks
            .iter()
            .filter_map(|t| string_field(t, "idempotency_key"))
            .collect();
        Self {
            outcome,
            referenced,
            tasks: tasks.iter().map(doc_id).collect(),
            keys: keys.len(),
        }
    }

    /// Each task exists once per (message, action) key, belongs to exactly one recorded
    /// message, and every recorded task exists.
    pub fn assert_each_task_once(&self) {
        assert_eq!(
            self.keys,
            self.tasks.len(),
            "one task per (message, action) key"
        );
        let recorded: std::collections::BTreeSet<String> =
            self.referenced.keys().cloned().collect();
        assert_eq!(
            recorded, self.tasks,
            "every task belongs to exactly one recorded message, and every recorded task exists"
        );
    }

    /// Outcome → how many messages.
    pub fn by_outcome(&self) -> BTreeMap<String, usize> {
        self.outcome.values().fold(BTreeMap::new(), |mut m, o| {
            *m.entry(o.clone()).or_insert(0) += 1;
            m
        })
    }
}
