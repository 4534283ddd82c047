//! Circuit breakers: after `failures` outage-like failures within `window`, a dependency is
//! *open* for `open_for` — calls fail at once instead of waiting out a deadline — then
//! *half-open*: one probe call decides whether it closes again or reopens.
//!
//! One breaker per dependency (a sibling service, an upstream API, the model), shared by
//! everything in the process that calls it; each shows in `/metrics`
//! (`breaker_state{breaker}`: 0 closed, 1 half-open, 2 open; `breaker_rejections`) and in
//! the readiness detail of the service that owns it.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::{Duration, Instant};

use parking_lot::Mutex;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use serde::Deserialize;

use crate::metrics::MetricsRegistry;

/// When breakers open and for how long (`BREAKER_*`).
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct BreakerSettings {
    /// `BREAKER_FAILURES`: outage-like failures within the window that open a breaker.
    #[serde(default = "d_failures")]
    pub breaker_failures: u32,
    /// `BREAKER_WINDOW_SECS`: the window failures are counted in.
    #[serde(default = "d_window")]
    pub breaker_window_secs: u64,
    /// `BREAKER_OPEN_SECS`: how long a breaker stays open before a probe is let through.
    #[serde(default = "d_open")]
    pub breaker_open_secs: u64,
}

fn d_failures() -> u32 {
    5
}
fn d_window() -> u64 {
    30
}
fn d_open() -> u64 {
    15
}

impl Default for BreakerSettings {
    fn default() -> Self {
        Self {
            breaker_failures: d_failures(),
            breaker_window_secs: d_window(),
            breaker_open_secs: d_open(),
        }
    }
}

/// A breaker's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakerState {
    Closed,
    HalfOpen,
    Open,
}

impl BreakerState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Closed => "closed",
            Self::HalfOpen => "half_open",
            Self::Open => "open",
        }
    }
}

enum Inner {
    Closed {
        failures: VecDeque<Instant>,
    },
    Open {
        until: Instant,
    },
    /// A probe is out since `since`; everyone else is refused until it reports, or until
    /// it has been out for the open time (a probe whose caller gave up never reports: the
    /// next call becomes the probe instead of the breaker staying half-open for good).
    HalfOpen {
        since: Instant,
    },
}

/// Why a call was not made.
#[derive(Debug, Clone, thiserror::Error)]
#[error(
    "the circuit breaker for {name} is open after repeated failures; retrying in {retry_in_secs} s"
)]
pub struct Open {
    pub name: String,
    pub retry_in_secs: u64,
}

/// One dependency's breaker.
pub struct Breaker {
    name: String,
    settings: BreakerSettings,
    inner: Mutex<Inner>,
    metrics: Option<BreakerMetrics>,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct BreakerLabel {
    breaker: String,
}

/// Where breakers report (one family per registry).
#[derive(Clone)]
pub struct BreakerMetrics {
    state: Family<BreakerLabel, Gauge>,
    rejections: Family<BreakerLabel, Counter>,
}

impl BreakerMetrics {
    /// The registry's breaker metrics, registered on first use: every breaker of a process
    /// (services, upstreams, the model) reports into the same two families.
    pub fn register(registry: &MetricsRegistry) -> Self {
        registry.shared(Self::register_new)
    }

