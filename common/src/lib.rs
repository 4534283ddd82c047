//! Shared building blocks of every MCP Orchestrator service.
//!
//! - [`config`]: typed settings from the environment;
//! - [`telemetry`]: logs for Cloud Logging, emails redacted;
//! - [`error`]: the one JSON error body and the shared error codes;
//! - [`middleware`]: request id, CORS, limits, JSON errors, panics caught;
//! - [`kit`]: the MCP service kit (tools once → `/mcp`, `/mcp/call`, `/mcp/tools`, …);
//! - [`contract`]: every service's tools with their typed inputs and outputs;
//! - [`client`]: the typed client for other services' `/mcp/call` and `/mcp/tools`;
//! - [`upstream`]: timeouts, bounded retries and typed errors for external APIs;
//! - [`google_auth`]: OAuth tokens from the metadata server, service accounts or refresh tokens;
//! - [`auth`]: bearer tokens of callers verified, principals, policies, audit, ID tokens;
//! - [`llm`]: the LLM layer (Vertex AI, the Gemini API, OpenAI-compatible servers, rules).

pub mod auth;
pub mod breaker;
pub mod client;
pub mod config;
pub mod contract;
pub mod domain;
pub mod error;
pub mod google_auth;
pub mod kit;
pub mod labels;
pub mod learn;
pub mod llm;
pub mod metrics;
pub mod middleware;
pub mod recent;
pub mod request_id;
pub mod telemetry;
pub mod text;
pub mod tls;
pub mod traces;
pub mod upstream;

pub use domain::Email;
pub use error::{ApiError, ErrorBody, ErrorCode};
pub use kit::{Application, Kit, ServiceInfo, ToolContext, ToolError, Toolbox};
