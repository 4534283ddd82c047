//! `mcp stack` (what `cargo run -p devstack` runs): the whole product on one machine. Starts
//! the Firestore emulator when it can, then the sandbox (every external API, with its demo
//! data), the six services and the orchestrator as child processes of this same executable
//! on their conventional ports, each waited for until healthy; prints how to ask a question,
//! and stops everything on SIGINT/SIGTERM or when any child exits.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use common::config::Env;
use common::contract::Service;
use tokio::process::{Child, Command};

use crate::Component;
use crate::firestore::{self, FirestoreSettings, Storage};

/// Start order: the sandbox, then the services, then the orchestrator (whose tool catalog is
/// read from the services at start-up).
pub fn stages() -> [Vec<Component>; 3] {
    [
        vec![Component::Sandbox],
        Service::CALLED.map(Component::Service).to_vec(),
        vec![Component::Service(Service::Orchestrator)],
    ]
}

/// The liveness route polled before the next stage starts.
fn health_path(c: Component) -> &'static str {
    match c {
        Component::Sandbox => "/__sandbox/health",
        Component::Service(_) => "/health",
    }
}

/// The workspace root: the children's working directory, so relative settings
/// (`SEED_PROFILES_FILE=sandbox/data/profiles.json`, the default `PROMPTS_DIR=prompts`)
/// resolve there.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The file whose settings every child gets: `DEVSTACK_ENV_FILE`, else the workspace's
/// `.env.example` (its defaults point every client at the sandbox on loopback).
pub fn env_file(env: &Env) -> anyhow::Result<PathBuf> {
    #[derive(serde::Deserialize)]
    struct Part {
        /// `DEVSTACK_ENV_FILE`
        #[serde(default)]
        devstack_env_file: Option<PathBuf>,
    }
    let part: Part = env.part()?;
    Ok(part
        .devstack_env_file
        .unwrap_or_else(|| workspace_root().join(".env.example")))
}

/// The settings of `path` (blank values mean "unset" and are skipped).
pub fn read_env_file(path: &Path) -> anyhow::Result<BTreeMap<String, String>> {
    let mut env = BTreeMap::new();
    let items = dotenvy::from_path_iter(path)
        .map_err(|e| anyhow::anyhow!("reading {}: {e}", path.display()))?;
    for item in items {
        let (k, v) = item.map_err(|e| anyhow::anyhow!("parsing {}: {e}", path.display()))?;
        if !v.is_empty() {
            env.insert(k, v);
        }
    }
    Ok(env)
}

