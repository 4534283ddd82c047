//! The Chargebee API v2 client: HTTP Basic with the API key, bounded retries honouring
//! `Retry-After`, Chargebee's error bodies mapped to typed errors, and `next_offset` paging.

use std::time::Duration;

use common::breaker::BreakerSettings;
use common::metrics::MetricsRegistry;
use common::upstream::{self, RetryPolicy, Upstream, UpstreamError};
use reqwest::StatusCode;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::settings::ChargebeeSettings;
use crate::wire::{
    CbCustomer, CbInvoice, CbSubscription, CustomerItem, InvoiceItem, ListPage, SubscriptionItem,
};

/// The name of Chargebee's circuit breaker (errors, `/ready`, `/metrics`).
pub const BREAKER: &str = "chargebee-api";

/// Largest page Chargebee serves.
const MAX_PAGE: usize = 100;

/// A configured Chargebee client. Cheap to clone (the pooled HTTP client is shared).
#[derive(Clone)]
pub struct ChargebeeClient {
    http: reqwest::Client,
    api_base: String,
    api_key: SecretString,
    /// The retry policy and the `chargebee-api` circuit breaker.
    upstream: Upstream,
    page_size: usize,
    max_pages: usize,
    ready_timeout: Duration,
}

/// Chargebee's error body (only the fields we read).
#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default)]
    message: String,
    #[serde(default)]
    api_error_code: String,
}

/// Chargebee's meaning of a non-success answer: its `api_error_code` first, the status next.
fn map_error(status: StatusCode, body: &str, retry_after: Option<Duration>) -> UpstreamError {
    let Ok(err) = serde_json::from_str::<ErrorBody>(body) else {
        return upstream::default_mapper(status, body, retry_after);
    };
    // Chargebee's prose stays in our logs; callers get its error code only.
    tracing::debug!(code = %err.api_error_code, message = %err.message.chars().take(200).collect::<String>(), "chargebee error");
    let code = common::text::truncate_chars(&err.api_error_code, 64).into_owned();
    match err.api_error_code.as_str() {
        "api_authentication_failed" | "api_authorization_failed" => {
            UpstreamError::Auth(format!("Chargebee refused the API key ({code})"))
        }
        // A wrong site is a configuration problem, not a missing person.
        "site_not_found" | "site_not_ready" => {
            UpstreamError::NotConfigured(format!("Chargebee site: {code}; check CHARGEBEE_SITE"))
        }
        "api_request_limit_exceeded" => UpstreamError::RateLimited { retry_after },
        "resource_not_found" => UpstreamError::NotFound("no such Chargebee record".into()),
        _ => UpstreamError::from_status(status, format!("Chargebee {code}"), retry_after),
    }
}

impl ChargebeeClient {
    /// Builds the client (its breaker reporting to `registry`), or says which setting is
    /// missing.
    pub fn new(
        settings: &ChargebeeSettings,
        breakers: BreakerSettings,
        registry: &MetricsRegistry,
    ) -> Result<Self, UpstreamError> {
        let api_base = settings.api_base().ok_or_else(|| {
            UpstreamError::NotConfigured("set CHARGEBEE_SITE or CHARGEBEE_BASE_URL".into())
        })?;
        let api_key = settings
            .chargebee_api_key
            .clone()
            .ok_or_else(|| UpstreamError::NotConfigured("set CHARGEBEE_API_KEY".into()))?;
        Ok(Self {
            http: upstream::http_client(settings.timeout()),
            api_base,
            api_key,
            upstream: Upstream::new(BREAKER, settings.retry(), breakers, registry),
            page_size: settings.chargebee_page_size.clamp(1, MAX_PAGE),
            max_pages: settings.chargebee_max_pages.max(1),
            ready_timeout: settings.ready_timeout(),
        })
    }

