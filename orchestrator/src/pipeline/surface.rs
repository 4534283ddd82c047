//! MCP tools and resource template, and the route table of the REST mirror.

use std::sync::Arc;

use actix_web::middleware::from_fn;
use actix_web::web;
use common::auth::{self, Policy};
use common::contract::{Effect, Tool, ToolName};
use common::error::ErrorCode;
use common::kit::{ResourceError, ResourceTemplateDef, ToolContext, ToolError, Toolbox};

use super::Pipeline;
use super::api::{
    GetStatusInput, ListFailedInput, ListFailedOutput, RequeueInput, RequeueOutput,
    RunPipelineInput, RunPipelineOutput, StatusOutput,
};
use crate::access::Access;

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

/// The `list_failed_messages` tool of the orchestrator's contract.
pub struct ListFailedMessages;

impl Tool for ListFailedMessages {
    const NAME: ToolName = ToolName::ListFailedMessages;
    const DESCRIPTION: &'static str = "Messages the pipeline gave up on (every attempt failed, or a failure no retry can fix), most recent first, each with why its last attempt failed. Operators only.";
    const EFFECT: Effect = Effect::Read;
    type Input = ListFailedInput;
    type Output = ListFailedOutput;
}

/// The `requeue_messages` tool of the orchestrator's contract.
pub struct RequeueMessages;

impl Tool for RequeueMessages {
    const NAME: ToolName = ToolName::RequeueMessages;
    const DESCRIPTION: &'static str = "Give failed messages another round of attempts: each named id that failed is processed again by the next run (tasks are idempotent, so nothing is created twice). Answers which ids were re-queued and which were not failed. Operators only.";
    // Re-queuing twice leaves the same state.
    const EFFECT: Effect = Effect::Write { idempotent: true };
    type Input = RequeueInput;
    type Output = RequeueOutput;
}

/// Operators only: the caller's operator claim (or an allow-listed operator account).
pub fn require_operator(ctx: &ToolContext) -> Result<(), ToolError> {
    let caller = ctx
        .caller
        .as_ref()
        .ok_or_else(|| ToolError::new(ErrorCode::Unauthorized, "authentication required"))?;
    caller
        .require_operator()
        .map_err(|e| ToolError::new(e.code(), e.to_string()))
}

/// Adds `run_pipeline` and `get_status` to `tb`.
pub fn register_tools(tb: Toolbox, p: Arc<Pipeline>) -> Toolbox {
    let run = p.clone();
    tb.serve::<RunPipeline, _, _>(move |input: RunPipelineInput, ctx: ToolContext| {
        let p = run.clone();
        async move {
            require_operator(&ctx)?;
            p.run_pipeline(input.since.as_deref(), ctx.caller.as_ref())
                .await
                .map_err(ToolError::from)
        }
    })
    .serve::<GetStatus, _, _>({
        let p = p.clone();
        move |_input: GetStatusInput, ctx: ToolContext| {
            let p = p.clone();
            async move {
                require_operator(&ctx)?;
                p.status().await.map_err(ToolError::from)
            }
        }
    })
    .serve::<ListFailedMessages, _, _>({
        let p = p.clone();
        move |input: ListFailedInput, ctx: ToolContext| {
            let p = p.clone();
            async move {
                require_operator(&ctx)?;
                p.failed_messages(&input).await.map_err(ToolError::from)
            }
        }
    })
    .serve::<RequeueMessages, _, _>(move |input: RequeueInput, ctx: ToolContext| {
        let p = p.clone();
        async move {
            require_operator(&ctx)?;
            p.requeue(&input).await.map_err(ToolError::from)
        }
    })
}

/// The `pipeline_run://{run_id}` resource template.
pub fn resources(p: Arc<Pipeline>) -> Vec<ResourceTemplateDef> {
    vec![ResourceTemplateDef::new(
        "pipeline_run://{run_id}",
        "pipeline_run",
        "One pipeline run: status, counts and per-message outcomes.",
        move |rest: String, ctx: ToolContext| {
            let p = p.clone();
            async move {
                require_operator(&ctx).map_err(|e| ResourceError::Forbidden(e.message))?;
                let view = p.get_run(&rest).await.map_err(ResourceError::from)?;
                serde_json::to_value(view).map_err(|e| ResourceError::Unavailable(e.to_string()))
            }
        },
    )]
}

/// The REST mirror (`/tools/run_pipeline`, `/tools/get_status`,
/// `/resources/pipeline_run/{run_id}`), for operators, and the Gmail webhook
/// (`/webhooks/gmail`), for Pub/Sub's push identity.
pub fn configure(
    p: Arc<Pipeline>,
    access: Access,
    push: super::http::PushIdentity,
) -> impl Fn(&mut web::ServiceConfig) + Clone + Send + 'static {
    let data = web::Data::from(p);
    let push = web::Data::new(push);
    move |cfg: &mut web::ServiceConfig| {
        let operators = || {
            from_fn(auth::require(
                access.authenticator.clone(),
                Policy::Operator,
                access.resource_metadata_url(),
            ))
        };
        cfg.app_data(data.clone())
            .service(
                web::resource("/tools/run_pipeline")
                    .wrap(operators())
                    .route(web::post().to(super::http::run_pipeline)),
            )
            .service(
                web::resource("/tools/get_status")
                    .wrap(operators())
                    .route(web::post().to(super::http::get_status)),
            )
            .service(
                web::resource("/tools/list_failed_messages")
                    .wrap(operators())
                    .route(web::post().to(super::http::list_failed_messages)),
            )
            .service(
                web::resource("/tools/requeue_messages")
                    .wrap(operators())
                    .route(web::post().to(super::http::requeue_messages)),
            )
            .service(
                web::resource("/resources/pipeline_run/{run_id}")
                    .wrap(operators())
                    .route(web::get().to(super::http::get_pipeline_run)),
            )
            .service(
                web::resource("/resources/pipeline_run/{run_id}/cancel")
                    .wrap(operators())
                    .route(web::post().to(super::http::cancel_pipeline_run)),
            )
            .service(
                web::resource("/webhooks/gmail")
                    .app_data(push.clone())
                    .route(web::post().to(super::http::gmail_webhook)),
            );
    }
}
