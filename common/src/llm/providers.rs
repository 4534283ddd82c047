//! The wire protocols: OpenAI-style chat completions (Vertex AI endpoints and OpenAI-compatible
//! servers) and the Gemini API's `generateContent`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use reqwest::StatusCode;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde_json::{Value, json};

use super::error::LlmError;
use super::settings::ProviderKind;
use crate::google_auth::TokenProvider;
use crate::upstream::{self, RetryPolicy, UpstreamError};

/// One call as a provider sees it: the request with the layer's settings applied.
pub(crate) struct Call<'a> {
    pub system: &'a str,
    pub user: &'a str,
    pub model: &'a str,
    pub temperature: f32,
    pub max_tokens: u32,
    /// Ask for JSON output (the request has a schema and `LLM_JSON_MODE` is on).
    pub json: bool,
    /// Longest single HTTP attempt.
    pub attempt_timeout: Duration,
}

/// What a provider returned.
pub(crate) struct Reply {
    pub text: String,
    pub prompt_tokens: u32,
    pub completion_tokens: u32,
    pub finish_reason: Option<String>,
}

/// The seam between the layer and a wire protocol.
#[async_trait::async_trait]
pub(crate) trait Provider: Send + Sync {
    async fn call(&self, call: &Call<'_>, policy: &RetryPolicy) -> Result<Reply, LlmError>;
}

/// Error bodies of Google and OpenAI both carry `error.message`; keep that (bounded), not the
/// whole body, so logs stay short and free of echoed prompt text.
fn map_status(status: StatusCode, body: &str, retry_after: Option<Duration>) -> UpstreamError {
    let message = serde_json::from_str::<Value>(body)
        .ok()
        .and_then(|v| v["error"]["message"].as_str().map(str::to_string))
        .unwrap_or_else(|| body.to_string());
    let message: String = message.chars().take(200).collect();
    UpstreamError::from_status(status, message, retry_after)
}

/// How a chat-completions server wants to be authenticated.
pub(crate) enum ChatAuth {
    None,
    Bearer(SecretString),
    /// Google OAuth (Vertex AI): a cached token, refreshed once on a 401.
    Google(Arc<TokenProvider>),
}

/// `POST {url}` with an OpenAI chat-completions body.
pub(crate) struct ChatCompletions {
    pub kind: ProviderKind,
    pub url: String,
    pub http: reqwest::Client,
    pub auth: ChatAuth,
    /// Vertex endpoints serve one model and take `"model": ""`; other servers need the name.
    pub send_model: bool,
    /// Cleared when the server rejects `response_format` (older vLLM builds): then JSON is
    /// only asked for in the prompt and parsed from text.
    pub response_format_ok: AtomicBool,
}

#[derive(Deserialize)]
struct ChatResponse {
    #[serde(default)]
    choices: Vec<ChatChoice>,
    #[serde(default)]
    usage: Option<ChatUsage>,
}

#[derive(Deserialize)]
struct ChatChoice {
    #[serde(default)]
    message: Option<ChatMessage>,
    #[serde(default)]
    finish_reason: Option<String>,
}

#[derive(Deserialize)]
struct ChatMessage {
    #[serde(default)]
    content: Option<String>,
}

#[derive(Deserialize)]
struct ChatUsage {
    #[serde(default)]
    prompt_tokens: u32,
    #[serde(default)]
    completion_tokens: u32,
}

impl ChatCompletions {
    fn body(&self, call: &Call<'_>, response_format: bool) -> Value {
        let mut messages = Vec::new();
        if !call.system.is_empty() {
            messages.push(json!({"role": "system", "content": call.system}));
        }
        messages.push(json!({"role": "user", "content": call.user}));
        let mut body = json!({
            "model": if self.send_model { call.model } else { "" },
            "messages": messages,
            "max_tokens": call.max_tokens,
            "temperature": call.temperature,
            "stream": false,
        });
        if response_format {
            body["response_format"] = json!({"type": "json_object"});
        }
        body
    }

