//! The Verifier: what verifies, and every way a token is refused.

use common::auth::AuthError;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use sandbox::issuer::SigningKey;
use serde_json::json;

use crate::helpers::{KeyServer, b64, claims, claims_with, now, verifier};

#[tokio::test]
async fn a_token_signed_with_rs256_verifies() {
    let key = SigningKey::rsa();
    let server = KeyServer::start(&[&key]);
    let verified = verifier(&server)
        .verify(&key.sign(&claims()))
        .await
        .unwrap();
    assert_eq!(verified.subject(), "user-1");
    assert_eq!(verified.issuer(), crate::helpers::ISSUER);
}

#[tokio::test]
async fn a_token_signed_with_es256_verifies() {
    let key = SigningKey::es256();
    let server = KeyServer::start(&[&key]);
    assert!(verifier(&server).verify(&key.sign(&claims())).await.is_ok());
}

#[tokio::test]
async fn an_audience_array_that_contains_ours_verifies() {
    let key = SigningKey::es256();
    let server = KeyServer::start(&[&key]);
    let token = key.sign(&claims_with(
        json!({"aud": ["other", crate::helpers::AUDIENCE]}),
    ));
    assert!(verifier(&server).verify(&token).await.is_ok());
}

/// Each case: the claims changed, and the refusal expected.
#[tokio::test]
async fn tokens_with_wrong_times_issuers_or_audiences_are_refused() {
    let key = SigningKey::es256();
    let server = KeyServer::start(&[&key]);
    let v = verifier(&server);
    let cases = [
        (json!({"exp": now() - 120}), AuthError::Expired),
        (
            json!({"nbf": now() + 600}),
            AuthError::Invalid("token not valid yet"),
        ),
        (
            json!({"iat": now() + 600}),
            AuthError::Invalid("token issued in the future"),
        ),
        (
            json!({"iss": "https://evil.example"}),
            AuthError::Invalid("wrong issuer"),
        ),
        (
            json!({"aud": "another-app"}),
            AuthError::Invalid("wrong audience"),
        ),
        (
            json!({"aud": ["a", "b"]}),
            AuthError::Invalid("wrong audience"),
        ),
        (
            json!({"exp": null}),
            AuthError::Invalid("a required claim is missing"),
        ),
        (
            json!({"aud": null}),
            AuthError::Invalid("a required claim is missing"),
        ),
    ];
    for (change, expected) in cases {
        let token = key.sign(&claims_with(change.clone()));
        assert_eq!(v.verify(&token).await.err(), Some(expected), "{change}");
    }
}

#[tokio::test]
async fn a_token_within_the_clock_skew_still_verifies() {
    let key = SigningKey::es256();
    let server = KeyServer::start(&[&key]);
    let token = key.sign(&claims_with(json!({"exp": now() - 30, "nbf": now() + 30})));
    assert!(verifier(&server).verify(&token).await.is_ok());
}

#[tokio::test]
async fn an_unsigned_alg_none_token_is_refused() {
    let key = SigningKey::es256();
    let server = KeyServer::start(&[&key]);
    let header = json!({"alg": "none", "typ": "JWT", "kid": key.kid()});
    let token = format!(
        "{}.{}.",
        b64(header.to_string().as_bytes()),
        b64(claims().to_string().as_bytes())
    );
    assert_eq!(
        verifier(&server).verify(&token).await.err(),
        Some(AuthError::Invalid("algorithm not allowed"))
    );
}

#[tokio::test]
async fn an_hs256_token_signed_with_the_rsa_public_key_is_refused() {
    let key = SigningKey::rsa();
    let server = KeyServer::start(&[&key]);
    let public_pem = key.public_key_pem().unwrap();
    let mut header = Header::new(Algorithm::HS256);
    header.kid = Some(key.kid().to_string());
    let forged = jsonwebtoken::encode(
        &header,
        &claims(),
        &EncodingKey::from_secret(public_pem.as_bytes()),
    )
    .unwrap();
    assert_eq!(
        verifier(&server).verify(&forged).await.err(),
        Some(AuthError::Invalid("algorithm not allowed"))
    );
}

#[tokio::test]
async fn a_token_whose_alg_does_not_fit_its_key_is_refused() {
    let rsa = SigningKey::rsa();
    let ec = SigningKey::es256();
    let server = KeyServer::start(&[&rsa, &ec]);
    // Signed by the RSA key, but naming the EC key: RS256 is not an algorithm of an EC key.
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some(ec.kid().to_string());
    let token = rsa.sign_with_header(&header, &claims());
    assert_eq!(
        verifier(&server).verify(&token).await.err(),
        Some(AuthError::Invalid("algorithm does not match the key"))
    );
    // The JWK says RS256 only: PS256 under that kid is refused too.
    let mut header = Header::new(Algorithm::PS256);
    header.kid = Some(rsa.kid().to_string());
    let token = rsa.sign_with_header(&header, &claims());
    assert_eq!(
        verifier(&server).verify(&token).await.err(),
        Some(AuthError::Invalid("algorithm does not match the key"))
    );
}

#[tokio::test]
async fn a_token_without_a_key_id_is_refused() {
    let key = SigningKey::es256();
    let server = KeyServer::start(&[&key]);
    let token = key.sign_with_header(&Header::new(Algorithm::ES256), &claims());
    assert_eq!(
        verifier(&server).verify(&token).await.err(),
        Some(AuthError::Invalid("token has no key id"))
    );
}

#[tokio::test]
async fn a_tampered_payload_fails_the_signature() {
    let key = SigningKey::es256();
    let server = KeyServer::start(&[&key]);
    let token = key.sign(&claims());
    let parts: Vec<&str> = token.split('.').collect();
    let forged_claims = claims_with(json!({"sub": "admin"}));
    let forged = format!(
        "{}.{}.{}",
        parts[0],
        b64(forged_claims.to_string().as_bytes()),
        parts[2]
    );
    assert_eq!(
        verifier(&server).verify(&forged).await.err(),
        Some(AuthError::Invalid("bad signature"))
    );
}

#[tokio::test]
async fn malformed_tokens_are_refused_without_a_key_fetch() {
    let key = SigningKey::es256();
    let server = KeyServer::start(&[&key]);
    let v = verifier(&server);
    let long = format!("{}.{}.sig", b64(b"{}"), "a".repeat(9000));
    for bad in [
        "not-a-jwt",
        "a.b",
        "a.b.c.d",
        "eyJ.eyJ.sig",
        "%%%.%%%.%%%",
        long.as_str(),
    ] {
        assert_eq!(
            v.verify(bad).await.err(),
            Some(AuthError::Malformed),
            "{bad}"
        );
    }
    assert_eq!(v.keys().fetches(), 0);
}
