//! `GET /openapi.json` and `/docs` (Swagger UI; its assets are vendored into the binary,
//! nothing is fetched at build or run time).
//!
//! The document is OpenAPI 3.1, whose schemas are JSON Schema 2020-12: the same schemars
//! schemas the MCP tools publish, so one schema system describes both surfaces.

use std::sync::LazyLock;

use actix_web::http::header::ContentType;
use actix_web::{HttpResponse, web};
use common::ErrorBody;
use schemars::generate::{SchemaGenerator, SchemaSettings};
use schemars::{JsonSchema, Schema};
use serde_json::{Map, Value, json};
use utoipa_swagger_ui::{Config, SwaggerUi};

use crate::erasure::{ForgetCustomerInput, ForgetCustomerOutput};
use crate::pipeline::api::{
    GetStatusInput, ListFailedInput, ListFailedOutput, PipelineRunView, RequeueInput,
    RequeueOutput, RunAccepted, RunPipelineInput, RunPipelineOutput, StatusOutput, WebhookOutput,
};
use crate::pipeline::http::PushEnvelope;
use crate::query::model::{QueryRequest, QueryResponse};

type SchemaFn = fn(&mut SchemaGenerator) -> Schema;

fn s<T: JsonSchema>(g: &mut SchemaGenerator) -> Schema {
    g.subschema_for::<T>()
}

/// One documented route.
struct Op {
    method: &'static str,
    path: &'static str,
    tag: &'static str,
    summary: &'static str,
    /// The body, and whether it may be omitted.
    request: Option<(SchemaFn, bool)>,
    /// `(name, in, description)`: `in` is `path` or `query`.
    params: &'static [(&'static str, &'static str, &'static str)],
    responses: &'static [(u16, &'static str, SchemaFn)],
}

