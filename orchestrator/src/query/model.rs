//! The `/query` wire types: request, response, sources, and the validated domain input. Their
//! JSON schemas (schemars) serve both the MCP tool and `/openapi.json`.

use chrono::{DateTime, SecondsFormat, Utc};
use common::Email;
use common::auth::Caller;
use common::contract::{Service, ToolName};
use common::error::ErrorCode;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Longest question accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 2_000;

/// `POST /query` body (also the `query` MCP tool's arguments).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QueryRequest {
    /// The question, 1 to 2,000 characters.
    #[schemars(example = &"Does alice have unpaid invoices?")]
    #[schemars(length(min = 1, max = 2000))]
    pub query: String,
    /// Whose data the question is about; every tool call reads this person's data only.
    /// Omitted: the caller's own (verified) email. Another person's needs the staff role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"alice@example.com")]
    pub email: Option<String>,
    /// Skip cache reads and compute a fresh answer (the fresh answer is still cached).
    /// Honoured for staff and operators; ignored for others (the answer says so).
    #[serde(default)]
    pub no_cache: bool,
}

/// A validated question: trimmed, 1..=2,000 characters, no NUL bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query(String);

/// Why a request is refused before any work is done.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidQuery {
    #[error("`query` must not be empty")]
    Empty,
    #[error("`query` is longer than {MAX_QUERY_CHARS} characters")]
    TooLong,
    #[error("`query` contains a NUL character")]
    Nul,
    #[error("`email`: {0}")]
    Email(String),
}

impl Query {
    pub fn parse(raw: &str) -> Result<Self, InvalidQuery> {
        let q = raw.trim();
        if q.is_empty() {
            return Err(InvalidQuery::Empty);
        }
        if q.chars().count() > MAX_QUERY_CHARS {
            return Err(InvalidQuery::TooLong);
        }
        if q.contains('\0') {
            return Err(InvalidQuery::Nul);
        }
        Ok(Self(q.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form used in cache keys: lower-cased, whitespace collapsed, trailing `?.!` dropped,
    /// so "Unpaid invoices?" and "unpaid  invoices" share an answer.
    pub fn normalized(&self) -> String {
        let mut out = String::with_capacity(self.0.len());
        for word in self.0.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            if word.is_ascii() {
                // The usual case, without a per-character lowercase table lookup.
                let start = out.len();
                out.push_str(word);
                out[start..].make_ascii_lowercase();
            } else {
                out.extend(word.chars().flat_map(char::to_lowercase));
            }
        }
        let kept = out.trim_end_matches(['?', '.', '!', ' ']).len();
        out.truncate(kept);
        out
    }
}

/// A request that passed validation.
#[derive(Debug, Clone)]
pub struct ValidQuery {
    pub query: Query,
    pub email: Email,
    pub no_cache: bool,
}

impl ValidQuery {
    /// The question of `r` about `email` (already scoped to what the caller may read).
    pub fn new(r: &QueryRequest, email: Email, no_cache: bool) -> Result<Self, InvalidQuery> {
        Ok(Self {
            query: Query::parse(&r.query)?,
            email,
            no_cache,
        })
    }
}

/// Overall outcome of a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AnswerStatus {
    /// Every planned source answered.
    Ok,
    /// Some sources failed or timed out; the answer is written from the rest.
    Partial,
    /// Nothing could be answered (validation, or no source answered).
    Error,
}

/// Where the answer came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CacheStatus {
    Miss,
    L2,
    L1,
}

impl CacheStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Miss => "miss",
            Self::L2 => "l2",
            Self::L1 => "l1",
        }
    }
}

/// How one tool call went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceStatus {
    Ok,
    Error,
    Timeout,
}

/// `{code, message}` of a failure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ErrorInfo {
    /// Machine-readable code (`invalid_arguments`, `upstream_unavailable`, `timeout`, …).
    #[schemars(example = &"upstream_unavailable")]
    pub code: ErrorCode,
    pub message: String,
}

/// One tool call made for the answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    #[schemars(example = Service::Chargebee)]
    pub service: Service,
    #[schemars(example = ToolName::ListInvoices)]
    pub tool: ToolName,
    pub status: SourceStatus,
    pub latency_ms: u64,
    /// Served from the short-lived per-tool result cache.
    pub cached: bool,
    /// Why the source failed (absent when it answered).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorInfo>,
}

