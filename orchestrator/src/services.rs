//! Clients for the services the orchestrator calls, from `*_SERVICE_URL` settings.

use std::time::Duration;

use common::client::ServiceClient;
use serde::Deserialize;

/// Where each service is. Unset means "not configured": its tools are simply unavailable.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct ServiceUrls {
    /// `CHARGEBEE_SERVICE_URL`
    #[serde(default)]
    pub chargebee_service_url: Option<String>,
    /// `HUBSPOT_SERVICE_URL`
    #[serde(default)]
    pub hubspot_service_url: Option<String>,
    /// `FIREBASE_SERVICE_URL`
    #[serde(default)]
    pub firebase_service_url: Option<String>,
    /// `GMAIL_SERVICE_URL`
    #[serde(default)]
    pub gmail_service_url: Option<String>,
    /// `CLASSIFICATION_SERVICE_URL`
    #[serde(default)]
    pub classification_service_url: Option<String>,
    /// `LLM_AGENT_SERVICE_URL`
    #[serde(default)]
    pub llm_agent_service_url: Option<String>,
    /// `SERVICE_TIMEOUT_MS`: default deadline of one call to a service.
    #[serde(default = "default_timeout_ms")]
    pub service_timeout_ms: u64,
}

fn default_timeout_ms() -> u64 {
    5_000
}

impl ServiceUrls {
    /// The conventional local ports (ARCHITECTURE.md) on loopback.
    pub fn local_defaults() -> Self {
        let u = |p: u16| Some(format!("http://127.0.0.1:{p}"));
        Self {
            chargebee_service_url: u(8101),
            hubspot_service_url: u(8102),
            firebase_service_url: u(8103),
            gmail_service_url: u(8104),
            classification_service_url: u(8105),
            llm_agent_service_url: u(8106),
            service_timeout_ms: default_timeout_ms(),
        }
    }
}

/// One client per configured service, sharing one connection pool.
#[derive(Debug, Clone)]
pub struct Services {
    pub chargebee: Option<ServiceClient>,
    pub hubspot: Option<ServiceClient>,
    pub firebase: Option<ServiceClient>,
    pub gmail: Option<ServiceClient>,
    pub classification: Option<ServiceClient>,
    pub llm_agent: Option<ServiceClient>,
}

impl Services {
    pub fn new(urls: &ServiceUrls) -> Self {
        let timeout = Duration::from_millis(urls.service_timeout_ms);
        // The per-call timeout is set on each request; the pool's own is a generous backstop.
        let http = common::upstream::http_client(timeout.max(Duration::from_secs(60)));
        let make = |name: &str, url: &Option<String>| {
            url.as_deref()
                .map(|u| ServiceClient::new(name, u, http.clone(), timeout))
        };
        Self {
            chargebee: make("chargebee", &urls.chargebee_service_url),
            hubspot: make("hubspot", &urls.hubspot_service_url),
            firebase: make("firebase", &urls.firebase_service_url),
            gmail: make("gmail", &urls.gmail_service_url),
            classification: make("classification", &urls.classification_service_url),
            llm_agent: make("llm-agent", &urls.llm_agent_service_url),
        }
    }

    /// The configured data services `/query` may call, by name.
    pub fn data_services(&self) -> Vec<&ServiceClient> {
        [&self.chargebee, &self.hubspot, &self.firebase, &self.gmail]
            .into_iter()
            .flatten()
            .collect()
    }

    /// A configured service by name.
    pub fn by_name(&self, name: &str) -> Option<&ServiceClient> {
        match name {
            "chargebee" => self.chargebee.as_ref(),
            "hubspot" => self.hubspot.as_ref(),
            "firebase" => self.firebase.as_ref(),
            "gmail" => self.gmail.as_ref(),
            "classification" => self.classification.as_ref(),
            "llm-agent" | "llm_agent" => self.llm_agent.as_ref(),
            _ => None,
        }
    }
}
