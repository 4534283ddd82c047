//! The `hubspot` service: CRM data from HubSpot (contacts, companies, deals, tickets) as MCP
//! tools, read through a real HubSpot CRM v3 client.

pub mod client;
pub mod crm;
pub mod settings;
pub mod tools;
pub mod wire;

use std::sync::Arc;

use common::breaker::BreakerSettings;
use common::kit::{Check, Kit, Readiness, ReadinessReport, ServiceInfo};
use common::metrics::MetricsRegistry;

pub use client::HubspotClient;
pub use settings::{HubspotSettings, Settings};

/// Who this service is.
pub const INFO: ServiceInfo = ServiceInfo {
    name: "hubspot",
    version: env!("CARGO_PKG_VERSION"),
    instructions: "CRM data from HubSpot: contacts, companies, deals, tickets.",
    default_port: 8102,
};

/// The service's kit: its tools bound to a HubSpot client behind the `hubspot-api` circuit
/// breaker (`breakers`: `BREAKER_*`), and a readiness check.
/// A missing token does not stop start-up: tools answer `not_configured` and `/ready` fails.
pub fn kit(settings: &HubspotSettings, breakers: BreakerSettings) -> Kit {
    let registry = MetricsRegistry::new();
    let backend: tools::Backend = Arc::new(HubspotClient::new(settings, breakers, &registry));
    let breaker = match backend.as_ref() {
        Ok(client) => client.breaker().cloned(),
        Err(e) => {
            tracing::warn!(error = %e, "HubSpot is not configured");
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

/// The service as its own process (`mcp hubspot`): logs, the kit, served until SIGTERM.
pub async fn run(settings: Settings) -> anyhow::Result<()> {
    common::telemetry::init_with_traces(
        INFO.name,
        settings.server.log_format,
        settings.server.otel_exporter_otlp_endpoint.as_deref(),
    );
    let access = common::kit::Access::for_service(&settings.auth)?;
    let app = common::Application::build(
        kit(&settings.hubspot, settings.breakers).with_access(access),
        &settings.server,
        |_| {},
    )?;
    app.run_until_stopped().await?;
    Ok(())
}

/// `/ready`: HubSpot is configured and answers a cheap authenticated call.
struct UpstreamReady {
    backend: tools::Backend,
}

#[async_trait::async_trait]
impl Readiness for UpstreamReady {
    async fn check(&self) -> ReadinessReport {
        let check = match self.backend.as_ref() {
            Err(e) => Check::failed("hubspot", e.to_string()),
            Ok(client) => match client.probe().await {
                Ok(()) => Check::ok("hubspot"),
                Err(e) => Check::failed("hubspot", e.to_string()),
            },
        };
        ReadinessReport {
            checks: vec![check],
        }
    }
}
