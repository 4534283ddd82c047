//! The firebase service's settings: one typed struct, loaded once from one read of the environment.

use std::time::Duration;

use common::config::{ConfigError, Env, ServerSettings};
use serde::Deserialize;

/// Project id used for the Firestore emulator when no project is configured: the emulator
/// accepts any id, and `demo-` ones never reach a real project.
pub const EMULATOR_FALLBACK_PROJECT: &str = "demo-firebase";

/// Where tasks and profiles are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StorageBackend {
    #[default]
    Auto,
    Firestore,
    Memory,
}

/// Everything the `firebase` service reads from the environment, in parts.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `PORT`, `HOST`, `LOG_FORMAT`, … shared by every binary.
    pub server: ServerSettings,
    /// Identity Toolkit, Firestore, collections, seed profiles, timeouts.
    pub firebase: FirebaseSettings,
    /// `SERVICE_AUTH_*`, `AUTH_DISABLED`: which callers' Google ID tokens are accepted.
    pub auth: common::auth::AuthSettings,
    /// `BREAKER_*`: when the Identity Toolkit API is left alone for a while.
    pub breakers: common::breaker::BreakerSettings,
}

impl Settings {
    /// Reads `.env` and the environment once, and every part from that snapshot.
    pub fn load() -> Result<Self, ConfigError> {
        Self::from_env(&Env::load())
    }

    /// From explicit pairs (tests), as [`Settings::load`] does from the environment.
    pub fn from_pairs<K: AsRef<str>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Self, ConfigError> {
        Self::from_env(&Env::from_pairs(pairs))
    }

    fn from_env(env: &Env) -> Result<Self, ConfigError> {
        Ok(Self {
            server: env.part()?,
            firebase: env.part()?,
            auth: env.part()?,
            breakers: env.part()?,
        })
    }
}

/// Where users, profiles and tasks are, and how they are reached (flat names).
#[derive(Debug, Clone, Deserialize)]
pub struct FirebaseSettings {
    /// `FIREBASE_PROJECT_ID`: the Firebase project whose users `get_user` looks up (and the
    /// Firestore project when `FIRESTORE_PROJECT_ID` is unset). Unset: `get_user` answers
    /// `not_configured`.
    #[serde(default)]
    pub firebase_project_id: Option<String>,
    /// `IDENTITY_TOOLKIT_BASE_URL`: the Identity Toolkit host (the sandbox in local runs).
    #[serde(default = "default_identity_base")]
    pub identity_toolkit_base_url: String,
    /// `FIRESTORE_PROJECT_ID`: the project holding the `users` and `tasks` collections.
    #[serde(default)]
    pub firestore_project_id: Option<String>,
    /// `FIRESTORE_DATABASE_ID`: the Firestore database, `(default)` unless set.
    #[serde(default)]
    pub firestore_database_id: Option<String>,
    /// `FIRESTORE_EMULATOR_HOST` (`host:port`): talk to the emulator, with no credentials.
    /// The `firestore` crate reads it from the environment itself; here it only decides that
    /// Firestore is configured.
    #[serde(default)]
    pub firestore_emulator_host: Option<String>,
    /// `USERS_COLLECTION`: profile documents, one per Firebase uid.
    #[serde(default = "default_users")]
    pub users_collection: String,
    /// `TASKS_COLLECTION`: the task queue.
    #[serde(default = "default_tasks")]
    pub tasks_collection: String,
    /// `SEED_PROFILES_FILE`: a JSON array of profiles written into `users` at start-up
    /// (idempotent; local stacks point it at the sandbox's `sandbox/data/profiles.json`).
    #[serde(default)]
    pub seed_profiles_file: Option<std::path::PathBuf>,
    /// `IDENTITY_TOOLKIT_TIMEOUT_MS`: per-attempt timeout of Identity Toolkit calls.
    #[serde(default = "default_upstream_timeout")]
    pub identity_toolkit_timeout_ms: u64,
    /// `FIRESTORE_TIMEOUT_MS`: per-request timeout of Firestore calls.
    #[serde(default = "default_firestore_timeout")]
    pub firestore_timeout_ms: u64,
    /// `STORAGE_BACKEND`: `auto` (Firestore when `FIRESTORE_PROJECT_ID` or the emulator is set,
    /// else memory), `firestore` (required; start-up fails without a project) or `memory`.
    #[serde(default)]
    pub storage_backend: StorageBackend,
    /// `TOOL_TIMEOUT_MS`: the longest any tool call may take before it answers `timeout`.
    #[serde(default = "default_tool_timeout")]
    pub tool_timeout_ms: u64,
}

