//! Fault injection per upstream and route: latency, status codes, error rate, rate limits,
//! malformed, garbage and huge bodies. Rules are added through `/__sandbox/faults` or
//! in-process. The same rules apply to the pass-through in front of our own services
//! (`/__sandbox/proxy/{port}/…`, upstream `proxy`, see [`crate::proxy`]).

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
    /// Answer 200 with bytes that are no text at all (invalid UTF-8, NULs) under a JSON
    /// content type: a broken proxy or a corrupted stream rather than a cut-short answer.
    #[serde(default)]
    pub garbage: bool,
    /// Answer 200 with a JSON-looking body of this many bytes, streamed in 64 KiB chunks (it
    /// never closes: a reader without a size cap buffers all of it). At most 1 GiB.
    #[serde(default)]
    pub body_bytes: Option<u64>,
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
            garbage: false,
            body_bytes: None,
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

    pub fn garbage(mut self) -> Self {
        self.garbage = true;
        self
    }

    pub fn huge_body(mut self, bytes: u64) -> Self {
        self.body_bytes = Some(bytes);
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
    pub garbage: bool,
    pub body_bytes: Option<u64>,
}

/// The largest huge body a rule may ask for.
pub const MAX_BODY_BYTES: u64 = 1 << 30;

impl Decision {
    /// The 200 answer a body fault makes instead of the stand-in's, if any.
    pub fn body(&self) -> Option<actix_web::HttpResponse> {
        let json = |b: &mut actix_web::HttpResponseBuilder| {
            b.content_type("application/json");
        };
        if let Some(n) = self.body_bytes {
            let mut b = actix_web::HttpResponse::Ok();
            json(&mut b);
            return Some(b.streaming(huge_body(n.min(MAX_BODY_BYTES))));
        }
        if self.garbage {
            let mut b = actix_web::HttpResponse::Ok();
            json(&mut b);
            return Some(b.body(GARBAGE));
        }
        if self.malformed {
            let mut b = actix_web::HttpResponse::Ok();
            json(&mut b);
            return Some(b.body("{\"list\": [{\"trunc"));
        }
        None
    }
}

/// Not text: invalid UTF-8, a NUL, a byte-order mark in the middle.
const GARBAGE: &[u8] = b"\xff\xfe\x00\x9c<\x00garbage\xc3\x28\xef\xbb\xbf}\x01";

/// `{"pad":"aaaa…` of `n` bytes in 64 KiB chunks, made as they are sent.
fn huge_body(
    n: u64,
) -> impl futures::Stream<Item = Result<actix_web::web::Bytes, std::convert::Infallible>> {
    const CHUNK: u64 = 64 * 1024;
    let head = actix_web::web::Bytes::from_static(b"{\"pad\":\"");
    let filler = actix_web::web::Bytes::from(vec![b'a'; CHUNK as usize]);
    let chunks = n.div_ceil(CHUNK);
    futures::stream::iter((0..chunks).map(move |i| {
        let len = (n - i * CHUNK).min(CHUNK) as usize;
        let mut chunk = filler.slice(..len);
        if i == 0 {
            let h = head.len().min(len);
            let mut first = head.slice(..h).to_vec();
            first.extend_from_slice(&filler[..len - h]);
            chunk = first.into();
        }
        Ok(chunk)
    }))
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
                d.garbage |= f.garbage;
                d.body_bytes = d.body_bytes.or(f.body_bytes);
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

    #[actix_web::test]
    async fn a_huge_body_has_exactly_the_bytes_asked_for() {
        let f = Faults::default();
        f.add(Fault::new(Upstream::Gmail).huge_body(200_000));
        let resp = f.decide(Upstream::Gmail, "/gmail/v1/x").body().unwrap();
        let body = actix_web::body::to_bytes(resp.into_body()).await.unwrap();
        assert_eq!(body.len(), 200_000);
        assert!(body.starts_with(b"{\"pad\":\"aaa"));
        assert!(serde_json::from_slice::<serde_json::Value>(&body).is_err());
    }

    #[test]
    fn a_garbage_body_is_not_text() {
        let f = Faults::default();
        f.add(Fault::new(Upstream::Hubspot).garbage());
        let d = f.decide(Upstream::Hubspot, "/crm/v3/x");
        assert!(d.garbage && d.body().is_some());
        assert!(GARBAGE.contains(&0xff), "not UTF-8");
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
