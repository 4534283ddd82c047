//! The `firebase` service: app users (Firebase Auth through Identity Toolkit), app profiles
//! and the task queue (Firestore, or memory when none is configured).

pub mod domain;
pub mod identity;
pub mod service;
pub mod settings;
pub mod store;
pub mod tools;

use std::sync::Arc;
use std::time::Duration;

/// Further tries at seeding profiles when the storage is slow to answer at start.
const SEED_RETRIES: u32 = 3;

use common::breaker::BreakerSettings;
use common::google_auth::{CLOUD_PLATFORM_SCOPE, TokenProvider, TokenSource};
use common::kit::{Check, Kit, Readiness, ReadinessReport, ServiceInfo};
use common::metrics::MetricsRegistry;
use common::upstream::{RetryPolicy, Upstream, UpstreamError};

pub use service::Firebase;
pub use settings::{FirebaseSettings, Settings, StorageBackend};

use crate::identity::IdentityClient;
use crate::store::{FirestoreStore, MemoryStore, ProfileStore, StoreError, TaskStore};

/// Who this service is.
pub const INFO: ServiceInfo = ServiceInfo {
    name: "firebase",
    version: env!("CARGO_PKG_VERSION"),
    instructions: "App users (Firebase Auth), app profiles and the task queue (Firestore).",
    default_port: 8103,
};

/// `/ready` waits this long for Firestore.
const READY_TIMEOUT: Duration = Duration::from_secs(3);

/// Why the service could not start. Each message names the setting to fix.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("Google credentials (GOOGLE_APPLICATION_CREDENTIALS / GCE_METADATA_HOST): {0}")]
    Credentials(UpstreamError),
    #[error("Firestore (FIRESTORE_PROJECT_ID / FIRESTORE_EMULATOR_HOST): {0}")]
    Store(StoreError),
    #[error("{0}")]
    Config(String),
    #[error("SEED_PROFILES_FILE: {0}")]
    SeedProfiles(String),
}

impl Firebase {
    /// Builds the service from settings. `tokens` overrides Application Default Credentials
    /// (tests pass the sandbox metadata server or a static token).
    pub async fn build(
        settings: &FirebaseSettings,
        breakers: BreakerSettings,
        tokens: Option<TokenSource>,
    ) -> Result<Self, StartupError> {
        let registry = MetricsRegistry::new();
        let identity = match &settings.firebase_project_id {
            Some(project) => {
                let source = match tokens {
                    Some(s) => s,
                    None => TokenSource::from_env(None).map_err(StartupError::Credentials)?,
                };
                let http = common::upstream::http_client(settings.identity_timeout());
                let provider = TokenProvider::new(source, &[CLOUD_PLATFORM_SCOPE], http.clone());
                let upstream = Upstream::new(
                    identity::BREAKER,
                    RetryPolicy::default(),
                    breakers,
                    &registry,
                );
                Some(IdentityClient::new(
                    http,
                    &settings.identity_toolkit_base_url,
                    project,
                    Arc::new(provider),
                    upstream,
                ))
            }
            None => {
                tracing::warn!("FIREBASE_PROJECT_ID is not set: get_user answers not_configured");
                None
            }
        };
        let (tasks, profiles): (Arc<dyn TaskStore>, Arc<dyn ProfileStore>) = match (
            settings.storage_backend,
            settings.firestore_project(),
        ) {
            (StorageBackend::Firestore, None) => {
                return Err(StartupError::Config(
                    "STORAGE_BACKEND=firestore needs FIRESTORE_PROJECT_ID, FIREBASE_PROJECT_ID \
                     or FIRESTORE_EMULATOR_HOST"
                        .into(),
                ));
            }
            (StorageBackend::Auto | StorageBackend::Firestore, Some(project)) => {
                let store = Arc::new(
                    FirestoreStore::connect(
                        &project,
                        settings.firestore_database_id.as_deref(),
                        settings.firestore_timeout(),
                        &settings.tasks_collection,
                        &settings.users_collection,
                    )
                    .await
                    .map_err(StartupError::Store)?,
                );
                tracing::info!(project = %project, "tasks and profiles are stored in Firestore");
                (store.clone(), store)
            }
            (StorageBackend::Memory, _) | (StorageBackend::Auto, None) => {
                tracing::warn!(
                    "tasks and profiles are kept in memory and lost at restart (no Firestore \
                     configured, or STORAGE_BACKEND=memory)"
                );
                let store = Arc::new(MemoryStore::new());
                (store.clone(), store)
            }
        };
        let svc = Self {
            identity,
            tasks,
            profiles,
            registry,
        };
        if let Some(path) = &settings.seed_profiles_file {
            svc.seed_profiles(path).await?;
        }
        Ok(svc)
    }

