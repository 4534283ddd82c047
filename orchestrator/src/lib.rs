//! The orchestrator: `/query` (plan with an LLM, call services in parallel, synthesize,
//! cache) and the email pipeline, over MCP and REST.

pub mod access;
pub mod cache;
pub mod erasure;
pub mod metrics;
pub mod openapi;
pub mod pipeline;
pub mod query;
pub mod results;
pub mod services;
pub mod settings;
pub mod startup;

use common::kit::ServiceInfo;

pub use settings::Settings;
pub use startup::{Orchestrator, build, run, serve};

/// Who this service is.
pub const INFO: ServiceInfo = ServiceInfo {
    name: "orchestrator",
    version: env!("CARGO_PKG_VERSION"),
    instructions: "Answers business questions about a customer (tool `query`) and runs the email pipeline (`run_pipeline`, `get_status`, resource `pipeline_run://{run_id}`).",
    default_port: 8080,
};
