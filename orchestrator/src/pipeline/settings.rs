//! `PIPELINE_*` settings, parsed once at start-up.

use std::time::Duration;

use common::config::parse_duration;
use serde::{Deserialize, Deserializer};

/// How the email pipeline runs. Durations accept `500ms`, `30s`, `5m`, `2h`, `1d` or bare seconds.
#[derive(Debug, Clone, Deserialize)]
pub struct PipelineSettings {
    /// `PIPELINE_INTERVAL`: period of the timer trigger; unset, `0` or `off` disables it (default).
    #[serde(default, deserialize_with = "optional_duration")]
    pub pipeline_interval: Option<Duration>,
    /// `PIPELINE_LOOKBACK`: how far back the very first run looks (default `24h`).
    #[serde(default = "default_lookback", deserialize_with = "duration")]
    pub pipeline_lookback: Duration,
    /// `PIPELINE_CONCURRENCY`: messages processed at once within a run (default 8).
    #[serde(default = "default_concurrency")]
    pub pipeline_concurrency: usize,
    /// `PIPELINE_WAIT`: how long `run_pipeline` waits for the run before answering `running`
    /// (default `20s`; the run goes on either way).
    #[serde(default = "default_wait", deserialize_with = "duration")]
    pub pipeline_wait: Duration,
    /// `PIPELINE_MAX_ATTEMPTS`: runs that may try one message before it fails for good (default 3).
    #[serde(default = "default_max_attempts")]
    pub pipeline_max_attempts: u32,
    /// `PIPELINE_MAX_MESSAGES`: most messages one run works on (default 1000); older mail it
    /// did not reach stays in the cursor's backlog for the next runs.
    #[serde(default = "default_max_messages")]
    pub pipeline_max_messages: usize,
    /// `PIPELINE_LEASE_TTL`: how long the run lease lives without renewal (default `60s`).
    /// A crashed holder blocks new runs for at most this long.
    #[serde(default = "default_lease_ttl", deserialize_with = "duration")]
    pub pipeline_lease_ttl: Duration,
    /// `PIPELINE_WEBHOOK_AUDIENCE`: the audience the Pub/Sub push subscription puts in its
    /// OIDC token (by default the push endpoint's URL). With
    /// `PIPELINE_WEBHOOK_SERVICE_ACCOUNT`, enables `POST /webhooks/gmail`.
    #[serde(default)]
    pub pipeline_webhook_audience: Option<String>,
    /// `PIPELINE_WEBHOOK_SERVICE_ACCOUNT`: the push subscription's service account; only its
    /// Google-signed tokens are accepted.
    #[serde(default)]
    pub pipeline_webhook_service_account: Option<String>,
    /// `GMAIL_USER`: the mailbox the pipeline reads; pushes naming another mailbox are refused.
    #[serde(default)]
    pub gmail_user: Option<String>,
    /// `PIPELINE_RUNS_COLLECTION`: Firestore collection of runs (default `pipeline_runs`).
    #[serde(default = "default_runs_collection")]
    pub pipeline_runs_collection: String,
    /// `PIPELINE_MESSAGES_COLLECTION`: processed message ids and outcomes
    /// (default `pipeline_messages`).
    #[serde(default = "default_messages_collection")]
    pub pipeline_messages_collection: String,
    /// `PIPELINE_LEASE_COLLECTION`: the run lease and the last-run summary (default `pipeline_lease`).
    #[serde(default = "default_lease_collection")]
    pub pipeline_lease_collection: String,
    /// `PIPELINE_OVERLAP`: new mail is listed from this long before the previous listing
    /// (default `5m`), so mail Gmail indexes late is not missed; mail already done is skipped.
    #[serde(default = "default_overlap", deserialize_with = "duration")]
    pub pipeline_overlap: Duration,
    /// `PIPELINE_STORE_TIMEOUT`: deadline of one pipeline-store (Firestore) call (default `5s`).
    #[serde(default = "default_store_timeout", deserialize_with = "duration")]
    pub pipeline_store_timeout: Duration,
    /// `PIPELINE_GMAIL_TIMEOUT`: deadline of one gmail call (listing a page, reading a message).
    #[serde(default = "default_gmail_timeout", deserialize_with = "duration")]
    pub pipeline_gmail_timeout: Duration,
    /// `PIPELINE_CLASSIFY_TIMEOUT`: deadline of one classification; longer than the
    /// classification service's own model deadline (`CLASSIFY_LLM_TIMEOUT_MS`, 10 s).
    #[serde(default = "default_classify_timeout", deserialize_with = "duration")]
    pub pipeline_classify_timeout: Duration,
    /// `PIPELINE_ENRICH_TIMEOUT`: deadline of one CRM or billing lookup.
    #[serde(default = "default_enrich_timeout", deserialize_with = "duration")]
    pub pipeline_enrich_timeout: Duration,
    /// `PIPELINE_AGENT_TIMEOUT`: deadline of one agent decision; longer than the agent's own
    /// model deadline (`AGENT_LLM_TIMEOUT_MS`, 20 s).
    #[serde(default = "default_agent_timeout", deserialize_with = "duration")]
    pub pipeline_agent_timeout: Duration,
    /// `PIPELINE_TASK_TIMEOUT`: deadline of one task creation.
    #[serde(default = "default_task_timeout", deserialize_with = "duration")]
    pub pipeline_task_timeout: Duration,
    /// `FIRESTORE_PROJECT_ID`: durable state in Firestore; unset keeps it in memory.
    #[serde(default)]
    pub firestore_project_id: Option<String>,
}

