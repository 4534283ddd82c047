//! Mail text as a reader wants it: HTML as text, Gmail's escaped snippet unescaped, line ends
//! tidied and quoted history trimmed. Decoding (MIME, charsets, encoded words) is
//! `mail-parser`'s; cutting to size is `common::text`'s. Trimming quoted history is written
//! here because it is the product's point: no crate knows which replies our users send.

use std::sync::LazyLock;

use regex::Regex;

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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn the_snippet_loses_gmails_html_escapes_and_ampersands_unescape_last() {
        assert_eq!(
            unescape_snippet("We&#39;d &amp; &lt;b&gt; &amp;lt;"),
            "We'd & <b> &lt;"
        );
    }

    #[test]
    fn tidy_text_has_unix_line_ends_and_no_runs_of_blank_lines() {
        assert_eq!(tidy("a\r\n\r\n\r\n\rb  \n"), "a\n\nb");
    }
}