    /// Writes the profiles of a JSON file into the `users` collection (idempotent): how a
    /// local stack gets the sandbox's demo profiles.
    pub async fn seed_profiles(&self, path: &std::path::Path) -> Result<usize, StartupError> {
        let profiles = domain::load_profiles(path).map_err(StartupError::SeedProfiles)?;
        // Writing them again is harmless (upserts): a slow start of the storage gets a few
        // more tries before the service gives up starting.
        let mut attempt = 0u32;
        let n = loop {
            match self.profiles.put_profiles(&profiles).await {
                Ok(n) => break n,
                Err(e) if attempt < SEED_RETRIES => {
                    attempt += 1;
                    tracing::warn!(error = %e, attempt, "seeding profiles failed; trying again");
                    tokio::time::sleep(Duration::from_millis(250 * u64::from(attempt))).await;
                }
                Err(e) => return Err(StartupError::Store(e)),
            }
        };
        tracing::info!(profiles = n, file = %path.display(), "seeded profiles");
        Ok(n)
    }

    /// The kit: tools, readiness, metrics.
    pub fn kit(self, settings: &FirebaseSettings) -> Kit {
        let svc = Arc::new(self);
        let readiness = Arc::new(FirebaseReadiness {
            svc: svc.clone(),
            identity_base: settings.identity_toolkit_base_url.clone(),
        });
        let breaker = svc.identity.as_ref().and_then(|i| i.breaker().cloned());
        Kit::new(INFO, tools::toolbox(svc.clone(), settings.tool_timeout()))
            .with_registry(svc.registry.clone())
            .with_breakers(breaker)
            .with_readiness(readiness)
    }
}

/// Builds the kit from settings, with Application Default Credentials and the Identity
/// Toolkit breaker set by `breakers` (`BREAKER_*`).
pub async fn kit(
    settings: &FirebaseSettings,
    breakers: BreakerSettings,
) -> Result<Kit, StartupError> {
    Ok(Firebase::build(settings, breakers, None)
        .await?
        .kit(settings))
}

/// Runs the service on actix's runtime until SIGTERM (`mcp <component>`).
///
/// Not `async`, and never inlined: the server's code (the future [`run`] returns and every
/// generic it reaches) is then compiled in this crate, in parallel with the other components,
/// instead of in the `mcp` executable's crate, alone at the end of a release build.
#[inline(never)]
pub fn serve(settings: Settings) -> anyhow::Result<()> {
    actix_web::rt::System::new().block_on(run(settings))
}

/// The service as its own process (`mcp firebase`): logs, the kit, served until SIGTERM.
pub async fn run(settings: Settings) -> anyhow::Result<()> {
    common::telemetry::init_with_traces(
        INFO.name,
        settings.server.log_format,
        settings.server.otel_exporter_otlp_endpoint.as_deref(),
    );
    let access = common::kit::Access::for_service(&settings.auth)?;
    let kit = kit(&settings.firebase, settings.breakers).await?;
    let app = common::Application::build(kit.with_access(access), &settings.server, |_| {})?;
    app.run_until_stopped().await?;
    Ok(())
}

/// Ready when Identity Toolkit is configured and the store answers.
struct FirebaseReadiness {
    svc: Arc<Firebase>,
    identity_base: String,
}

#[async_trait::async_trait]
impl Readiness for FirebaseReadiness {
    async fn check(&self) -> ReadinessReport {
        let identity = if self.svc.identity.is_some() {
            Check::ok("identity_toolkit").with_detail(self.identity_base.clone())
        } else {
            Check::failed("identity_toolkit", "FIREBASE_PROJECT_ID is not set")
        };
        let backend = self.svc.tasks.backend();
        let store = match tokio::time::timeout(READY_TIMEOUT, self.svc.tasks.ping()).await {
            Ok(Ok(())) => Check::ok("storage").with_detail(backend),
            Ok(Err(e)) => Check::failed("storage", format!("{backend}: {e}")),
            Err(_) => Check::failed("storage", format!("{backend}: no answer in time")),
        };
        ReadinessReport {
            checks: vec![identity, store],
        }
    }
}
