//! Per-caller rate limits on questions: a token bucket per caller, keyed by the authenticated
//! subject (or, when authentication is disabled, the client address), so one caller cannot
//! take the capacity of everyone else.
//!
//! Behind Cloud Run the TCP peer is Google's front end; with `TRUST_FORWARDED_FOR=true` the
//! client address is the last `X-Forwarded-For` entry, the one Google's front end appends
//! (earlier entries are whatever the client sent, and are ignored).

use std::sync::Arc;
use std::time::{Duration, Instant};

use actix_web::HttpRequest;
use common::auth::Principal;
use parking_lot::Mutex;

/// Most callers remembered at once (idle ones are forgotten after ten minutes).
const MAX_CALLERS: u64 = 100_000;

struct Bucket {
    tokens: f64,
    at: Instant,
}

/// The buckets of every caller.
pub struct RateLimiter {
    per_minute: u32,
    burst: u32,
    trust_forwarded_for: bool,
    /// Hashed with foldhash (randomly seeded): this runs on every question.
    buckets: moka::sync::Cache<String, Arc<Mutex<Bucket>>, hashbrown::DefaultHashBuilder>,
}

/// The caller asked too often; how long until the next question is allowed.
#[derive(Debug, Clone, Copy)]
pub struct Limited {
    pub retry_after: Duration,
}

impl RateLimiter {
    /// `per_minute` questions a minute per caller, bursts of `burst`; `per_minute == 0`
    /// disables the limit.
    pub fn new(per_minute: u32, burst: u32, trust_forwarded_for: bool) -> Self {
        Self {
            per_minute,
            burst: burst.max(1),
            trust_forwarded_for,
            buckets: moka::sync::Cache::builder()
                .max_capacity(MAX_CALLERS)
                .time_to_idle(Duration::from_secs(600))
                .build_with_hasher(hashbrown::DefaultHashBuilder::default()),
        }
    }

    /// Who is asking: the token's subject, else the client address.
    fn key(&self, caller: Option<&Principal>, req: Option<&HttpRequest>) -> String {
        match caller {
            Some(p) if !p.is_anonymous() => format!("sub:{}:{}", p.issuer, p.subject),
            _ => {
                let forwarded = req
                    .filter(|_| self.trust_forwarded_for)
                    .and_then(|r| r.headers().get("x-forwarded-for"))
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.rsplit(',').next())
                    .map(|ip| ip.trim().to_string())
                    .filter(|ip| !ip.is_empty());
                let peer = req.and_then(|r| r.peer_addr()).map(|a| a.ip().to_string());
                format!(
                    "ip:{}",
                    forwarded.or(peer).unwrap_or_else(|| "unknown".into())
                )
            }
        }
    }

    /// Takes one question from the bucket of whoever `caller` (or `req`'s client) is; with the
    /// limit off, nothing is looked up or formatted (this runs on every question).
    pub fn admit(
        &self,
        caller: Option<&Principal>,
        req: Option<&HttpRequest>,
    ) -> Result<(), Limited> {
        if self.per_minute == 0 {
            return Ok(());
        }
        self.check(&self.key(caller, req))
    }

    /// Takes one question from `key`'s bucket.
    fn check(&self, key: &str) -> Result<(), Limited> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let rate = f64::from(self.per_minute) / 60.0;
        let burst = f64::from(self.burst);
        // By reference: a known caller's key is not copied.
        let bucket = self.buckets.get_with_by_ref(key, || {
            Arc::new(Mutex::new(Bucket {
                tokens: burst,
                at: Instant::now(),
            }))
        });
        let mut b = bucket.lock();
        let now = Instant::now();
        b.tokens = (b.tokens + now.duration_since(b.at).as_secs_f64() * rate).min(burst);
        b.at = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            Err(Limited {
                retry_after: Duration::from_secs_f64(((1.0 - b.tokens) / rate).ceil().max(1.0)),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caller_gets_its_burst_then_waits_and_others_are_unaffected() {
        let l = RateLimiter::new(60, 3, false);
        for _ in 0..3 {
            assert!(l.check("a").is_ok());
        }
        let limited = l.check("a").unwrap_err();
        assert!(limited.retry_after >= Duration::from_secs(1));
        assert!(l.check("b").is_ok(), "buckets are per caller");
        assert!(
            RateLimiter::new(0, 1, false).check("a").is_ok(),
            "0 disables it"
        );
    }

    #[test]
    fn the_client_address_is_the_front_ends_hop_only_when_trusted() {
        let req = actix_web::test::TestRequest::default()
            .insert_header(("x-forwarded-for", "6.6.6.6, 203.0.113.9"))
            .peer_addr("10.0.0.1:5000".parse().unwrap())
            .to_http_request();
        let trusted = RateLimiter::new(60, 3, true);
        assert_eq!(trusted.key(None, Some(&req)), "ip:203.0.113.9");
        let untrusted = RateLimiter::new(60, 3, false);
        assert_eq!(untrusted.key(None, Some(&req)), "ip:10.0.0.1");
    }

    #[test]
    fn admit_limits_each_client_and_does_nothing_when_off() {
        let from = |peer: &str| {
            actix_web::test::TestRequest::default()
                .peer_addr(peer.parse().unwrap())
                .to_http_request()
        };
        let (a, b) = (from("10.0.0.1:5000"), from("10.0.0.2:5000"));
        let l = RateLimiter::new(60, 1, false);
        assert!(l.admit(None, Some(&a)).is_ok());
        assert!(
            l.admit(None, Some(&a)).is_err(),
            "the burst of one is spent"
        );
        assert!(
            l.admit(None, Some(&b)).is_ok(),
            "another client has its own"
        );
        let off = RateLimiter::new(0, 1, false);
        for _ in 0..5 {
            assert!(off.admit(None, Some(&a)).is_ok());
        }
        off.buckets.run_pending_tasks();
        assert_eq!(off.buckets.entry_count(), 0, "nothing remembered when off");
    }
}
