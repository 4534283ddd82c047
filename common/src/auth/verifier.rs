//! [`Verifier`]: checks a compact JWT against one issuer's keys, issuers and audiences.

use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, Validation};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::{AuthError, KeySet};
use crate::domain::Email;

/// Longest token accepted; real ID tokens are one or two kilobytes.
pub const MAX_TOKEN_BYTES: usize = 8 * 1024;

/// The claims of a token that verified.
#[derive(Debug, Clone)]
pub struct Claims(Map<String, Value>);

impl Claims {
    /// One claim.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name)
    }

    fn str(&self, name: &str) -> Option<&str> {
        self.0.get(name)?.as_str()
    }

    /// `sub` (always present: verification requires it).
    pub fn subject(&self) -> &str {
        self.str("sub").unwrap_or_default()
    }

    /// `iss` (always present: verification requires it).
    pub fn issuer(&self) -> &str {
        self.str("iss").unwrap_or_default()
    }

    /// `exp`, as a time.
    pub fn expires_at(&self) -> chrono::DateTime<chrono::Utc> {
        let exp = self
            .0
            .get("exp")
            .and_then(Value::as_i64)
            .unwrap_or_default();
        chrono::DateTime::from_timestamp(exp, 0).unwrap_or_default()
    }

    /// `email`, only when `email_verified` is true (a JSON `true`, or Google's old `"true"`).
    pub fn verified_email(&self) -> Option<Email> {
        let verified = match self.0.get("email_verified") {
            Some(Value::Bool(b)) => *b,
            Some(Value::String(s)) => s == "true",
            _ => false,
        };
        verified
            .then(|| Email::parse(self.str("email")?).ok())
            .flatten()
    }

    /// Whether `name` equals `value` (JSON `true` matches `"true"`), or is an array containing it.
    pub fn matches(&self, name: &str, value: &str) -> bool {
        fn scalar(v: &Value, want: &str) -> bool {
            match v {
                Value::Bool(b) => want == if *b { "true" } else { "false" },
                Value::String(s) => s == want,
                Value::Number(n) => n.to_string() == want,
                _ => false,
            }
        }
        match self.0.get(name) {
            Some(Value::Array(items)) => items.iter().any(|v| scalar(v, value)),
            Some(v) => scalar(v, value),
            None => false,
        }
    }
}

#[derive(Deserialize)]
struct RawHeader {
    alg: String,
    #[serde(default)]
    kid: Option<String>,
}

/// Splits a compact JWT into its three segments, refusing anything else (before any parsing).
fn segments(token: &str) -> Result<[&str; 3], AuthError> {
    if token.len() > MAX_TOKEN_BYTES {
        return Err(AuthError::Malformed);
    }
    let valid = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.';
    if !token.bytes().all(valid) {
        return Err(AuthError::Malformed);
    }
    let mut parts = token.split('.');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(h), Some(p), Some(s), None) if !h.is_empty() && !p.is_empty() => Ok([h, p, s]),
        _ => Err(AuthError::Malformed),
    }
}

fn decode_segment<T: serde::de::DeserializeOwned>(segment: &str) -> Result<T, AuthError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(segment)
        .map_err(|_| AuthError::Malformed)?;
    serde_json::from_slice(&bytes).map_err(|_| AuthError::Malformed)
}

/// The claims of a token, NOT verified: only to route it to a verifier or to read `exp` of a
/// token we fetched ourselves.
pub fn unverified_claims(token: &str) -> Result<Map<String, Value>, AuthError> {
    let [_, payload, _] = segments(token)?;
    decode_segment(payload)
}

/// Only asymmetric algorithms; `none` and HMAC are refused by name before any key is looked at.
fn asymmetric(alg: &str) -> Option<Algorithm> {
    match alg {
        "RS256" | "RS384" | "RS512" | "PS256" | "PS384" | "PS512" | "ES256" | "ES384" | "EdDSA" => {
            alg.parse().ok()
        }
        _ => None,
    }
}

/// Verifies tokens of one issuer (or of equivalent issuer spellings) for given audiences.
pub struct Verifier {
    keys: Arc<KeySet>,
    issuers: Vec<String>,
    audiences: Vec<String>,
    skew: Duration,
}

impl Verifier {
    /// Tokens signed by `keys`, with `iss` among `issuers` and an `aud` among `audiences`.
    pub fn new(
        keys: Arc<KeySet>,
        issuers: impl IntoIterator<Item = impl Into<String>>,
        audiences: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        Self {
            keys,
            issuers: issuers.into_iter().map(Into::into).collect(),
            audiences: audiences.into_iter().map(Into::into).collect(),
            skew: Duration::from_secs(60),
        }
    }

