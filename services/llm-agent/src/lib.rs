//! The `llm-agent` service: for one classified mail, a summary, a reply draft for a human and
//! the follow-up actions. The mail is untrusted data: whatever it (or the model reading it)
//! says, only `create_task` and `none` actions leave this service, every field validated.
//!
//! - [`input`] — the arguments, parsed leniently where other services produce them;
//! - [`actions`] — the allowed actions and the gate for the model's proposals;
//! - [`rules`] — the answer without a model;
//! - [`agent`] — `process_email`.

pub mod actions;
pub mod agent;
pub mod input;
pub mod rules;
pub mod settings;

use std::sync::Arc;

use common::breaker::BreakerSettings;
use common::kit::{Check, Kit, Readiness, ReadinessReport, ServiceInfo, Toolbox};
use common::llm::{Llm, LlmSettings, StartError};
use common::metrics::MetricsRegistry;

pub use actions::{Action, Dropped};
pub use agent::Agent;
pub use common::contract::llm_agent::{ProcessInput, ProcessOutput};
pub use settings::{AgentSettings, Settings};

/// Who this service is.
pub const INFO: ServiceInfo = ServiceInfo {
    name: "llm-agent",
    version: env!("CARGO_PKG_VERSION"),
    instructions: "Per-email agent: process_email gives a summary, a reply draft for a human and \
                   validated actions (create_task or none) for one classified email.",
    default_port: 8106,
};

/// Why the service cannot start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Config(#[from] common::config::ConfigError),
    #[error("LLM: {0}")]
    Llm(#[from] StartError),
}

/// Builds the LLM client when one is configured (its circuit breaker set by `breakers` and
/// shown in `/ready`), and returns the kit.
pub fn build(
    llm: &LlmSettings,
    breakers: BreakerSettings,
    settings: &AgentSettings,
) -> Result<Kit, StartupError> {
    settings.validate()?;
    let registry = MetricsRegistry::new();
    let llm = Llm::from_settings(llm, breakers, &registry)?;
    let breaker = llm.breaker();
    if llm.has_model() {
        tracing::info!(model = llm.model(), "LLM configured");
    } else {
        tracing::info!("no LLM configured: rules-based summaries, replies and actions");
    }
    Ok(kit(Agent::new(llm, settings))
        .with_registry(registry)
        .with_breakers(breaker))
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

/// The service as its own process (`mcp llm-agent`): logs, the agent, served until SIGTERM.
pub async fn run(settings: Settings) -> anyhow::Result<()> {
    common::telemetry::init_with_traces(
        INFO.name,
        settings.server.log_format,
        settings.server.otel_exporter_otlp_endpoint.as_deref(),
    );
    let access = common::kit::Access::for_service(&settings.auth)?;
    let kit = build(&settings.llm, settings.breakers, &settings.agent)?;
    let app = common::Application::build(kit.with_access(access), &settings.server, |_| {})?;
    app.run_until_stopped().await?;
    Ok(())
}

/// The service's kit around a ready agent.
pub fn kit(agent: Agent) -> Kit {
    let for_tool = agent.clone();
    let tools = Toolbox::new().serve::<common::contract::llm_agent::ProcessEmail, _, _>(
        move |input, _ctx| {
            let a = for_tool.clone();
            async move { a.process(input).await }
        },
    );
    Kit::new(INFO, tools).with_readiness(Arc::new(Ready(agent)))
}

/// Always ready (rules need nothing); reports whether a model is configured.
struct Ready(Agent);

#[async_trait::async_trait]
impl Readiness for Ready {
    async fn check(&self) -> ReadinessReport {
        ReadinessReport {
            checks: vec![Check::ok("llm").with_detail(match self.0.llm_model() {
                Some(m) => format!("configured: {m}"),
                None => "not configured (rules)".to_string(),
            })],
        }
    }
}
