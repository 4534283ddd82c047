//! Stand-ins for Vertex AI endpoints (OpenAI-compatible chat completions, shared and dedicated
//! host paths, `v1` and `v1beta1`), the Gemini API (`generateContent`) and OpenAI-compatible
//! servers (`/v1/chat/completions`).
//!
//! Auth: Vertex wants a bearer token issued by the sandbox metadata server and not expired
//! (401 otherwise); Gemini wants `x-goog-api-key` (or `?key=`) equal to
//! [`crate::credentials::GEMINI_API_KEY`]; OpenAI accepts any key or none. Gemma models on the
//! Gemini route reject `systemInstruction` and JSON mode with the upstream's 400 messages.
//!
//! Replies are scripted per test: a queue of [`ScriptedReply`] consumed in order by any of the
//! three routes (in-process through [`LlmState`], or `POST /__sandbox/llm/replies` with one
//! reply or a list; `DELETE` clears; `GET /__sandbox/llm` gives `{calls, pending}`). With the
//! queue empty the reply is deterministic: when JSON is asked for (a JSON Schema quoted in the
//! prompt, `response_format`, or `responseMimeType`), the smallest value that satisfies the
//! schema (required properties only: `""`, `0`, `false`, `[]`, the first enum value; `{}`
//! without a schema); otherwise `sandbox echo: ` and the first 200 characters of the last user
//! message. Token counts are whitespace-separated words.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use actix_web::{HttpRequest, HttpResponse, web};
use parking_lot::Mutex;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

mod reply;

use crate::SandboxState;
use crate::metadata::TokenStatus;
use crate::reply::{google_error, status_builder};
use reply::default_reply;

/// One scripted answer. Every field is optional.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScriptedReply {
    /// The model's text; `None` means the default reply.
    #[serde(default)]
    pub text: Option<String>,
    /// Answer with this HTTP status and the provider's error body instead.
    #[serde(default)]
    pub status: Option<u16>,
    /// Wait this long before answering.
    #[serde(default)]
    pub delay_ms: u64,
    /// `finish_reason` / `finishReason` (default `stop` / `STOP`).
    #[serde(default)]
    pub finish_reason: Option<String>,
    /// With `status`: the error message in the provider's body (a generic one otherwise).
    #[serde(default)]
    pub message: Option<String>,
}

impl ScriptedReply {
    pub fn text(text: impl Into<String>) -> Self {
        Self {
            text: Some(text.into()),
            ..Self::default()
        }
    }

    pub fn status(status: u16) -> Self {
        Self {
            status: Some(status),
            ..Self::default()
        }
    }

    pub fn delay(mut self, d: Duration) -> Self {
        self.delay_ms = d.as_millis() as u64;
        self
    }

    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.message = Some(message.into());
        self
    }

    pub fn finish_reason(mut self, reason: impl Into<String>) -> Self {
        self.finish_reason = Some(reason.into());
        self
    }
}

/// Scripted replies and the call count.
#[derive(Default)]
pub struct LlmState {
    queue: Mutex<VecDeque<ScriptedReply>>,
    calls: AtomicU64,
}

impl LlmState {
    /// Queues one reply (consumed in order by the next model call).
    pub fn push(&self, reply: ScriptedReply) {
        self.queue.lock().push_back(reply);
    }

    /// Queues a plain text reply.
    pub fn push_text(&self, text: impl Into<String>) {
        self.push(ScriptedReply::text(text));
    }

    /// Drops every queued reply.
    pub fn clear(&self) {
        self.queue.lock().clear();
    }

    /// Model calls answered so far (all three routes, errors included).
    pub fn calls(&self) -> u64 {
        self.calls.load(Ordering::Relaxed)
    }

    /// Replies still queued.
    pub fn pending(&self) -> usize {
        self.queue.lock().len()
    }

    fn next(&self) -> ScriptedReply {
        self.calls.fetch_add(1, Ordering::Relaxed);
        self.queue.lock().pop_front().unwrap_or_default()
    }
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/{version}/projects/{project}/locations/{location}/endpoints/{endpoint}/chat/completions",
        web::post().to(vertex_chat),
    )
    .route("/v1beta/models/{spec}", web::post().to(gemini_generate))
    .route("/v1/chat/completions", web::post().to(openai_chat))
    .route("/__sandbox/llm", web::get().to(admin_get))
    .route("/__sandbox/llm/replies", web::post().to(admin_push))
    .route("/__sandbox/llm/replies", web::delete().to(admin_clear));
}