    /// Tolerance for `exp`, `nbf` and `iat` (default 60 s).
    pub fn with_clock_skew(mut self, skew: Duration) -> Self {
        self.skew = skew;
        self
    }

    /// The key set this verifier uses (shared; its fetch counter is observable).
    pub fn keys(&self) -> &Arc<KeySet> {
        &self.keys
    }

    /// Whether `iss` is one this verifier accepts.
    pub fn accepts_issuer(&self, iss: &str) -> bool {
        self.issuers.iter().any(|i| i == iss)
    }

    /// Verifies signature, algorithm, `iss`, `aud`, `exp`, `nbf` and `iat`.
    pub async fn verify(&self, token: &str) -> Result<Claims, AuthError> {
        let [header, _, _] = segments(token)?;
        let header: RawHeader = decode_segment(header)?;
        let alg = asymmetric(&header.alg).ok_or(AuthError::Invalid("algorithm not allowed"))?;
        let kid = header
            .kid
            .filter(|k| !k.is_empty())
            .ok_or(AuthError::Invalid("token has no key id"))?;
        let key = self.keys.key(&kid).await?;
        if !key.allows(alg) {
            return Err(AuthError::Invalid("algorithm does not match the key"));
        }
        let mut validation = Validation::new(alg);
        validation.leeway = self.skew.as_secs();
        validation.validate_nbf = true;
        validation.set_issuer(&self.issuers);
        validation.set_audience(&self.audiences);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        let data = jsonwebtoken::decode::<Map<String, Value>>(token, &key.key, &validation)
            .map_err(|e| refusal(e.kind()))?;
        let claims = Claims(data.claims);
        let now = chrono::Utc::now().timestamp();
        if let Some(iat) = claims.get("iat").and_then(Value::as_i64)
            && iat > now.saturating_add(self.skew.as_secs() as i64)
        {
            return Err(AuthError::Invalid("token issued in the future"));
        }
        if claims.subject().is_empty() {
            return Err(AuthError::Invalid("token has no subject"));
        }
        Ok(claims)
    }
}

fn refusal(kind: &ErrorKind) -> AuthError {
    match kind {
        ErrorKind::ExpiredSignature => AuthError::Expired,
        ErrorKind::ImmatureSignature => AuthError::Invalid("token not valid yet"),
        ErrorKind::InvalidIssuer => AuthError::Invalid("wrong issuer"),
        ErrorKind::InvalidAudience => AuthError::Invalid("wrong audience"),
        ErrorKind::InvalidSignature => AuthError::Invalid("bad signature"),
        ErrorKind::InvalidAlgorithm | ErrorKind::InvalidAlgorithmName => {
            AuthError::Invalid("algorithm does not match the key")
        }
        ErrorKind::MissingRequiredClaim(_) => AuthError::Invalid("a required claim is missing"),
        ErrorKind::InvalidToken
        | ErrorKind::Base64(_)
        | ErrorKind::Json(_)
        | ErrorKind::Utf8(_) => AuthError::Malformed,
        _ => AuthError::Invalid("token refused"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_compact_jwts_of_bounded_size_get_parsed() {
        assert!(segments("a.b.c").is_ok());
        assert!(segments("a.b.").is_ok());
        for bad in [
            "",
            "a.b",
            "a.b.c.d",
            ".b.c",
            "a b.c.d",
            "a.b.c=",
            "a.\u{e9}.c",
        ] {
            assert_eq!(segments(bad), Err(AuthError::Malformed), "{bad:?}");
        }
        let long = format!("a.{}.c", "b".repeat(MAX_TOKEN_BYTES));
        assert_eq!(segments(&long), Err(AuthError::Malformed));
    }

    #[test]
    fn symmetric_and_unknown_algorithms_are_refused_by_name() {
        assert_eq!(asymmetric("RS256"), Some(Algorithm::RS256));
        assert_eq!(asymmetric("EdDSA"), Some(Algorithm::EdDSA));
        for bad in ["none", "None", "HS256", "HS512", "RS1", ""] {
            assert_eq!(asymmetric(bad), None, "{bad}");
        }
    }

    #[test]
    fn claims_match_values_and_arrays() {
        let c = Claims(
            serde_json::json!({"staff": true, "roles": ["a", "ops"], "tier": 3, "s": "yes"})
                .as_object()
                .cloned()
                .unwrap(),
        );
        assert!(c.matches("staff", "true"));
        assert!(!c.matches("staff", "false"));
        assert!(c.matches("roles", "ops"));
        assert!(!c.matches("roles", "admin"));
        assert!(c.matches("tier", "3"));
        assert!(c.matches("s", "yes"));
        assert!(!c.matches("missing", "true"));
    }
}
