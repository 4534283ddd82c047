//! The domain: list, read and search the mailbox. Knows nothing of HTTP or MCP; the tools
//! parse their arguments into the newtypes here and call [`Mailbox`].

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use common::kit::{Check, Readiness, ReadinessReport, ToolError};
use common::upstream::UpstreamError;
use common::{Email, ErrorCode};
use futures::{StreamExt, TryStreamExt};

use crate::client::GmailClient;
use common::contract::gmail::{Message, MessageList, MessageSummary};

use crate::mime;
use crate::settings::GmailSettings;

/// Longest `query` accepted (Gmail's own limit is higher; nobody needs more for triage).
pub const MAX_QUERY_CHARS: usize = 512;
/// Most messages one call returns (Gmail's page limit).
pub const MAX_MESSAGES: u32 = 500;
/// Pages followed at most for one call (each is up to 500 ids).
const MAX_PAGES: usize = 20;

/// A Gmail message id: 1–64 ASCII letters and digits.
#[derive(Debug, Clone)]
pub struct MessageId(String);

impl MessageId {
    pub fn parse(raw: &str) -> Result<Self, ToolError> {
        let id = raw.trim();
        if id.is_empty() || id.len() > 64 || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(ToolError::invalid(
                "id must be a Gmail message id (1 to 64 letters and digits)",
            ));
        }
        Ok(Self(id.to_string()))
    }
}

/// `since` as Gmail's `after:` term (epoch seconds).
pub fn after_term(since: &str) -> Result<String, ToolError> {
    let t = DateTime::parse_from_rfc3339(since.trim()).map_err(|_| {
        ToolError::invalid("since must be an RFC 3339 timestamp, e.g. 2026-11-01T00:00:00Z")
    })?;
    Ok(format!("after:{}", t.with_timezone(&Utc).timestamp()))
}

/// A page token as Gmail issues them: short, URL-safe characters only.
pub fn check_page_token(token: &str) -> Result<&str, ToolError> {
    let ok = !token.is_empty()
        && token.len() <= 512
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.~=".contains(&b));
    if ok {
        Ok(token)
    } else {
        Err(ToolError::invalid(
            "page_token must be a token from a previous listing",
        ))
    }
}

/// A free Gmail search query: bounded, no control characters.
pub fn check_query(q: &str) -> Result<&str, ToolError> {
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(ToolError::invalid(format!(
            "query is longer than {MAX_QUERY_CHARS} characters"
        )));
    }
    if q.chars().any(char::is_control) {
        return Err(ToolError::invalid(
            "query must not contain control characters",
        ));
    }
    Ok(q.trim())
}

/// `max` within 1..=500.
pub fn check_max(max: Option<u32>, default: u32) -> Result<u32, ToolError> {
    match max.unwrap_or(default) {
        n @ 1..=MAX_MESSAGES => Ok(n),
        n => Err(ToolError::invalid(format!(
            "max must be between 1 and {MAX_MESSAGES}, got {n}"
        ))),
    }
}

/// The mailbox: a configured Gmail client, or the reason there is none.
pub struct Mailbox {
    client: Result<GmailClient, String>,
    max_text: usize,
    concurrency: usize,
    page_size: u32,
}

impl Mailbox {
    /// Builds the client. Missing credentials leave the service up but `not_configured`;
    /// credentials that are present but broken stop start-up.
    pub fn from_settings(
        s: &GmailSettings,
        breakers: common::breaker::BreakerSettings,
        registry: &common::metrics::MetricsRegistry,
    ) -> Result<Self, UpstreamError> {
        let client = match s.token_source()? {
            None => Err("no Gmail credentials: set GMAIL_REFRESH_TOKEN (with GMAIL_CLIENT_ID and \
                         GMAIL_CLIENT_SECRET) or GMAIL_CREDENTIALS_FILE / GOOGLE_APPLICATION_CREDENTIALS"
                .to_string()),
            Some(common::google_auth::TokenSource::ServiceAccount { .. })
                if s.gmail_user.is_none() =>
            {
                return Err(UpstreamError::NotConfigured(
                    "GMAIL_USER is required with a service account (domain-wide delegation subject)"
                        .into(),
                ));
            }
            Some(source) => Ok(GmailClient::new(
                &s.gmail_base_url,
                source,
                Duration::from_millis(s.gmail_timeout_ms.max(1)),
                breakers,
                registry,
            )),
        };
        Ok(Self {
            client,
            max_text: s.gmail_max_text_bytes.max(1024),
            concurrency: s.gmail_fetch_concurrency.clamp(1, 32),
            page_size: s.gmail_page_size.clamp(1, MAX_MESSAGES),
        })
    }