/// The REST surface: `/query` and the pipeline's mirror of its MCP tools and resource.
const OPS: &[Op] = &[
    Op {
        method: "post",
        path: "/query",
        tag: "query",
        summary: "Answer a question about one person from the business systems",
        request: Some((s::<QueryRequest>, false)),
        params: &[],
        responses: &[
            (
                200,
                "The answer; validation and processing failures have `status: error`",
                s::<QueryResponse>,
            ),
            (413, "Body over the limit", s::<QueryResponse>),
            (
                415,
                "Content-Type is not application/json",
                s::<QueryResponse>,
            ),
            (429, "Too many questions in flight", s::<QueryResponse>),
        ],
    },
    Op {
        method: "post",
        path: "/tools/run_pipeline",
        tag: "pipeline",
        summary: "Run the email pipeline",
        request: Some((s::<RunPipelineInput>, true)),
        params: &[(
            "Prefer",
            "header",
            "`respond-async` (RFC 7240): answer 202 at once with the run's URL instead of \
             waiting for the run",
        )],
        responses: &[
            (
                200,
                "The run's result, `running`, or `already_running`",
                s::<RunPipelineOutput>,
            ),
            (
                202,
                "`Prefer: respond-async`: the run started (or the active one); `Location` is its URL",
                s::<RunAccepted>,
            ),
            (
                400,
                "Malformed or future `since`, unknown field",
                s::<ErrorBody>,
            ),
            (502, "The pipeline store is unavailable", s::<ErrorBody>),
        ],
    },
    Op {
        method: "post",
        path: "/tools/get_status",
        tag: "pipeline",
        summary: "The pipeline's status",
        request: Some((s::<GetStatusInput>, true)),
        params: &[],
        responses: &[
            (200, "Status", s::<StatusOutput>),
            (400, "Unknown field", s::<ErrorBody>),
        ],
    },
    Op {
        method: "post",
        path: "/tools/list_failed_messages",
        tag: "pipeline",
        summary: "Messages the pipeline gave up on, with why (operators)",
        request: Some((s::<ListFailedInput>, true)),
        params: &[],
        responses: &[
            (
                200,
                "Failed messages, most recent first",
                s::<ListFailedOutput>,
            ),
            (400, "Limit out of range, unknown field", s::<ErrorBody>),
            (401, "No valid token", s::<ErrorBody>),
            (403, "Not an operator", s::<ErrorBody>),
            (502, "The pipeline store is unavailable", s::<ErrorBody>),
        ],
    },
    Op {
        method: "post",
        path: "/tools/requeue_messages",
        tag: "pipeline",
        summary: "Give failed messages another round of attempts (operators)",
        request: Some((s::<RequeueInput>, false)),
        params: &[],
        responses: &[
            (200, "Which ids were re-queued", s::<RequeueOutput>),
            (400, "No ids, too many, or a malformed id", s::<ErrorBody>),
            (401, "No valid token", s::<ErrorBody>),
            (403, "Not an operator", s::<ErrorBody>),
            (502, "The pipeline store is unavailable", s::<ErrorBody>),
        ],
    },
    Op {
        method: "post",
        path: "/tools/forget_customer",
        tag: "privacy",
        summary: "Erase what the orchestrator holds about one customer email (operators)",
        request: Some((s::<ForgetCustomerInput>, false)),
        params: &[],
        responses: &[
            (
                200,
                "What was erased, layer by layer",
                s::<ForgetCustomerOutput>,
            ),
            (400, "Not an email, unknown field", s::<ErrorBody>),
            (401, "No valid token", s::<ErrorBody>),
            (403, "Not an operator", s::<ErrorBody>),
        ],
    },
    Op {
        method: "get",
        path: "/resources/pipeline_run/{run_id}",
        tag: "pipeline",
        summary: "One pipeline run (`pipeline_run://{run_id}`)",
        request: None,
        params: &[("run_id", "path", "1-64 of [A-Za-z0-9_-]")],
        responses: &[
            (200, "The run", s::<PipelineRunView>),
            (400, "Malformed run id", s::<ErrorBody>),
            (404, "No such run", s::<ErrorBody>),
        ],
    },
    Op {
        method: "post",
        path: "/resources/pipeline_run/{run_id}/cancel",
        tag: "pipeline",
        summary: "Stop a pipeline run at its next message boundary (MCP `tasks/cancel`)",
        request: None,
        params: &[("run_id", "path", "1-64 of [A-Za-z0-9_-]")],
        responses: &[
            (
                202,
                "Stopping (or already ended): the run as it stands",
                s::<RunPipelineOutput>,
            ),
            (400, "Malformed run id", s::<ErrorBody>),
            (401, "No valid token", s::<ErrorBody>),
            (403, "Not an operator", s::<ErrorBody>),
            (404, "No such run", s::<ErrorBody>),
            (502, "The pipeline store is unavailable", s::<ErrorBody>),
        ],
    },
    Op {
        method: "post",
        path: "/webhooks/gmail",
        tag: "pipeline",
        summary: "Gmail push notification (Pub/Sub push subscription)",
        request: Some((s::<PushEnvelope>, false)),
        params: &[],
        responses: &[
            (
                200,
                "A run started, or one follow-up is queued",
                s::<WebhookOutput>,
            ),
            (400, "Not a Gmail Pub/Sub push body", s::<ErrorBody>),
            (
                401,
                "No Google-signed token of the push account for this audience",
                s::<ErrorBody>,
            ),
            (
                403,
                "The notification names another mailbox",
                s::<ErrorBody>,
            ),
            (
                503,
                "The webhook is disabled (PIPELINE_WEBHOOK_AUDIENCE unset)",
                s::<ErrorBody>,
            ),
        ],
    },
];

