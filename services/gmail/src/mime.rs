//! Gmail's message → the normalized message the tools return.
//!
//! `mail-parser` reads the RFC 822 bytes of `format=raw`: headers, encoded words, the MIME
//! tree, transfer encodings and charsets. What stays here is product logic: which parts are
//! the text and which are attachments, a multipart without a boundary salvaged, the text
//! trimmed and bounded. Best effort throughout: broken MIME, unknown charsets, undecodable
//! bodies and binary parts never fail a message.
//!
//! Hostile nesting is bounded by the parser's shape, not by a depth count here: `mail-parser`
//! walks multipart trees with a heap stack (no recursion, however deep), recurses into
//! encoded `message/rfc822` attachments at most three levels, and hands back the parts as one
//! flat list; this module reads the first [`MAX_PARTS`] of them and recurses into nothing.

use chrono::{DateTime, SecondsFormat, Utc};
use common::contract::gmail::{Attachment, Message};
use common::upstream::UpstreamError;
use mail_parser::decoders::base64::base64_decode;
use mail_parser::decoders::charsets::map::charset_decoder;
use mail_parser::decoders::quoted_printable::quoted_printable_decode;
use mail_parser::{
    Addr, Address, Encoding, Message as Mime, MessageParser, MessagePart, MimeHeaders, PartType,
};

use crate::client::{RawMessage, WireMessage};
use crate::text;

/// At most this many MIME parts are looked at (a hostile message could hold thousands).
pub const MAX_PARTS: usize = 500;

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

impl Headers {
    fn of(mime: Option<&Mime<'_>>, internal_date: Option<&str>, snippet: &str) -> Self {
        let first_from = mime.and_then(|m| m.from()).and_then(|a| a.first());
        Self {
            from: first_from.and_then(mailbox_text).unwrap_or_default(),
            from_email: first_from
                .and_then(Addr::address)
                .map(str::trim)
                .filter(|a| a.contains('@'))
                .map(str::to_lowercase)
                .unwrap_or_default(),
            to: address_list(mime.and_then(|m| m.to())),
            cc: address_list(mime.and_then(|m| m.cc())),
            subject: mime
                .and_then(|m| m.subject())
                .unwrap_or_default()
                .trim()
                .to_string(),
            date: date_of(mime, internal_date),
            snippet: text::unescape_snippet(snippet),
        }
    }
}

/// The headers of a `metadata` message (a listing). Gmail hands them over as name/value
/// pairs; written back as a header block they go through the same parser as a whole message,
/// so a listing and a read agree on every field.
pub fn summary_headers(msg: &WireMessage) -> Headers {
    let mut block = Vec::new();
    for h in msg.payload.iter().flat_map(|p| &p.headers) {
        let name_ok =
            !h.name.is_empty() && h.name.bytes().all(|b| b.is_ascii_graphic() && b != b':');
        if name_ok {
            // Gmail unfolds header values: a line break in one can only be an attempt to
            // smuggle in another header, so the value ends there (as in `common::text`).
            let value = h.value.split(['\r', '\n']).next().unwrap_or_default();
            block.extend_from_slice(format!("{}: {value}\r\n", h.name).as_bytes());
        }
    }
    block.extend_from_slice(b"\r\n");
    let mime = MessageParser::default().parse_headers(&block);
    Headers::of(mime.as_ref(), msg.internal_date.as_deref(), &msg.snippet)
}