fn default_identity_base() -> String {
    "https://identitytoolkit.googleapis.com".into()
}

fn default_users() -> String {
    "users".into()
}

fn default_tasks() -> String {
    "tasks".into()
}

fn default_upstream_timeout() -> u64 {
    5_000
}

fn default_firestore_timeout() -> u64 {
    5_000
}

fn default_tool_timeout() -> u64 {
    20_000
}

impl FirebaseSettings {
    /// The Firestore project to use, if Firestore is configured at all.
    ///
    /// Firestore is configured by `FIRESTORE_PROJECT_ID` or by the emulator; the Firebase
    /// project alone (needed for Identity Toolkit) does not switch storage to a real
    /// Firestore, which would fail without credentials on a developer's machine.
    pub fn firestore_project(&self) -> Option<String> {
        self.firestore_project_id.clone().or_else(|| {
            self.firestore_emulator_host.as_ref().map(|_| {
                self.firebase_project_id
                    .clone()
                    .unwrap_or_else(|| EMULATOR_FALLBACK_PROJECT.to_string())
            })
        })
    }

    pub fn identity_timeout(&self) -> Duration {
        Duration::from_millis(self.identity_toolkit_timeout_ms.max(1))
    }

    pub fn firestore_timeout(&self) -> Duration {
        Duration::from_millis(self.firestore_timeout_ms.max(1))
    }

    pub fn tool_timeout(&self) -> Duration {
        Duration::from_millis(self.tool_timeout_ms.max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(pairs: &[(&str, &str)]) -> FirebaseSettings {
        Settings::from_pairs(pairs.iter().copied())
            .unwrap()
            .firebase
    }

    #[test]
    fn defaults_point_at_google_and_use_memory_storage() {
        let s = load(&[]);
        assert_eq!(
            s.identity_toolkit_base_url,
            "https://identitytoolkit.googleapis.com"
        );
        assert_eq!(s.firestore_project(), None);
        assert_eq!(s.users_collection, "users");
        assert_eq!(s.tasks_collection, "tasks");
        assert!(s.seed_profiles_file.is_none());
    }

    #[test]
    fn the_firestore_project_falls_back_to_the_firebase_project_then_the_emulator() {
        let s = load(&[("FIREBASE_PROJECT_ID", "p1")]);
        assert_eq!(
            s.firestore_project(),
            None,
            "the Firebase project alone is not Firestore"
        );
        let s = load(&[
            ("FIREBASE_PROJECT_ID", "p1"),
            ("FIRESTORE_EMULATOR_HOST", "127.0.0.1:8300"),
        ]);
        assert_eq!(s.firestore_project().as_deref(), Some("p1"));
        let s = load(&[
            ("FIREBASE_PROJECT_ID", "p1"),
            ("FIRESTORE_PROJECT_ID", "p2"),
        ]);
        assert_eq!(s.firestore_project().as_deref(), Some("p2"));
        let s = load(&[("FIRESTORE_EMULATOR_HOST", "127.0.0.1:8300")]);
        assert_eq!(
            s.firestore_project().as_deref(),
            Some(EMULATOR_FALLBACK_PROJECT)
        );
    }

    #[test]
    fn a_bad_flag_names_the_variable() {
        let err = Settings::from_pairs([("FIRESTORE_TIMEOUT_MS", "soon")]).unwrap_err();
        assert!(err.to_string().contains("FIRESTORE_TIMEOUT_MS"), "{err}");
    }
}
