//! The `gmail` service: The mailbox (Gmail API): list, read and search messages.

use common::kit::{Kit, ServiceInfo, Toolbox};

/// Who this service is.
pub const INFO: ServiceInfo = ServiceInfo {
    name: "gmail",
    version: env!("CARGO_PKG_VERSION"),
    instructions: "The mailbox (Gmail API): list, read and search messages.",
    default_port: 8104,
};

/// The service's kit: its tools, readiness check and metrics.
pub fn kit() -> Kit {
    Kit::new(INFO, Toolbox::new())
}
