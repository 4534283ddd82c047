//! The HubSpot CRM v3 client: bearer token, search by email, object reads with associations,
//! chunked batch reads, bounded retries with back-off, HubSpot's error bodies typed.

use std::time::Duration;

use common::breaker::BreakerSettings;
use common::metrics::MetricsRegistry;
use common::upstream::{self, RetryPolicy, Upstream, UpstreamError};
use reqwest::StatusCode;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::json;

use crate::settings::HubspotSettings;
use crate::wire::{BatchPage, HsObject, SearchPage};

/// HubSpot's batch read limit.
const MAX_BATCH: usize = 100;
/// The name of HubSpot's circuit breaker (errors, `/ready`, `/metrics`).
pub const BREAKER: &str = "hubspot-api";
/// Contacts read per search page (an email matches one contact; more would be a data issue).
const SEARCH_LIMIT: usize = 10;

/// A configured HubSpot client. Cheap to clone (the pooled HTTP client is shared).
#[derive(Clone)]
pub struct HubspotClient {
    http: reqwest::Client,
    base: String,
    token: SecretString,
    /// The retry policy and the `hubspot-api` circuit breaker.
    upstream: Upstream,
    batch_size: usize,
    max_batches: usize,
    ready_timeout: Duration,
}

/// HubSpot's error body (only the fields we read).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ErrorBody {
    #[serde(default)]
    message: String,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    error_type: Option<String>,
}

/// HubSpot's meaning of a non-success answer: `errorType`/`category` first, the status next.
fn map_error(status: StatusCode, body: &str, retry_after: Option<Duration>) -> UpstreamError {
    let Ok(err) = serde_json::from_str::<ErrorBody>(body) else {
        return upstream::default_mapper(status, body, retry_after);
    };
    // HubSpot's prose stays in our logs; callers get its error category only.
    tracing::debug!(category = ?err.category, message = %err.message.chars().take(200).collect::<String>(), "hubspot error");
    if err.error_type.as_deref() == Some("RATE_LIMIT") || status == StatusCode::TOO_MANY_REQUESTS {
        return UpstreamError::RateLimited { retry_after };
    }
    let category = err
        .category
        .as_deref()
        .map(|c| common::text::truncate_chars(c, 64).into_owned());
    match err.category.as_deref() {
        Some("INVALID_AUTHENTICATION" | "MISSING_SCOPES" | "EXPIRED_AUTHENTICATION") => {
            UpstreamError::Auth(format!(
                "HubSpot refused the token ({})",
                category.unwrap_or_default()
            ))
        }
        Some("OBJECT_NOT_FOUND") if status == StatusCode::NOT_FOUND => {
            UpstreamError::NotFound("no such HubSpot record".into())
        }
        Some(_) => UpstreamError::from_status(
            status,
            format!("HubSpot {}", category.unwrap_or_default()),
            retry_after,
        ),
        None => upstream::default_mapper(status, body, retry_after),
    }
}

impl HubspotClient {
    /// Builds the client (its breaker reporting to `registry`), or says which setting is
    /// missing.
    pub fn new(
        settings: &HubspotSettings,
        breakers: BreakerSettings,
        registry: &MetricsRegistry,
    ) -> Result<Self, UpstreamError> {
        let token = settings
            .hubspot_token
            .clone()
            .ok_or_else(|| UpstreamError::NotConfigured("set HUBSPOT_TOKEN".into()))?;
        Ok(Self {
            http: upstream::http_client(settings.timeout()),
            base: settings.hubspot_base_url.trim_end_matches('/').to_string(),
            token,
            upstream: Upstream::new(BREAKER, settings.retry(), breakers, registry),
            batch_size: settings.hubspot_batch_size.clamp(1, MAX_BATCH),
            max_batches: settings.hubspot_max_batches.max(1),
            ready_timeout: settings.ready_timeout(),
        })
    }