/// OpenAI's error body for an injected status.
pub fn openai_error_response(status: u16) -> HttpResponse {
    crate::reply::status_builder(status).json(serde_json::json!({
        "error": {"message": "sandbox error", "type": "server_error", "code": status}
    }))
}

/// Google's envelope with a specific message.
fn google_error_with(status: u16, gstatus: &str, message: &str) -> HttpResponse {
    status_builder(status)
        .json(json!({"error": {"code": status, "message": message, "status": gstatus}}))
}

fn bearer(req: &HttpRequest) -> Option<&str> {
    req.headers()
        .get(actix_web::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
}

/// Words, as a deterministic stand-in for tokens.
fn words(s: &str) -> u32 {
    s.split_whitespace().count() as u32
}

async fn vertex_chat(
    req: HttpRequest,
    path: web::Path<(String, String, String, String)>,
    state: web::Data<SandboxState>,
    body: web::Bytes,
) -> HttpResponse {
    if !matches!(path.0.as_str(), "v1" | "v1beta1") {
        return google_error(404);
    }
    match bearer(&req).map(|t| state.metadata.check(t)) {
        Some(TokenStatus::Valid) => {}
        Some(TokenStatus::Expired) => {
            return google_error_with(
                401,
                "UNAUTHENTICATED",
                "Request had invalid authentication credentials. Expected OAuth 2 access token. The access token expired.",
            );
        }
        Some(TokenStatus::Unknown) | None => return google_error(401),
    }
    chat(&state, &body, Flavor::Google).await
}

async fn openai_chat(state: web::Data<SandboxState>, body: web::Bytes) -> HttpResponse {
    chat(&state, &body, Flavor::Openai).await
}

/// Whose error envelope a chat-completions route answers with.
#[derive(Clone, Copy)]
enum Flavor {
    /// Vertex AI: Google's envelope.
    Google,
    Openai,
}

impl Flavor {
    fn error(self, status: u16, message: Option<&str>) -> HttpResponse {
        match (self, message) {
            (Self::Google, Some(m)) => google_error_with(status, "INVALID_ARGUMENT", m),
            (Self::Google, None) => google_error(status),
            (Self::Openai, Some(m)) => status_builder(status).json(json!({
                "error": {"message": m, "type": "invalid_request_error", "code": status}
            })),
            (Self::Openai, None) => openai_error_response(status),
        }
    }
}

/// The OpenAI chat-completions body (vLLM's on Vertex).
async fn chat(state: &SandboxState, body: &[u8], flavor: Flavor) -> HttpResponse {
    let Ok(request) = serde_json::from_slice::<Value>(body) else {
        return flavor.error(400, None);
    };
    let Some(messages) = request["messages"].as_array().filter(|m| !m.is_empty()) else {
        return flavor.error(400, None);
    };
    let reply = state.llm.next();
    if reply.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(reply.delay_ms)).await;
    }
    if let Some(status) = reply.status.filter(|s| !(200..300).contains(s)) {
        return flavor.error(status, reply.message.as_deref());
    }
    let user = messages
        .iter()
        .rev()
        .find(|m| m["role"] == "user")
        .and_then(|m| m["content"].as_str())
        .unwrap_or("");
    let prompt: String = messages
        .iter()
        .filter_map(|m| m["content"].as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let json_asked = request.get("response_format").is_some();
    let text = reply
        .text
        .unwrap_or_else(|| default_reply(user, json_asked));
    HttpResponse::Ok().json(json!({
        "id": format!("chatcmpl-sandbox-{}", state.llm.calls()),
        "object": "chat.completion",
        "created": chrono::Utc::now().timestamp(),
        "model": request["model"].as_str().unwrap_or(""),
        "choices": [{
            "index": 0,
            "message": {"role": "assistant", "content": text},
            "finish_reason": reply.finish_reason.unwrap_or_else(|| "stop".into()),
        }],
        "usage": {
            "prompt_tokens": words(&prompt),
            "completion_tokens": words(&text),
            "total_tokens": words(&prompt) + words(&text),
        },
    }))
}