    /// One GET with retries; `params` are query pairs (they may carry an email: never logged).
    #[tracing::instrument(skip_all, fields(upstream = "chargebee", path = %path))]
    async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        params: &[(&str, String)],
    ) -> Result<T, UpstreamError> {
        let url = format!("{}{path}", self.api_base);
        self.upstream
            .json(true, map_error, || {
                self.http
                    .get(&url)
                    .basic_auth(self.api_key.expose_secret(), Some(""))
                    .query(params)
            })
            .await
    }

    /// Follows `next_offset` until `want` items are read, the list ends, or the page budget
    /// is spent. Returns the items and whether more were left unread.
    async fn list<T: DeserializeOwned>(
        &self,
        path: &str,
        filters: &[(&str, String)],
        want: Option<usize>,
    ) -> Result<(Vec<T>, bool), UpstreamError> {
        let (items, next) = self.list_from(path, filters, want, None).await?;
        Ok((items, next.is_some()))
    }

    /// [`Self::list`] starting at `start` (a `next_offset` Chargebee gave); returns the items
    /// and the offset of the first unread one, if any are left.
    async fn list_from<T: DeserializeOwned>(
        &self,
        path: &str,
        filters: &[(&str, String)],
        want: Option<usize>,
        start: Option<String>,
    ) -> Result<(Vec<T>, Option<String>), UpstreamError> {
        let mut items: Vec<T> = Vec::new();
        let mut offset: Option<String> = start;
        for _ in 0..self.max_pages {
            let remaining = want.map_or(usize::MAX, |w| w - items.len());
            let limit = self.page_size.min(remaining);
            let mut params: Vec<(&str, String)> = filters.to_vec();
            params.push(("limit", limit.to_string()));
            if let Some(o) = offset.take() {
                params.push(("offset", o));
            }
            let page: ListPage<T> = self.get(path, &params).await?;
            items.extend(page.list);
            match page.next_offset {
                Some(next) if want.is_none_or(|w| items.len() < w) => offset = Some(next),
                more => return Ok((items, more)),
            }
        }
        Ok((items, offset))
    }

    /// Customers with this email, most recent first, deleted ones included.
    pub async fn customers_by_email(&self, email: &str) -> Result<Vec<CbCustomer>, UpstreamError> {
        let filters = [
            ("email[is]", email.to_string()),
            ("include_deleted", "true".to_string()),
            ("sort_by[desc]", "created_at".to_string()),
        ];
        let (items, _) = self
            .list::<CustomerItem>("/customers", &filters, Some(MAX_PAGE))
            .await?;
        Ok(items.into_iter().map(|i| i.customer).collect())
    }

    /// Every subscription of a customer (paged to the end, within the page budget).
    pub async fn subscriptions(
        &self,
        customer_id: &str,
    ) -> Result<(Vec<CbSubscription>, bool), UpstreamError> {
        let filters = [
            ("customer_id[is]", customer_id.to_string()),
            ("sort_by[desc]", "created_at".to_string()),
        ];
        let (items, more) = self
            .list::<SubscriptionItem>("/subscriptions", &filters, None)
            .await?;
        Ok((items.into_iter().map(|i| i.subscription).collect(), more))
    }

    /// A customer's invoices, newest first: `want` of them, or all (within the page budget).
    pub async fn invoices(
        &self,
        customer_id: &str,
        want: Option<usize>,
    ) -> Result<(Vec<CbInvoice>, bool), UpstreamError> {
        let (items, next) = self.invoice_page(customer_id, &[], want, None).await?;
        Ok((items, next.is_some()))
    }

    /// A customer's invoices in `statuses` (all when empty), newest first, from `offset`:
    /// `want` of them (or all within the page budget) and the offset of the next ones.
    pub async fn invoice_page(
        &self,
        customer_id: &str,
        statuses: &[&str],
        want: Option<usize>,
        offset: Option<String>,
    ) -> Result<(Vec<CbInvoice>, Option<String>), UpstreamError> {
        let mut filters = vec![
            ("customer_id[is]", customer_id.to_string()),
            ("sort_by[desc]", "date".to_string()),
        ];
        if !statuses.is_empty() {
            filters.push((
                "status[in]",
                serde_json::to_string(statuses).unwrap_or_default(),
            ));
        }
        let (items, next) = self
            .list_from::<InvoiceItem>("/invoices", &filters, want, offset)
            .await?;
        Ok((items.into_iter().map(|i| i.invoice).collect(), next))
    }

    /// A cheap authenticated call with a short timeout and no retry (for `/ready`), behind
    /// the breaker: while it is open the probe spends no quota and says so.
    pub async fn probe(&self) -> Result<(), UpstreamError> {
        let url = format!("{}/customers", self.api_base);
        let once = RetryPolicy::none();
        let call = upstream::send(&once, true, map_error, || {
            self.http
                .get(&url)
                .basic_auth(self.api_key.expose_secret(), Some(""))
                .query(&[("limit", "1")])
                .timeout(self.ready_timeout)
        });
        self.upstream.guard(call).await.map(|_| ())
    }

    /// The `chargebee-api` circuit breaker.
    pub fn breaker(&self) -> Option<&std::sync::Arc<common::breaker::Breaker>> {
        self.upstream.breaker()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chargebee_error_codes_decide_the_error() {
        let m = |s: u16, body: &str| map_error(StatusCode::from_u16(s).unwrap(), body, None).code();
        use common::ErrorCode::*;
        assert_eq!(
            m(
                401,
                r#"{"message":"x","api_error_code":"api_authentication_failed"}"#
            ),
            UpstreamAuth
        );
        assert_eq!(
            m(
                429,
                r#"{"message":"x","api_error_code":"api_request_limit_exceeded"}"#
            ),
            RateLimited
        );
        assert_eq!(
            m(
                404,
                r#"{"message":"x","api_error_code":"resource_not_found"}"#
            ),
            NotFound
        );
        assert_eq!(
            m(404, r#"{"message":"x","api_error_code":"site_not_found"}"#),
            NotConfigured
        );
        assert_eq!(m(503, "<html>down</html>"), UpstreamUnavailable);
    }
}
