//! Text helpers every service uses on outside text: mail addresses parsed with a real RFC 5322
//! parser (`mail-parser`), truncation that never splits a character, and cleaning of control
//! and bidirectional-override characters.

use std::borrow::Cow;

/// The display name and address of one `From`-style mailbox (`Name <addr>`, a bare address,
/// RFC 2047-encoded names), or `None` when it names no address.
pub fn mailbox(raw: &str) -> Option<(Option<String>, String)> {
    // A header line must not carry line breaks: whatever follows one would be another header.
    let line = raw.split(['\r', '\n']).next().unwrap_or_default();
    let head = format!("From: {line}\r\n\r\n");
    let parsed = mail_parser::MessageParser::default().parse_headers(head.as_bytes())?;
    let first = parsed.from()?.first()?;
    let address = first.address()?.trim();
    if !address.contains('@') {
        return None;
    }
    let name = first
        .name()
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty());
    Some((name, address.to_string()))
}

/// The address of a `From`-style mailbox.
pub fn address(raw: &str) -> Option<String> {
    mailbox(raw).map(|(_, a)| a)
}

/// The display name of a `From`-style mailbox.
pub fn display_name(raw: &str) -> Option<String> {
    mailbox(raw).and_then(|(n, _)| n)
}

/// `s` cut to at most `max` bytes, on a character boundary.
pub fn truncate_bytes(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// `s` cut to at most `max` characters.
pub fn truncate_chars(s: &str, max: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => Cow::Borrowed(s),
        Some((end, _)) => Cow::Borrowed(&s[..end]),
    }
}

/// Control characters (newlines kept) and bidirectional overrides removed, bounded to `max`
/// characters, trimmed: for text a person will read (titles, summaries).
pub fn clean(s: &str, max: usize) -> String {
    s.chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .filter(|c| !is_bidi_control(*c))
        .take(max)
        .collect::<String>()
        .trim()
        .to_string()
}

/// Bidirectional overrides can make text read differently from what it says.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// Lower-case hex of `bytes` (digests in keys and ids).
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0xf)] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_lower_case_two_digits_a_byte() {
        assert_eq!(hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
        assert_eq!(hex(&[]), "");
    }

    #[test]
    fn mailboxes_parse_with_names_quotes_and_encoded_words() {
        assert_eq!(
            mailbox("Alice Example <Alice@Example.com>"),
            Some((Some("Alice Example".into()), "Alice@Example.com".into()))
        );
        assert_eq!(
            address("bob@example.com").as_deref(),
            Some("bob@example.com")
        );
        assert_eq!(
            display_name("\"Doe, Jane\" <jane@x.org>").as_deref(),
            Some("Doe, Jane")
        );
        assert_eq!(
            display_name("=?UTF-8?B?5bGx55Sw?= <taro@example.jp>").as_deref(),
            Some("山田")
        );
        assert_eq!(address("Undisclosed recipients:;"), None);
        assert_eq!(address("garbage <<>>"), None);
        assert_eq!(
            address("a@b.example\r\nBcc: evil@x.example").as_deref(),
            Some("a@b.example")
        );
    }

    #[test]
    fn truncation_never_splits_a_character() {
        assert_eq!(truncate_bytes("héllo", 2), "h");
        assert_eq!(truncate_bytes("héllo", 3), "hé");
        assert_eq!(truncate_chars("héllo", 2), "hé");
        assert_eq!(truncate_chars("hé", 5), "hé");
        assert_eq!(truncate_chars("日本語", 0), "");
    }

    #[test]
    fn cleaning_removes_control_and_bidi_characters() {
        assert_eq!(clean(" a\u{0}b\u{202E}c\nd ", 10), "abc\nd");
        assert_eq!(clean("abcdef", 3), "abc");
    }
}
