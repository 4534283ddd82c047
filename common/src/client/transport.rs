//! The HTTP of calls between our services: hyper-util's pooled client, used directly.
//!
//! reqwest, kept for external APIs, cost these calls nearly a third of the orchestrator's
//! instructions in the pipeline bench (747k → 529k per message without it): two URL parses per
//! request, redirect, retry and decompression layers, proxy matching, client clones. A
//! [`super::ServiceClient`] parses its URLs once and sends one hyper request on a pooled
//! connection. What reqwest's client gave these calls is kept: the
//! TLS (rustls with *ring*, the platform's roots), HTTP/2 over ALPN and the retry of a request
//! an HTTP/2 server refused unprocessed, the TCP settings, a connect timeout over TCP and TLS
//! together, the `User-Agent` and `Accept` headers. Left out, as nothing here uses them:
//! redirects (our services answer none), `Accept-Encoding: gzip` (which gcloud-sdk's feature
//! turned on for the whole build; our services do not compress) and the `HTTP(S)_PROXY`
//! variables (a proxy between two Cloud Run services is none of ours).

use std::error::Error as StdError;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http::header::{ACCEPT, USER_AGENT};
use http::uri::Scheme;
use http::{HeaderMap, HeaderValue, Method, Request, Response, Uri};
use http_body_util::Full;
use hyper::body::Incoming;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::{Client, Error};
use hyper_util::rt::{TokioExecutor, TokioTimer};

/// Longest wait for a new connection, TCP and TLS together (a call's own deadline may be
/// shorter: it bounds the whole exchange).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// A pooled connection idle this long is closed.
const POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(60);
/// Resends of a request an HTTP/2 server refused unprocessed (reqwest's default).
const REFUSED_RETRIES: u32 = 2;

type BoxError = Box<dyn StdError + Send + Sync>;
type Connector = ConnectTimeout<hyper_rustls::HttpsConnector<HttpConnector>>;

/// The connection pool of calls between services. Clones share it: one per process, given
/// to every [`super::ServiceClient`].
#[derive(Clone)]
pub struct Transport {
    client: Client<Connector, Full<Bytes>>,
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transport").finish_non_exhaustive()
    }
}

impl Default for Transport {
    fn default() -> Self {
        Self::new()
    }
}

impl Transport {
    /// A new pool. Panics, as building reqwest's client does, when the platform has no root
    /// certificates.
    pub fn new() -> Self {
        Self::build(platform_tls(), CONNECT_TIMEOUT)
    }

    /// A pool verifying servers with `tls` (tests trust their own certificate this way).
    fn build(tls: rustls::ClientConfig, connect_timeout: Duration) -> Self {
        // reqwest's defaults.
        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_nodelay(true);
        http.set_connect_timeout(Some(connect_timeout));
        http.set_keepalive(Some(Duration::from_secs(15)));
        http.set_keepalive_interval(Some(Duration::from_secs(15)));
        http.set_keepalive_retries(Some(3));
        #[cfg(any(target_os = "android", target_os = "fuchsia", target_os = "linux"))]
        http.set_tcp_user_timeout(Some(Duration::from_secs(30)));
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_all_versions()
            .wrap_connector(http);
        let client = Client::builder(TokioExecutor::new())
            .timer(TokioTimer::new())
            .pool_timer(TokioTimer::new())
            .pool_idle_timeout(POOL_IDLE_TIMEOUT)
            .build(ConnectTimeout {
                inner: https,
                timeout: connect_timeout,
            });
        Self { client }
    }

    /// Sends one request and returns the response head (the body is read by the caller).
    /// `Err` is a failure before the head: connecting, sending, the connection lost.
    pub(crate) async fn send(
        &self,
        method: Method,
        uri: &Uri,
        mut headers: HeaderMap,
        body: Bytes,
    ) -> Result<Response<Incoming>, Error> {
        headers
            .entry(USER_AGENT)
            .or_insert(HeaderValue::from_static(crate::upstream::USER_AGENT));
        headers
            .entry(ACCEPT)
            .or_insert(HeaderValue::from_static("*/*"));
        // Only an HTTP/2 server refuses a request unprocessed, and only TLS negotiates HTTP/2
        // here: plain HTTP moves its headers into the one attempt.
        let mut retries = if uri.scheme() == Some(&Scheme::HTTPS) {
            REFUSED_RETRIES
        } else {
            0
        };
        loop {
            let mut req = Request::new(Full::new(body.clone()));
            *req.method_mut() = method.clone();
            *req.uri_mut() = uri.clone();
            *req.headers_mut() = if retries > 0 {
                headers.clone()
            } else {
                std::mem::take(&mut headers)
            };
            match self.client.request(req).await {
                Err(e) if retries > 0 && refused_unprocessed(&e) => retries -= 1,
                result => return result,
            }
        }
    }
}

