//! The llm-agent service's settings: one typed struct, loaded once from one read of the
//! environment (the server and LLM parts are `common`'s).

use common::config::{ConfigError, Env, ServerSettings};
use common::llm::LlmSettings;
use serde::Deserialize;

/// Everything the `llm-agent` service reads from the environment, in parts.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `PORT`, `HOST`, `LOG_FORMAT`, … shared by every binary.
    pub server: ServerSettings,
    /// `LLM_*`, `VERTEX_*`, `GEMINI_*`, `OPENAI_*`, `PROMPTS_DIR`: the model, if any.
    pub llm: LlmSettings,
    /// `AGENT_*`: what the agent may do.
    pub agent: AgentSettings,
    /// `SERVICE_AUTH_*`, `AUTH_DISABLED`: which callers' Google ID tokens are accepted.
    pub auth: common::auth::AuthSettings,
    /// `BREAKER_*`: when the model is left alone for a while (the built-in rules answer meanwhile).
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
            llm: env.part()?,
            agent: env.part()?,
            auth: env.part()?,
            breakers: env.part()?,
        })
    }
}

/// What the agent may do (flat `AGENT_*` names).
#[derive(Debug, Clone, Deserialize)]
pub struct AgentSettings {
    /// `AGENT_MAX_ACTIONS`: most `create_task` actions kept per mail; extra ones are dropped.
    #[serde(default = "default_max_actions")]
    pub agent_max_actions: usize,
    /// `AGENT_TEAMS`: comma-separated team names a task may be assigned to.
    #[serde(default = "default_teams")]
    pub agent_teams: String,
    /// `AGENT_ASSIGNEE_DOMAINS`: comma-separated email domains a task may be assigned to (your
    /// own company's). Empty: tasks may only be assigned to teams, never to an address a mail
    /// could have suggested.
    #[serde(default)]
    pub agent_assignee_domains: String,
    /// `AGENT_MAX_DUE_DAYS`: latest due date accepted, in days from today.
    #[serde(default = "default_max_due_days")]
    pub agent_max_due_days: i64,
    /// `AGENT_LLM_TIMEOUT_MS`: deadline for the model's decision, retries included; after it
    /// the rules answer is returned.
    #[serde(default = "default_timeout_ms")]
    pub agent_llm_timeout_ms: u64,
}

fn default_max_actions() -> usize {
    3
}

fn default_teams() -> String {
    "billing,sales,support,account,success".into()
}

fn default_max_due_days() -> i64 {
    90
}

fn default_timeout_ms() -> u64 {
    20_000
}

impl Default for AgentSettings {
    fn default() -> Self {
        Self {
            agent_max_actions: default_max_actions(),
            agent_teams: default_teams(),
            agent_assignee_domains: String::new(),
            agent_max_due_days: default_max_due_days(),
            agent_llm_timeout_ms: default_timeout_ms(),
        }
    }
}

impl AgentSettings {
    /// Rejects values that cannot mean anything.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let err = |m: &str| Err(ConfigError(m.to_string()));
        if self.agent_max_actions == 0 || self.agent_max_actions > 20 {
            return err("AGENT_MAX_ACTIONS: expected 1 to 20");
        }
        if !(1..=3650).contains(&self.agent_max_due_days) {
            return err("AGENT_MAX_DUE_DAYS: expected 1 to 3650");
        }
        if self.agent_llm_timeout_ms == 0 {
            return err("AGENT_LLM_TIMEOUT_MS: expected a positive number of milliseconds");
        }
        Ok(())
    }

    /// Team names, lower-cased.
    pub fn teams(&self) -> Vec<String> {
        common::config::split_list(&self.agent_teams)
            .into_iter()
            .map(|t| t.to_lowercase())
            .collect()
    }

    /// Allowed assignee domains, lower-cased.
    pub fn assignee_domains(&self) -> Vec<String> {
        common::config::split_list(&self.agent_assignee_domains)
            .into_iter()
            .map(|d| d.to_lowercase())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_comes_from_one_environment() {
        let s = Settings::from_pairs([
            ("PORT", "9106"),
            ("LLM_MODEL", "gemma-3-4b-it"),
            ("AGENT_TEAMS", "Billing, Support"),
        ])
        .unwrap();
        assert_eq!(s.server.port, Some(9106));
        assert_eq!(s.llm.llm_model, "gemma-3-4b-it");
        assert_eq!(s.agent.teams(), vec!["billing", "support"]);
    }

    #[test]
    fn a_bad_value_names_the_variable() {
        let err = Settings::from_pairs([("AGENT_MAX_ACTIONS", "many")]).unwrap_err();
        assert!(err.to_string().contains("AGENT_MAX_ACTIONS"), "{err}");
    }
}
