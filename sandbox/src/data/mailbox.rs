//! The seeded Gmail mailbox of `support@demo-mcp-orchestrator.example` ([`MAILBOX`]).
//!
//! About 160 deterministic messages from the demo people (plus a few spammers), spread over the
//! [`SPAN_DAYS`] days before the fixed [`EPOCH_SECS`]: regular mail made from
//! `sandbox/data/mail/templates.json`, and hand-built edge cases (see [`edge`]) for the MIME and
//! charset decoders. Each message carries a `category` hint (billing, sales, support, account,
//! spam, other) for the classification engineer; the Gmail API never shows it, the admin route
//! `GET /__sandbox/gmail/messages` does.

mod edge;
mod mime;

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use serde::Deserialize;

pub use common::labels::Category;
pub use edge::{EDGE_TAGS, SHIFT_JIS_TEXT};
pub use mime::{Cte, Part, child_path, encode_words};

use super::people::{Person, people};

/// The seeded mailbox's address (`GMAIL_USER` in `.env.example`).
pub const MAILBOX: &str = "support@demo-mcp-orchestrator.example";
/// The seed's fixed "now" (2026-11-18T07:33:20Z): every seeded message is older.
pub const EPOCH_SECS: i64 = 1_795_000_000;
/// Seeded dates spread over this many days before [`EPOCH_SECS`].
pub const SPAN_DAYS: i64 = 60;
/// The history id of the oldest seeded message; `history.list` below it answers 404.
pub const FIRST_HISTORY_ID: u64 = 10_000;

/// One stored message (seeded or added at runtime).
#[derive(Debug, Clone)]
pub struct Mail {
    /// Gmail-style id: hex of `internalDate << 20 | sequence`.
    pub id: String,
    pub thread_id: String,
    pub history_id: u64,
    /// Epoch milliseconds (Gmail's `internalDate`).
    pub internal_date_ms: i64,
    pub labels: Vec<String>,
    /// `From` header value as sent (non-ASCII names as RFC 2047 encoded words).
    pub from: String,
    /// The sender's address alone, lower-case.
    pub from_email: String,
    /// `To` header value.
    pub to: String,
    pub cc: Option<String>,
    /// `Subject` header value as sent (may hold encoded words; may be empty).
    pub subject: String,
    /// The subject as a person reads it (admin listing only).
    pub subject_text: String,
    /// `Message-ID` header value, `<…>`.
    pub message_id: String,
    /// `In-Reply-To` (and `References`) for replies.
    pub in_reply_to: Option<String>,
    /// The MIME tree.
    pub body: Part,
    /// Readable Unicode text: the snippet and free-text search use it.
    pub plain: String,
    pub category: Category,
    /// Which decoding edge case this message exercises (`None` for regular mail).
    pub edge: Option<&'static str>,
}

impl Mail {
    /// The top-level headers, in wire order (content headers of the root part last).
    pub fn headers(&self) -> Vec<(String, String)> {
        let date = chrono::DateTime::from_timestamp_millis(self.internal_date_ms)
            .unwrap_or_default()
            .to_rfc2822();
        let mut h = vec![
            ("Delivered-To".to_string(), MAILBOX.to_string()),
            ("MIME-Version".to_string(), "1.0".to_string()),
            ("Date".to_string(), date),
            ("Message-ID".to_string(), self.message_id.clone()),
            ("Subject".to_string(), self.subject.clone()),
            ("From".to_string(), self.from.clone()),
            ("To".to_string(), self.to.clone()),
        ];
        if let Some(cc) = &self.cc {
            h.push(("Cc".to_string(), cc.clone()));
        }
        if let Some(r) = &self.in_reply_to {
            h.push(("In-Reply-To".to_string(), r.clone()));
            h.push(("References".to_string(), r.clone()));
        }
        // The root is part `""`: its boundary must be the one `write_wire("")` delimits with.
        h.extend(self.body.content_headers(""));
        h
    }
}

