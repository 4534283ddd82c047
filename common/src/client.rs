//! The typed client for other services' `POST /mcp/call` and `GET /mcp/tools`.
//!
//! One pooled reqwest client per caller, a timeout per call, the current request id
//! forwarded, and errors that tell unreachable, timeout, tool error and protocol error apart.

use std::time::Duration;

use rmcp::model::{CallToolResult, Tool};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::error::ErrorCode;

/// Why a call to a sibling service failed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum CallError {
    /// Could not connect (down, wrong URL, refused).
    #[error("{service} is unreachable")]
    Unreachable { service: String },
    /// No answer within the deadline.
    #[error("{service} did not answer within {timeout_ms} ms")]
    Timeout { service: String, timeout_ms: u64 },
    /// The tool ran and failed (`isError: true`), with its typed code.
    #[error("{service}.{tool} failed: {code}: {message}")]
    Tool {
        service: String,
        tool: String,
        code: ErrorCode,
        message: String,
    },
    /// The service answered, but not with what the protocol promises (bad status, bad JSON).
    #[error("{service} broke the protocol: {message}")]
    Protocol { service: String, message: String },
}

impl CallError {
    /// The error code a caller would surface for this failure.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Unreachable { .. } => ErrorCode::UpstreamUnavailable,
            Self::Timeout { .. } => ErrorCode::Timeout,
            Self::Tool { code, .. } => *code,
            Self::Protocol { .. } => ErrorCode::InvalidResponse,
        }
    }

    /// Worth retrying (only for calls that are safe to repeat).
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Unreachable { .. } | Self::Timeout { .. } => true,
            Self::Tool { code, .. } => code.is_retryable(),
            Self::Protocol { .. } => false,
        }
    }
}

/// A client for one service. Cheap to clone (the reqwest client is shared).
#[derive(Debug, Clone)]
pub struct ServiceClient {
    name: String,
    base: String,
    http: reqwest::Client,
    timeout: Duration,
}

impl ServiceClient {
    /// `base_url` is the service root (e.g. `http://127.0.0.1:8101`); `http` the caller's pool.
    pub fn new(
        name: impl Into<String>,
        base_url: &str,
        http: reqwest::Client,
        timeout: Duration,
    ) -> Self {
        Self {
            name: name.into(),
            base: base_url.trim_end_matches('/').to_string(),
            http,
            timeout,
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// The same client with another per-call timeout.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    fn request(&self, req: reqwest::RequestBuilder, timeout: Duration) -> reqwest::RequestBuilder {
        let req = req.timeout(timeout);
        match crate::request_id::current() {
            Some(id) => req.header(crate::request_id::HEADER, id),
            None => req,
        }
    }

    fn transport_error(&self, e: &reqwest::Error, timeout: Duration) -> CallError {
        if e.is_timeout() {
            CallError::Timeout {
                service: self.name.clone(),
                timeout_ms: timeout.as_millis() as u64,
            }
        } else if e.is_connect() || e.is_request() {
            CallError::Unreachable {
                service: self.name.clone(),
            }
        } else {
            CallError::Protocol {
                service: self.name.clone(),
                message: "unreadable response".to_string(),
            }
        }
    }

    /// Calls `tool` and returns the raw MCP result (successful or `isError`).
    pub async fn call_raw(
        &self,
        tool: &str,
        arguments: Value,
    ) -> Result<CallToolResult, CallError> {
        self.call_raw_with_timeout(tool, arguments, self.timeout)
            .await
    }

    /// As [`call_raw`](Self::call_raw) with an explicit deadline for this call.
    pub async fn call_raw_with_timeout(
        &self,
        tool: &str,
        arguments: Value,
        timeout: Duration,
    ) -> Result<CallToolResult, CallError> {
        let url = format!("{}/mcp/call", self.base);
        let req = self.request(
            self.http
                .post(url)
                .json(&json!({"tool": tool, "arguments": arguments})),
            timeout,
        );
        let resp = req
            .send()
            .await
            .map_err(|e| self.transport_error(&e, timeout))?;
        let status = resp.status();
        let bytes = resp
            .bytes()
            .await
            .map_err(|e| self.transport_error(&e, timeout))?;
        if !status.is_success() {
            // Our services answer errors with the common body; keep its code when present.
            let parsed: Option<crate::error::ErrorBody> = serde_json::from_slice(&bytes).ok();
            return Err(match parsed {
                Some(body) => CallError::Tool {
                    service: self.name.clone(),
                    tool: tool.to_string(),
                    code: body.error.code,
                    message: body.error.message,
                },
                None => CallError::Protocol {
                    service: self.name.clone(),
                    message: format!("HTTP {status}"),
                },
            });
        }
        serde_json::from_slice(&bytes).map_err(|e| CallError::Protocol {
            service: self.name.clone(),
            message: format!("not a CallToolResult: {e}"),
        })
    }

    /// Calls `tool` and returns its structured content, or a typed error.
    pub async fn call(&self, tool: &str, arguments: Value) -> Result<Value, CallError> {
        self.call_with_timeout(tool, arguments, self.timeout).await
    }

    /// As [`call`](Self::call) with an explicit deadline.
    pub async fn call_with_timeout(
        &self,
        tool: &str,
        arguments: Value,
        timeout: Duration,
    ) -> Result<Value, CallError> {
        let result = self.call_raw_with_timeout(tool, arguments, timeout).await?;
        let structured = result.structured_content.unwrap_or(Value::Null);
        if result.is_error == Some(true) {
            let code = structured
                .get("code")
                .and_then(|c| serde_json::from_value::<ErrorCode>(c.clone()).ok())
                .unwrap_or(ErrorCode::Internal);
            let message = structured
                .get("message")
                .and_then(Value::as_str)
                .unwrap_or("tool failed")
                .to_string();
            return Err(CallError::Tool {
                service: self.name.clone(),
                tool: tool.to_string(),
                code,
                message,
            });
        }
        Ok(structured)
    }

    /// Calls `tool` and decodes its structured content as `T`.
    pub async fn call_typed<T: DeserializeOwned>(
        &self,
        tool: &str,
        arguments: Value,
    ) -> Result<T, CallError> {
        let v = self.call(tool, arguments).await?;
        serde_json::from_value(v).map_err(|e| CallError::Protocol {
            service: self.name.clone(),
            message: format!("{tool} output did not match its type: {e}"),
        })
    }

    /// The service's tools, as `tools/list` gives them.
    pub async fn list_tools(&self) -> Result<Vec<Tool>, CallError> {
        let url = format!("{}/mcp/tools", self.base);
        let resp = self
            .request(self.http.get(url), self.timeout)
            .send()
            .await
            .map_err(|e| self.transport_error(&e, self.timeout))?;
        if !resp.status().is_success() {
            return Err(CallError::Protocol {
                service: self.name.clone(),
                message: format!("HTTP {}", resp.status()),
            });
        }
        #[derive(serde::Deserialize)]
        struct Tools {
            tools: Vec<Tool>,
        }
        let tools: Tools = resp.json().await.map_err(|e| CallError::Protocol {
            service: self.name.clone(),
            message: if e.is_decode() {
                "not a tool list".into()
            } else {
                "unreadable tool list".into()
            },
        })?;
        Ok(tools.tools)
    }
}