    async fn bearer(&self) -> Result<Option<SecretString>, LlmError> {
        match &self.auth {
            ChatAuth::None => Ok(None),
            ChatAuth::Bearer(k) => Ok(Some(k.clone())),
            ChatAuth::Google(tp) => tp.token().await.map(Some).map_err(|e| match e {
                UpstreamError::NotConfigured(m) => LlmError::NotConfigured(m),
                other => LlmError::Auth(format!("cannot obtain an access token: {other}")),
            }),
        }
    }
}

#[async_trait::async_trait]
impl Provider for ChatCompletions {
    #[tracing::instrument(skip_all, fields(provider = self.kind.as_str()))]
    async fn call(&self, call: &Call<'_>, policy: &RetryPolicy) -> Result<Reply, LlmError> {
        let mut refreshed_token = false;
        let mut response_format = call.json && self.response_format_ok.load(Ordering::Relaxed);
        let resp = loop {
            let token = self.bearer().await?;
            let body = self.body(call, response_format);
            let outcome = upstream::send(policy, true, map_status, || {
                let req = self
                    .http
                    .post(&self.url)
                    .timeout(call.attempt_timeout)
                    .json(&body);
                match &token {
                    Some(t) => req.bearer_auth(t.expose_secret()),
                    None => req,
                }
            })
            .await;
            match outcome {
                Ok(resp) => break resp,
                // A token revoked or expired early: fetch a fresh one, once.
                Err(UpstreamError::Auth(_))
                    if !refreshed_token && matches!(self.auth, ChatAuth::Google(_)) =>
                {
                    if let ChatAuth::Google(tp) = &self.auth {
                        tp.invalidate().await;
                    }
                    refreshed_token = true;
                }
                Err(UpstreamError::Rejected(m))
                    if response_format && m.to_ascii_lowercase().contains("response_format") =>
                {
                    tracing::warn!(
                        "server rejects response_format; asking for JSON in the prompt only"
                    );
                    self.response_format_ok.store(false, Ordering::Relaxed);
                    response_format = false;
                }
                Err(e) => return Err(e.into()),
            }
        };
        let parsed: ChatResponse = upstream::json(resp).await?;
        let usage = parsed.usage.unwrap_or(ChatUsage {
            prompt_tokens: 0,
            completion_tokens: 0,
        });
        let choice = parsed
            .choices
            .into_iter()
            .next()
            .ok_or_else(|| LlmError::InvalidResponse("no choices in the completion".into()))?;
        if choice.finish_reason.as_deref() == Some("content_filter") {
            return Err(LlmError::Blocked {
                reason: "content_filter".into(),
            });
        }
        Ok(Reply {
            text: choice.message.and_then(|m| m.content).unwrap_or_default(),
            prompt_tokens: usage.prompt_tokens,
            completion_tokens: usage.completion_tokens,
            finish_reason: choice.finish_reason,
        })
    }
}

/// The Gemini API's `generateContent`.
pub(crate) struct Gemini {
    pub base: String,
    pub api_key: SecretString,
    pub http: reqwest::Client,
}

/// Finish reasons that mean the answer was withheld, not merely cut short.
const BLOCKED_REASONS: &[&str] = &[
    "SAFETY",
    "RECITATION",
    "BLOCKLIST",
    "PROHIBITED_CONTENT",
    "SPII",
    "IMAGE_SAFETY",
    "IMAGE_PROHIBITED_CONTENT",
];

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GenerateResponse {
    #[serde(default)]
    candidates: Vec<Candidate>,
    #[serde(default)]
    usage_metadata: Option<UsageMetadata>,
    #[serde(default)]
    prompt_feedback: Option<PromptFeedback>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Candidate {
    #[serde(default)]
    content: Option<Content>,
    #[serde(default)]
    finish_reason: Option<String>,
}

#[derive(Deserialize)]
struct Content {
    #[serde(default)]
    parts: Vec<Part>,
}

#[derive(Deserialize)]
struct Part {
    #[serde(default)]
    text: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UsageMetadata {
    #[serde(default)]
    prompt_token_count: u32,
    #[serde(default)]
    candidates_token_count: u32,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PromptFeedback {
    #[serde(default)]
    block_reason: Option<String>,
}

/// Gemma on the Gemini API accepts neither a system instruction nor JSON mode.
pub(crate) fn is_gemma(model: &str) -> bool {
    model.to_ascii_lowercase().contains("gemma")
}

impl Gemini {
    fn body(call: &Call<'_>) -> Value {
        let gemma = is_gemma(call.model);
        let user = if gemma && !call.system.is_empty() {
            format!("{}\n\n{}", call.system, call.user)
        } else {
            call.user.to_string()
        };
        let mut config = json!({
            "temperature": call.temperature,
            "maxOutputTokens": call.max_tokens,
        });
        if call.json && !gemma {
            config["responseMimeType"] = json!("application/json");
        }
        let mut body = json!({
            "contents": [{"role": "user", "parts": [{"text": user}]}],
            "generationConfig": config,
        });
        if !gemma && !call.system.is_empty() {
            body["systemInstruction"] = json!({"parts": [{"text": call.system}]});
        }
        body
    }
}

#[async_trait::async_trait]
impl Provider for Gemini {
    #[tracing::instrument(skip_all, fields(provider = "gemini"))]
    async fn call(&self, call: &Call<'_>, policy: &RetryPolicy) -> Result<Reply, LlmError> {
        let model = call.model.trim_start_matches("models/");
        let url = format!("{}/v1beta/models/{model}:generateContent", self.base);
        let body = Self::body(call);
        let resp = upstream::send(policy, true, map_status, || {
            self.http
                .post(&url)
                .timeout(call.attempt_timeout)
                .header("x-goog-api-key", self.api_key.expose_secret())
                .json(&body)
        })
        .await?;
        let parsed: GenerateResponse = upstream::json(resp).await?;
        let usage = parsed.usage_metadata.unwrap_or(UsageMetadata {
            prompt_token_count: 0,
            candidates_token_count: 0,
        });
        let Some(candidate) = parsed.candidates.into_iter().next() else {
            return Err(match parsed.prompt_feedback.and_then(|f| f.block_reason) {
                Some(reason) => LlmError::Blocked { reason },
                None => LlmError::InvalidResponse("no candidates in the response".into()),
            });
        };
        if let Some(reason) = candidate
            .finish_reason
            .as_deref()
            .filter(|r| BLOCKED_REASONS.contains(r))
        {
            return Err(LlmError::Blocked {
                reason: reason.to_string(),
            });
        }
        let text = candidate
            .content
            .map(|c| {
                c.parts
                    .into_iter()
                    .filter_map(|p| p.text)
                    .collect::<String>()
            })
            .unwrap_or_default();
        Ok(Reply {
            text,
            prompt_tokens: usage.prompt_token_count,
            completion_tokens: usage.candidates_token_count,
            finish_reason: candidate.finish_reason,
        })
    }
}
