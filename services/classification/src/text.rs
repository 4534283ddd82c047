//! Turning an email into model features: bounded, lower-cased word and bigram tokens.

/// Only the start of a body is read for features: the gist of a mail is in its first
/// paragraphs, and a 1 MB body must still be classified in microseconds.
pub const MAX_FEATURE_BYTES: usize = 16 * 1024;

/// Words too common to say anything about the category.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "by", "is",
    "are", "was", "were", "be", "been", "it", "its", "this", "that", "these", "those", "i", "we",
    "you", "he", "she", "they", "me", "us", "my", "our", "your", "their", "his", "her", "am", "do",
    "does", "did", "have", "has", "had", "so", "as", "if", "from", "there", "here", "hi", "hello",
    "dear", "regards", "thanks", "best", "cheers", "would", "could", "will", "can", "just", "also",
    "all", "any", "some", "about", "into", "up", "out", "what", "which", "who", "when", "how",
    "then", "than", "too", "very", "s", "t", "re", "fw", "fwd",
];

pub use common::text::truncate_bytes as truncate;

/// Lower-cased words of `text` (letters and digits), stop words and 1-letter words dropped.
/// Pure numbers are dropped too: amounts, ids and dates say little about the category (the
/// priority rules read amounts themselves).
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in text.split(|c: char| !(c.is_alphanumeric() || c == '\'')) {
        let w = raw.trim_matches('\'');
        if w.is_empty() {
            continue;
        }
        let lower = w.to_lowercase();
        if lower.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if lower.chars().count() < 2 || STOP_WORDS.contains(&lower.as_str()) {
            continue;
        }
        out.push(lower);
    }
    out
}

/// Feature tokens of a mail: body words and bigrams, subject words (marked, since a subject is
/// denser evidence) and the sender's domain.
pub fn features(sender_domain: Option<&str>, subject: &str, body: &str) -> Vec<String> {
    let subject = truncate(subject, 1024);
    let body = truncate(body, MAX_FEATURE_BYTES);
    let mut out = Vec::new();
    let subject_words = words(subject);
    for w in &subject_words {
        out.push(format!("s:{w}"));
        out.push(w.clone());
    }
    let body_words = words(body);
    for pair in subject_words.windows(2).chain(body_words.windows(2)) {
        out.push(format!("{} {}", pair[0], pair[1]));
    }
    out.extend(body_words);
    if let Some(d) = sender_domain {
        out.push(format!("d:{}", d.to_lowercase()));
    }
    out
}

/// A sender as given (`Name <addr@host>` or a bare address), split leniently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sender {
    /// The display name, if any.
    pub name: Option<String>,
    /// The address, when one parses.
    pub email: Option<common::Email>,
}

impl Sender {
    /// Never fails: an unparseable sender just has no address.
    pub fn parse(raw: &str) -> Self {
        match common::text::mailbox(truncate(raw.trim(), 512)) {
            Some((name, addr)) => Self {
                name,
                email: common::Email::parse(&addr).ok(),
            },
            None => Self {
                name: None,
                email: None,
            },
        }
    }

    pub fn domain(&self) -> Option<&str> {
        self.email.as_ref().map(|e| e.domain())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lower_cased_and_stop_words_dropped() {
        assert_eq!(words("Hi, the INVOICE is wrong!"), vec!["invoice", "wrong"]);
    }

    #[test]
    fn numbers_are_not_features() {
        assert_eq!(words("order 12 cost 25000 v2"), vec!["order", "cost", "v2"]);
    }

    #[test]
    fn truncation_respects_character_boundaries() {
        let s = "héllo";
        assert_eq!(truncate(s, 2), "h");
        assert_eq!(truncate(s, 3), "hé");
    }

    #[test]
    fn features_include_subject_marks_bigrams_and_domain() {
        let f = features(Some("Example.com"), "Refund please", "card charged twice");
        for expected in ["s:refund", "refund please", "card charged", "d:example.com"] {
            assert!(
                f.iter().any(|t| t == expected),
                "{expected} missing from {f:?}"
            );
        }
    }

    #[test]
    fn senders_parse_with_and_without_display_names() {
        let s = Sender::parse("\"Ana Pérez\" <Ana@Example.com>");
        assert_eq!(s.name.as_deref(), Some("Ana Pérez"));
        assert_eq!(s.domain(), Some("example.com"));
        assert_eq!(
            Sender::parse("bob@example.org").domain(),
            Some("example.org")
        );
        assert_eq!(Sender::parse("not an address").email, None);
    }
}