    fn register_new(registry: &MetricsRegistry) -> Self {
        let m = Self {
            state: Family::default(),
            rejections: Family::default(),
        };
        registry.register(
            "breaker_state",
            "Circuit breaker state: 0 closed, 1 half-open, 2 open",
            m.state.clone(),
        );
        registry.register(
            "breaker_rejections",
            "Calls refused at once because a circuit breaker was open",
            m.rejections.clone(),
        );
        m
    }
}

impl Breaker {
    /// A closed breaker named `name` (shown in errors, `/ready` and metrics).
    pub fn new(
        name: impl Into<String>,
        settings: BreakerSettings,
        metrics: Option<BreakerMetrics>,
    ) -> Arc<Self> {
        let b = Arc::new(Self {
            name: name.into(),
            settings,
            inner: Mutex::new(Inner::Closed {
                failures: VecDeque::new(),
            }),
            metrics,
        });
        b.publish(BreakerState::Closed);
        b
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// May a call go out now? An open breaker refuses; after its open time, one caller gets
    /// through as the probe (half-open) and the rest are refused until it reports.
    pub fn admit(&self) -> Result<(), Open> {
        let mut inner = self.inner.lock();
        let now = Instant::now();
        let refused = match &*inner {
            Inner::Closed { .. } => return Ok(()),
            Inner::Open { until } if now >= *until => {
                *inner = Inner::HalfOpen { since: now };
                drop(inner);
                self.publish(BreakerState::HalfOpen);
                return Ok(());
            }
            Inner::HalfOpen { since } if now.duration_since(*since) >= self.open_for() => {
                tracing::debug!(breaker = %self.name, "a probe never reported; another goes out");
                *inner = Inner::HalfOpen { since: now };
                return Ok(());
            }
            Inner::Open { until } => until.saturating_duration_since(now).as_secs().max(1),
            Inner::HalfOpen { .. } => 1,
        };
        drop(inner);
        if let Some(m) = &self.metrics {
            m.rejections.get_or_create(&self.label()).inc();
        }
        Err(Open {
            name: self.name.clone(),
            retry_in_secs: refused,
        })
    }

    /// Reports a call's outcome: `failed` for outage-like failures only (unreachable,
    /// timeout, 5xx, unreadable answers), never for answers like "not found".
    pub fn record(&self, failed: bool) {
        let mut inner = self.inner.lock();
        let now = Instant::now();
        let window = Duration::from_secs(self.settings.breaker_window_secs.max(1));
        let next = match (&mut *inner, failed) {
            (Inner::HalfOpen { .. }, false) => Some(Inner::Closed {
                failures: VecDeque::new(),
            }),
            (Inner::HalfOpen { .. }, true) => Some(self.opened(now)),
            (Inner::Closed { failures }, true) => {
                failures.push_back(now);
                while failures
                    .front()
                    .is_some_and(|t| now.duration_since(*t) > window)
                {
                    failures.pop_front();
                }
                (failures.len() as u32 >= self.settings.breaker_failures.max(1))
                    .then(|| self.opened(now))
            }
            (Inner::Closed { failures }, false) => {
                failures.clear();
                None
            }
            // A late report from before it opened changes nothing.
            (Inner::Open { .. }, _) => None,
        };
        if let Some(next) = next {
            let state = match next {
                Inner::Open { .. } => {
                    tracing::warn!(breaker = %self.name, "circuit breaker opened");
                    BreakerState::Open
                }
                _ => {
                    tracing::info!(breaker = %self.name, "circuit breaker closed");
                    BreakerState::Closed
                }
            };
            *inner = next;
            drop(inner);
            self.publish(state);
        }
    }

    fn opened(&self, now: Instant) -> Inner {
        Inner::Open {
            until: now + self.open_for(),
        }
    }

    fn open_for(&self) -> Duration {
        Duration::from_secs(self.settings.breaker_open_secs.max(1))
    }

    pub fn state(&self) -> BreakerState {
        match &*self.inner.lock() {
            Inner::Closed { .. } => BreakerState::Closed,
            Inner::HalfOpen { .. } => BreakerState::HalfOpen,
            Inner::Open { .. } => BreakerState::Open,
        }
    }

    fn label(&self) -> BreakerLabel {
        BreakerLabel {
            breaker: self.name.clone(),
        }
    }

    fn publish(&self, state: BreakerState) {
        if let Some(m) = &self.metrics {
            m.state.get_or_create(&self.label()).set(match state {
                BreakerState::Closed => 0,
                BreakerState::HalfOpen => 1,
                BreakerState::Open => 2,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> BreakerSettings {
        BreakerSettings {
            breaker_failures: 3,
            breaker_window_secs: 60,
            breaker_open_secs: 1,
        }
    }

    #[test]
    fn it_opens_after_n_failures_refuses_then_lets_one_probe_decide() {
        let b = Breaker::new("chargebee", settings(), None);
        assert!(b.admit().is_ok());
        b.record(true);
        b.record(false); // a success resets the count
        b.record(true);
        b.record(true);
        assert_eq!(b.state(), BreakerState::Closed);
        b.record(true);
        assert_eq!(b.state(), BreakerState::Open);
        // open_secs is at least 1: refused now.
        let e = b.admit().unwrap_err();
        assert!(e.to_string().contains("chargebee"), "{e}");
    }

    #[test]
    fn a_half_open_probe_closes_or_reopens_it() {
        let b = Breaker::new("model", settings(), None);
        for _ in 0..3 {
            b.record(true);
        }
        *b.inner.lock() = Inner::Open {
            until: Instant::now(),
        };
        assert!(b.admit().is_ok(), "the probe goes out");
        assert_eq!(b.state(), BreakerState::HalfOpen);
        assert!(b.admit().is_err(), "one probe at a time");
        b.record(false);
        assert_eq!(b.state(), BreakerState::Closed);
        for _ in 0..3 {
            b.record(true);
        }
        *b.inner.lock() = Inner::Open {
            until: Instant::now(),
        };
        assert!(b.admit().is_ok());
        b.record(true);
        assert_eq!(b.state(), BreakerState::Open);
    }

    #[test]
    fn a_probe_that_never_reports_does_not_keep_it_half_open() {
        let b = Breaker::new("hubspot", settings(), None);
        for _ in 0..3 {
            b.record(true);
        }
        *b.inner.lock() = Inner::Open {
            until: Instant::now(),
        };
        assert!(
            b.admit().is_ok(),
            "the probe goes out (and its caller gives up)"
        );
        assert!(b.admit().is_err(), "one probe at a time");
        *b.inner.lock() = Inner::HalfOpen {
            since: Instant::now() - Duration::from_secs(1),
        };
        assert!(
            b.admit().is_ok(),
            "after the open time another call is the probe"
        );
        b.record(false);
        assert_eq!(b.state(), BreakerState::Closed);
    }

    #[test]
    fn breakers_sharing_a_registry_report_into_one_family() {
        let registry = MetricsRegistry::new();
        let a = Breaker::new("a", settings(), Some(BreakerMetrics::register(&registry)));
        let _b = Breaker::new("b", settings(), Some(BreakerMetrics::register(&registry)));
        for _ in 0..3 {
            a.record(true);
        }
        let text = registry.encode();
        assert_eq!(
            text.matches("# TYPE breaker_state gauge").count(),
            1,
            "{text}"
        );
        assert!(text.contains("breaker_state{breaker=\"a\"} 2"), "{text}");
        assert!(text.contains("breaker_state{breaker=\"b\"} 0"), "{text}");
    }

    #[test]
    fn state_and_rejections_show_in_metrics() {
        let registry = MetricsRegistry::new();
        let b = Breaker::new(
            "gmail",
            settings(),
            Some(BreakerMetrics::register(&registry)),
        );
        for _ in 0..3 {
            b.record(true);
        }
        let _ = b.admit();
        let text = registry.encode();
        assert!(
            text.contains("breaker_state{breaker=\"gmail\"} 2"),
            "{text}"
        );
        assert!(
            text.contains("breaker_rejections_total{breaker=\"gmail\"} 1"),
            "{text}"
        );
    }
}
