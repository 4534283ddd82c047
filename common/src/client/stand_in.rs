//! Loopback stand-ins for the client's tests: raw HTTP/1.1, so that they can misbehave, over
//! TCP or TLS, and HTTP/2 over TLS (ALPN decides, as with a real server).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rustls::pki_types::CertificateDer;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

/// What a stand-in writes back for one request.
pub enum Answer {
    /// These bytes; the connection stays open for the next request.
    Send(Vec<u8>),
    /// These bytes, then nothing more while the connection stays open.
    Stall(Vec<u8>),
    /// These bytes, then the connection is closed.
    Close(Vec<u8>),
}

/// A complete HTTP/1.1 response.
pub fn response(status: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// A successful tool result, `{"ok": true}`.
pub const OK_RESULT: &str = r#"{"content":[],"structuredContent":{"ok":true},"isError":false}"#;

/// A running stand-in.
pub struct StandIn {
    /// `http://127.0.0.1:port`, or `https://localhost:port`.
    pub url: String,
    /// Every request (head and body, as text; an HTTP/2 one written as HTTP/1.1 would be,
    /// with `HTTP/2.0` in its request line), in order.
    pub seen: UnboundedReceiver<String>,
    /// Connections accepted.
    pub connections: Arc<AtomicUsize>,
}

impl StandIn {
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::Relaxed)
    }
}

/// Plain HTTP/1.1: `answer` decides what each request gets.
pub async fn http(answer: impl Fn(&str) -> Answer + Send + Sync + 'static) -> StandIn {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (tx, seen) = unbounded_channel();
    let connections = Arc::new(AtomicUsize::new(0));
    let (answer, accepted) = (Arc::new(answer), connections.clone());
    tokio::spawn(async move {
        while let Ok((sock, _)) = listener.accept().await {
            accepted.fetch_add(1, Ordering::Relaxed);
            let answer = answer.clone();
            tokio::spawn(http1(sock, move |r: &str| answer(r), tx.clone()));
        }
    });
    StandIn {
        url,
        seen,
        connections,
    }
}

/// TLS with a self-signed certificate for `localhost` (returned, for a client to trust),
/// offering the `alpn` protocols. HTTP/1.1 requests get `answer`; HTTP/2 ones get
/// [`OK_RESULT`], but the first `refuse` streams are refused (`REFUSED_STREAM`).
pub async fn https(
    alpn: &[&[u8]],
    refuse: usize,
    answer: impl Fn(&str) -> Answer + Send + Sync + 'static,
) -> (StandIn, CertificateDer<'static>) {
    crate::tls::install();
    let certified = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let cert = certified.cert.der().clone();
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(certified.signing_key.serialize_der().into());
    let mut config = rustls::ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(vec![cert.clone()], key)
        .unwrap();
    config.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!(
        "https://localhost:{}",
        listener.local_addr().unwrap().port()
    );
    let (tx, seen) = unbounded_channel();
    let connections = Arc::new(AtomicUsize::new(0));
    let (answer, accepted) = (Arc::new(answer), connections.clone());
    let refused = Arc::new(AtomicUsize::new(0));
    tokio::spawn(async move {
        while let Ok((sock, _)) = listener.accept().await {
            accepted.fetch_add(1, Ordering::Relaxed);
            let (acceptor, answer, tx, refused) = (
                acceptor.clone(),
                answer.clone(),
                tx.clone(),
                refused.clone(),
            );
            tokio::spawn(async move {
                let Ok(tls) = acceptor.accept(sock).await else {
                    return;
                };
                if tls.get_ref().1.alpn_protocol() == Some(b"h2") {
                    http2(tls, tx, refused, refuse).await;
                } else {
                    http1(tls, move |r: &str| answer(r), tx).await;
                }
            });
        }
    });
    (
        StandIn {
            url,
            seen,
            connections,
        },
        cert,
    )
}

/// Serves HTTP/1.1 requests on one connection until it closes.
async fn http1<S: AsyncRead + AsyncWrite + Unpin>(
    mut sock: S,
    answer: impl Fn(&str) -> Answer,
    tx: UnboundedSender<String>,
) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        // One request: its head, then as many body bytes as it announces.
        let mut wanted = None;
        while wanted.is_none_or(|w| buf.len() < w) {
            if wanted.is_none()
                && let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n")
            {
                let head = String::from_utf8_lossy(&buf[..i]).to_lowercase();
                let length = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:")?.trim().parse().ok());
                wanted = Some(i + 4 + length.unwrap_or(0));
                continue;
            }
            match sock.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
        let request: Vec<u8> = buf.drain(..wanted.unwrap_or(0)).collect();
        let request = String::from_utf8_lossy(&request).into_owned();
        let reply = answer(&request);
        let _ = tx.send(request);
        match reply {
            Answer::Send(bytes) => {
                if sock.write_all(&bytes).await.is_err() {
                    return;
                }
            }
            Answer::Stall(bytes) => {
                let _ = sock.write_all(&bytes).await;
                std::future::pending::<()>().await;
            }
            Answer::Close(bytes) => {
                let _ = sock.write_all(&bytes).await;
                let _ = sock.shutdown().await;
                return;
            }
        }
    }
}

/// Serves HTTP/2 streams on one connection, refusing while `refused` is under `refuse`.
async fn http2<S: AsyncRead + AsyncWrite + Unpin>(
    sock: S,
    tx: UnboundedSender<String>,
    refused: Arc<AtomicUsize>,
    refuse: usize,
) {
    let Ok(mut conn) = h2::server::handshake(sock).await else {
        return;
    };
    while let Some(Ok((req, mut respond))) = conn.accept().await {
        let (tx, refused) = (tx.clone(), refused.clone());
        // Each stream on its own task: the connection must go on being polled.
        tokio::spawn(async move {
            let (parts, mut body) = req.into_parts();
            let mut request = format!("{} {} HTTP/2.0\r\n", parts.method, parts.uri.path());
            if let Some(authority) = parts.uri.authority() {
                request.push_str(&format!("host: {authority}\r\n"));
            }
            for (name, value) in &parts.headers {
                let value = String::from_utf8_lossy(value.as_bytes());
                request.push_str(&format!("{name}: {value}\r\n"));
            }
            request.push_str("\r\n");
            if refused.fetch_add(1, Ordering::Relaxed) < refuse {
                let _ = tx.send(request);
                respond.send_reset(h2::Reason::REFUSED_STREAM);
                return;
            }
            while let Some(Ok(data)) = body.data().await {
                let _ = body.flow_control().release_capacity(data.len());
                request.push_str(&String::from_utf8_lossy(&data));
            }
            let _ = tx.send(request);
            let head = http::Response::builder()
                .status(200)
                .header("content-type", "application/json")
                .body(())
                .unwrap();
            let Ok(mut send) = respond.send_response(head, false) else {
                return;
            };
            let _ = send.send_data(bytes::Bytes::from_static(OK_RESULT.as_bytes()), true);
        });
    }
}

/// The values of the header `name` in a request's head.
pub fn header<'a>(request: &'a str, name: &str) -> Vec<&'a str> {
    let head = request.split("\r\n\r\n").next().unwrap_or_default();
    head.lines()
        .skip(1)
        .filter_map(|l| l.split_once(':'))
        .filter(|(n, _)| n.trim().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
        .collect()
}
