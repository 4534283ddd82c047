//! The request log: every request to a stand-in, so tests can assert what clients sent.

use std::collections::BTreeMap;

use parking_lot::Mutex;
use serde::Serialize;

use crate::upstream::Upstream;

/// Bodies are kept up to this size (bigger ones are cut, and say so).
const MAX_LOGGED_BODY: usize = 256 * 1024;
/// The log keeps this many entries (oldest dropped first).
const MAX_ENTRIES: usize = 50_000;

/// One logged request.
#[derive(Debug, Clone, Serialize)]
pub struct LoggedRequest {
    pub seq: u64,
    pub upstream: Option<Upstream>,
    pub method: String,
    pub path: String,
    /// The raw query string.
    pub query: String,
    /// Header names lower-cased. Values are kept verbatim: this is a test double.
    pub headers: BTreeMap<String, String>,
    pub body: String,
    /// Status the sandbox answered with.
    pub status: u16,
    pub at: chrono::DateTime<chrono::Utc>,
}

impl LoggedRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }

    /// The body parsed as JSON (`Null` if it is not JSON).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }

    /// The query string parsed into pairs.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        serde_urlencoded::from_str(&self.query).unwrap_or_default()
    }
}

/// Thread-safe append-only log.
#[derive(Default)]
pub struct RequestLog {
    inner: Mutex<(u64, std::collections::VecDeque<LoggedRequest>)>,
}

impl RequestLog {
    pub(crate) fn push(&self, mut entry: LoggedRequest) {
        if entry.body.len() > MAX_LOGGED_BODY {
            let mut cut = MAX_LOGGED_BODY;
            while !entry.body.is_char_boundary(cut) {
                cut -= 1;
            }
            entry.body.truncate(cut);
            entry.body.push_str("…[truncated]");
        }
        let mut g = self.inner.lock();
        g.0 += 1;
        entry.seq = g.0;
        if g.1.len() >= MAX_ENTRIES {
            g.1.pop_front();
        }
        g.1.push_back(entry);
    }

    /// Every entry, oldest first, optionally for one upstream.
    pub fn entries(&self, upstream: Option<Upstream>) -> Vec<LoggedRequest> {
        self.inner
            .lock()
            .1
            .iter()
            .filter(|e| upstream.is_none() || e.upstream == upstream)
            .cloned()
            .collect()
    }

    pub fn clear(&self) {
        self.inner.lock().1.clear();
    }
}
