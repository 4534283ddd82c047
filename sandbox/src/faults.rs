//! Fault injection per upstream and route: latency, status codes, error rate, rate limits,
//! malformed bodies. Rules are added through `/__sandbox/faults` or in-process.

use std::time::{Duration, Instant};

use parking_lot::Mutex;
use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::upstream::Upstream;

fn one() -> f64 {
    1.0
}

fn second() -> u64 {
    1000
}

/// One fault rule. Every field but `upstream` is optional.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fault {
    pub upstream: Upstream,
    /// Only requests whose path contains this.
    #[serde(default)]
    pub path_contains: Option<String>,
    /// Delay before answering.
    #[serde(default)]
    pub latency_ms: u64,
    /// Answer with this status (and the provider's error body).
    #[serde(default)]
    pub status: Option<u16>,
    /// Probability (0..=1) that `status` / `malformed` applies to a matching request.
    #[serde(default = "one")]
    pub error_rate: f64,
    /// The rule expires after this many matching requests.
    #[serde(default)]
    pub times: Option<u32>,
    /// Allow this many requests per window; beyond it answer 429 with the provider's body.
    #[serde(default)]
    pub rate_limit: Option<u32>,
    #[serde(default = "second")]
    pub window_ms: u64,
    /// `Retry-After` seconds on injected 429/503 answers.
    #[serde(default)]
    pub retry_after_secs: Option<u64>,
    /// Answer 200 with a truncated, non-JSON body.
    #[serde(default)]
    pub malformed: bool,
}

impl Fault {
    /// A rule for `upstream` that does nothing until configured.
    pub fn new(upstream: Upstream) -> Self {
        Self {
            upstream,
            path_contains: None,
            latency_ms: 0,
            status: None,
            error_rate: 1.0,
            times: None,
            rate_limit: None,
            window_ms: 1000,
            retry_after_secs: None,
            malformed: false,
        }
    }

    pub fn path(mut self, contains: &str) -> Self {
        self.path_contains = Some(contains.to_string());
        self
    }

    pub fn latency(mut self, d: Duration) -> Self {
        self.latency_ms = d.as_millis() as u64;
        self
    }

    pub fn status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    pub fn times(mut self, n: u32) -> Self {
        self.times = Some(n);
        self
    }

    pub fn rate(mut self, error_rate: f64) -> Self {
        self.error_rate = error_rate;
        self
    }

    pub fn rate_limit(mut self, per_window: u32, window: Duration) -> Self {
        self.rate_limit = Some(per_window);
        self.window_ms = window.as_millis() as u64;
        self
    }

    pub fn retry_after(mut self, secs: u64) -> Self {
        self.retry_after_secs = Some(secs);
        self
    }

    pub fn malformed(mut self) -> Self {
        self.malformed = true;
        self
    }

    fn matches(&self, upstream: Upstream, path: &str) -> bool {
        self.upstream == upstream
            && self
                .path_contains
                .as_deref()
                .is_none_or(|p| path.contains(p))
    }
}

/// What to do with one request.
#[derive(Debug, Default, Clone)]
pub struct Decision {
    pub delay: Duration,
    pub status: Option<u16>,
    pub retry_after_secs: Option<u64>,
    pub malformed: bool,
}

struct Active {
    fault: Fault,
    window_start: Instant,
    in_window: u32,
}

/// The active rules.
#[derive(Default)]
pub struct Faults {
    rules: Mutex<Vec<Active>>,
}

impl Faults {
    pub fn add(&self, fault: Fault) {
        self.rules.lock().push(Active {
            fault,
            window_start: Instant::now(),
            in_window: 0,
        });
    }

    pub fn clear(&self) {
        self.rules.lock().clear();
    }

    pub fn list(&self) -> Vec<Fault> {
        self.rules.lock().iter().map(|a| a.fault.clone()).collect()
    }

    /// Decides the fate of a request, consuming `times` budgets.
    pub fn decide(&self, upstream: Upstream, path: &str) -> Decision {
        let mut d = Decision::default();
        let mut rules = self.rules.lock();
        let mut rng = rand::rng();
        for a in rules.iter_mut().filter(|a| a.fault.matches(upstream, path)) {
            let f = &mut a.fault;
            d.delay += Duration::from_millis(f.latency_ms);
            if let Some(limit) = f.rate_limit {
                if a.window_start.elapsed() >= Duration::from_millis(f.window_ms.max(1)) {
                    a.window_start = Instant::now();
                    a.in_window = 0;
                }
                a.in_window += 1;
                if a.in_window > limit && d.status.is_none() {
                    d.status = Some(429);
                    d.retry_after_secs = f.retry_after_secs;
                }
            }
            let hit = rng.random_bool(f.error_rate.clamp(0.0, 1.0));
            if hit && d.status.is_none() {
                if let Some(s) = f.status {
                    d.status = Some(s);
                    d.retry_after_secs = f.retry_after_secs;
                }
                d.malformed |= f.malformed;
            }
            if let Some(t) = f.times.as_mut() {
                *t = t.saturating_sub(1);
            }
        }
        rules.retain(|a| a.fault.times != Some(0));
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_with_times_expires() {
        let f = Faults::default();
        f.add(Fault::new(Upstream::Chargebee).status(503).times(2));
        assert_eq!(
            f.decide(Upstream::Chargebee, "/api/v2/customers").status,
            Some(503)
        );
        assert_eq!(f.decide(Upstream::Hubspot, "/crm/v3/x").status, None);
        assert_eq!(
            f.decide(Upstream::Chargebee, "/api/v2/customers").status,
            Some(503)
        );
        assert_eq!(
            f.decide(Upstream::Chargebee, "/api/v2/customers").status,
            None
        );
    }

    #[test]
    fn rate_limits_answer_429_past_the_limit() {
        let f = Faults::default();
        f.add(Fault::new(Upstream::Hubspot).rate_limit(2, Duration::from_secs(60)));
        assert_eq!(f.decide(Upstream::Hubspot, "/crm/v3/a").status, None);
        assert_eq!(f.decide(Upstream::Hubspot, "/crm/v3/a").status, None);
        assert_eq!(f.decide(Upstream::Hubspot, "/crm/v3/a").status, Some(429));
    }

    #[test]
    fn path_filters_apply() {
        let f = Faults::default();
        f.add(
            Fault::new(Upstream::Chargebee)
                .path("/invoices")
                .status(500),
        );
        assert_eq!(
            f.decide(Upstream::Chargebee, "/api/v2/customers").status,
            None
        );
        assert_eq!(
            f.decide(Upstream::Chargebee, "/api/v2/invoices").status,
            Some(500)
        );
    }
}
