//! Clients for the services the orchestrator calls, from `*_SERVICE_URL` settings.

use std::collections::BTreeMap;
use std::time::Duration;

use common::breaker::{Breaker, BreakerMetrics, BreakerSettings, BreakerState};
use std::future::Future;

use common::client::{CallError, ServiceClient, ToolAnswer, Transport};
use common::contract::{PersonTool, Service, Tool, ToolName};
use common::error::ErrorCode;
use common::metrics::MetricsRegistry;
use rmcp::model::JsonObject;
use serde::Deserialize;
use serde_json::Value;

use crate::results::{Answered, Freshness, ToolResults};

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
    /// Data tools' results by their freshness, shared by every clone (`/query` and the
    /// pipeline). Off until [`Services::with_results`].
    results: ToolResults,
}

impl Services {
    pub fn new(urls: &ServiceUrls) -> Self {
        let timeout = Duration::from_millis(urls.service_timeout_ms.max(1));
        // ID tokens come from the metadata server through reqwest (its timeout a generous
        // backstop, as before); the calls themselves share one pool of their own.
        let id_tokens = urls.id_tokens().then(|| {
            let http = common::upstream::http_client(timeout.max(Duration::from_secs(60)));
            std::sync::Arc::new(common::auth::IdTokenSource::from_env(http))
        });
        let transport = Transport::new();
        let clients = Service::CALLED
            .into_iter()
            .filter_map(|s| {
                urls.url(s).map(|u| {
                    let client = ServiceClient::new(s, u, transport.clone(), timeout);
                    let client = match &id_tokens {
                        Some(t) => client.with_id_tokens(t.clone()),
                        None => client,
                    };
                    (s, client)
                })
            })
            .collect();
        Self {
            clients,
            results: ToolResults::default(),
        }
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
            results: self.results,
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
            results: self.results,
        }
    }

    /// The same services sharing `results` for data tools' results.
    pub fn with_results(mut self, results: ToolResults) -> Self {
        self.results = results;
        self
    }

    /// The shared tool-result cache.
    pub fn results(&self) -> &ToolResults {
        &self.results
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
        self.client_for(T::NAME)?
            .call_within::<T>(input, timeout)
            .await
    }

    /// Calls the data tool `T` about one person through the shared result cache: a fresh
    /// cached result is used unless `freshness` bypasses it; a new one is kept for as long
    /// as the service says it stays fresh.
    pub async fn call_person<T: PersonTool>(
        &self,
        input: &T::Input,
        timeout: Duration,
        freshness: Freshness,
    ) -> Result<T::Output, CallError> {
        let service = T::NAME.service();
        let arguments = match serde_json::to_value(input) {
            Ok(Value::Object(m)) => m,
            _ => {
                return Err(CallError::Protocol {
                    service,
                    message: format!("{} input is not an object", T::NAME),
                });
            }
        };
        let answered = self
            .call_cached(T::NAME, &arguments, freshness, |args| async move {
                self.client_for(T::NAME)?
                    .call_answer(T::NAME, Value::Object(args), timeout)
                    .await
            })
            .await?;
        match answered.0 {
            Answered::Data(v) => common::client::decode::<T::Output>(service, T::NAME, v),
            Answered::NotFound => Err(CallError::Tool {
                service,
                tool: T::NAME,
                code: ErrorCode::NotFound,
                message: format!("no record in {service}"),
            }),
        }
    }

    /// `tool(arguments)` through the shared result cache: `call` runs on a miss (or a bypass);
    /// its answer, or a not-found, is kept for its freshness. The flag says whether the
    /// answer came from the cache.
    pub async fn call_cached<F, Fut>(
        &self,
        tool: ToolName,
        arguments: &JsonObject,
        freshness: Freshness,
        call: F,
    ) -> Result<(Answered, bool), CallError>
    where
        F: FnOnce(JsonObject) -> Fut,
        Fut: Future<Output = Result<ToolAnswer, CallError>>,
    {
        let key = ToolResults::key(tool, arguments);
        if let Some(hit) = self.results.get(tool, &key, freshness).await {
            return Ok((hit, true));
        }
        let (answered, fresh_for) = match call(arguments.clone()).await {
            Ok(a) => (Answered::Data(a.value), a.fresh_for),
            Err(CallError::Tool {
                code: ErrorCode::NotFound,
                ..
            }) => (Answered::NotFound, common::contract::freshness_of(tool)),
            Err(e) => return Err(e),
        };
        self.results
            .put(tool, key, arguments, answered.clone(), fresh_for)
            .await;
        Ok((answered, false))
    }

    fn client_for(&self, tool: ToolName) -> Result<&ServiceClient, CallError> {
        let service = tool.service();
        self.get(service).ok_or_else(|| CallError::Tool {
            service,
            tool,
            code: ErrorCode::NotConfigured,
            message: format!("{service} is not configured"),
        })
    }
}