/// The TLS of reqwest's client (0.13, `rustls-no-provider`), built the same way: the
/// process's provider (*ring*, [`crate::tls::install`]), TLS 1.2 and 1.3, servers verified
/// by rustls-platform-verifier (the system's roots on Linux: ca-certificates in the image).
/// ALPN (HTTP/2, then 1.1) is set by the connector.
fn platform_tls() -> rustls::ClientConfig {
    use rustls_platform_verifier::BuilderVerifierExt;
    crate::tls::install();
    let provider = rustls::crypto::CryptoProvider::get_default()
        .expect("installed by tls::install")
        .clone();
    rustls::ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(rustls::ALL_VERSIONS)
        .expect("the provider supports TLS 1.2 and 1.3")
        .with_platform_verifier()
        .expect("the platform's root certificates load")
        .with_no_client_auth()
}

/// Whether `e`, or an error under it, is a timeout: the connect timeout, or the socket's.
pub(crate) fn timed_out(e: &(dyn StdError + 'static)) -> bool {
    std::iter::successors(Some(e), |e| (*e).source()).any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::TimedOut)
            || e.downcast_ref::<hyper::Error>()
                .is_some_and(hyper::Error::is_timeout)
    })
}

/// An HTTP/2 server's word that it did not process the request: `REFUSED_STREAM`, or a
/// graceful `GOAWAY` the request came after. Safe to send again, on another stream.
fn refused_unprocessed(e: &Error) -> bool {
    std::iter::successors(e.source(), |e| (*e).source())
        .find_map(|e| e.downcast_ref::<h2::Error>())
        .is_some_and(|e| {
            e.is_remote()
                && ((e.is_go_away() && e.reason() == Some(h2::Reason::NO_ERROR))
                    || (e.is_reset() && e.reason() == Some(h2::Reason::REFUSED_STREAM)))
        })
}

/// A connector that gives up after `timeout`, TLS handshake included (hyper's own connect
/// timeout covers TCP only), failing with `TimedOut`: the call then reads as a timeout, as
/// it did with reqwest.
#[derive(Clone)]
struct ConnectTimeout<C> {
    inner: C,
    timeout: Duration,
}

