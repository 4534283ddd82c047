//! Forgetting a customer (GDPR erasure): one operator tool, `forget_customer` (MCP and
//! `POST /tools/forget_customer`), that erases what this system holds about one email —
//! cached answers (L2 and L1), cached tool results, and the pipeline's per-message records of
//! mail from that address — and answers with what it erased.
//!
//! Everything is found by the keyed hash of the email (`AUTH_AUDIT_KEY`), never by the email
//! itself, which is stored nowhere. The data services' own records (billing, CRM, the app's
//! users, the mailbox) are theirs to erase: this tool does not reach into them.

use std::sync::Arc;

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, web};
use common::auth::{self, Policy};
use common::contract::{Effect, Tool, ToolName};
use common::error::{ApiError, ErrorCode};
use common::kit::{ToolContext, ToolError, Toolbox};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::access::Access;
use crate::pipeline::Pipeline;
use crate::query::QueryEngine;

/// `forget_customer` input.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ForgetCustomerInput {
    /// The customer's email address.
    #[schemars(email, length(max = 254))]
    pub email: String,
}

/// What was erased, layer by layer.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct ForgetCustomerOutput {
    /// The keyed hash the customer's records were filed under (what audit logs name).
    pub customer: String,
    /// Cached answers erased from this instance's memory (L2).
    pub answers_memory: usize,
    /// Cached answers erased from Firestore (L1).
    pub answers_firestore: usize,
    /// Cached tool results erased from this instance's memory.
    pub tool_results: usize,
    /// Pipeline message records (and their entries in run details) erased.
    pub pipeline_messages: usize,
    /// Whether every layer was erased; when false, `notes` says which failed: ask again.
    pub complete: bool,
    pub notes: Vec<String>,
}

/// The `forget_customer` tool of the orchestrator's contract.
pub struct ForgetCustomer;

impl Tool for ForgetCustomer {
    const NAME: ToolName = ToolName::ForgetCustomer;
    const DESCRIPTION: &'static str = "Erase what the orchestrator holds about one customer email (GDPR erasure): cached answers in memory and Firestore, cached tool results, and the pipeline's records of mail from that address. Answers with how many of each were erased and whether the erasure is complete. Operators only.";
    // Erasing twice leaves the same state (the second erases nothing).
    const EFFECT: Effect = Effect::Write { idempotent: true };
    type Input = ForgetCustomerInput;
    type Output = ForgetCustomerOutput;
}

/// Erases one customer's data across the query caches and the pipeline.
pub struct Eraser {
    pub engine: Arc<QueryEngine>,
    pub pipeline: Arc<Pipeline>,
    pub access: Access,
    /// `AUTH_AUDIT_KEY` is set: hashes are the same in every process and across restarts.
    pub stable_key: bool,
}

impl Eraser {
    /// Erases every layer it can; a failing layer is reported, never hidden.
    pub async fn forget(
        &self,
        input: &ForgetCustomerInput,
    ) -> Result<ForgetCustomerOutput, ToolError> {
        let email = common::Email::parse(&input.email)
            .map_err(|e| ToolError::new(ErrorCode::InvalidArguments, format!("email: {e}")))?;
        let mut out = ForgetCustomerOutput {
            customer: auth::audit::customer_hash(&self.access.audit_key, &email),
            complete: true,
            ..ForgetCustomerOutput::default()
        };
        match self.engine.forget(&email).await {
            Ok((answers, results)) => {
                out.answers_memory = answers.l2;
                out.answers_firestore = answers.l1;
                out.tool_results = results;
            }
            Err(e) => {
                out.complete = false;
                out.notes
                    .push(format!("cached answers: the Firestore cache failed ({e})"));
            }
        }
        match self.pipeline.forget_sender(&email).await {
            Ok(n) => out.pipeline_messages = n,
            Err(e) => {
                out.complete = false;
                out.notes
                    .push(format!("pipeline records: the pipeline store failed ({e})"));
            }
        }
        if !self.stable_key {
            out.notes.push(
                "AUTH_AUDIT_KEY is unset: records written by other instances or before this \
                 process started are filed under other hashes and were not found; set it so \
                 erasure reaches them"
                    .into(),
            );
        }
        out.notes.push(
            "other instances' in-memory caches expire within CACHE_TTL_SECS and \
             QUERY_RESULT_TTL_SECS; the data services' own records are erased in those systems"
                .into(),
        );
        tracing::info!(
            target: "audit",
            customer = %out.customer,
            answers_memory = out.answers_memory,
            answers_firestore = out.answers_firestore,
            tool_results = out.tool_results,
            pipeline_messages = out.pipeline_messages,
            complete = out.complete,
            "customer erased"
        );
        Ok(out)
    }
}

/// Adds `forget_customer` to `tb` (operators only).
pub fn register_tool(tb: Toolbox, eraser: Arc<Eraser>) -> Toolbox {
    tb.serve::<ForgetCustomer, _, _>(move |input: ForgetCustomerInput, ctx: ToolContext| {
        let eraser = eraser.clone();
        async move {
            crate::pipeline::require_operator(&ctx)?;
            eraser.forget(&input).await
        }
    })
}

/// `POST /tools/forget_customer`, for operators.
pub fn configure(
    eraser: Arc<Eraser>,
    access: Access,
) -> impl Fn(&mut web::ServiceConfig) + Clone + Send + 'static {
    let data = web::Data::from(eraser);
    move |cfg: &mut web::ServiceConfig| {
        cfg.service(
            web::resource("/tools/forget_customer")
                .app_data(data.clone())
                .wrap(from_fn(auth::require(
                    access.authenticator.clone(),
                    Policy::Operator,
                    access.resource_metadata_url(),
                )))
                .route(web::post().to(forget_customer)),
        );
    }
}

async fn forget_customer(
    eraser: web::Data<Eraser>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let input: ForgetCustomerInput = serde_json::from_slice(&body)
        .map_err(|e| ApiError::new(ErrorCode::InvalidArguments, format!("invalid body: {e}")))?;
    let out = eraser
        .forget(&input)
        .await
        .map_err(|e| ApiError::new(e.code, e.message))?;
    Ok(HttpResponse::Ok().json(out))
}