    /// The circuit breakers of the client's upstreams (none when it is not configured).
    pub fn breakers(&self) -> Vec<Arc<common::breaker::Breaker>> {
        self.client
            .as_ref()
            .map(GmailClient::breakers)
            .unwrap_or_default()
    }

    fn client(&self) -> Result<&GmailClient, ToolError> {
        self.client
            .as_ref()
            .map_err(|why| ToolError::new(ErrorCode::NotConfigured, why.clone()))
    }

    /// Runs `q` and returns up to `max` messages with their headers, following pages.
    ///
    /// Each page asks for no more than is still wanted, so the returned token resumes exactly
    /// after the last message returned.
    pub async fn list(
        &self,
        q: String,
        max: u32,
        page_token: Option<&str>,
    ) -> Result<MessageList, ToolError> {
        let client = self.client()?;
        let mut ids = Vec::new();
        let mut token: Option<String> = page_token.map(str::to_string);
        let mut estimate = 0;
        for _ in 0..MAX_PAGES {
            let want = max - ids.len() as u32;
            let page = client
                .list(&q, want.min(self.page_size), token.as_deref())
                .await?;
            estimate = estimate.max(page.result_size_estimate);
            ids.extend(page.messages.into_iter().take(want as usize).map(|m| m.id));
            token = page.next_page_token;
            if ids.len() as u32 >= max || token.is_none() {
                break;
            }
        }
        let more = token.is_some();
        let messages: Vec<MessageSummary> = futures::stream::iter(ids)
            .map(|id| async move {
                let m = client.metadata(&id).await?;
                let h = mime::summary_headers(&m);
                Ok::<_, UpstreamError>(MessageSummary {
                    id: m.id,
                    thread_id: m.thread_id,
                    from: h.from,
                    from_email: h.from_email,
                    subject: h.subject,
                    date: h.date,
                    snippet: h.snippet,
                    labels: m.label_ids,
                })
            })
            .buffered(self.concurrency)
            .try_collect()
            .await?;
        Ok(MessageList {
            count: messages.len(),
            messages,
            result_size_estimate: estimate,
            more,
            next_page_token: token,
            query: q,
        })
    }

    /// One message, normalized.
    pub async fn get(&self, id: &MessageId) -> Result<Message, ToolError> {
        let raw = self.client()?.message(&id.0).await.map_err(|e| match e {
            UpstreamError::NotFound(_) => {
                ToolError::not_found(format!("no message with id {}", id.0))
            }
            other => other.into(),
        })?;
        Ok(mime::normalize(raw, self.max_text)?)
    }

    /// Messages from or to `email`.
    pub async fn search(&self, email: &Email, max: u32) -> Result<MessageList, ToolError> {
        let e = email.as_str();
        self.list(format!("from:{e} OR to:{e}"), max, None).await
    }
}

/// `/ready`: configured, and Gmail answers with our credentials.
pub struct GmailReadiness(pub Arc<Mailbox>);

#[async_trait::async_trait]
impl Readiness for GmailReadiness {
    async fn check(&self) -> ReadinessReport {
        let check = match &self.0.client {
            Err(why) => Check::failed("gmail", why.clone()),
            Ok(c) => match tokio::time::timeout(Duration::from_secs(3), c.profile()).await {
                Ok(Ok(p)) => {
                    Check::ok("gmail").with_detail(format!("{} messages", p.messages_total))
                }
                Ok(Err(e)) => Check::failed("gmail", e.to_string()),
                Err(_) => Check::failed("gmail", "Gmail did not answer within 3 s"),
            },
        };
        ReadinessReport {
            checks: vec![check],
        }
    }
}
