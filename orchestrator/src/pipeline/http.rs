//! Thin REST handlers over the same domain functions as the MCP tools, and the Gmail
//! Pub/Sub push webhook.

use actix_web::{HttpRequest, HttpResponse, web};
use base64::Engine;
use std::sync::Arc;

use common::auth::{Caller, Principal, ServiceAuthenticator};
use common::error::{ApiError, ErrorCode};
use schemars::JsonSchema;
use serde::Deserialize;

use super::Pipeline;
use super::api::{GetStatusInput, ListFailedInput, RequeueInput, RunAccepted, RunPipelineInput};

/// An optional JSON body: empty means `{}`.
fn parse_body<T: for<'de> Deserialize<'de> + Default>(body: &[u8]) -> Result<T, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(body)
        .map_err(|e| ApiError::new(ErrorCode::InvalidArguments, format!("invalid body: {e}")))
}

/// Run the email pipeline. With `Prefer: respond-async` (RFC 7240) it answers 202 at once
/// with the run's URL in `Location` (what an MCP client gets as a task); otherwise it waits
/// up to `PIPELINE_WAIT` for the run, as the tool does.
pub async fn run_pipeline(
    p: web::Data<Pipeline>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let input: RunPipelineInput = parse_body(&body)?;
    let caller = Caller::of(&req).map(|c| Principal::clone(&c));
    if prefers_async(&req) {
        let (run_id, started) = p.start_run(input.since.as_deref(), caller.as_ref()).await?;
        let url = format!("/resources/pipeline_run/{run_id}");
        return Ok(HttpResponse::Accepted()
            .insert_header(("location", url.as_str()))
            .insert_header(("preference-applied", "respond-async"))
            .json(RunAccepted {
                run_id,
                started,
                url,
            }));
    }
    let out = p
        .run_pipeline(input.since.as_deref(), caller.as_ref())
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Whether the request's `Prefer` header asks for `respond-async` (RFC 7240: a list of
/// preferences, case-insensitive tokens, optional parameters).
fn prefers_async(req: &HttpRequest) -> bool {
    req.headers().get_all("prefer").any(|v| {
        v.to_str().is_ok_and(|v| {
            v.split(',').any(|pref| {
                let token = pref.split(';').next().unwrap_or_default().trim();
                token.eq_ignore_ascii_case("respond-async")
            })
        })
    })
}

/// Stop a pipeline run at its next message boundary (what MCP `tasks/cancel` does).
pub async fn cancel_pipeline_run(
    p: web::Data<Pipeline>,
    req: HttpRequest,
    run_id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let caller = Caller::of(&req).map(|c| Principal::clone(&c));
    p.cancel_run(&run_id, caller.as_ref()).await?;
    Ok(HttpResponse::Accepted().json(p.run_task(&run_id, caller.as_ref()).await?))
}

/// The pipeline's status.
pub async fn get_status(
    p: web::Data<Pipeline>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let _: GetStatusInput = parse_body(&body)?;
    Ok(HttpResponse::Ok().json(p.status().await?))
}

/// Messages the pipeline gave up on.
pub async fn list_failed_messages(
    p: web::Data<Pipeline>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let input: ListFailedInput = parse_body(&body)?;
    Ok(HttpResponse::Ok().json(p.failed_messages(&input).await?))
}

/// Re-queue failed messages.
pub async fn requeue_messages(
    p: web::Data<Pipeline>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let input: RequeueInput = serde_json::from_slice(&body)
        .map_err(|e| ApiError::new(ErrorCode::InvalidArguments, format!("invalid body: {e}")))?;
    Ok(HttpResponse::Ok().json(p.requeue(&input).await?))
}

/// One pipeline run (`pipeline_run://{run_id}`).
pub async fn get_pipeline_run(
    p: web::Data<Pipeline>,
    run_id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(p.get_run(&run_id).await?))
}

/// Gmail's Pub/Sub push body.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct PushEnvelope {
    pub message: PushMessage,
    pub subscription: String,
}

/// The Pub/Sub message; `data` is base64 of `{"emailAddress", "historyId"}`.
#[derive(Debug, Deserialize, JsonSchema)]
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

/// The webhook's verifier of Pub/Sub push identities (absent: the webhook is disabled).
#[derive(Clone)]
pub struct PushIdentity(pub Option<Arc<ServiceAuthenticator>>);

/// Gmail push notification (Pub/Sub push subscription with an OIDC token): the token must be
/// Google-signed for the configured audience by the push service account, and the
/// notification must name our mailbox.
pub async fn gmail_webhook(
    p: web::Data<Pipeline>,
    identity: web::Data<PushIdentity>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let Some(verifier) = &identity.0 else {
        return Err(ApiError::new(
            ErrorCode::NotConfigured,
            "the Gmail webhook is disabled: set PIPELINE_WEBHOOK_AUDIENCE and PIPELINE_WEBHOOK_SERVICE_ACCOUNT",
        ));
    };
    let header = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    if let Err(e) = verifier.authenticate(header).await {
        tracing::info!(target: "auth", reason = %e, "gmail push refused");
        return Err(ApiError::new(e.code(), e.to_string()));
    }
    let n = parse_push(&body)?;
    if let Some(mailbox) = p.mailbox()
        && !n.email_address.eq_ignore_ascii_case(mailbox)
    {
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            "the notification names another mailbox",
        ));
    }
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
