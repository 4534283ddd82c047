//! `GET /openapi.json` (generated from the handlers' and types' annotations) and `/docs`
//! (Swagger UI; its assets are vendored into the binary, nothing is fetched at build or run
//! time).

use std::sync::LazyLock;

use actix_web::{HttpResponse, web};
use utoipa::OpenApi;
use utoipa_swagger_ui::SwaggerUi;

/// The REST surface: `/query` and the pipeline's mirror of its MCP tools and resource.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "MCP Orchestrator",
        description = "Answers business questions about a customer (`POST /query`) and runs the \
                       email pipeline. Every route here is also reachable over MCP at `POST /mcp`."
    ),
    paths(
        crate::query::http::query,
        crate::pipeline::http::run_pipeline,
        crate::pipeline::http::get_status,
        crate::pipeline::http::get_pipeline_run,
        crate::pipeline::http::gmail_webhook,
    ),
    tags(
        (name = "query", description = "Questions answered from the business systems"),
        (name = "pipeline", description = "The email pipeline (REST mirror of the MCP tools)"),
    )
)]
pub struct ApiDoc;

static DOC: LazyLock<utoipa::openapi::OpenApi> = LazyLock::new(ApiDoc::openapi);

/// The OpenAPI document.
pub fn document() -> utoipa::openapi::OpenApi {
    DOC.clone()
}

/// Serves `/openapi.json` and `/docs`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(SwaggerUi::new("/docs/{_:.*}").url("/openapi.json", document()))
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
        let doc = serde_json::to_value(super::document()).unwrap();
        for path in [
            "/query",
            "/tools/run_pipeline",
            "/tools/get_status",
            "/resources/pipeline_run/{run_id}",
            "/webhooks/gmail",
        ] {
            assert!(doc["paths"].get(path).is_some(), "{path} missing");
        }
        assert!(
            doc["components"]["schemas"]
                .get("RunPipelineOutput")
                .is_some()
        );
    }
}