/// A message before it has a date, id and thread: what the generators produce.
pub(crate) struct Draft {
    pub from: String,
    pub from_email: String,
    pub subject: String,
    pub subject_text: String,
    pub body: Part,
    pub plain: String,
    pub category: Category,
    pub edge: Option<&'static str>,
    pub cc: Option<String>,
    /// Extra labels besides `INBOX` (`SPAM` replaces `INBOX`).
    pub labels: Vec<&'static str>,
    /// A key other drafts can reply to.
    pub key: Option<&'static str>,
    /// Key of the draft this one replies to (must come earlier).
    pub reply_to: Option<&'static str>,
}

impl Draft {
    pub fn new(
        from: (String, String),
        subject: &str,
        body: Part,
        plain: &str,
        c: Category,
    ) -> Self {
        Self {
            from: from.0,
            from_email: from.1,
            subject: subject.to_string(),
            subject_text: subject.to_string(),
            body,
            plain: plain.to_string(),
            category: c,
            edge: None,
            cc: None,
            labels: Vec::new(),
            key: None,
            reply_to: None,
        }
    }
}

/// `From` header value and address for a seeded person (non-ASCII names encoded).
pub fn from_person(p: &Person) -> (String, String) {
    address(&format!("{} {}", p.first_name, p.last_name), &p.email)
}

/// `"Name" <email>` with the name encoded when it is not ASCII.
pub fn address(name: &str, email: &str) -> (String, String) {
    let display = if name.is_ascii() {
        format!("\"{name}\"")
    } else {
        encode_words(name)
    };
    (format!("{display} <{email}>"), email.to_ascii_lowercase())
}

static SEEDED: LazyLock<Vec<Arc<Mail>>> = LazyLock::new(build);

/// Every seeded message, oldest first.
pub fn mailbox() -> &'static [Arc<Mail>] {
    &SEEDED
}

/// Deterministic pseudo-random numbers (splitmix64), so the seed never changes.
pub(crate) fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// Builds a message id from its date and sequence (Gmail ids are time-ordered hex).
pub fn message_id_for(ms: i64, seq: u64) -> String {
    format!("{:x}", ((ms.max(0) as u64) << 20) | (seq & 0xF_FFFF))
}

fn build() -> Vec<Arc<Mail>> {
    let regular = regular_drafts();
    let mut edges = edge::drafts().into_iter();
    let mut drafts = Vec::new();
    for (i, d) in regular.into_iter().enumerate() {
        drafts.push(d);
        if i % 7 == 3
            && let Some(e) = edges.next()
        {
            drafts.push(e);
        }
    }
    drafts.extend(edges);

    let n = drafts.len() as i64;
    let span_ms = SPAN_DAYS * 86_400_000;
    let slot = span_ms / n;
    let start = EPOCH_SECS * 1000 - span_ms;
    let mut by_key: HashMap<&'static str, (String, String)> = HashMap::new();
    let mut out = Vec::with_capacity(drafts.len());
    for (p, d) in drafts.into_iter().enumerate() {
        let jitter = (mix(p as u64) % (slot as u64 / 2)) as i64;
        let ms = start + p as i64 * slot + jitter;
        let id = message_id_for(ms, p as u64);
        let message_id = format!("<{id}.seed@{}>", domain_of(&d.from_email));
        let (thread_id, in_reply_to) = match d.reply_to.and_then(|k| by_key.get(k)) {
            Some((thread, mid)) => (thread.clone(), Some(mid.clone())),
            None => (id.clone(), None),
        };
        if let Some(k) = d.key {
            by_key.insert(k, (thread_id.clone(), message_id.clone()));
        }
        let mut labels: Vec<String> = if d.labels.contains(&"SPAM") {
            Vec::new()
        } else {
            vec!["INBOX".to_string()]
        };
        labels.extend(d.labels.iter().map(|l| l.to_string()));
        out.push(Arc::new(Mail {
            id,
            thread_id,
            history_id: FIRST_HISTORY_ID + p as u64,
            internal_date_ms: ms,
            labels,
            from: d.from,
            from_email: d.from_email,
            to: format!("\"Demo Support\" <{MAILBOX}>"),
            cc: d.cc,
            subject: d.subject,
            subject_text: d.subject_text,
            message_id,
            in_reply_to,
            body: d.body,
            plain: d.plain,
            category: d.category,
            edge: d.edge,
        }));
    }
    out
}

