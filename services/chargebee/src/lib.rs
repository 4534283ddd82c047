//! The `chargebee` service: Billing data from Chargebee: customers, subscriptions, invoices.

use common::kit::{Kit, ServiceInfo, Toolbox};

/// Who this service is.
pub const INFO: ServiceInfo = ServiceInfo {
    name: "chargebee",
    version: env!("CARGO_PKG_VERSION"),
    instructions: "Billing data from Chargebee: customers, subscriptions, invoices.",
    default_port: 8101,
};

/// The service's kit: its tools, readiness check and metrics.
pub fn kit() -> Kit {
    Kit::new(INFO, Toolbox::new())
}
