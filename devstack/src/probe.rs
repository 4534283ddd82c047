//! A tiny blocking HTTP probe, so the launcher needs no HTTP client.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// Whether `GET http://127.0.0.1:{port}{path}` answers 200 (a tiny blocking probe, so the
/// launcher needs no HTTP client).
pub fn healthy(port: u16, path: &str) -> bool {
    let Ok(mut s) = TcpStream::connect_timeout(
        &std::net::SocketAddr::from(([127, 0, 0, 1], port)),
        Duration::from_millis(300),
    ) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(1)));
    let req = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    if s.write_all(req.as_bytes()).is_err() {
        return false;
    }
    let mut head = [0u8; 16];
    let n = s.read(&mut head).unwrap_or(0);
    head[..n].starts_with(b"HTTP/1.1 200")
}
