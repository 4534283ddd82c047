//! The orchestrator: `/query` (plan with an LLM, call services in parallel, synthesize,
//! cache) and the email pipeline, over MCP and REST.

pub mod services;

use common::kit::{Kit, ServiceInfo, Toolbox};

/// Who this service is.
pub const INFO: ServiceInfo = ServiceInfo {
    name: "orchestrator",
    version: env!("CARGO_PKG_VERSION"),
    instructions: "Answers business questions about a customer (tool `query`) and runs the email pipeline (`run_pipeline`, `get_status`, resource `pipeline_run://{run_id}`).",
    default_port: 8080,
};

/// The orchestrator's kit.
pub fn kit() -> Kit {
    Kit::new(INFO, Toolbox::new())
}
