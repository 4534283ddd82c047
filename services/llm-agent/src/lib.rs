//! The `llm-agent` service: Per-email agent: summary, reply draft and allowed actions.

use common::kit::{Kit, ServiceInfo, Toolbox};

/// Who this service is.
pub const INFO: ServiceInfo = ServiceInfo {
    name: "llm-agent",
    version: env!("CARGO_PKG_VERSION"),
    instructions: "Per-email agent: summary, reply draft and allowed actions.",
    default_port: 8106,
};

/// The service's kit: its tools, readiness check and metrics.
pub fn kit() -> Kit {
    Kit::new(INFO, Toolbox::new())
}