/// Polls until `c` is healthy or `within` passes.
async fn wait_healthy(c: Component, within: Duration) -> bool {
    let started = Instant::now();
    while started.elapsed() < within {
        let (port, path) = (c.default_port(), health_path(c));
        if tokio::task::spawn_blocking(move || crate::probe::healthy(port, path))
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
pub fn banner(storage: &Storage, model: &str) -> String {
    format!(
        r#"
MCP Orchestrator is running (model: {model}).

  orchestrator  http://127.0.0.1:8080   (POST /query, MCP at /mcp, docs at /docs)
  services      chargebee :8101  hubspot :8102  firebase :8103  gmail :8104
                classification :8105  llm-agent :8106
  sandbox       http://127.0.0.1:8200   (seeded people: GET /__sandbox/people)
  storage       {storage}

Every route wants a Firebase ID token; the sandbox signs them for seeded people (kind user),
staff and operators. Ask a question as Alice:

  TOKEN=$(curl -s http://127.0.0.1:8200/__sandbox/tokens -H 'content-type: application/json' \
    -d '{{"kind": "user", "email": "alice@example.com"}}' | jq -r .token)
  curl -s http://127.0.0.1:8080/query -H "authorization: Bearer $TOKEN" \
    -H 'content-type: application/json' \
    -d '{{"query": "Does Alice have unpaid invoices or open support tickets?"}}'

Operators (kind operator) may run the pipeline: POST /tools/run_pipeline with '{{}}'.

Ctrl-C stops everything.
"#,
        storage = storage.describe()
    )
}

/// Moves a stack to other ports: every conventional loopback address in `env`'s values
/// (`127.0.0.1:8101` of chargebee, the sandbox's `127.0.0.1:8200`, …, as `.env.example`
/// writes them) becomes `127.0.0.1:{port_of(component)}`. Tests run a stack of processes on
/// free ports this way, with the same settings `mcp stack` gives.
pub fn relocate(env: &mut BTreeMap<String, String>, port_of: impl Fn(Component) -> u16) {
    let moves: Vec<(String, String)> = Component::all()
        .into_iter()
        .map(|c| {
            (
                format!("127.0.0.1:{}", c.default_port()),
                format!("127.0.0.1:{}", port_of(c)),
            )
        })
        .collect();
    for value in env.values_mut() {
        let mut out = String::with_capacity(value.len());
        let mut rest = value.as_str();
        'scan: while !rest.is_empty() {
            for (from, to) in &moves {
                // The whole port only: `127.0.0.1:8101` is not the start of `…:81012`.
                if let Some(after) = rest.strip_prefix(from.as_str())
                    && !after.starts_with(|c: char| c.is_ascii_digit())
                {
                    out.push_str(to);
                    rest = after;
                    continue 'scan;
                }
            }
            let mut chars = rest.chars();
            out.extend(chars.next());
            rest = chars.as_str();
        }
        *value = out;
    }
}

/// A service's `SERVICE_AUTH_*` in the stack: its own URL as the audience, the sandbox's
/// service account (the one the orchestrator's ID tokens name) as the only invoker.
pub fn service_auth(
    c: Component,
    urls: &orchestrator::services::ServiceUrls,
    guard: bool,
) -> Vec<(&'static str, String)> {
    match c {
        Component::Service(s) if guard && s != Service::Orchestrator => match urls.url(s) {
            Some(url) => vec![
                (
                    "SERVICE_AUTH_AUDIENCE",
                    url.trim_end_matches('/').to_string(),
                ),
                (
                    "SERVICE_AUTH_ALLOWED_INVOKERS",
                    sandbox::credentials::SERVICE_ACCOUNT_EMAIL.to_string(),
                ),
            ],
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// Runs the stack until interrupted (its own Tokio runtime: the launcher serves nothing).
pub fn run() -> anyhow::Result<()> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(launch())
}

/// The children's environment: the env file's settings, except those the caller's
/// environment (or `.env`, already read into it) sets, which the children inherit.
fn child_env(env_file: &Path) -> anyhow::Result<BTreeMap<String, String>> {
    let mut env = read_env_file(env_file)?;
    env.retain(|k, _| std::env::var_os(k).is_none());
    Ok(env)
}

async fn launch() -> anyhow::Result<()> {
    // One read of `.env` and the environment, as every component does.
    let own = Env::load();
    let mut env = child_env(&env_file(&own)?)?;
    // The children's view decides: the env file's defaults under the caller's settings.
    let seen = Env::from_pairs(env.clone().into_iter().chain(std::env::vars()));
    let storage_settings: FirestoreSettings = seen.part()?;
    let (storage, mut emulator) = firestore::prepare(&storage_settings).await?;
    if let Some(e) = &emulator {
        env.insert("FIRESTORE_EMULATOR_HOST".into(), e.host.clone());
        // Every store (tasks, profiles, pipeline runs, cached answers) in the emulator, in
        // the sandbox's project (`demo-` ids never reach a real project).
        env.insert(
            "FIRESTORE_PROJECT_ID".into(),
            sandbox::credentials::PROJECT_ID.into(),
        );
    }
    let model = env
        .get("LLM_PROVIDER")
        .cloned()
        .or_else(|| std::env::var("LLM_PROVIDER").ok())
        .unwrap_or_else(|| "rules".into());

    // Every service accepts only the orchestrator's ID tokens (the sandbox's metadata server
    // mints them, for the service's URL) unless the caller's settings say otherwise.
    let urls: orchestrator::services::ServiceUrls = seen.part()?;
    let guard = !seen.is_set("AUTH_DISABLED") && !seen.is_set("SERVICE_AUTH_ALLOWED_INVOKERS");

    let exe = std::env::current_exe().context("locating this executable")?;
    let root = workspace_root();
    let mut children: Vec<(&str, Child)> = Vec::new();
    for stage in stages() {
        for c in &stage {
            let mut cmd = Command::new(&exe);
            cmd.arg(c.name())
                .current_dir(&root)
                .envs(&env)
                .env("PORT", c.default_port().to_string())
                .envs(service_auth(*c, &urls, guard))
                .stdin(Stdio::null())
                .kill_on_drop(true);
            match cmd.spawn() {
                Ok(child) => children.push((c.name(), child)),
                Err(e) => {
                    stop(&mut children, emulator.as_mut()).await;
                    return Err(e).with_context(|| format!("starting {}", c.name()));
                }
            }
        }
        for c in &stage {
            if !wait_healthy(*c, Duration::from_secs(60)).await {
                stop(&mut children, emulator.as_mut()).await;
                bail!(
                    "{} did not become healthy on port {}",
                    c.name(),
                    c.default_port()
                );
            }
        }
    }
    println!("{}", banner(&storage, &model));

    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    let exited = async {
        // Any process exiting on its own ends the stack: a half-running stack misleads.
        loop {
            for (name, child) in children.iter_mut() {
                if let Ok(Some(status)) = child.try_wait() {
                    return format!("{name} exited ({status})");
                }
            }
            if let Some(e) = emulator.as_mut()
                && let Ok(Some(status)) = e.child.try_wait()
            {
                return format!("the Firestore emulator exited ({status})");
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    };
    let why = tokio::select! {
        _ = tokio::signal::ctrl_c() => "interrupted".to_string(),
        _ = term.recv() => "terminated".to_string(),
        why = exited => why,
    };
    eprintln!("devstack: {why}; stopping the stack");
    stop(&mut children, emulator.as_mut()).await;
    Ok(())
}

/// SIGTERM to every child (in reverse start order), then the emulator; SIGKILL after 10 s.
async fn stop(children: &mut [(&str, Child)], emulator: Option<&mut firestore::Emulator>) {
    for (_, child) in children.iter().rev() {
        terminate(child);
    }
    for (name, child) in children.iter_mut().rev() {
        wait_or_kill(name, child).await;
    }
    if let Some(e) = emulator {
        terminate(&e.child);
        wait_or_kill("the Firestore emulator", &mut e.child).await;
    }
}

fn terminate(child: &Child) {
    if let Some(pid) = child.id() {
        let _ = std::process::Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status();
    }
}

async fn wait_or_kill(name: &str, child: &mut Child) {
    if tokio::time::timeout(Duration::from_secs(10), child.wait())
        .await
        .is_err()
    {
        eprintln!("devstack: {name} did not stop in time; killing it");
        let _ = child.kill().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stack_runs_on_env_example_pointed_at_the_sandbox() {
        let env = read_env_file(&env_file(&Env::default()).unwrap()).unwrap();
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
        for s in Service::CALLED {
            let var = format!(
                "{}_SERVICE_URL",
                s.as_str().replace('-', "_").to_uppercase()
            );
            let port = Component::Service(s).default_port();
            assert_eq!(env[&var], format!("http://127.0.0.1:{port}"), "{var}");
        }
        // Relative to the workspace root, the children's working directory.
        let seed = &env["SEED_PROFILES_FILE"];
        assert!(workspace_root().join(seed).is_file(), "{seed}");
    }

    #[test]
    fn every_component_is_started_once() {
        let started: Vec<Component> = stages().into_iter().flatten().collect();
        assert_eq!(started.len(), Component::all().len());
        for c in Component::all() {
            assert!(started.contains(&c), "{c:?}");
        }
    }

    #[test]
    fn a_relocated_stack_points_every_client_at_the_new_ports() {
        let mut env = read_env_file(&env_file(&Env::default()).unwrap()).unwrap();
        env.insert("ODD".into(), "127.0.0.1:81012,127.0.0.1:8200/x".into());
        relocate(&mut env, |c| c.default_port() + 10_000);
        assert_eq!(env["CHARGEBEE_SERVICE_URL"], "http://127.0.0.1:18101");
        assert_eq!(env["CHARGEBEE_BASE_URL"], "http://127.0.0.1:18200");
        assert_eq!(env["GCE_METADATA_HOST"], "127.0.0.1:18200");
        assert_eq!(env["ODD"], "127.0.0.1:81012,127.0.0.1:18200/x");
        assert!(
            env.values().all(|v| !v.contains("127.0.0.1:8200")),
            "{env:?}"
        );
    }

    #[test]
    fn a_closed_port_is_not_healthy() {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        drop(l);
        assert!(!crate::probe::healthy(port, "/health"));
    }
}
