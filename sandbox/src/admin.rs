//! The admin API under `/__sandbox/`: people, request log, faults.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::SandboxState;
use crate::faults::Fault;
use crate::upstream::Upstream;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/__sandbox/people", web::get().to(people))
        .route("/__sandbox/requests", web::get().to(requests))
        .route("/__sandbox/requests", web::delete().to(clear_requests))
        .route("/__sandbox/faults", web::get().to(list_faults))
        .route("/__sandbox/faults", web::post().to(add_fault))
        .route("/__sandbox/faults", web::delete().to(clear_faults))
        .route("/__sandbox/health", web::get().to(health));
}

async fn health() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({"status": "ok", "service": "sandbox"}))
}

async fn people() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({ "people": crate::data::people::people() }))
}

#[derive(Deserialize)]
struct LogQuery {
    upstream: Option<Upstream>,
}

async fn requests(state: web::Data<SandboxState>, q: web::Query<LogQuery>) -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({ "requests": state.log.entries(q.upstream) }))
}

async fn clear_requests(state: web::Data<SandboxState>) -> HttpResponse {
    state.log.clear();
    HttpResponse::NoContent().finish()
}

async fn list_faults(state: web::Data<SandboxState>) -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({ "faults": state.faults.list() }))
}

async fn add_fault(state: web::Data<SandboxState>, fault: web::Json<Fault>) -> HttpResponse {
    state.faults.add(fault.into_inner());
    HttpResponse::Created().json(serde_json::json!({ "faults": state.faults.list() }))
}

async fn clear_faults(state: web::Data<SandboxState>) -> HttpResponse {
    state.faults.clear();
    HttpResponse::NoContent().finish()
}
