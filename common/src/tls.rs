//! TLS for every outbound client: rustls with the *ring* provider, installed once per process.
//!
//! reqwest (built with `rustls-no-provider`), Google's auth client and tonic's Firestore channel
//! all take the process-wide default provider. Installing *ring* here keeps aws-lc, a C build of
//! several minutes on two cores, out of the build (*ring* is in it anyway, for JWTs). A reqwest
//! client built before [`install`] panics, so build clients through [`client`],
//! [`client_builder`] or [`crate::upstream::http_client`].

use std::sync::Once;

/// Installs *ring* as the process's default rustls provider; idempotent and cheap after the
/// first call.
pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Err only if a provider is already installed, which is as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// A reqwest builder, with the provider installed.
pub fn client_builder() -> reqwest::ClientBuilder {
    install();
    reqwest::Client::builder()
}

/// A default reqwest client, with the provider installed.
pub fn client() -> reqwest::Client {
    install();
    reqwest::Client::new()
}

/// `reqwest::get` with the provider installed: one GET on a fresh client.
pub async fn get(url: impl reqwest::IntoUrl) -> reqwest::Result<reqwest::Response> {
    client().get(url).send().await
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_client_builds_and_the_provider_is_ring() {
        let _client = super::client();
        let provider = rustls::crypto::CryptoProvider::get_default().expect("installed");
        // Cipher suites are shared between providers; the key provider names its backend
        // (`Ring` here, `AwsLcRs` for aws-lc).
        assert_eq!(format!("{:?}", provider.key_provider), "Ring");
    }
}
