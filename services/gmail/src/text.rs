//! Text helpers for mail: byte decoding (base64url, quoted-printable, charsets), RFC 2047 header
//! words, address lists, HTML to text, quoted-history trimming and bounded output.

use std::sync::LazyLock;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD};
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use regex::Regex;

/// Gmail's base64url `data`, padded or not (standard alphabet and whitespace tolerated).
/// `None` when it is not base64 at all.
pub fn base64url(data: &str) -> Option<Vec<u8>> {
    let clean: String = data
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '=')
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    // A dangling sixth bit group cannot carry a byte: drop it rather than fail.
    let usable = if clean.len() % 4 == 1 {
        &clean[..clean.len() - 1]
    } else {
        &clean[..]
    };
    URL_SAFE_NO_PAD.decode(usable).ok()
}

static QP_ESCAPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"=[0-9A-F]{2}").expect("static regex"));

/// Bytes that still look quoted-printable (Gmail passes through what it could not decode).
pub fn looks_quoted_printable(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    text.contains("=\r\n") || text.contains("=\n") || QP_ESCAPE.find_iter(&text).nth(1).is_some()
}

/// Quoted-printable, decoded leniently (a stray `=` stays as it is).
pub fn quoted_printable(bytes: &[u8]) -> Vec<u8> {
    quoted_printable::decode(bytes, quoted_printable::ParseMode::Robust)
        .unwrap_or_else(|_| bytes.to_vec())
}

/// Bytes in `charset` as text. Unknown or absent charsets: UTF-8 if valid, else windows-1252
/// (the usual truth behind a wrong label). Never fails.
pub fn decode_charset(bytes: &[u8], charset: Option<&str>) -> String {
    let label = charset.map(|c| c.trim().trim_matches('"'));
    let encoding = label.and_then(|l| Encoding::for_label(l.as_bytes()));
    match encoding {
        Some(enc) => enc.decode_without_bom_handling(bytes).0.into_owned(),
        None => match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
        },
    }
}

/// A header parameter (`charset`, `name`, `filename`, `boundary`) from a header value.
pub fn header_param(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().trim_matches('"').to_string())
    })
}

static ENCODED_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=(\s+=\?)?").expect("static regex")
});

