//! The `classification` service: email triage (category, priority, confidence) by a built-in
//! model that needs no network, and the LLM when configured and the model is unsure.
//!
//! - [`text`], [`lexicon`], [`cues`] — folded text, CJK bigrams, and multilingual phrase
//!   cues found in one pass;
//! - [`sender`], [`brands`] — free-mail, look-alike and brand-claim checks on the sender;
//! - [`signals`] — everything read from one mail, once;
//! - [`model`] — logistic regression trained on the corpus in `data/`, committed as
//!   `data/model.bin` and read in place;
//! - [`verdict`] — spam evidence and "needs no work" notices that overrule the model;
//! - [`rules`] — priority;
//! - [`engine`] — `classify_email`, combining all of it and the LLM with a fallback;
//! - [`eval`] — scoring on a labelled set (the `eval` example and the dev-set test).

pub mod brands;
pub mod cues;
pub mod engine;
pub mod eval;
pub mod fnv;
pub mod labels;
pub mod lexicon;
pub mod model;
pub mod rules;
pub mod sender;
pub mod settings;
pub mod signals;
pub mod text;
pub mod verdict;

use std::sync::Arc;

use common::breaker::BreakerSettings;
use common::kit::{Check, Kit, Readiness, ReadinessReport, ServiceInfo, Toolbox};
use common::llm::{Llm, LlmSettings, StartError};
use common::metrics::MetricsRegistry;

pub use common::contract::classification::{ClassifyInput, ClassifyOutput};
pub use engine::Classifier;
pub use labels::{Category, Engine, EngineHint, Priority};
pub use settings::{ClassificationSettings, Settings};

/// Who this service is.
pub const INFO: ServiceInfo = ServiceInfo {
    name: "classification",
    version: env!("CARGO_PKG_VERSION"),
    instructions: "Email triage: classify_email gives a category (billing, sales, support, account, \
                   spam, other), a priority (urgent, high, normal, low), a confidence and reasons.",
    default_port: 8105,
};

/// Why the service cannot start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Config(#[from] common::config::ConfigError),
    #[error("built-in model: {0}")]
    Model(#[from] model::ModelError),
    #[error("LLM: {0}")]
    Llm(#[from] StartError),
}

/// Reads the committed model, builds the LLM client when one is configured (its circuit
/// breaker set by `breakers` and shown in `/ready`), and returns the kit.
pub fn build(
    llm: &LlmSettings,
    breakers: BreakerSettings,
    settings: ClassificationSettings,
) -> Result<Kit, StartupError> {
    settings.validate()?;
    let registry = MetricsRegistry::new();
    let model = Arc::new(model::Model::committed()?);
    tracing::info!(features = model.features(), "built-in model read");
    let llm = Llm::from_settings(llm, breakers, &registry)?;
    let breaker = llm.breaker();
    if llm.has_model() {
        tracing::info!(model = llm.model(), "LLM configured for unsure mail");
    } else {
        tracing::info!("no LLM configured: built-in model only");
    }
    Ok(kit(Classifier::new(model, llm, settings))
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

/// The service as its own process (`mcp classification`): logs, the model, served until SIGTERM.
pub async fn run(settings: Settings) -> anyhow::Result<()> {
    common::telemetry::init_with_traces(
        INFO.name,
        settings.server.log_format,
        settings.server.otel_exporter_otlp_endpoint.as_deref(),
    );
    let access = common::kit::Access::for_service(&settings.auth)?;
    let kit = build(&settings.llm, settings.breakers, settings.classification)?;
    let app = common::Application::build(kit.with_access(access), &settings.server, |_| {})?;
    app.run_until_stopped().await?;
    Ok(())
}

/// The service's kit around a ready classifier.
pub fn kit(classifier: Classifier) -> Kit {
    let for_tool = classifier.clone();
    let tools = Toolbox::new().serve::<common::contract::classification::ClassifyEmail, _, _>(
        move |input, _ctx| {
            let c = for_tool.clone();
            async move { c.classify(input).await }
        },
    );
    Kit::new(INFO, tools).with_readiness(Arc::new(Ready(classifier)))
}

/// Ready when the model has a vocabulary; the LLM is reported but never makes the service
/// unready (the built-in answer is always available).
struct Ready(Classifier);

#[async_trait::async_trait]
impl Readiness for Ready {
    async fn check(&self) -> ReadinessReport {
        let features = self.0.model().features();
        let model = if features > 0 {
            Check::ok("builtin_model").with_detail(format!("{features} features"))
        } else {
            Check::failed("builtin_model", "the model has no features")
        };
        let llm = Check::ok("llm").with_detail(match self.0.llm_model() {
            Some(m) => format!("configured: {m}"),
            None => "not configured (built-in only)".to_string(),
        });
        ReadinessReport {
            checks: vec![model, llm],
        }
    }
}