impl Default for PipelineSettings {
    fn default() -> Self {
        Self {
            pipeline_interval: None,
            pipeline_lookback: default_lookback(),
            pipeline_concurrency: default_concurrency(),
            pipeline_wait: default_wait(),
            pipeline_max_attempts: default_max_attempts(),
            pipeline_max_messages: default_max_messages(),
            pipeline_lease_ttl: default_lease_ttl(),
            pipeline_webhook_audience: None,
            pipeline_webhook_service_account: None,
            gmail_user: None,
            pipeline_runs_collection: default_runs_collection(),
            pipeline_messages_collection: default_messages_collection(),
            pipeline_lease_collection: default_lease_collection(),
            pipeline_overlap: default_overlap(),
            pipeline_store_timeout: default_store_timeout(),
            pipeline_gmail_timeout: default_gmail_timeout(),
            pipeline_classify_timeout: default_classify_timeout(),
            pipeline_enrich_timeout: default_enrich_timeout(),
            pipeline_agent_timeout: default_agent_timeout(),
            pipeline_task_timeout: default_task_timeout(),
            firestore_project_id: None,
        }
    }
}

impl PipelineSettings {
    /// Whether the Gmail push webhook is configured.
    pub fn webhook_enabled(&self) -> bool {
        self.pipeline_webhook_audience.is_some() && self.pipeline_webhook_service_account.is_some()
    }

    /// The webhook's verifier: Google ID tokens with the push audience from the push service
    /// account (Google's keys from `auth`'s `GOOGLE_OIDC_JWKS_URL`), or `None` when disabled.
    pub fn webhook_authenticator(
        &self,
        auth: &common::auth::AuthSettings,
    ) -> Result<Option<common::auth::ServiceAuthenticator>, common::config::ConfigError> {
        match (
            &self.pipeline_webhook_audience,
            &self.pipeline_webhook_service_account,
        ) {
            (Some(audience), Some(account)) => {
                let mut s = auth.clone();
                s.auth_disabled = false;
                s.service_auth_audience = Some(audience.clone());
                s.service_auth_allowed_invokers = Some(account.clone());
                common::auth::ServiceAuthenticator::from_settings(&s).map(Some)
            }
            (None, None) => Ok(None),
            _ => Err(common::config::ConfigError(
                "PIPELINE_WEBHOOK_AUDIENCE and PIPELINE_WEBHOOK_SERVICE_ACCOUNT go together".into(),
            )),
        }
    }

    /// Each step's deadline.
    pub fn step_timeouts(&self) -> super::steps::StepTimeouts {
        super::steps::StepTimeouts {
            gmail: self.pipeline_gmail_timeout,
            classify: self.pipeline_classify_timeout,
            enrich: self.pipeline_enrich_timeout,
            agent: self.pipeline_agent_timeout,
            task: self.pipeline_task_timeout,
        }
    }

