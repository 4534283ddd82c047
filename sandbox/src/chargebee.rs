//! Stand-in for the chargebee API. (Routes arrive with the data-services work.)

use actix_web::{HttpResponse, web};

pub fn configure(_cfg: &mut web::ServiceConfig) {}

/// The provider's error body for an injected status.
pub fn error_response(status: u16) -> HttpResponse {
    crate::upstream::status_builder(status)
        .json(serde_json::json!({"message": "sandbox error", "http_status_code": status}))
}
