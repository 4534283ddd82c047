//! Storage for the local stack: Google's Firestore emulator when Java and its jar are
//! installed (started as `scripts/test.sh` starts it), else the services' in-memory stores.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use serde::Deserialize;
use tokio::process::{Child, Command};

/// Where the Google Cloud SDK installs the emulator (the `cloud-firestore-emulator` component).
pub const DEFAULT_JAR: &str =
    "/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar";
/// The conventional local port (ARCHITECTURE.md), used when free.
pub const CONVENTIONAL_PORT: u16 = 8300;
/// The emulator takes a few seconds to start on a cold JVM.
const START_WITHIN: Duration = Duration::from_secs(60);

/// Whether devstack may start the emulator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Start it when Java and the jar are installed (the default).
    #[default]
    Auto,
    /// Never: in-memory stores.
    Off,
}

/// The launcher's storage settings (flat names, read from the launcher's environment).
#[derive(Debug, Clone, Deserialize)]
pub struct FirestoreSettings {
    /// `DEVSTACK_FIRESTORE`: `auto` (default) starts the emulator when it can; `off` keeps
    /// tasks, runs and cached answers in memory.
    #[serde(default)]
    pub devstack_firestore: Mode,
    /// `FIRESTORE_EMULATOR_JAR`: the emulator jar (default [`DEFAULT_JAR`]).
    #[serde(default = "default_jar")]
    pub firestore_emulator_jar: PathBuf,
    /// `FIRESTORE_EMULATOR_HOST`: an emulator you already run; devstack uses it, starts none.
    #[serde(default)]
    pub firestore_emulator_host: Option<String>,
    /// `FIRESTORE_PROJECT_ID`: with no emulator host, a real Firestore (Google credentials
    /// needed); devstack starts no emulator.
    #[serde(default)]
    pub firestore_project_id: Option<String>,
}

fn default_jar() -> PathBuf {
    DEFAULT_JAR.into()
}

/// What the stack stores its data in.
#[derive(Debug)]
pub enum Storage {
    /// The emulator devstack started (stopped on exit; its data goes with it).
    Emulator { host: String, log: PathBuf },
    /// An emulator or project given by the environment.
    Given(String),
    /// The services' in-memory stores, and why.
    Memory(String),
}

impl Storage {
    /// One line for the banner.
    pub fn describe(&self) -> String {
        match self {
            Self::Emulator { host, log } => format!(
                "Firestore emulator at {host} (started by devstack, stopped with it; log {})",
                log.display()
            ),
            Self::Given(what) => format!("Firestore: {what}"),
            Self::Memory(why) => format!("in memory, lost on exit ({why})"),
        }
    }
}

/// A running emulator owned by the stack.
pub struct Emulator {
    pub child: Child,
    pub host: String,
    pub log: PathBuf,
}

/// Decides the stack's storage and starts the emulator when that is the choice.
pub async fn prepare(s: &FirestoreSettings) -> anyhow::Result<(Storage, Option<Emulator>)> {
    if let Some(host) = &s.firestore_emulator_host {
        return Ok((Storage::Given(format!("the emulator at {host}")), None));
    }
    if let Some(project) = &s.firestore_project_id {
        return Ok((Storage::Given(format!("project {project}")), None));
    }
    if s.devstack_firestore == Mode::Off {
        return Ok((Storage::Memory("DEVSTACK_FIRESTORE=off".into()), None));
    }
    let Some(java) = on_path("java") else {
        return Ok((
            Storage::Memory("no `java` on PATH for the Firestore emulator".into()),
            None,
        ));
    };
    if !s.firestore_emulator_jar.is_file() {
        let why = format!(
            "no Firestore emulator at {}; install the gcloud component \
             cloud-firestore-emulator or set FIRESTORE_EMULATOR_JAR",
            s.firestore_emulator_jar.display()
        );
        return Ok((Storage::Memory(why), None));
    }
    let emulator = start(&java, &s.firestore_emulator_jar).await?;
    let storage = Storage::Emulator {
        host: emulator.host.clone(),
        log: emulator.log.clone(),
    };
    Ok((storage, Some(emulator)))
}

/// Starts the emulator on 8300, or on a free port when 8300 is taken, and waits until it
/// answers.
async fn start(java: &Path, jar: &Path) -> anyhow::Result<Emulator> {
    let port = free_port(CONVENTIONAL_PORT)?;
    let host = format!("127.0.0.1:{port}");
    let log = std::env::temp_dir().join(format!("mcp-firestore-emulator-{port}.log"));
    let out = std::fs::File::create(&log).with_context(|| format!("creating {}", log.display()))?;
    eprintln!("devstack: starting the Firestore emulator on {host}…");
    let mut child = Command::new(java)
        .arg("-cp")
        .arg(jar)
        .arg("com.google.cloud.datastore.emulator.firestore.CloudFirestore")
        .arg("--host=127.0.0.1")
        .arg(format!("--port={port}"))
        .stdin(Stdio::null())
        .stdout(out.try_clone()?)
        .stderr(out)
        .kill_on_drop(true)
        .spawn()
        .context("starting the Firestore emulator")?;
    let started = Instant::now();
    while started.elapsed() < START_WITHIN {
        if let Ok(Some(status)) = child.try_wait() {
            bail!(
                "the Firestore emulator exited ({status}); see {}",
                log.display()
            );
        }
        if tokio::task::spawn_blocking(move || crate::probe::healthy(port, "/"))
            .await
            .unwrap_or(false)
        {
            return Ok(Emulator { child, host, log });
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let _ = child.kill().await;
    bail!(
        "the Firestore emulator did not answer within {} s; see {}",
        START_WITHIN.as_secs(),
        log.display()
    )
}

/// `preferred` when it can be bound on loopback, else a port the OS picks.
fn free_port(preferred: u16) -> std::io::Result<u16> {
    match TcpListener::bind(("127.0.0.1", preferred)) {
        Ok(_) => Ok(preferred),
        Err(_) => Ok(TcpListener::bind(("127.0.0.1", 0))?.local_addr()?.port()),
    }
}

/// The first executable `name` on `PATH`.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(pairs: &[(&str, &str)]) -> FirestoreSettings {
        common::config::Env::from_pairs(pairs.iter().copied())
            .part()
            .unwrap()
    }

    #[tokio::test]
    async fn a_given_emulator_or_project_is_used_as_is() {
        let (s, e) = prepare(&settings(&[("FIRESTORE_EMULATOR_HOST", "127.0.0.1:9999")]))
            .await
            .unwrap();
        assert!(e.is_none());
        assert!(s.describe().contains("127.0.0.1:9999"), "{}", s.describe());
        let (s, e) = prepare(&settings(&[("FIRESTORE_PROJECT_ID", "acme-prod")]))
            .await
            .unwrap();
        assert!(e.is_none() && s.describe().contains("acme-prod"));
    }

    #[tokio::test]
    async fn off_or_no_jar_means_memory_and_says_why() {
        let (s, e) = prepare(&settings(&[("DEVSTACK_FIRESTORE", "off")]))
            .await
            .unwrap();
        assert!(e.is_none());
        assert!(s.describe().contains("DEVSTACK_FIRESTORE=off"));
        let (s, e) = prepare(&settings(&[(
            "FIRESTORE_EMULATOR_JAR",
            "/nonexistent/emu.jar",
        )]))
        .await
        .unwrap();
        assert!(e.is_none());
        assert!(matches!(s, Storage::Memory(_)), "{s:?}");
    }

    #[test]
    fn a_taken_port_is_replaced_by_a_free_one() {
        let taken = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port();
        assert_ne!(free_port(port).unwrap(), port);
    }
}