    /// GET with retries.
    #[tracing::instrument(skip_all, fields(upstream = "hubspot", path = %path))]
    async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        params: &[(&str, String)],
    ) -> Result<T, UpstreamError> {
        let url = format!("{}{path}", self.base);
        self.upstream
            .json(true, map_error, || {
                self.http
                    .get(&url)
                    .bearer_auth(self.token.expose_secret())
                    .query(params)
            })
            .await
    }

    /// POST of a read (search, batch read): safe to retry. The body may carry an email,
    /// so it is never logged.
    #[tracing::instrument(skip_all, fields(upstream = "hubspot", path = %path))]
    async fn post_read<T: DeserializeOwned>(
        &self,
        path: &str,
        body: &serde_json::Value,
    ) -> Result<T, UpstreamError> {
        let url = format!("{}{path}", self.base);
        self.upstream
            .json(true, map_error, || {
                self.http
                    .post(&url)
                    .bearer_auth(self.token.expose_secret())
                    .json(body)
            })
            .await
    }

    /// The contact with this email (`None` when HubSpot has none).
    pub async fn find_contact_id(&self, email: &str) -> Result<Option<String>, UpstreamError> {
        let body = json!({
            "filterGroups": [{"filters": [{"propertyName": "email", "operator": "EQ", "value": email}]}],
            "properties": ["email"],
            "limit": SEARCH_LIMIT,
        });
        let page: SearchPage = self
            .post_read("/crm/v3/objects/contacts/search", &body)
            .await?;
        if page.total > 1 {
            tracing::warn!(
                total = page.total,
                "several HubSpot contacts share one email; using the first"
            );
        }
        Ok(page.results.into_iter().next().map(|c| c.id))
    }

    /// One object with named properties and the ids of its associations.
    pub async fn object(
        &self,
        kind: &str,
        id: &str,
        properties: &[&str],
        associations: &[&str],
    ) -> Result<HsObject, UpstreamError> {
        let mut params = vec![("properties", properties.join(","))];
        if !associations.is_empty() {
            params.push(("associations", associations.join(",")));
        }
        self.get(&format!("/crm/v3/objects/{kind}/{id}"), &params)
            .await
    }

    /// Objects by id, in chunks of the batch size, in the order of `ids`. Ids HubSpot does
    /// not know (deleted since) are skipped. Returns the objects and whether the batch
    /// budget left some unread.
    pub async fn batch_read(
        &self,
        kind: &str,
        ids: &[String],
        properties: &[&str],
    ) -> Result<(Vec<HsObject>, bool), UpstreamError> {
        let mut out = Vec::with_capacity(ids.len());
        let chunks: Vec<&[String]> = ids.chunks(self.batch_size).collect();
        let truncated = chunks.len() > self.max_batches;
        for chunk in chunks.into_iter().take(self.max_batches) {
            let inputs: Vec<_> = chunk.iter().map(|id| json!({"id": id})).collect();
            let body = json!({"inputs": inputs, "properties": properties});
            let page: BatchPage = self
                .post_read(&format!("/crm/v3/objects/{kind}/batch/read"), &body)
                .await?;
            if page.num_errors > 0 {
                tracing::debug!(
                    kind,
                    errors = page.num_errors,
                    "batch read skipped unknown ids"
                );
            }
            out.extend(page.results);
        }
        // HubSpot does not promise the input order.
        out.sort_by_key(|o| ids.iter().position(|i| *i == o.id));
        Ok((out, truncated))
    }

    /// A cheap authenticated call with a short timeout and no retry (for `/ready`), behind
    /// the breaker: while it is open the probe spends no quota and says so.
    pub async fn probe(&self) -> Result<(), UpstreamError> {
        let url = format!("{}/crm/v3/objects/contacts", self.base);
        let once = RetryPolicy::none();
        let call = upstream::send(&once, true, map_error, || {
            self.http
                .get(&url)
                .bearer_auth(self.token.expose_secret())
                .query(&[("limit", "1"), ("properties", "email")])
                .timeout(self.ready_timeout)
        });
        self.upstream.guard(call).await.map(|_| ())
    }

    /// The `hubspot-api` circuit breaker.
    pub fn breaker(&self) -> Option<&std::sync::Arc<common::breaker::Breaker>> {
        self.upstream.breaker()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hubspot_error_bodies_decide_the_error() {
        use common::ErrorCode::*;
        let m = |s: u16, body: &str| map_error(StatusCode::from_u16(s).unwrap(), body, None).code();
        assert_eq!(
            m(
                401,
                r#"{"status":"error","message":"x","category":"INVALID_AUTHENTICATION"}"#
            ),
            UpstreamAuth
        );
        assert_eq!(
            m(
                429,
                r#"{"status":"error","message":"x","errorType":"RATE_LIMIT"}"#
            ),
            RateLimited
        );
        assert_eq!(
            m(
                404,
                r#"{"status":"error","message":"x","category":"OBJECT_NOT_FOUND"}"#
            ),
            NotFound
        );
        assert_eq!(m(502, "<html>bad gateway</html>"), UpstreamUnavailable);
        assert_eq!(
            m(
                400,
                r#"{"status":"error","message":"x","category":"VALIDATION_ERROR"}"#
            ),
            InvalidArguments
        );
    }
}