/// Normalizes a `raw`-format message; `max_text` bounds `text` in bytes. mail-parser reads
/// anything but nothing: an empty `raw` is not a message, Gmail answered something unexpected.
pub fn normalize(msg: RawMessage, max_text: usize) -> Result<Message, UpstreamError> {
    let mime = MessageParser::default().parse(&msg.raw).ok_or_else(|| {
        UpstreamError::InvalidResponse(format!("message {} is not RFC 822 mail", msg.id))
    })?;
    let h = Headers::of(Some(&mime), msg.internal_date.as_deref(), &msg.snippet);
    let mut body = Body::default();
    body.read(&mime, true);
    let plain: Vec<&str> = body
        .plain
        .iter()
        .map(String::as_str)
        .filter(|t| !t.trim().is_empty())
        .collect();
    let joined = if plain.is_empty() {
        let html: Vec<String> = body.html.iter().map(|h| text::html_to_text(h)).collect();
        html.join("\n\n")
    } else {
        plain.join("\n\n")
    };
    let (trimmed, quoted) = text::trim_quoted(&text::tidy(&joined));
    let bounded = common::text::truncate_bytes(&trimmed, max_text);
    let truncated = bounded.len() < trimmed.len();
    Ok(Message {
        text: bounded.to_string(),
        id: msg.id,
        thread_id: msg.thread_id,
        from: h.from,
        from_email: h.from_email,
        to: h.to,
        cc: h.cc,
        subject: h.subject,
        date: h.date,
        snippet: h.snippet,
        truncated,
        quoted_history_trimmed: quoted,
        labels: msg.label_ids,
        attachments: body.attachments,
    })
}

/// One mailbox as text: `Name <address>`, the address alone, or the name alone.
fn mailbox_text(a: &Addr<'_>) -> Option<String> {
    let name = a.name().map(str::trim).filter(|n| !n.is_empty());
    let address = a.address().map(str::trim).filter(|a| !a.is_empty());
    match (name, address) {
        (Some(n), Some(a)) => Some(format!("{} <{a}>", display_name(n))),
        (None, Some(a)) => Some(a.to_string()),
        (Some(n), None) => Some(n.to_string()),
        (None, None) => None,
    }
}

/// ASCII names are written as RFC 5322 quoted strings, so a `,` or `<` in one cannot split
/// the entry when it is read back (`common::text::mailbox`). Other names arrived as RFC 2047
/// encoded words, which a quoted string may not hold: they are shown as their decoded text,
/// quoted only when they hold such a character.
fn display_name(name: &str) -> String {
    const SPECIALS: &[char] = &['(', ')', '<', '>', '[', ']', ':', ';', '@', '\\', ',', '"'];
    if name.is_ascii() || name.contains(SPECIALS) {
        format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        name.to_string()
    }
}

fn address_list(list: Option<&Address<'_>>) -> Vec<String> {
    list.into_iter()
        .flat_map(|l| l.iter())
        .filter_map(mailbox_text)
        .collect()
}

/// Gmail's `internalDate` (when it received the mail), else the `Date` header.
fn date_of(mime: Option<&Mime<'_>>, internal_date: Option<&str>) -> Option<String> {
    let received = internal_date
        .and_then(|d| d.trim().parse::<i64>().ok())
        .and_then(DateTime::<Utc>::from_timestamp_millis);
    let sent = || {
        mime.and_then(|m| m.date())
            .filter(|d| d.is_valid())
            .and_then(|d| DateTime::<Utc>::from_timestamp(d.to_timestamp(), 0))
    };
    received
        .or_else(sent)
        .map(|d| d.to_rfc3339_opts(SecondsFormat::Secs, true))
}

/// The readable parts of a message and the description of the others, in document order.
#[derive(Default)]
struct Body {
    plain: Vec<String>,
    html: Vec<String>,
    attachments: Vec<Attachment>,
    /// Parts looked at so far, salvaged ones included.
    seen: usize,
}

impl Body {
    /// Sorts the parts of `mime` until [`MAX_PARTS`] have been seen. `salvage` allows the
    /// re-read of a multipart that names no boundary (never of what that re-read finds).
    fn read(&mut self, mime: &Mime<'_>, salvage: bool) {
        for part in &mime.parts {
            if self.seen == MAX_PARTS {
                break;
            }
            self.seen += 1;
            let mime_type = mime_type(part);
            let is_attachment = part.attachment_name().is_some()
                || part
                    .content_disposition()
                    .is_some_and(|d| d.is_attachment());
            match &part.body {
                PartType::Multipart(_) => {}
                // A multipart mail-parser could not split (no boundary, or none found) is
                // kept whole, as one body.
                _ if mime_type.starts_with("multipart/") => self.salvage(part, salvage),
                PartType::Text(_) | PartType::Html(_) if !is_attachment => {
                    if part.is_text_html() {
                        self.html.push(text_of(mime, part));
                    } else if mime_type.starts_with("text/") {
                        self.plain.push(text_of(mime, part));
                    } else {
                        // A binary part whose transfer encoding was broken.
                        self.describe(mime, part, String::new(), mime_type);
                    }
                }
                _ => {
                    let name = part.attachment_name().unwrap_or_default().to_string();
                    if !name.is_empty() || !part.is_empty() {
                        self.describe(mime, part, name, mime_type);
                    }
                }
            }
        }
    }

