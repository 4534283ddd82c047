//! Clients for the services the orchestrator calls, from `*_SERVICE_URL` settings.

use std::collections::BTreeMap;
use std::time::Duration;

use common::breaker::{Breaker, BreakerMetrics, BreakerSettings, BreakerState};
use common::client::{CallError, ServiceClient};
use common::contract::{Service, Tool};
use common::error::ErrorCode;
use common::metrics::MetricsRegistry;
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
    /// `SERVICE_ID_TOKENS`: send a Google ID token (from the metadata server, audience = the
    /// service URL) with every call. Default: on under Cloud Run (`K_SERVICE` set), off
    /// elsewhere; the local stack turns it on with the sandbox as the metadata server.
    #[serde(default)]
    pub service_id_tokens: Option<bool>,
}

fn default_timeout_ms() -> u64 {
    5_000
}

impl ServiceUrls {
    /// The conventional local ports (ARCHITECTURE.md) on loopback.
    pub fn local_defaults() -> Self {
        let u = |s: Service| Some(format!("http://127.0.0.1:{}", s.default_port()));
        Self {
            chargebee_service_url: u(Service::Chargebee),
            hubspot_service_url: u(Service::Hubspot),
            firebase_service_url: u(Service::Firebase),
            gmail_service_url: u(Service::Gmail),
            classification_service_url: u(Service::Classification),
            llm_agent_service_url: u(Service::LlmAgent),
            service_timeout_ms: default_timeout_ms(),
            service_id_tokens: None,
        }
    }

    /// Whether calls carry ID tokens.
    pub fn id_tokens(&self) -> bool {
        self.service_id_tokens
            .unwrap_or_else(common::auth::on_cloud_run)
    }

    /// The configured URL of `service`.
    pub fn url(&self, service: Service) -> Option<&str> {
        match service {
            Service::Chargebee => self.chargebee_service_url.as_deref(),
            Service::Hubspot => self.hubspot_service_url.as_deref(),
            Service::Firebase => self.firebase_service_url.as_deref(),
            Service::Gmail => self.gmail_service_url.as_deref(),
            Service::Classification => self.classification_service_url.as_deref(),
            Service::LlmAgent => self.llm_agent_service_url.as_deref(),
            Service::Orchestrator => None,
        }
        .filter(|u| !u.trim().is_empty())
    }
}

/// One client per configured service, sharing one connection pool.
#[derive(Debug, Clone, Default)]
pub struct Services {
    clients: BTreeMap<Service, ServiceClient>,
}

impl Services {
    pub fn new(urls: &ServiceUrls) -> Self {
        let timeout = Duration::from_millis(urls.service_timeout_ms.max(1));
        // The per-call timeout is set on each request; the pool's own is a generous backstop.
        let http = common::upstream::http_client(timeout.max(Duration::from_secs(60)));
        let id_tokens = urls
            .id_tokens()
            .then(|| std::sync::Arc::new(common::auth::IdTokenSource::from_env(http.clone())));
        let clients = Service::CALLED
            .into_iter()
            .filter_map(|s| {
                urls.url(s).map(|u| {
                    let client = ServiceClient::new(s, u, http.clone(), timeout);
                    let client = match &id_tokens {
                        Some(t) => client.with_id_tokens(t.clone()),
                        None => client,
                    };
                    (s, client)
                })
            })
            .collect();
        Self { clients }
    }

    /// The same services, each behind a circuit breaker of its own (shared by `/query` and
    /// the pipeline, which use clones of one `Services`), reporting to `registry`.
    pub fn with_breakers(self, settings: BreakerSettings, registry: &MetricsRegistry) -> Self {
        let metrics = BreakerMetrics::register(registry);
        Self {
            clients: self
                .clients
                .into_iter()
                .map(|(s, c)| {
                    let breaker = Breaker::new(s.as_str(), settings, Some(metrics.clone()));
                    (s, c.with_breaker(breaker))
                })
                .collect(),
        }
    }

    /// Each configured service's breaker state.
    pub fn breakers(&self) -> Vec<(Service, BreakerState)> {
        self.clients
            .iter()
            .filter_map(|(s, c)| c.breaker().map(|b| (*s, b.state())))
            .collect()
    }

    /// The same services with another default per-call deadline.
    pub fn with_timeout(self, timeout: Duration) -> Self {
        Self {
            clients: self
                .clients
                .into_iter()
                .map(|(s, c)| (s, c.with_timeout(timeout)))
                .collect(),
        }
    }

    /// The client of `service`, if it is configured.
    pub fn get(&self, service: Service) -> Option<&ServiceClient> {
        self.clients.get(&service)
    }

    /// The configured data services `/query` may call.
    pub fn data_services(&self) -> Vec<&ServiceClient> {
        Service::DATA
            .into_iter()
            .filter_map(|s| self.clients.get(&s))
            .collect()
    }

    /// Calls the contract tool `T` on the service that serves it, within `timeout`.
    pub async fn call<T: Tool>(
        &self,
        input: &T::Input,
        timeout: Duration,
    ) -> Result<T::Output, CallError> {
        let service = T::NAME.service();
        let Some(client) = self.get(service) else {
            return Err(CallError::Tool {
                service,
                tool: T::NAME,
                code: ErrorCode::NotConfigured,
                message: format!("{service} is not configured"),
            });
        };
        client.call_within::<T>(input, timeout).await
    }
}