/// The `/query` response: always this shape, errors included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct QueryResponse {
    pub status: AnswerStatus,
    pub answer: String,
    pub sources: Vec<Source>,
    /// 0..1: the model's own estimate combined with the share of planned sources that answered.
    pub confidence: f64,
    pub cache: CacheStatus,
    /// When the answer was computed (RFC 3339, UTC).
    #[schemars(example = &"2026-11-21T12:00:00Z")]
    pub timestamp: String,
    pub request_id: String,
    /// The model that planned and wrote the answer, or `rules`.
    #[schemars(example = &"gemma-3-27b-it")]
    pub model: String,
    pub error: Option<ErrorInfo>,
    /// What the caller should know about how the request was handled (e.g. `no_cache` was
    /// ignored).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<String>,
}

impl QueryResponse {
    /// An error answer (validation or processing failure).
    pub fn error(
        code: ErrorCode,
        message: impl Into<String>,
        request_id: String,
        model: &str,
    ) -> Self {
        let message = message.into();
        Self {
            status: AnswerStatus::Error,
            answer: String::new(),
            sources: Vec::new(),
            confidence: 0.0,
            cache: CacheStatus::Miss,
            timestamp: rfc3339(Utc::now()),
            request_id,
            model: model.to_string(),
            error: Some(ErrorInfo { code, message }),
            notices: Vec::new(),
        }
    }
}

/// RFC 3339 UTC with a `Z`, to the second.
pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Left in a `/query` response's extensions by the handler when the express lane
/// (`query::express`) may give the same answer to the same request again: who asked, and the
/// question's cache key.
pub struct Learnable {
    pub caller: Caller,
    pub key: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_bounded_and_trimmed() {
        assert_eq!(Query::parse("  hi ").unwrap().as_str(), "hi");
        assert_eq!(Query::parse("   "), Err(InvalidQuery::Empty));
        assert!(Query::parse(&"é".repeat(2000)).is_ok());
        assert_eq!(Query::parse(&"a".repeat(2001)), Err(InvalidQuery::TooLong));
        assert_eq!(Query::parse("a\0b"), Err(InvalidQuery::Nul));
    }

    #[test]
    fn server_timing_writes_milliseconds_with_three_decimals() {
        let t = Timings {
            cache_ms: 0.0124,
            total_ms: 12.3456,
            ..Timings::default()
        };
        assert_eq!(
            t.header(CacheStatus::L2),
            "cache;desc=\"l2\";dur=0.012, total;dur=12.346"
        );
        let t = Timings {
            plan_ms: 1500.0,
            tools_ms: f64::NAN,
            synthesis_ms: 0.0005,
            ..t
        };
        assert_eq!(
            t.header(CacheStatus::Miss),
            "cache;desc=\"miss\";dur=0.012, plan;dur=1500.000, tools;dur=0.000, synthesis;dur=0.001, total;dur=12.346"
        );
        // The absurd saturates rather than wrapping or panicking.
        let mut out = String::new();
        push_ms(&mut out, f64::INFINITY);
        assert_eq!(out, "18446744073709551.615");
    }

    #[test]
    fn normalisation_ignores_case_spacing_and_final_punctuation() {
        let a = Query::parse("Unpaid   Invoices?").unwrap().normalized();
        let b = Query::parse("unpaid invoices").unwrap().normalized();
        assert_eq!(a, b);
        let mixed = Query::parse("ÜBER meine RECHNUNG  ÉTÉ?!").unwrap();
        assert_eq!(mixed.normalized(), "über meine rechnung été");
    }
}

/// Milliseconds spent in each stage, for `Server-Timing`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Timings {
    pub cache_ms: f64,
    pub plan_ms: f64,
    pub tools_ms: f64,
    pub synthesis_ms: f64,
    pub total_ms: f64,
}