fn build() -> Value {
    let mut settings = SchemaSettings::draft2020_12();
    settings.definitions_path = "/components/schemas".into();
    let mut g = settings.into_generator();
    let mut paths = Map::new();
    for op in OPS {
        let mut o = json!({"tags": [op.tag], "summary": op.summary, "responses": {}});
        if let Some((schema, optional)) = op.request {
            o["requestBody"] = json!({
                "required": !optional,
                "content": {"application/json": {"schema": schema(&mut g)}},
            });
        }
        if !op.params.is_empty() {
            o["parameters"] = op
                .params
                .iter()
                .map(|(name, at, description)| {
                    json!({"name": name, "in": at, "required": *at == "path",
                           "description": description, "schema": {"type": "string"}})
                })
                .collect();
        }
        for (status, description, schema) in op.responses {
            o["responses"][status.to_string()] = json!({
                "description": description,
                "content": {"application/json": {"schema": schema(&mut g)}},
            });
        }
        // Every route wants a bearer token (the webhook: the push account's).
        for (status, description) in [
            (401, "No valid bearer token (see WWW-Authenticate)"),
            (
                403,
                "The token does not allow this: another customer's data without the staff \
                 claim, or an operator route without the operator claim",
            ),
        ] {
            let key = status.to_string();
            if o["responses"].get(&key).is_none() {
                o["responses"][key] = json!({
                    "description": description,
                    "content": {"application/json": {"schema": s::<ErrorBody>(&mut g)}},
                });
            }
        }
        let entry = paths
            .entry(op.path.to_string())
            .or_insert_with(|| json!({}));
        entry[op.method] = o;
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "MCP Orchestrator",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Answers business questions about a customer (`POST /query`) and runs \
                            the email pipeline. Every route here is also reachable over MCP at \
                            `POST /mcp`.",
        },
        "tags": [
            {"name": "query", "description": "Questions answered from the business systems"},
            {"name": "pipeline", "description": "The email pipeline (REST mirror of the MCP tools)"},
            {"name": "privacy", "description": "Erasure of a customer's data"},
        ],
        "paths": paths,
        "security": [{"bearer": []}],
        "components": {
            "schemas": g.take_definitions(true),
            "securitySchemes": {"bearer": {
                "type": "http",
                "scheme": "bearer",
                "bearerFormat": "JWT",
                "description": "A Firebase ID token (or the configured OIDC issuer's) for \
                                /query; with the operator claim for the pipeline and erasure \
                                tools; a Google-signed push token for the webhook.",
            }},
        },
    })
}

/// The document as `/openapi.json` serves it: serialised once, shared by every worker (each
/// worker's app used to keep its own copy of the document as a JSON value and serialise it
/// again on every request).
static DOC_JSON: LazyLock<web::Bytes> = LazyLock::new(|| {
    web::Bytes::from(serde_json::to_vec(&build()).expect("a JSON value serialises"))
});

/// The OpenAPI document, as served.
pub fn document() -> Value {
    serde_json::from_slice(&DOC_JSON).expect("the served document is JSON")
}

/// Serves `/openapi.json` and `/docs`, whose page loads the document from `/openapi.json`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/openapi.json",
        web::get().to(|| async {
            HttpResponse::Ok()
                .content_type(ContentType::json())
                .body(DOC_JSON.clone())
        }),
    )
    .service(SwaggerUi::new("/docs/{_:.*}").config(Config::new(["/openapi.json"])))
    .service(web::resource("/docs").route(web::get().to(|| async {
        HttpResponse::MovedPermanently()
            .insert_header(("Location", "/docs/"))
            .finish()
    })));
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_document_lists_the_rest_mirror_and_query() {
        let doc = super::document();
        for path in [
            "/query",
            "/tools/run_pipeline",
            "/tools/get_status",
            "/resources/pipeline_run/{run_id}",
            "/resources/pipeline_run/{run_id}/cancel",
            "/webhooks/gmail",
            "/tools/list_failed_messages",
            "/tools/requeue_messages",
            "/tools/forget_customer",
        ] {
            assert!(doc["paths"].get(path).is_some(), "{path} missing");
        }
        let schemas = &doc["components"]["schemas"];
        for name in ["RunPipelineOutput", "QueryResponse", "ErrorBody"] {
            assert!(schemas.get(name).is_some(), "{name} missing");
        }
        let refs = doc.to_string();
        assert!(
            !refs.contains("#/$defs/"),
            "every $ref points into components"
        );
    }
}
