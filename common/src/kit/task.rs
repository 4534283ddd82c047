//! Long-running tools as MCP Tasks (the `io.modelcontextprotocol/tasks` extension, SEP-2663).
//!
//! A kit with a [`TaskHost`] declares the extension in `initialize` / `server/discover`.
//! A `tools/call` of a tool the host runs as a task, from a client that declares the
//! extension (in the request's `_meta`, or at `initialize` in the 2025-11-25 era), answers at
//! once with a task (`resultType: "task"`); the client polls `tasks/get` and may send
//! `tasks/cancel`. Every other client, and `/mcp/call`, gets the tool's ordinary result.
//! rmcp itself refuses the `tasks/*` methods with -32021 to clients that did not declare the
//! extension.

use rmcp::model::{DetailedTask, JsonObject, Task};

use super::{ToolContext, ToolError};

/// Why a task cannot be read or cancelled.
#[derive(Debug, Clone, thiserror::Error)]
pub enum TaskError {
    /// No such task, or one the caller may not see: the same answer for both, so task ids
    /// cannot be probed.
    #[error("no task {0}")]
    NotFound(String),
    /// The task's state could not be read (storage down).
    #[error("{0}")]
    Unavailable(String),
}

/// What runs tools as tasks: the service implements it over its own long-running work.
#[async_trait::async_trait]
pub trait TaskHost: Send + Sync + 'static {
    /// Whether `tool` runs as a task for clients that declare the extension.
    fn runs_as_task(&self, tool: &str) -> bool;

    /// Starts `tool` (with the same checks as its ordinary call: input and caller) and
    /// returns the new task's seed state; a refusal is the tool's error result.
    async fn start(
        &self,
        tool: &str,
        arguments: Option<JsonObject>,
        ctx: ToolContext,
    ) -> Result<Task, ToolError>;

    /// The task's current state, for its creator or an operator.
    async fn get(&self, task_id: &str, ctx: ToolContext) -> Result<DetailedTask, TaskError>;

    /// Asks the task to stop (cooperative: `tasks/get` shows `cancelled` once it has).
    async fn cancel(&self, task_id: &str, ctx: ToolContext) -> Result<(), TaskError>;
}
