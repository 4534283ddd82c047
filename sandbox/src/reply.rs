//! Response builders every stand-in shares: a status (invalid codes become 500) and Google's
//! error envelope. A leaf: the stand-ins and the fault injection (`upstream`) use it.

use actix_web::HttpResponse;

/// Google's error envelope: `{"error": {"code", "message", "status", "errors"?}}`.
pub fn google_error(status: u16) -> HttpResponse {
    let (gstatus, message, reason) = match status {
        400 => (
            "INVALID_ARGUMENT",
            "Request contains an invalid argument.",
            "badRequest",
        ),
        401 => (
            "UNAUTHENTICATED",
            "Request had invalid authentication credentials.",
            "authError",
        ),
        403 => (
            "PERMISSION_DENIED",
            "The caller does not have permission",
            "forbidden",
        ),
        404 => ("NOT_FOUND", "Requested entity was not found.", "notFound"),
        429 => (
            "RESOURCE_EXHAUSTED",
            "Resource exhausted. Please try again later.",
            "rateLimitExceeded",
        ),
        503 => (
            "UNAVAILABLE",
            "The service is currently unavailable.",
            "backendError",
        ),
        _ => ("INTERNAL", "Internal error encountered.", "backendError"),
    };
    status_builder(status).json(serde_json::json!({
        "error": {
            "code": status,
            "message": message,
            "errors": [{"message": message, "domain": "global", "reason": reason}],
            "status": gstatus,
        }
    }))
}

/// A response builder for any status (invalid codes become 500).
pub fn status_builder(status: u16) -> actix_web::HttpResponseBuilder {
    HttpResponse::build(
        actix_web::http::StatusCode::from_u16(status)
            .unwrap_or(actix_web::http::StatusCode::INTERNAL_SERVER_ERROR),
    )
}