#[derive(Deserialize)]
struct KeyQuery {
    key: Option<String>,
}

async fn gemini_generate(
    req: HttpRequest,
    spec: web::Path<String>,
    q: web::Query<KeyQuery>,
    state: web::Data<SandboxState>,
    body: web::Bytes,
) -> HttpResponse {
    let Some(model) = spec.strip_suffix(":generateContent") else {
        return google_error(404);
    };
    let key = req
        .headers()
        .get("x-goog-api-key")
        .and_then(|v| v.to_str().ok())
        .or(q.key.as_deref());
    match key {
        None => {
            return google_error_with(
                403,
                "PERMISSION_DENIED",
                "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
            );
        }
        Some(k) if k != crate::credentials::GEMINI_API_KEY => {
            return google_error_with(
                400,
                "INVALID_ARGUMENT",
                "API key not valid. Please pass a valid API key.",
            );
        }
        Some(_) => {}
    }
    let Ok(request) = serde_json::from_slice::<Value>(&body) else {
        return google_error(400);
    };
    let Some(contents) = request["contents"].as_array().filter(|c| !c.is_empty()) else {
        return google_error_with(
            400,
            "INVALID_ARGUMENT",
            "* GenerateContentRequest.contents: contents is not specified",
        );
    };
    let config = &request["generationConfig"];
    let json_mode = config["responseMimeType"] == "application/json"
        || config.get("responseSchema").is_some()
        || config.get("responseJsonSchema").is_some();
    if model.contains("gemma") {
        if request.get("systemInstruction").is_some() {
            return google_error_with(
                400,
                "INVALID_ARGUMENT",
                &format!("Developer instruction is not enabled for models/{model}"),
            );
        }
        if json_mode {
            return google_error_with(
                400,
                "INVALID_ARGUMENT",
                &format!("JSON mode is not enabled for models/{model}"),
            );
        }
    }
    let reply = state.llm.next();
    if reply.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(reply.delay_ms)).await;
    }
    if let Some(status) = reply.status.filter(|s| !(200..300).contains(s)) {
        return match reply.message {
            Some(m) => google_error_with(status, "INVALID_ARGUMENT", &m),
            None => google_error(status),
        };
    }
    let texts: Vec<&str> = contents
        .iter()
        .flat_map(|c| c["parts"].as_array().into_iter().flatten())
        .filter_map(|p| p["text"].as_str())
        .collect();
    let user = texts.last().copied().unwrap_or("");
    let prompt = texts.join(" ");
    let text = reply.text.unwrap_or_else(|| default_reply(user, json_mode));
    let finish = reply.finish_reason.unwrap_or_else(|| "STOP".into());
    let mut candidate = json!({"finishReason": finish, "index": 0});
    // Withheld answers carry no content upstream.
    if !matches!(
        finish.as_str(),
        "SAFETY" | "BLOCKLIST" | "PROHIBITED_CONTENT" | "SPII"
    ) {
        candidate["content"] = json!({"role": "model", "parts": [{"text": text}]});
    }
    HttpResponse::Ok().json(json!({
        "candidates": [candidate],
        "usageMetadata": {
            "promptTokenCount": words(&prompt),
            "candidatesTokenCount": words(&text),
            "totalTokenCount": words(&prompt) + words(&text),
        },
        "modelVersion": model,
        "responseId": format!("sandbox-{}", state.llm.calls()),
    }))
}

async fn admin_get(state: web::Data<SandboxState>) -> HttpResponse {
    HttpResponse::Ok().json(json!({"calls": state.llm.calls(), "pending": state.llm.pending()}))
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(ScriptedReply),
    Many(Vec<ScriptedReply>),
}

async fn admin_push(state: web::Data<SandboxState>, body: web::Json<OneOrMany>) -> HttpResponse {
    match body.into_inner() {
        OneOrMany::One(r) => state.llm.push(r),
        OneOrMany::Many(rs) => rs.into_iter().for_each(|r| state.llm.push(r)),
    }
    HttpResponse::Created().json(json!({"pending": state.llm.pending()}))
}

async fn admin_clear(state: web::Data<SandboxState>) -> HttpResponse {
    state.llm.clear();
    HttpResponse::NoContent().finish()
}
