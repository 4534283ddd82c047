//! The orchestrator's integration tests: one binary, loopback only, the sandbox as every
//! upstream and model, the real service crates in-process.

mod identity;
mod pipeline_helpers;
mod pipeline_reliability;
mod pipeline_store;
mod pipeline_surface;
mod pipeline_tasks;
mod pipeline_workflow;
mod query_answers;
mod query_cache;
mod query_contract;
mod query_express;
mod query_freshness;
mod query_helpers;
mod query_limits;
mod query_safety;
mod query_sources;
mod query_traces;
mod query_vertex;
mod standins;
