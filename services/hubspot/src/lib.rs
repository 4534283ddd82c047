//! The `hubspot` service: CRM data from HubSpot: contacts, companies, deals, tickets.

use common::kit::{Kit, ServiceInfo, Toolbox};

/// Who this service is.
pub const INFO: ServiceInfo = ServiceInfo {
    name: "hubspot",
    version: env!("CARGO_PKG_VERSION"),
    instructions: "CRM data from HubSpot: contacts, companies, deals, tickets.",
    default_port: 8102,
};

/// The service's kit: its tools, readiness check and metrics.
pub fn kit() -> Kit {
    Kit::new(INFO, Toolbox::new())
}
