//! `/ready`: each service plugs in a check of its own dependencies.

use serde::Serialize;

/// One dependency's state.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub name: String,
    pub ok: bool,
    /// What is wrong, or what it is (never a secret).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl Check {
    pub fn ok(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ok: true,
            detail: None,
        }
    }

    pub fn failed(name: impl Into<String>, detail: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ok: false,
            detail: Some(detail.into()),
        }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

/// All checks; ready when every one is ok.
#[derive(Debug, Clone, Serialize, Default)]
pub struct ReadinessReport {
    pub checks: Vec<Check>,
}

impl ReadinessReport {
    pub fn ready(&self) -> bool {
        self.checks.iter().all(|c| c.ok)
    }
}

/// A service's readiness check. Keep it quick: it is polled by load balancers.
#[async_trait::async_trait]
pub trait Readiness: Send + Sync {
    async fn check(&self) -> ReadinessReport;
}

/// For services with no dependencies.
pub(super) struct AlwaysReady;

#[async_trait::async_trait]
impl Readiness for AlwaysReady {
    async fn check(&self) -> ReadinessReport {
        ReadinessReport::default()
    }
}

/// A check whose result is reused for `ttl`: for probes that cost an upstream call (and API
/// quota) when load balancers poll `/ready` every few seconds. Concurrent polls of an expired
/// result share one probe.
pub struct Cached<R> {
    inner: R,
    ttl: std::time::Duration,
    last: tokio::sync::Mutex<Option<(std::time::Instant, ReadinessReport)>>,
}

impl<R: Readiness> Cached<R> {
    /// `ttl` zero probes every time.
    pub fn new(inner: R, ttl: std::time::Duration) -> Self {
        Self {
            inner,
            ttl,
            last: tokio::sync::Mutex::new(None),
        }
    }
}

#[async_trait::async_trait]
impl<R: Readiness> Readiness for Cached<R> {
    async fn check(&self) -> ReadinessReport {
        if self.ttl.is_zero() {
            return self.inner.check().await;
        }
        // Held across the probe: pollers arriving meanwhile wait for its result.
        let mut last = self.last.lock().await;
        if let Some((at, report)) = last.as_ref()
            && at.elapsed() < self.ttl
        {
            return report.clone();
        }
        let report = self.inner.check().await;
        *last = Some((std::time::Instant::now(), report.clone()));
        report
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::*;

    struct Counting(AtomicUsize);

    #[async_trait::async_trait]
    impl Readiness for &'static Counting {
        async fn check(&self) -> ReadinessReport {
            self.0.fetch_add(1, Ordering::SeqCst);
            ReadinessReport::default()
        }
    }

    #[tokio::test]
    async fn a_cached_check_probes_once_per_ttl_and_every_time_with_zero() {
        let probes: &'static Counting = Box::leak(Box::new(Counting(AtomicUsize::new(0))));
        let cached = Cached::new(probes, Duration::from_secs(3600));
        for _ in 0..5 {
            assert!(cached.check().await.ready());
        }
        assert_eq!(probes.0.load(Ordering::SeqCst), 1);
        let uncached = Cached::new(probes, Duration::ZERO);
        for _ in 0..3 {
            uncached.check().await;
        }
        assert_eq!(probes.0.load(Ordering::SeqCst), 4);
    }
}
