//! MCP tools and resource template, and the route table of the REST mirror.

use std::sync::Arc;

use actix_web::web;
use common::contract::{Effect, Tool, ToolName};
use common::kit::{ResourceError, ResourceTemplateDef, ToolContext, ToolError, Toolbox};

use super::Pipeline;
use super::api::{GetStatusInput, RunPipelineInput, RunPipelineOutput, StatusOutput};

/// The `run_pipeline` tool of the orchestrator's contract.
pub struct RunPipeline;

impl Tool for RunPipeline {
    const NAME: ToolName = ToolName::RunPipeline;
    const DESCRIPTION: &'static str = "Run the email pipeline: fetch new mail since `since` (RFC 3339; default where the last run stopped), classify it, enrich the sender from CRM and billing, let the agent decide, and create tasks. Waits a bounded time, then answers `running` while the run goes on; answers `already_running` with the active run's id when one is in progress.";
    // Starting a run twice starts it once (`already_running`), and tasks are idempotent.
    const EFFECT: Effect = Effect::Write { idempotent: true };
    type Input = RunPipelineInput;
    type Output = RunPipelineOutput;
}

/// The `get_status` tool of the orchestrator's contract.
pub struct GetStatus;

impl Tool for GetStatus {
    const NAME: ToolName = ToolName::GetStatus;
    const DESCRIPTION: &'static str = "The pipeline's status: whether a run is active and its progress, the last run, the next timer run and which triggers are enabled.";
    const EFFECT: Effect = Effect::Read;
    type Input = GetStatusInput;
    type Output = StatusOutput;
}

/// Adds `run_pipeline` and `get_status` to `tb`.
pub fn register_tools(tb: Toolbox, p: Arc<Pipeline>) -> Toolbox {
    let run = p.clone();
    tb.serve::<RunPipeline, _, _>(move |input: RunPipelineInput, _ctx: ToolContext| {
        let p = run.clone();
        async move {
            p.run_pipeline(input.since.as_deref())
                .await
                .map_err(ToolError::from)
        }
    })
    .serve::<GetStatus, _, _>(move |_input: GetStatusInput, _ctx: ToolContext| {
        let p = p.clone();
        async move { p.status().await.map_err(ToolError::from) }
    })
}

/// The `pipeline_run://{run_id}` resource template.
pub fn resources(p: Arc<Pipeline>) -> Vec<ResourceTemplateDef> {
    vec![ResourceTemplateDef::new(
        "pipeline_run://{run_id}",
        "pipeline_run",
        "One pipeline run: status, counts and per-message outcomes.",
        move |rest: String, _ctx: ToolContext| {
            let p = p.clone();
            async move {
                let view = p.get_run(&rest).await.map_err(ResourceError::from)?;
                serde_json::to_value(view).map_err(|e| ResourceError::Unavailable(e.to_string()))
            }
        },
    )]
}

/// The REST mirror (`/tools/run_pipeline`, `/tools/get_status`,
/// `/resources/pipeline_run/{run_id}`) and the Gmail webhook (`/webhooks/gmail`).
pub fn configure(p: Arc<Pipeline>) -> impl Fn(&mut web::ServiceConfig) + Clone + Send + 'static {
    let data = web::Data::from(p);
    move |cfg: &mut web::ServiceConfig| {
        cfg.app_data(data.clone())
            .service(
                web::resource("/tools/run_pipeline")
                    .route(web::post().to(super::http::run_pipeline)),
            )
            .service(
                web::resource("/tools/get_status").route(web::post().to(super::http::get_status)),
            )
            .service(
                web::resource("/resources/pipeline_run/{run_id}")
                    .route(web::get().to(super::http::get_pipeline_run)),
            )
            .service(
                web::resource("/webhooks/gmail").route(web::post().to(super::http::gmail_webhook)),
            );
    }
}