impl Timings {
    /// The `Server-Timing` header value. An L2 hit ran no stage but the lookup, so it names
    /// only `cache` and `total`.
    pub fn header(&self, cache: CacheStatus) -> String {
        // Written by hand, without the formatting machinery: this runs on every L2 hit.
        let mut out = String::with_capacity(112);
        out.push_str("cache;desc=\"");
        out.push_str(cache.as_str());
        out.push_str("\";dur=");
        push_ms(&mut out, self.cache_ms);
        if cache != CacheStatus::L2 {
            for (stage, ms) in [
                ("plan", self.plan_ms),
                ("tools", self.tools_ms),
                ("synthesis", self.synthesis_ms),
            ] {
                out.push_str(", ");
                out.push_str(stage);
                out.push_str(";dur=");
                push_ms(&mut out, ms);
            }
        }
        out.push_str(", total;dur=");
        push_ms(&mut out, self.total_ms);
        out
    }
}

/// Appends milliseconds with three decimals (to the microsecond), written from integers:
/// exact float formatting was most of an L2 hit's header cost.
fn push_ms(out: &mut String, ms: f64) {
    // Stage times are never negative; `as` maps NaN to 0 and saturates the absurd.
    let us = (ms * 1000.0).round() as u64;
    push_u64(out, us / 1000);
    let frac = us % 1000;
    out.push('.');
    for d in [frac / 100, frac / 10 % 10, frac % 10] {
        out.push(char::from(b'0' + d as u8));
    }
}

/// Appends `n` in decimal.
fn push_u64(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[i..].iter().map(|&d| char::from(d)));
}

/// A stored answer's body as an L2 hit returns it, serialized once when the answer is cached:
/// each hit writes its request id between the two halves instead of cloning and serializing
/// the answer again.
#[derive(Debug)]
pub struct PreparedBody {
    /// Up to and including `"request_id":"`.
    head: Vec<u8>,
    /// From the closing quote of the request id to the end.
    tail: Vec<u8>,
}

impl PreparedBody {
    /// `answer` as an L2 hit (`cache: "l2"`, its own notices), split at the request id. `None`
    /// if the answer does not serialize (it always does; then hits take the general path).
    pub fn new(answer: &QueryResponse) -> Option<Self> {
        const MARK: &[u8] = br#","request_id":"""#;
        let mut hit = answer.clone();
        hit.cache = CacheStatus::L2;
        hit.request_id = String::new();
        let json = serde_json::to_vec(&hit).ok()?;
        // An unescaped `"` only delimits JSON strings, so the key appears once, at the top level.
        let at = json.windows(MARK.len()).position(|w| w == MARK)?;
        let split = at + MARK.len() - 1;
        Some(Self {
            head: json[..split].to_vec(),
            tail: json[split..].to_vec(),
        })
    }

    /// The body with `request_id` in place.
    pub fn with_request_id(&self, request_id: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.head.len() + request_id.len() + self.tail.len());
        out.extend_from_slice(&self.head);
        // Request ids are printable ASCII without quotes or backslashes (see
        // `common::request_id`); anything else is escaped as JSON.
        if request_id
            .bytes()
            .all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\')
        {
            out.extend_from_slice(request_id.as_bytes());
        } else if let Ok(quoted) = serde_json::to_string(request_id) {
            out.extend_from_slice(&quoted.as_bytes()[1..quoted.len() - 1]);
        }
        out.extend_from_slice(&self.tail);
        out
    }
}

#[cfg(test)]
mod prepared_tests {
    use super::*;

    fn answer(text: &str, notices: Vec<String>) -> QueryResponse {
        QueryResponse {
            status: AnswerStatus::Ok,
            answer: text.into(),
            sources: Vec::new(),
            confidence: 0.9,
            cache: CacheStatus::Miss,
            timestamp: "2026-11-21T12:00:00Z".into(),
            request_id: "computed-by".into(),
            model: "rules".into(),
            error: None,
            notices,
        }
    }

    #[test]
    fn a_prepared_body_is_the_hit_serialized_with_its_request_id() {
        // Answers that mention the key, quotes and backslashes do not move the split.
        for text in [
            "plain",
            r#"he wrote ,"request_id":"x" and \"#,
            "ünïcödé 日本語",
        ] {
            let a = answer(text, vec!["planned by the built-in model: x".into()]);
            let prepared = PreparedBody::new(&a).expect("prepared");
            for id in ["0193-abc", "odd \"id\" \\ here", ""] {
                let mut want = a.clone();
                want.cache = CacheStatus::L2;
                want.request_id = id.into();
                let got: QueryResponse =
                    serde_json::from_slice(&prepared.with_request_id(id)).expect("valid JSON");
                assert_eq!(got, want);
            }
        }
    }
}
