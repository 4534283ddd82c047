//! Signing keys: generated in process, with their public forms (JWK, PEM, certificate).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding};
use rsa::traits::PublicKeyParts;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// A private signing key with its public forms (JWK, and a self-signed certificate for RSA).
pub struct SigningKey {
    kid: String,
    alg: Algorithm,
    encoding: EncodingKey,
    jwk: Value,
    cert_pem: Option<String>,
    public_pem: Option<String>,
}

impl SigningKey {
    /// A new RSA 2048 key for RS256, as Google signs with.
    pub fn rsa() -> Self {
        let private = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048)
            .expect("the OS random source generates an RSA key");
        let n = private.n().to_bytes_be();
        let kid = kid_of(&n);
        let pkcs1 = private.to_pkcs1_der().expect("a fresh RSA key encodes");
        let pkcs8 = private.to_pkcs8_der().expect("a fresh RSA key encodes");
        let jwk = json!({
            "kty": "RSA", "alg": "RS256", "use": "sig", "kid": kid,
            "n": URL_SAFE_NO_PAD.encode(&n),
            "e": URL_SAFE_NO_PAD.encode(private.e().to_bytes_be()),
        });
        Self {
            cert_pem: Some(self_signed_certificate(pkcs8.as_bytes())),
            public_pem: private
                .to_public_key()
                .to_public_key_pem(LineEnding::LF)
                .ok(),
            encoding: EncodingKey::from_rsa_der(pkcs1.as_bytes()),
            alg: Algorithm::RS256,
            kid,
            jwk,
        }
    }

    /// A new P-256 key for ES256 (for verifiers' tests; Google does not use it).
    pub fn es256() -> Self {
        use ring::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
        let rng = ring::rand::SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
            .expect("ring generates a P-256 key");
        let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref(), &rng)
            .expect("ring reads back its own key");
        // Uncompressed point: 0x04 ‖ x ‖ y.
        let point = pair.public_key().as_ref();
        let kid = kid_of(point);
        let jwk = json!({
            "kty": "EC", "crv": "P-256", "alg": "ES256", "use": "sig", "kid": kid,
            "x": URL_SAFE_NO_PAD.encode(&point[1..33]),
            "y": URL_SAFE_NO_PAD.encode(&point[33..65]),
        });
        Self {
            encoding: EncodingKey::from_ec_der(pkcs8.as_ref()),
            alg: Algorithm::ES256,
            cert_pem: None,
            public_pem: None,
            kid,
            jwk,
        }
    }

    /// The key id (`kid`) tokens name it by.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The algorithm it signs with.
    pub fn algorithm(&self) -> Algorithm {
        self.alg
    }

    /// The public key as a JWK (with `kid`, `alg` and `use`).
    pub fn jwk(&self) -> &Value {
        &self.jwk
    }

    /// A self-signed certificate for the key (RSA keys only), as Google's x509 endpoints serve.
    pub fn cert_pem(&self) -> Option<&str> {
        self.cert_pem.as_deref()
    }

    /// The public key as SPKI PEM (RSA keys only): what anyone can derive from the JWKS.
    pub fn public_key_pem(&self) -> Option<&str> {
        self.public_pem.as_deref()
    }

    /// Signs `claims` with a `{"alg", "kid", "typ": "JWT"}` header.
    pub fn sign(&self, claims: &Value) -> String {
        let mut header = Header::new(self.alg);
        header.kid = Some(self.kid.clone());
        self.sign_with_header(&header, claims)
    }

    /// Signs `claims` under a caller-made header (tests that need an odd `kid` or `typ`).
    pub fn sign_with_header(&self, header: &Header, claims: &Value) -> String {
        jsonwebtoken::encode(header, claims, &self.encoding)
            .expect("JSON claims serialise and a valid key signs")
    }
}

/// Google's kids are 40 hex digits; ours are a digest of the public key, so stable per key.
fn kid_of(public: &[u8]) -> String {
    Sha256::digest(public)
        .iter()
        .take(20)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn self_signed_certificate(pkcs8: &[u8]) -> String {
    let key = rcgen::KeyPair::from_pkcs8_der_and_sign_algo(&pkcs8.into(), &rcgen::PKCS_RSA_SHA256)
        .expect("ring reads a PKCS#8 RSA key");
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new())
        .expect("empty subject alternative names are valid");
    params.distinguished_name.push(
        rcgen::DnType::CommonName,
        "securetoken.system.gserviceaccount.com",
    );
    params
        .self_signed(&key)
        .expect("a certificate over a valid key signs")
        .pem()
}
