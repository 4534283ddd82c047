//! Thin REST handlers over the same domain functions as the MCP tools, and the Gmail
//! Pub/Sub push webhook.

use actix_web::{HttpRequest, HttpResponse, web};
use base64::Engine;
use common::error::{ApiError, ErrorCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::Pipeline;
use super::api::{
    GetStatusInput, PipelineRunView, RunPipelineInput, RunPipelineOutput, StatusOutput,
    WebhookOutput,
};

/// The error body every route answers with (documents `common::ErrorBody`).
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorResponse {
    pub error: ErrorDetailDoc,
    pub request_id: Option<String>,
}

/// `{code, message}` of [`ErrorResponse`].
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetailDoc {
    /// e.g. `invalid_arguments`, `not_found`, `unauthorized`.
    pub code: String,
    pub message: String,
}

/// An optional JSON body: empty means `{}`.
fn parse_body<T: for<'de> Deserialize<'de> + Default>(body: &[u8]) -> Result<T, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(body)
        .map_err(|e| ApiError::new(ErrorCode::InvalidArguments, format!("invalid body: {e}")))
}

/// Run the email pipeline.
#[utoipa::path(
    post,
    path = "/tools/run_pipeline",
    tag = "pipeline",
    request_body(content = RunPipelineInput, description = "Optional; an empty body means `{}`"),
    responses(
        (status = 200, description = "The run's result, `running`, or `already_running`", body = RunPipelineOutput),
        (status = 400, description = "Malformed or future `since`, unknown field", body = ErrorResponse),
        (status = 502, description = "The pipeline store is unavailable", body = ErrorResponse),
    )
)]
pub async fn run_pipeline(
    p: web::Data<Pipeline>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let input: RunPipelineInput = parse_body(&body)?;
    let out = p.run_pipeline(input.since.as_deref()).await?;
    Ok(HttpResponse::Ok().json(out))
}

/// The pipeline's status.
#[utoipa::path(
    post,
    path = "/tools/get_status",
    tag = "pipeline",
    request_body(content = GetStatusInput, description = "Optional; `{}`"),
    responses(
        (status = 200, description = "Status", body = StatusOutput),
        (status = 400, description = "Unknown field", body = ErrorResponse),
    )
)]
pub async fn get_status(
    p: web::Data<Pipeline>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let _: GetStatusInput = parse_body(&body)?;
    Ok(HttpResponse::Ok().json(p.status().await?))
}

/// One pipeline run (`pipeline_run://{run_id}`).
#[utoipa::path(
    get,
    path = "/resources/pipeline_run/{run_id}",
    tag = "pipeline",
    params(("run_id" = String, Path, description = "1-64 of [A-Za-z0-9_-]")),
    responses(
        (status = 200, description = "The run", body = PipelineRunView),
        (status = 400, description = "Malformed run id", body = ErrorResponse),
        (status = 404, description = "No such run", body = ErrorResponse),
    )
)]
pub async fn get_pipeline_run(
    p: web::Data<Pipeline>,
    run_id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(p.get_run(&run_id).await?))
}

/// Gmail's Pub/Sub push body.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PushEnvelope {
    pub message: PushMessage,
    pub subscription: String,
}

/// The Pub/Sub message; `data` is base64 of `{"emailAddress", "historyId"}`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PushMessage {
    pub data: String,
    #[serde(default, alias = "messageId")]
    pub message_id: Option<String>,
    #[serde(default, alias = "publishTime")]
    pub publish_time: Option<String>,
    #[serde(default)]
    pub attributes: Option<serde_json::Value>,
}

/// The decoded Gmail notification.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct GmailNotification {
    email_address: String,
    history_id: serde_json::Value,
}

#[derive(Debug, Deserialize)]
struct TokenQuery {
    token: Option<String>,
}

/// Parses and checks a push body (the mailbox and history id must be present).
fn parse_push(body: &[u8]) -> Result<GmailNotification, ApiError> {
    let bad = |m: String| ApiError::new(ErrorCode::InvalidRequest, m);
    let env: PushEnvelope =
        serde_json::from_slice(body).map_err(|e| bad(format!("not a Pub/Sub push body: {e}")))?;
    let raw = env.message.data.trim();
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(raw)
        .or_else(|_| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(raw.trim_end_matches('='))
        })
        .map_err(|_| bad("message.data is not base64".into()))?;
    let n: GmailNotification = serde_json::from_slice(&decoded)
        .map_err(|e| bad(format!("message.data is not a Gmail notification: {e}")))?;
    let history_ok = match &n.history_id {
        serde_json::Value::Number(_) => true,
        serde_json::Value::String(s) => !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()),
        _ => false,
    };
    if !history_ok || common::Email::parse(&n.email_address).is_err() {
        return Err(bad(
            "message.data needs emailAddress and a numeric historyId".into(),
        ));
    }
    Ok(n)
}

/// Gmail push notification (Pub/Sub push subscription).
#[utoipa::path(
    post,
    path = "/webhooks/gmail",
    tag = "pipeline",
    request_body = PushEnvelope,
    params(("token" = Option<String>, Query, description = "The shared webhook token (or send it as a bearer token)")),
    responses(
        (status = 200, description = "A run started, or one follow-up is queued", body = WebhookOutput),
        (status = 400, description = "Not a Gmail Pub/Sub push body", body = ErrorResponse),
        (status = 401, description = "Missing or wrong token", body = ErrorResponse),
        (status = 503, description = "The webhook is disabled (no token configured)", body = ErrorResponse),
    )
)]
pub async fn gmail_webhook(
    p: web::Data<Pipeline>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    if !p.webhook_enabled() {
        return Err(ApiError::new(
            ErrorCode::NotConfigured,
            "the Gmail webhook is disabled: set PIPELINE_WEBHOOK_TOKEN",
        ));
    }
    let query = web::Query::<TokenQuery>::from_query(req.query_string())
        .map(|q| q.into_inner().token)
        .unwrap_or(None);
    let bearer = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").map(str::trim).map(str::to_string));
    let token = query.or(bearer).ok_or_else(|| {
        ApiError::new(
            ErrorCode::Unauthorized,
            "missing webhook token (?token= or bearer)",
        )
    })?;
    if !p.webhook_token_matches(&token) {
        return Err(ApiError::new(
            ErrorCode::Unauthorized,
            "wrong webhook token",
        ));
    }
    let n = parse_push(&body)?;
    tracing::info!(history_id = %n.history_id, "gmail push notification");
    Ok(HttpResponse::Ok().json(p.on_webhook().await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn push(data: &str) -> Vec<u8> {
        serde_json::json!({
            "message": {"data": data, "messageId": "1", "publishTime": "2026-01-01T00:00:00Z"},
            "subscription": "projects/p/subscriptions/s"
        })
        .to_string()
        .into_bytes()
    }

    #[test]
    fn a_gmail_push_body_is_decoded() {
        let data = base64::engine::general_purpose::STANDARD
            .encode(r#"{"emailAddress":"support@example.com","historyId":"9876"}"#);
        assert!(parse_push(&push(&data)).is_ok());
    }

    #[test]
    fn bodies_that_are_not_gmail_pushes_are_refused() {
        assert!(parse_push(b"{}").is_err());
        assert!(parse_push(b"not json").is_err());
        assert!(parse_push(&push("%%%")).is_err());
        let no_history =
            base64::engine::general_purpose::STANDARD.encode(r#"{"emailAddress":"a@b.com"}"#);
        assert!(parse_push(&push(&no_history)).is_err());
    }
}