impl<C> tower_service::Service<Uri> for ConnectTimeout<C>
where
    C: tower_service::Service<Uri>,
    C::Error: Into<BoxError>,
    C::Future: Send + 'static,
{
    type Response = C::Response;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<C::Response, BoxError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.inner.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, dst: Uri) -> Self::Future {
        let connecting = tokio::time::timeout(self.timeout, self.inner.call(dst));
        Box::pin(async move {
            match connecting.await {
                Ok(connected) => connected.map_err(Into::into),
                Err(_) => Err(std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    "connect timed out",
                )
                .into()),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Instant;

    use rustls::pki_types::CertificateDer;
    use serde_json::{Value, json};

    use super::*;
    use crate::client::stand_in::{self, Answer, OK_RESULT, header, response};
    use crate::client::{CallError, ServiceClient};
    use crate::contract::{Service, ToolName};

    /// A pool built as [`Transport::new`] builds one, trusting `extra` besides the platform's
    /// roots (a stand-in's own certificate).
    fn trusting(extra: CertificateDer<'static>, connect_timeout: Duration) -> Transport {
        crate::tls::install();
        let provider = rustls::crypto::CryptoProvider::get_default()
            .unwrap()
            .clone();
        let verifier =
            rustls_platform_verifier::Verifier::new_with_extra_roots([extra], provider.clone())
                .unwrap();
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_protocol_versions(rustls::ALL_VERSIONS)
            .unwrap()
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(verifier))
            .with_no_client_auth();
        Transport::build(tls, connect_timeout)
    }

    async fn call(transport: &Transport, url: &str, timeout: Duration) -> Result<Value, CallError> {
        ServiceClient::new(Service::Chargebee, url, transport.clone(), timeout)
            .call_value(ToolName::ListInvoices, json!({"n": 1}), timeout)
            .await
    }

    #[tokio::test]
    async fn https_speaks_http2_or_http1_as_the_server_offers() {
        let ok = |_: &str| Answer::Send(response("200 OK", OK_RESULT));
        for (alpn, version) in [
            (&[&b"h2"[..], b"http/1.1"][..], "HTTP/2.0"),
            (&[&b"http/1.1"[..]][..], "HTTP/1.1"),
        ] {
            let (mut server, cert) = stand_in::https(alpn, 0, ok).await;
            let transport = trusting(cert, CONNECT_TIMEOUT);
            for _ in 0..3 {
                let answer = crate::request_id::scope(
                    "req-7".into(),
                    call(&transport, &server.url, Duration::from_secs(5)),
                )
                .await
                .unwrap();
                assert_eq!(answer, json!({"ok": true}));
            }
            let request = server.seen.recv().await.unwrap();
            assert!(
                request.starts_with(&format!("POST /mcp/call {version}\r\n")),
                "{request}"
            );
            assert_eq!(header(&request, "x-request-id"), ["req-7"]);
            assert_eq!(header(&request, "content-type"), ["application/json"]);
            assert_eq!(
                header(&request, "user-agent"),
                [crate::upstream::USER_AGENT]
            );
            assert_eq!(
                header(&request, "host"),
                [server.url.trim_start_matches("https://")]
            );
            assert!(request.ends_with(r#""arguments":{"n":1}}"#), "{request}");
            assert_eq!(server.connections(), 1, "{version}: one pooled connection");
        }
    }

    #[tokio::test]
    async fn a_certificate_the_platform_does_not_trust_or_for_another_name_is_unreachable() {
        let ok = |_: &str| Answer::Send(response("200 OK", OK_RESULT));
        let (server, cert) = stand_in::https(&[b"h2", b"http/1.1"], 0, ok).await;
        let e = call(&Transport::new(), &server.url, Duration::from_secs(5))
            .await
            .unwrap_err();
        assert!(matches!(e, CallError::Unreachable { .. }), "{e:?}");
        // Trusted, but issued for `localhost`, not for the address.
        let by_address = server.url.replace("localhost", "127.0.0.1");
        let e = call(
            &trusting(cert, CONNECT_TIMEOUT),
            &by_address,
            Duration::from_secs(5),
        )
        .await
        .unwrap_err();
        assert!(matches!(e, CallError::Unreachable { .. }), "{e:?}");
    }

    #[tokio::test]
    async fn a_refused_http2_stream_is_sent_again_twice_at_most() {
        let ok = |_: &str| Answer::Send(response("200 OK", OK_RESULT));
        let (mut server, cert) = stand_in::https(&[b"h2"], 2, ok).await;
        let transport = trusting(cert, CONNECT_TIMEOUT);
        let answer = call(&transport, &server.url, Duration::from_secs(5))
            .await
            .unwrap();
        assert_eq!(answer, json!({"ok": true}));
        for _ in 0..3 {
            let request = server.seen.recv().await.unwrap();
            assert!(
                request.starts_with("POST /mcp/call HTTP/2.0\r\n"),
                "{request}"
            );
        }

        let (mut server, cert) = stand_in::https(&[b"h2"], 3, ok).await;
        let e = call(
            &trusting(cert, CONNECT_TIMEOUT),
            &server.url,
            Duration::from_secs(5),
        )
        .await
        .unwrap_err();
        assert!(matches!(e, CallError::Unreachable { .. }), "{e:?}");
        for _ in 0..3 {
            server.seen.recv().await.unwrap();
        }
        assert!(server.seen.try_recv().is_err(), "no fourth attempt");
    }

    #[tokio::test]
    async fn a_handshake_that_never_ends_is_a_connect_timeout() {
        // Accepts, and never says a word of TLS.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!(
            "https://localhost:{}",
            listener.local_addr().unwrap().port()
        );
        tokio::spawn(async move {
            let mut held = Vec::new();
            while let Ok((sock, _)) = listener.accept().await {
                held.push(sock);
            }
        });
        let transport = Transport::build(platform_tls(), Duration::from_millis(300));
        let started = Instant::now();
        let e = call(&transport, &url, Duration::from_secs(10))
            .await
            .unwrap_err();
        // The call's deadline is what the error reports, as it was with reqwest.
        assert!(
            matches!(
                e,
                CallError::Timeout {
                    timeout_ms: 10_000,
                    ..
                }
            ),
            "{e:?}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
    }
}