    /// Checks the bounds the types cannot express; the message names the variable.
    pub fn validate(&self) -> Result<(), String> {
        if self.pipeline_concurrency == 0 || self.pipeline_concurrency > 256 {
            return Err("PIPELINE_CONCURRENCY must be 1..=256".into());
        }
        if self.pipeline_max_attempts == 0 {
            return Err("PIPELINE_MAX_ATTEMPTS must be at least 1".into());
        }
        if self.pipeline_max_messages == 0 {
            return Err("PIPELINE_MAX_MESSAGES must be at least 1".into());
        }
        if self.pipeline_lease_ttl < Duration::from_millis(300) {
            return Err("PIPELINE_LEASE_TTL must be at least 300ms".into());
        }
        if self
            .pipeline_interval
            .is_some_and(|d| d < Duration::from_secs(1))
        {
            return Err("PIPELINE_INTERVAL must be at least 1s (or off)".into());
        }
        Ok(())
    }
}

fn default_overlap() -> Duration {
    Duration::from_secs(300)
}
fn default_store_timeout() -> Duration {
    Duration::from_secs(5)
}
fn default_gmail_timeout() -> Duration {
    Duration::from_secs(15)
}
fn default_classify_timeout() -> Duration {
    Duration::from_secs(15)
}
fn default_enrich_timeout() -> Duration {
    Duration::from_secs(8)
}
fn default_agent_timeout() -> Duration {
    Duration::from_secs(30)
}
fn default_task_timeout() -> Duration {
    Duration::from_secs(10)
}
fn default_lookback() -> Duration {
    Duration::from_secs(24 * 3600)
}
fn default_concurrency() -> usize {
    8
}
fn default_wait() -> Duration {
    Duration::from_secs(20)
}
fn default_max_attempts() -> u32 {
    3
}
fn default_max_messages() -> usize {
    1000
}
fn default_lease_ttl() -> Duration {
    Duration::from_secs(60)
}
fn default_runs_collection() -> String {
    "pipeline_runs".into()
}
fn default_messages_collection() -> String {
    "pipeline_messages".into()
}
fn default_lease_collection() -> String {
    "pipeline_lease".into()
}

/// The config crate hands numbers over as numbers and the rest as strings.
#[derive(Deserialize)]
#[serde(untagged)]
enum Raw {
    Int(u64),
    Str(String),
}

fn duration<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
    match Raw::deserialize(d)? {
        Raw::Int(n) => Ok(Duration::from_secs(n)),
        Raw::Str(s) => parse_duration(&s).map_err(serde::de::Error::custom),
    }
}

fn optional_duration<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Duration>, D::Error> {
    match Raw::deserialize(d)? {
        Raw::Int(0) => Ok(None),
        Raw::Int(n) => Ok(Some(Duration::from_secs(n))),
        Raw::Str(s) if matches!(s.trim(), "off" | "false" | "0" | "") => Ok(None),
        Raw::Str(s) => parse_duration(&s)
            .map(Some)
            .map_err(serde::de::Error::custom),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(pairs: &[(&str, &str)]) -> Result<PipelineSettings, String> {
        common::config::from_pairs::<PipelineSettings>(
            pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())),
        )
        .map_err(|e| e.to_string())
    }

    #[test]
    fn defaults_leave_the_timer_off_and_keep_state_in_memory() {
        let s = load(&[]).unwrap();
        assert!(s.pipeline_interval.is_none());
        assert!(s.firestore_project_id.is_none());
        assert_eq!(s.pipeline_lookback, Duration::from_secs(86_400));
        s.validate().unwrap();
    }

    #[test]
    fn durations_accept_units_and_bare_seconds() {
        let s = load(&[
            ("PIPELINE_INTERVAL", "5m"),
            ("PIPELINE_LOOKBACK", "3600"),
            ("PIPELINE_WAIT", "250ms"),
        ])
        .unwrap();
        assert_eq!(s.pipeline_interval, Some(Duration::from_secs(300)));
        assert_eq!(s.pipeline_lookback, Duration::from_secs(3600));
        assert_eq!(s.pipeline_wait, Duration::from_millis(250));
        assert!(
            load(&[("PIPELINE_INTERVAL", "off")])
                .unwrap()
                .pipeline_interval
                .is_none()
        );
    }

    #[test]
    fn a_bad_duration_names_the_variable() {
        let e = load(&[("PIPELINE_LEASE_TTL", "soon")]).unwrap_err();
        assert!(
            e.contains("PIPELINE_LEASE_TTL") || e.contains("duration"),
            "{e}"
        );
    }
}
