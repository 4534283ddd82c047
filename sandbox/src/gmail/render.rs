//! Gmail's message resource in its four formats (`full`, `metadata`, `minimal`, `raw`).

use base64::Engine;
use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
use serde_json::{Value, json};

use crate::data::mailbox::{Mail, Part, child_path};

/// Gmail bodies are base64url; the sandbox pads some and not others (clients must take both).
pub fn b64url(data: &[u8], pad: bool) -> String {
    if pad {
        URL_SAFE.encode(data)
    } else {
        URL_SAFE_NO_PAD.encode(data)
    }
}

fn padded(m: &Mail) -> bool {
    m.history_id.is_multiple_of(2)
}

/// The message in RFC 822 form (the `raw` format, before base64url).
pub fn raw(m: &Mail) -> Vec<u8> {
    let mut out = Vec::new();
    for (k, v) in m.headers() {
        out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    m.body.write_wire("", &mut out);
    out
}

/// Gmail's snippet: the start of the text, whitespace collapsed, HTML-escaped as Gmail does.
pub fn snippet(m: &Mail) -> String {
    let flat: String = m
        .plain
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(160)
        .collect();
    flat.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Opaque attachment id naming the message and part.
pub fn attachment_id(message: &str, part: &str) -> String {
    format!(
        "ANGjdJ{}",
        URL_SAFE_NO_PAD.encode(format!("{message}:{part}"))
    )
}

/// The inverse of [`attachment_id`].
pub fn parse_attachment_id(aid: &str) -> Option<(String, String)> {
    let bytes = URL_SAFE_NO_PAD.decode(aid.strip_prefix("ANGjdJ")?).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (m, p) = text.split_once(':')?;
    Some((m.to_string(), p.to_string()))
}

/// The part at Gmail part id `path`.
pub fn part_at<'a>(root: &'a Part, path: &str) -> Option<&'a Part> {
    if path.is_empty() {
        return Some(root);
    }
    let mut p = root;
    for i in path.split('.') {
        p = p.parts.get(i.parse::<usize>().ok()?)?;
    }
    Some(p)
}

fn headers_json(h: Vec<(String, String)>) -> Value {
    Value::Array(
        h.into_iter()
            .map(|(name, value)| json!({"name": name, "value": value}))
            .collect(),
    )
}

fn payload(m: &Mail, part: &Part, path: &str) -> Value {
    let headers = if path.is_empty() {
        m.headers()
    } else {
        part.content_headers(path)
    };
    let body = if part.is_multipart() {
        json!({"size": 0})
    } else if part.filename.is_some() {
        json!({"attachmentId": attachment_id(&m.id, path), "size": part.data.len()})
    } else {
        let data = part.served_data();
        if data.is_empty() {
            json!({"size": 0})
        } else {
            json!({"size": data.len(), "data": b64url(&data, padded(m))})
        }
    };
    let mut v = json!({
        "partId": path,
        "mimeType": part.mime_type,
        "filename": part.filename.clone().unwrap_or_default(),
        "headers": headers_json(headers),
        "body": body,
    });
    if part.is_multipart() {
        v["parts"] = Value::Array(
            part.parts
                .iter()
                .enumerate()
                .map(|(i, c)| payload(m, c, &child_path(path, i)))
                .collect(),
        );
    }
    v
}

/// The message resource in `format`, `metadata_headers` filtering the `metadata` format.
pub fn message(m: &Mail, format: &str, metadata_headers: &[String]) -> Value {
    let raw_bytes = raw(m);
    let mut v = json!({
        "id": m.id,
        "threadId": m.thread_id,
        "labelIds": m.labels,
        "snippet": snippet(m),
        "historyId": m.history_id.to_string(),
        "internalDate": m.internal_date_ms.to_string(),
        "sizeEstimate": raw_bytes.len(),
    });
    match format {
        "minimal" => {}
        "raw" => v["raw"] = Value::String(b64url(&raw_bytes, true)),
        "metadata" => {
            let headers: Vec<(String, String)> = m
                .headers()
                .into_iter()
                .filter(|(k, _)| {
                    metadata_headers.is_empty()
                        || metadata_headers.iter().any(|w| w.eq_ignore_ascii_case(k))
                })
                .collect();
            v["payload"] = json!({
                "partId": "",
                "mimeType": m.body.mime_type,
                "filename": "",
                "headers": headers_json(headers),
                "body": {"size": 0},
            });
        }
        _ => v["payload"] = payload(m, &m.body, ""),
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::mailbox::mailbox;

    #[test]
    fn a_raw_multipart_is_delimited_by_the_boundary_its_content_type_names() {
        let multiparts = mailbox().iter().filter(|m| m.body.is_multipart());
        for m in multiparts {
            let raw = raw(m);
            let text = String::from_utf8_lossy(&raw);
            let (head, body) = text.split_once("\r\n\r\n").expect("headers end");
            let boundary = head
                .split("boundary=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .expect("a root boundary");
            assert!(body.contains(&format!("\r\n--{boundary}\r\n")), "{}", m.id);
            assert!(
                body.contains(&format!("\r\n--{boundary}--\r\n")),
                "{}",
                m.id
            );
        }
    }
}