fn domain_of(email: &str) -> &str {
    email.rsplit('@').next().unwrap_or("sandbox.invalid")
}

#[derive(Deserialize)]
struct Template {
    subject: String,
    body: String,
}

/// The 24-message category rhythm of regular mail (5 billing, 5 support, 4 sales, 4 account,
/// 3 spam, 3 other), repeated.
const RHYTHM: [Category; 24] = {
    use Category::*;
    [
        Billing, Support, Sales, Account, Billing, Spam, Support, Other, Billing, Sales, Support,
        Account, Billing, Spam, Support, Other, Billing, Sales, Account, Support, Spam, Sales,
        Account, Other,
    ]
};

/// How many regular (template) messages the seed holds.
pub const REGULAR_COUNT: usize = 144;

const SPAMMERS: [(&str, &str); 4] = [
    ("Prize Center", "winner@prizes.invalid"),
    ("Pharma Deals", "deals@cheap-meds.invalid"),
    ("SEO Experts", "rank@seo-boost.invalid"),
    ("Mail Admin", "it-helpdesk@mail-verify.invalid"),
];

fn regular_drafts() -> Vec<Draft> {
    let templates: HashMap<String, serde_json::Value> =
        serde_json::from_str(include_str!("../../data/mail/templates.json"))
            .expect("templates.json is valid JSON");
    let get = |c: Category| -> Vec<Template> {
        serde_json::from_value(templates[c.as_str()].clone()).expect("templates per category")
    };
    let by_cat: HashMap<Category, Vec<Template>> =
        Category::ALL.iter().map(|&c| (c, get(c))).collect();
    let folks = people();
    (0..REGULAR_COUNT)
        .map(|i| {
            let cat = RHYTHM[i % RHYTHM.len()];
            let list = &by_cat[&cat];
            let t = &list[(i * 7 + i / RHYTHM.len()) % list.len()];
            let p = &folks[(i * 11 + 3) % folks.len()];
            let n = 1000 + (i * 37) % 900;
            let amount = format!("{}.{:02}", 49 + (i * 53) % 950, (i * 17) % 100);
            let fill = |s: &str| {
                s.replace("{first}", &p.first_name)
                    .replace("{last}", &p.last_name)
                    .replace("{company}", p.company.unwrap_or("our company"))
                    .replace("{plan}", p.plan)
                    .replace("{n}", &n.to_string())
                    .replace("{amount}", &amount)
            };
            let (subject, text) = (fill(&t.subject), fill(&t.body));
            let from = if cat == Category::Spam {
                let (name, email) = SPAMMERS[i % SPAMMERS.len()];
                address(name, email)
            } else {
                from_person(p)
            };
            let body = if i % 4 == 0 {
                Part::multipart(
                    "alternative",
                    vec![Part::text(&text), Part::html(&mime::html_of(&text))],
                )
            } else {
                Part::text(&text)
            };
            let mut d = Draft::new(from, &subject, body, &text, cat);
            if i % 3 != 0 {
                d.labels.push("UNREAD");
            }
            d.labels.push(match cat {
                Category::Spam => "CATEGORY_PROMOTIONS",
                Category::Other => "CATEGORY_UPDATES",
                _ => "CATEGORY_PERSONAL",
            });
            if matches!(cat, Category::Billing | Category::Support) && i % 2 == 0 {
                d.labels.push("IMPORTANT");
            }
            d
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_is_large_ordered_and_unique() {
        let m = mailbox();
        assert!(m.len() >= 150, "{}", m.len());
        let ids: std::collections::HashSet<_> = m.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids.len(), m.len());
        assert!(
            m.windows(2)
                .all(|w| w[0].internal_date_ms < w[1].internal_date_ms)
        );
        assert!(m.iter().all(|x| x.internal_date_ms < EPOCH_SECS * 1000));
        for c in Category::ALL {
            assert!(m.iter().filter(|x| x.category == c).count() >= 10, "{c:?}");
        }
    }
}
