//! Key documents: a JWKS (`{"keys": [...]}`) or Google's x509 PEM map
//! (`{"kid": "-----BEGIN CERTIFICATE-----..."}`), told apart by content.

use std::collections::HashMap;
use std::sync::Arc;

use jsonwebtoken::{Algorithm, DecodingKey};
use serde::Deserialize;
use serde_json::Value;

const RSA_ALGS: &[Algorithm] = &[
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
];

/// A public key and the algorithms it may verify (one family, narrowed by the JWK's `alg`).
pub struct VerifyingKey {
    pub(crate) key: DecodingKey,
    pub(crate) algorithms: Vec<Algorithm>,
}

impl VerifyingKey {
    /// Whether a token header's `alg` suits this key.
    pub fn allows(&self, alg: Algorithm) -> bool {
        self.algorithms.contains(&alg)
    }
}

/// Keys by `kid`.
pub type Keys = HashMap<String, Arc<VerifyingKey>>;

/// The fields of a JWK we read; anything else is ignored.
#[derive(Deserialize)]
struct Jwk {
    kty: String,
    kid: Option<String>,
    alg: Option<String>,
    #[serde(rename = "use")]
    usage: Option<String>,
    n: Option<String>,
    e: Option<String>,
    crv: Option<String>,
    x: Option<String>,
    y: Option<String>,
}

/// Parses a key document. Keys we cannot use (no `kid`, encryption keys, symmetric or unknown
/// types, an `alg` that contradicts the key type) are skipped; a document with none left is an
/// error, as is anything that is neither format.
pub fn parse(body: &[u8]) -> Result<Keys, &'static str> {
    let doc: serde_json::Map<String, Value> =
        serde_json::from_slice(body).map_err(|_| "key document is not a JSON object")?;
    let keys: Keys = match doc.get("keys") {
        Some(Value::Array(jwks)) => jwks
            .iter()
            .filter_map(|v| serde_json::from_value::<Jwk>(v.clone()).ok())
            .filter_map(from_jwk)
            .collect(),
        Some(_) => return Err("`keys` is not an array"),
        None => {
            if !doc
                .values()
                .all(|v| v.as_str().is_some_and(|s| s.starts_with("-----BEGIN")))
            {
                return Err("neither a JWKS nor a PEM map");
            }
            doc.iter()
                .filter_map(|(kid, pem)| from_pem(kid, pem.as_str()?))
                .collect()
        }
    };
    if keys.is_empty() {
        return Err("no usable signing keys in the key document");
    }
    Ok(keys)
}

fn from_jwk(jwk: Jwk) -> Option<(String, Arc<VerifyingKey>)> {
    if jwk.usage.as_deref().is_some_and(|u| u != "sig") {
        return None;
    }
    let kid = jwk.kid.filter(|k| !k.is_empty())?;
    let (key, family): (DecodingKey, &[Algorithm]) = match (jwk.kty.as_str(), jwk.crv.as_deref()) {
        ("RSA", _) => (
            DecodingKey::from_rsa_components(jwk.n.as_deref()?, jwk.e.as_deref()?).ok()?,
            RSA_ALGS,
        ),
        ("EC", Some("P-256")) => (
            DecodingKey::from_ec_components(jwk.x.as_deref()?, jwk.y.as_deref()?).ok()?,
            &[Algorithm::ES256],
        ),
        ("EC", Some("P-384")) => (
            DecodingKey::from_ec_components(jwk.x.as_deref()?, jwk.y.as_deref()?).ok()?,
            &[Algorithm::ES384],
        ),
        ("OKP", Some("Ed25519")) => (
            DecodingKey::from_ed_components(jwk.x.as_deref()?).ok()?,
            &[Algorithm::EdDSA],
        ),
        _ => return None,
    };
    let algorithms = match jwk.alg.as_deref() {
        None => family.to_vec(),
        Some(alg) => {
            let alg: Algorithm = alg.parse().ok()?;
            family.contains(&alg).then(|| vec![alg])?
        }
    };
    Some((kid, Arc::new(VerifyingKey { key, algorithms })))
}

/// Google's x509 endpoints serve RSA certificates; other key types there are skipped.
fn from_pem(kid: &str, pem: &str) -> Option<(String, Arc<VerifyingKey>)> {
    let key = DecodingKey::from_rsa_pem(pem.as_bytes()).ok()?;
    Some((
        kid.to_string(),
        Arc::new(VerifyingKey {
            key,
            algorithms: RSA_ALGS.to_vec(),
        }),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_that_cannot_sign_tokens_are_skipped() {
        let doc = serde_json::json!({"keys": [
            {"kty": "oct", "kid": "hmac", "k": "c2VjcmV0"},
            {"kty": "RSA", "kid": "enc", "use": "enc", "n": "AQAB", "e": "AQAB"},
            {"kty": "RSA", "n": "AQAB", "e": "AQAB"},
            {"kty": "EC", "kid": "lying", "crv": "P-256", "alg": "HS256", "x": "AA", "y": "AA"},
        ]});
        assert_eq!(
            parse(doc.to_string().as_bytes()).err(),
            Some("no usable signing keys in the key document")
        );
    }

    #[test]
    fn other_documents_are_refused() {
        assert!(parse(b"[1, 2]").is_err());
        assert!(parse(b"{\"a\": 1}").is_err());
        assert!(parse(b"{\"keys\": {}}").is_err());
        assert!(parse(b"<html>").is_err());
    }
}
