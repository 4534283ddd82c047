//! Stand-ins for Vertex AI endpoints, the Gemini API and OpenAI-compatible servers.
//! (Routes arrive with the LLM-layer work.)

use actix_web::{HttpResponse, web};

/// Scripted replies and settings.
#[derive(Default)]
pub struct LlmState {}

pub fn configure(_cfg: &mut web::ServiceConfig) {}

/// OpenAI's error body for an injected status.
pub fn openai_error_response(status: u16) -> HttpResponse {
    crate::upstream::status_builder(status).json(serde_json::json!({
        "error": {"message": "sandbox error", "type": "server_error", "code": status}
    }))
}