/// Decodes RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?ISO-8859-1?Q?…?=`) in a header value.
pub fn decode_header(value: &str) -> String {
    if !value.contains("=?") {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(c) = ENCODED_WORD.captures(rest) {
        let whole = c.get(0).expect("match");
        out.push_str(&rest[..whole.start()]);
        let bytes = if c[2].eq_ignore_ascii_case("B") {
            STANDARD_NO_PAD
                .decode(c[3].trim_end_matches('='))
                .unwrap_or_else(|_| c[3].as_bytes().to_vec())
        } else {
            quoted_printable(c[3].replace('_', " ").as_bytes())
        };
        out.push_str(&decode_charset(&bytes, Some(&c[1])));
        // Whitespace between two encoded words is not part of the text: keep the next `=?`.
        let consumed = match c.get(4) {
            Some(gap) => gap.end() - 2,
            None => whole.end(),
        };
        rest = &rest[consumed..];
    }
    out.push_str(rest);
    out
}

/// Splits an address list on commas outside quotes and angle brackets; decodes each entry.
pub fn address_list(value: &str) -> Vec<String> {
    let decoded = decode_header(value);
    let (mut out, mut cur, mut quoted, mut angle) = (Vec::new(), String::new(), false, false);
    for ch in decoded.chars() {
        match ch {
            '"' => quoted = !quoted,
            '<' => angle = true,
            '>' => angle = false,
            ',' if !quoted && !angle => {
                out.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(ch);
    }
    out.push(cur);
    out.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The bare address of `Name <addr>` (or of a bare address), lower-cased.
pub fn email_of(entry: &str) -> Option<String> {
    let addr = match (entry.rfind('<'), entry.rfind('>')) {
        (Some(a), Some(b)) if a < b => &entry[a + 1..b],
        _ => entry,
    };
    let addr = addr.trim().trim_matches('"');
    (addr.contains('@') && !addr.contains(char::is_whitespace)).then(|| addr.to_lowercase())
}

/// HTML as readable text (links as footnotes off, no table borders, generous width).
pub fn html_to_text(html: &str) -> String {
    html2text::config::plain()
        .link_footnotes(false)
        .no_table_borders()
        .string_from_read(html.as_bytes(), 200)
        .unwrap_or_else(|_| html.to_string())
}

/// Gmail escapes the snippet as HTML; turn it back into text.
pub fn unescape_snippet(s: &str) -> String {
    s.replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

static REPLY_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?m)^[ \t]*(?:",
        r"On\b.{0,300}\bwrote:",
        r"|-{2,}\s*Original Message\s*-{2,}",
        r"|Le\b.{0,300}\ba écrit\s?:",
        r"|Am\b.{0,300}\bschrieb.{0,100}:",
        r"|El\b.{0,300}\bescribió:",
        r"|From:[^\n]*\n(?:[^\n]*\n){0,2}?Sent:",
        r")",
    ))
    .expect("static regex")
});

/// Drops quoted history: everything from a reply header (`On … wrote:`, `-----Original
/// Message-----`, Outlook's `From:`/`Sent:` block, …) on, and remaining `>` lines.
/// Returns the text and whether anything was trimmed. A mail that is only a quote is kept.
pub fn trim_quoted(text: &str) -> (String, bool) {
    let head = match REPLY_HEADER.find(text) {
        Some(m) => &text[..m.start()],
        None => text,
    };
    let kept: Vec<&str> = head
        .lines()
        .filter(|l| !l.trim_start().starts_with('>'))
        .collect();
    let trimmed = kept.join("\n").trim_end().to_string();
    if trimmed.trim().is_empty() {
        return (text.trim_end().to_string(), false);
    }
    let changed = trimmed.len() != text.trim_end().len();
    (trimmed, changed)
}

/// Cuts `text` to at most `max` bytes on a character boundary; says whether it cut.
pub fn bounded(mut text: String, max: usize) -> (String, bool) {
    if text.len() <= max {
        return (text, false);
    }
    let mut cut = max;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    (text, true)
}

/// Normalises line ends and squeezes runs of blank lines.
pub fn tidy(text: &str) -> String {
    let unix = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(unix.len());
    let mut blanks = 0;
    for line in unix.lines() {
        let line = line.trim_end();
        blanks = if line.is_empty() { blanks + 1 } else { 0 };
        if blanks <= 1 {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.trim().to_string()
}

/// Whether bytes are valid UTF-8 (used to label unknown charsets).
pub fn is_utf8(bytes: &[u8]) -> bool {
    UTF_8
        .decode_without_bom_handling_and_without_replacement(bytes)
        .is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_takes_padded_unpadded_and_standard_alphabets() {
        assert_eq!(base64url("aGk_").unwrap(), b"hi?");
        assert_eq!(base64url("aGk=").unwrap(), b"hi");
        assert_eq!(base64url("aGk").unwrap(), b"hi");
        assert_eq!(base64url("aG\nk/").unwrap(), b"hi?");
        assert!(base64url("***").is_none());
    }

    #[test]
    fn encoded_words_decode_in_any_charset() {
        assert_eq!(
            decode_header("=?ISO-8859-1?Q?Probl=E8me_de?= =?UTF-8?B?w6AgdG9p?= !"),
            "Problème deà toi !"
        );
        assert_eq!(decode_header("plain"), "plain");
    }

    #[test]
    fn address_lists_split_outside_quotes() {
        let l = address_list("\"Doe, Jane\" <jane@x.com>, bob@y.org");
        assert_eq!(l, vec!["\"Doe, Jane\" <jane@x.com>", "bob@y.org"]);
        assert_eq!(email_of(&l[0]).as_deref(), Some("jane@x.com"));
        assert_eq!(email_of("nobody").as_deref(), None);
    }

    #[test]
    fn quoted_history_is_trimmed_but_a_pure_quote_is_kept() {
        let (t, cut) = trim_quoted("New text\n\nOn Mon, 2 Nov 2026, X <x@y> wrote:\n> old\n");
        assert_eq!((t.as_str(), cut), ("New text", true));
        let (t, cut) = trim_quoted("> only a quote");
        assert_eq!((t.as_str(), cut), ("> only a quote", false));
        let (t, _) = trim_quoted("Hi\n\nFrom: A\nSent: Monday\nTo: B\n\nold");
        assert_eq!(t, "Hi");
    }

    #[test]
    fn bounded_cuts_on_a_char_boundary() {
        let (t, cut) = bounded("ééé".into(), 3);
        assert_eq!((t.as_str(), cut), ("é", true));
    }
}
