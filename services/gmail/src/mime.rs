//! Gmail's message resource → the normalized message the tools return. Best effort throughout:
//! broken MIME, unknown charsets, undecodable bodies and binary parts never fail a message.

use chrono::{DateTime, SecondsFormat, Utc};
use common::contract::gmail::{Attachment, Message};

use crate::client::{WireMessage, WirePart};
use crate::text;

/// Parts deeper than this are not walked (a hostile message could nest thousands).
const MAX_DEPTH: usize = 24;
/// At most this many parts are looked at.
const MAX_PARTS: usize = 500;

#[derive(Default)]
struct Walk {
    plain: Vec<String>,
    html: Vec<String>,
    attachments: Vec<Attachment>,
    seen: usize,
}

/// The part's content as text: base64url, then quoted-printable if Gmail left it encoded,
/// then the charset.
fn leaf_text(part: &WirePart) -> String {
    let raw = part.body.data.as_deref().unwrap_or("");
    let mut bytes = text::base64url(raw).unwrap_or_else(|| raw.as_bytes().to_vec());
    let cte = part.header("Content-Transfer-Encoding").unwrap_or("");
    if cte.trim().eq_ignore_ascii_case("quoted-printable") && text::looks_quoted_printable(&bytes) {
        bytes = text::quoted_printable(&bytes);
    }
    let charset = part
        .header("Content-Type")
        .and_then(|ct| text::header_param(ct, "charset"));
    text::decode_charset(&bytes, charset.as_deref())
}

/// A multipart Gmail could not split (no boundary): find the text sections ourselves.
fn salvage(raw: &str) -> String {
    let Some(first) = raw.lines().next().filter(|l| l.starts_with("--")) else {
        return raw.to_string();
    };
    let boundary = first.trim_end().to_string();
    raw.split(boundary.as_str())
        .filter_map(|section| {
            let section = section.trim_start_matches("--");
            let (head, body) = section
                .split_once("\r\n\r\n")
                .or_else(|| section.split_once("\n\n"))?;
            let head = head.to_ascii_lowercase();
            (!head.contains("content-type") || head.contains("text/")).then(|| body.trim())
        })
        .filter(|b| !b.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn walk(part: &WirePart, depth: usize, w: &mut Walk) {
    w.seen += 1;
    if depth > MAX_DEPTH || w.seen > MAX_PARTS {
        return;
    }
    let mime = part.mime_type.to_ascii_lowercase();
    let disposition = part.header("Content-Disposition").unwrap_or("");
    let is_attachment = !part.filename.is_empty()
        || part.body.attachment_id.is_some()
        || disposition
            .trim_start()
            .to_ascii_lowercase()
            .starts_with("attachment");
    if is_attachment {
        w.attachments.push(Attachment {
            filename: text::decode_header(&part.filename),
            mime_type: mime,
            size: part.body.size,
        });
    } else if mime.starts_with("multipart/") {
        if part.parts.is_empty() {
            let raw = leaf_text(part);
            w.plain.push(salvage(&raw));
        }
        for child in &part.parts {
            walk(child, depth + 1, w);
        }
    } else if mime == "text/html" {
        w.html.push(leaf_text(part));
    } else if mime.starts_with("text/") || mime.is_empty() {
        w.plain.push(leaf_text(part));
    } else if part.body.size > 0 || part.body.data.is_some() {
        // An unnamed binary part: report it, never decode it as text.
        w.attachments.push(Attachment {
            filename: String::new(),
            mime_type: mime,
            size: part.body.size,
        });
    }
}

fn date_of(msg: &WireMessage, payload: Option<&WirePart>) -> Option<String> {
    let from_internal = msg
        .internal_date
        .as_deref()
        .and_then(|d| d.parse::<i64>().ok())
        .and_then(DateTime::<Utc>::from_timestamp_millis);
    let from_header = || {
        payload
            .and_then(|p| p.header("Date"))
            .and_then(|d| DateTime::parse_from_rfc2822(d.trim()).ok())
            .map(|d| d.with_timezone(&Utc))
    };
    from_internal
        .or_else(from_header)
        .map(|d| d.to_rfc3339_opts(SecondsFormat::Secs, true))
}

/// Header fields every shape of message has (a listing uses only these).
pub struct Headers {
    pub from: String,
    pub from_email: String,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub subject: String,
    pub date: Option<String>,
    pub snippet: String,
}

pub fn headers(msg: &WireMessage) -> Headers {
    let p = msg.payload.as_ref();
    let get = |n: &str| p.and_then(|p| p.header(n)).unwrap_or("");
    let from = text::decode_header(get("From")).trim().to_string();
    Headers {
        from_email: text::email_of(&from).unwrap_or_default(),
        from,
        to: text::address_list(get("To")),
        cc: text::address_list(get("Cc")),
        subject: text::decode_header(get("Subject")).trim().to_string(),
        date: date_of(msg, p),
        snippet: text::unescape_snippet(&msg.snippet),
    }
}

/// Normalizes a `full`-format message; `max_text` bounds `text` in bytes.
pub fn normalize(msg: WireMessage, max_text: usize) -> Message {
    let h = headers(&msg);
    let mut w = Walk::default();
    if let Some(p) = &msg.payload {
        walk(p, 0, &mut w);
    }
    let plain: Vec<&String> = w.plain.iter().filter(|t| !t.trim().is_empty()).collect();
    let body = if !plain.is_empty() {
        plain
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n\n")
    } else {
        w.html
            .iter()
            .map(|h| text::html_to_text(h))
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    let (trimmed, quoted) = text::trim_quoted(&text::tidy(&body));
    let (text, truncated) = text::bounded(trimmed, max_text);
    Message {
        id: msg.id,
        thread_id: msg.thread_id,
        from: h.from,
        from_email: h.from_email,
        to: h.to,
        cc: h.cc,
        subject: h.subject,
        date: h.date,
        snippet: h.snippet,
        text,
        truncated,
        quoted_history_trimmed: quoted,
        labels: msg.label_ids,
        attachments: w.attachments,
    }
}
