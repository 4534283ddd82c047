//! The `classification` service: Email triage: category, priority and confidence for a message.

use common::kit::{Kit, ServiceInfo, Toolbox};

/// Who this service is.
pub const INFO: ServiceInfo = ServiceInfo {
    name: "classification",
    version: env!("CARGO_PKG_VERSION"),
    instructions: "Email triage: category, priority and confidence for a message.",
    default_port: 8105,
};

/// The service's kit: its tools, readiness check and metrics.
pub fn kit() -> Kit {
    Kit::new(INFO, Toolbox::new())
}