    fn describe(&mut self, mime: &Mime<'_>, part: &MessagePart<'_>, name: String, ty: String) {
        // A text part holds UTF-8 after charset decoding; its size is that of its own bytes.
        let size = match part.body {
            PartType::Text(_) | PartType::Html(_) => transfer_decoded(mime, part).map(|b| b.len()),
            _ => None,
        };
        self.attachments.push(Attachment {
            filename: name,
            mime_type: ty,
            size: size.unwrap_or_else(|| part.len()) as u64,
        });
    }

    /// A multipart whose `Content-Type` names no boundary: when its body starts with a
    /// delimiter line, that line gives the boundary and the part is parsed again with it.
    fn salvage(&mut self, part: &MessagePart<'_>, allowed: bool) {
        let body = part.contents();
        let boundary = body
            .split(|&b| b == b'\n')
            .next()
            .and_then(|l| l.trim_ascii_end().strip_prefix(b"--"))
            .filter(|b| allowed && !b.is_empty() && !b.contains(&b'"'));
        let Some(boundary) = boundary else {
            self.plain.push(bytes_as_text(body.to_vec()));
            return;
        };
        let bytes = [
            &b"Content-Type: multipart/mixed; boundary=\""[..],
            boundary,
            b"\"\r\n\r\n",
            body,
        ]
        .concat();
        match MessageParser::default().parse(&bytes) {
            Some(inner) => self.read(&inner, false),
            None => self.plain.push(bytes_as_text(body.to_vec())),
        }
    }
}

/// `type/subtype`, lower-case (`text/plain` when absent, as RFC 2045 has it).
fn mime_type(part: &MessagePart<'_>) -> String {
    match part.content_type() {
        Some(ct) => match ct.subtype() {
            Some(sub) => format!("{}/{sub}", ct.ctype()),
            None => ct.ctype().to_string(),
        },
        None => "text/plain".to_string(),
    }
}

/// A text part as text. mail-parser reads a charset it does not know (or a missing one) as
/// lossy UTF-8; when that lost characters, the part's bytes are read again as windows-1252,
/// the usual truth behind a wrong label.
fn text_of(mime: &Mime<'_>, part: &MessagePart<'_>) -> String {
    let text = part.text_contents().unwrap_or_default();
    let known = part
        .content_type()
        .and_then(|ct| ct.attribute("charset"))
        .is_some_and(|c| charset_decoder(c.as_bytes()).is_some());
    if known || !text.contains('\u{FFFD}') {
        return text.to_string();
    }
    match transfer_decoded(mime, part) {
        Some(bytes) => bytes_as_text(bytes),
        None => text.to_string(),
    }
}

/// Bytes in no known charset: UTF-8 if they are, else windows-1252.
fn bytes_as_text(bytes: Vec<u8>) -> String {
    match (String::from_utf8(bytes), charset_decoder(b"windows-1252")) {
        (Ok(utf8), _) => utf8,
        (Err(e), Some(cp1252)) => cp1252(e.as_bytes()),
        (Err(e), None) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// A part's bytes after its transfer encoding, before its charset.
fn transfer_decoded(mime: &Mime<'_>, part: &MessagePart<'_>) -> Option<Vec<u8>> {
    let range = part.raw_body_offset() as usize..part.raw_end_offset() as usize;
    let wire = mime.raw_message().get(range)?;
    match part.encoding {
        Encoding::None => Some(wire.to_vec()),
        Encoding::QuotedPrintable => quoted_printable_decode(wire),
        Encoding::Base64 => base64_decode(wire),
    }
}

#[cfg(test)]
#[path = "mime_tests.rs"]
mod tests;
