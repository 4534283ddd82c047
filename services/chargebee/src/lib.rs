//! The `chargebee` service: billing data from Chargebee (customers, subscriptions,
//! invoices) as MCP tools, read through a real Chargebee API v2 client.

pub mod billing;
pub mod client;
pub mod settings;
pub mod tools;
pub mod wire;

use std::sync::Arc;

use common::breaker::BreakerSettings;
use common::kit::{Check, Kit, Readiness, ReadinessReport, ServiceInfo};
use common::metrics::MetricsRegistry;

pub use client::ChargebeeClient;
pub use settings::{ChargebeeSettings, Settings};

/// Who this service is.
pub const INFO: ServiceInfo = ServiceInfo {
    name: "chargebee",
    version: env!("CARGO_PKG_VERSION"),
    instructions: "Billing data from Chargebee: customers, subscriptions, invoices.",
    default_port: 8101,
};

/// The service's kit: its tools bound to a Chargebee client behind the `chargebee-api`
/// circuit breaker (`breakers`: `BREAKER_*`), and a readiness check.
/// Missing credentials do not stop start-up: tools answer `not_configured` and `/ready` fails.
pub fn kit(settings: &ChargebeeSettings, breakers: BreakerSettings) -> Kit {
    let registry = MetricsRegistry::new();
    let backend: tools::Backend = Arc::new(ChargebeeClient::new(settings, breakers, &registry));
    let breaker = match backend.as_ref() {
        Ok(client) => client.breaker().cloned(),
        Err(e) => {
            tracing::warn!(error = %e, "Chargebee is not configured");
            None
        }
    };
    Kit::new(INFO, tools::toolbox(backend.clone()))
        .with_registry(registry)
        .with_breakers(breaker)
        .with_readiness(Arc::new(common::kit::readiness::Cached::new(
            UpstreamReady { backend },
            settings.ready_cache(),
        )))
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

/// The service as its own process (`mcp chargebee`): logs, the kit, served until SIGTERM.
pub async fn run(settings: Settings) -> anyhow::Result<()> {
    common::telemetry::init_with_traces(
        INFO.name,
        settings.server.log_format,
        settings.server.otel_exporter_otlp_endpoint.as_deref(),
    );
    let access = common::kit::Access::for_service(&settings.auth)?;
    let app = common::Application::build(
        kit(&settings.chargebee, settings.breakers).with_access(access),
        &settings.server,
        |_| {},
    )?;
    app.run_until_stopped().await?;
    Ok(())
}

/// `/ready`: Chargebee is configured and answers a cheap authenticated call.
struct UpstreamReady {
    backend: tools::Backend,
}

#[async_trait::async_trait]
impl Readiness for UpstreamReady {
    async fn check(&self) -> ReadinessReport {
        let check = match self.backend.as_ref() {
            Err(e) => Check::failed("chargebee", e.to_string()),
            Ok(client) => match client.probe().await {
                Ok(()) => Check::ok("chargebee"),
                Err(e) => Check::failed("chargebee", e.to_string()),
            },
        };
        ReadinessReport {
            checks: vec![check],
        }
    }
}
