//! The `firebase` service: App users (Firebase Auth) and the task queue (Firestore).

use common::kit::{Kit, ServiceInfo, Toolbox};

/// Who this service is.
pub const INFO: ServiceInfo = ServiceInfo {
    name: "firebase",
    version: env!("CARGO_PKG_VERSION"),
    instructions: "App users (Firebase Auth) and the task queue (Firestore).",
    default_port: 8103,
};

/// The service's kit: its tools, readiness check and metrics.
pub fn kit() -> Kit {
    Kit::new(INFO, Toolbox::new())
}
