//! `run_pipeline` as an MCP Task (the `io.modelcontextprotocol/tasks` extension): a client
//! that declares the extension gets the run as a task at once and polls `tasks/get` until it
//! ends; `tasks/cancel` stops it at the next message boundary (the same stop a shutdown
//! uses, which records the run and releases the lease). The task id is the run id, so the
//! REST mirror (`/resources/pipeline_run/{run_id}`) and `pipeline_run://{run_id}` show the
//! same run. Only the run's starter or an operator may read or cancel it.

use std::sync::Arc;

use chrono::{DateTime, SecondsFormat, Utc};
use common::contract::Tool;
use common::kit::{TaskError, TaskHost, ToolContext, ToolError, parse_arguments};
use rmcp::model::{CallToolResult, DetailedTask, JsonObject, Task, TaskPayload, TaskStatus};

use super::Pipeline;
use super::api::{PipelineError, RunPipelineInput, RunPipelineOutput};
use super::model::RunCallStatus;
use super::surface::{RunPipeline, require_operator};

/// How often clients are asked to poll a working run.
const POLL_INTERVAL_MS: u64 = 1_000;

/// How long a task's state stays readable: runs are kept in the store, so as long as the
/// store keeps them (`None`: no limit announced).
const TASK_TTL_MS: Option<u64> = None;

/// The pipeline's runs as MCP tasks.
pub struct PipelineTasks(pub Arc<Pipeline>);

#[async_trait::async_trait]
impl TaskHost for PipelineTasks {
    fn runs_as_task(&self, tool: &str) -> bool {
        tool == RunPipeline::NAME.as_str()
    }

    async fn start(
        &self,
        _tool: &str,
        arguments: Option<JsonObject>,
        ctx: ToolContext,
    ) -> Result<Task, ToolError> {
        let input: RunPipelineInput = parse_arguments(arguments)?;
        require_operator(&ctx)?;
        let caller = ctx.caller.as_ref();
        let (run_id, started) = self.0.start_run(input.since.as_deref(), caller).await?;
        let out = self.0.run_task(run_id.as_str(), caller).await?;
        let mut task = task_of(&out);
        if !started {
            task.status_message = Some(format!(
                "run {run_id} was already in progress; this task follows it"
            ));
        }
        Ok(task)
    }

    async fn get(&self, task_id: &str, ctx: ToolContext) -> Result<DetailedTask, TaskError> {
        let out = self
            .0
            .run_task(task_id, ctx.caller.as_ref())
            .await
            .map_err(|e| task_error(task_id, e))?;
        let task = task_of(&out);
        let payload = match task.status {
            TaskStatus::Working => TaskPayload::Working,
            TaskStatus::Cancelled => TaskPayload::Cancelled,
            // Every ended run completes with what the ordinary call answers (a failed run
            // is a result with `status: failed`, not a protocol error).
            _ => TaskPayload::Completed {
                result: call_result(&out),
            },
        };
        Ok(DetailedTask::new(task, payload))
    }

    async fn cancel(&self, task_id: &str, ctx: ToolContext) -> Result<(), TaskError> {
        self.0
            .cancel_run(task_id, ctx.caller.as_ref())
            .await
            .map_err(|e| task_error(task_id, e))
    }
}

fn task_of(out: &RunPipelineOutput) -> Task {
    let status = match out.status {
        RunCallStatus::Running | RunCallStatus::AlreadyRunning => TaskStatus::Working,
        RunCallStatus::Cancelled => TaskStatus::Cancelled,
        _ => TaskStatus::Completed,
    };
    let updated = out.finished_at.unwrap_or_else(Utc::now);
    let mut task = Task::new(
        out.run_id.as_str(),
        status,
        iso(out.started_at),
        iso(updated),
    )
    .with_status_message(out.summary.clone());
    task.ttl_ms = TASK_TTL_MS;
    if status == TaskStatus::Working {
        task = task.with_poll_interval_ms(POLL_INTERVAL_MS);
    }
    task
}

/// The `CallToolResult` the ordinary `run_pipeline` call gives for `out`.
fn call_result(out: &RunPipelineOutput) -> JsonObject {
    let value = serde_json::to_value(out).unwrap_or_default();
    match serde_json::to_value(CallToolResult::structured(value)) {
        Ok(serde_json::Value::Object(m)) => m,
        _ => JsonObject::new(),
    }
}

fn iso(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Unknown, not the caller's, or a malformed id: "no task"; the store down: unavailable.
fn task_error(task_id: &str, e: PipelineError) -> TaskError {
    match e {
        PipelineError::Store(e) => TaskError::Unavailable(format!("pipeline store: {e}")),
        _ => TaskError::NotFound(common::text::truncate_bytes(task_id, 64).to_string()),
    }
}
