//! [`Upstream`]: one external API as the product calls it — its retry policy and its circuit
//! breaker, built once and shared by every call to it, so no client wires a breaker by hand.

use std::future::Future;
use std::sync::Arc;

use reqwest::{RequestBuilder, Response};
use serde::de::DeserializeOwned;

use super::{RetryPolicy, StatusMapper, UpstreamError};
use crate::breaker::{Breaker, BreakerMetrics, BreakerSettings};
use crate::metrics::MetricsRegistry;

/// An external API: how calls to it are retried, and the breaker that fails them at once
/// while it keeps failing. Cheap to clone (the breaker is shared).
#[derive(Clone)]
pub struct Upstream {
    policy: RetryPolicy,
    breaker: Option<Arc<Breaker>>,
}

impl std::fmt::Debug for Upstream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upstream")
            .field("policy", &self.policy)
            .field("breaker", &self.breaker.as_ref().map(|b| b.name()))
            .finish()
    }
}

impl Upstream {
    /// `name`'s calls, retried by `policy`, behind a breaker of that name reporting to
    /// `registry` (`/metrics`); the owner shows it in `/ready` (see [`Upstream::breaker`]).
    pub fn new(
        name: &str,
        policy: RetryPolicy,
        breakers: BreakerSettings,
        registry: &MetricsRegistry,
    ) -> Self {
        Self {
            policy,
            breaker: Some(Breaker::new(
                name,
                breakers,
                Some(BreakerMetrics::register(registry)),
            )),
        }
    }

    /// Calls retried by `policy`, with no breaker (callers outside a service: start-up
    /// checks, the metadata server).
    pub fn unguarded(policy: RetryPolicy) -> Self {
        Self {
            policy,
            breaker: None,
        }
    }

    pub fn policy(&self) -> &RetryPolicy {
        &self.policy
    }

    /// The breaker, if there is one.
    pub fn breaker(&self) -> Option<&Arc<Breaker>> {
        self.breaker.as_ref()
    }

    /// Runs `call` (one logical call, its retries included) behind the breaker: refused at
    /// once while it is open, and its outcome reported. Only outage-like failures count
    /// (see [`UpstreamError::is_outage`]); a "not found" or a refused request does not.
    pub async fn guard<T>(
        &self,
        call: impl Future<Output = Result<T, UpstreamError>>,
    ) -> Result<T, UpstreamError> {
        let Some(breaker) = &self.breaker else {
            return call.await;
        };
        breaker.admit()?;
        let result = call.await;
        breaker.record(result.as_ref().err().is_some_and(UpstreamError::is_outage));
        result
    }

    /// [`super::send`] with this upstream's policy, behind its breaker. A body read later
    /// is not covered: prefer [`Upstream::json`] when the answer is JSON.
    pub async fn send(
        &self,
        idempotent: bool,
        map: StatusMapper,
        build: impl Fn() -> RequestBuilder,
    ) -> Result<Response, UpstreamError> {
        self.guard(super::send(&self.policy, idempotent, map, build))
            .await
    }

    /// Sends and reads a JSON answer (at most [`super::MAX_UPSTREAM_BODY`]) behind the
    /// breaker: a malformed or oversized body counts as a failure too.
    pub async fn json<T: DeserializeOwned>(
        &self,
        idempotent: bool,
        map: StatusMapper,
        build: impl Fn() -> RequestBuilder,
    ) -> Result<T, UpstreamError> {
        self.guard(async {
            let resp = super::send(&self.policy, idempotent, map, build).await?;
            super::json(resp).await
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::time::Duration;

    use super::*;
    use crate::breaker::BreakerState;

    fn upstream(registry: &MetricsRegistry) -> Upstream {
        let settings = BreakerSettings {
            breaker_failures: 2,
            breaker_window_secs: 60,
            breaker_open_secs: 60,
        };
        Upstream::new("billing-api", RetryPolicy::none(), settings, registry)
    }

    #[tokio::test]
    async fn outages_open_it_then_calls_are_refused_without_running() {
        let registry = MetricsRegistry::new();
        let up = upstream(&registry);
        let runs = AtomicU32::new(0);
        let failing = || async {
            runs.fetch_add(1, Ordering::SeqCst);
            Err::<(), _>(UpstreamError::Timeout)
        };
        for _ in 0..2 {
            assert!(matches!(
                up.guard(failing()).await,
                Err(UpstreamError::Timeout)
            ));
        }
        assert_eq!(up.breaker().unwrap().state(), BreakerState::Open);
        let refused = up.guard(failing()).await.unwrap_err();
        assert_eq!(runs.load(Ordering::SeqCst), 2, "the third call never ran");
        assert_eq!(refused.code(), crate::ErrorCode::UpstreamUnavailable);
        assert!(!refused.is_retryable());
        assert!(
            refused
                .to_string()
                .contains("circuit breaker for billing-api is open"),
            "{refused}"
        );
        assert!(
            registry
                .encode()
                .contains("breaker_state{breaker=\"billing-api\"} 2")
        );
    }

    #[tokio::test]
    async fn answers_that_blame_the_caller_do_not_count() {
        let up = upstream(&MetricsRegistry::new());
        for e in [
            UpstreamError::NotFound("no such customer".into()),
            UpstreamError::Rejected("HTTP 400".into()),
            UpstreamError::Auth("HTTP 401".into()),
            UpstreamError::Misconfigured("HTTP 404".into()),
        ] {
            for _ in 0..3 {
                let _ = up.guard(async { Err::<(), _>(e.clone()) }).await;
            }
        }
        assert_eq!(up.breaker().unwrap().state(), BreakerState::Closed);
        for e in [
            UpstreamError::RateLimited {
                retry_after: Some(Duration::from_secs(1)),
            },
            UpstreamError::InvalidResponse("malformed JSON body".into()),
        ] {
            let _ = up.guard(async { Err::<(), _>(e) }).await;
        }
        assert_eq!(up.breaker().unwrap().state(), BreakerState::Open);
    }
}
