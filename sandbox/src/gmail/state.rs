//! The mailbox state: the seed plus messages tests add at runtime (new mail arriving).

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use parking_lot::RwLock;
use serde::Deserialize;

use crate::data::mailbox::{self, Category, MAILBOX, Mail, Part, address};

/// A message a test adds to the mailbox.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewMessage {
    /// Sender address.
    pub from: String,
    #[serde(default)]
    pub from_name: Option<String>,
    #[serde(default)]
    pub subject: String,
    /// Plain-text body.
    #[serde(default)]
    pub text: String,
    /// An HTML alternative (the message becomes multipart/alternative).
    #[serde(default)]
    pub html: Option<String>,
    /// Defaults to now.
    #[serde(default)]
    pub date: Option<DateTime<Utc>>,
    /// Defaults to `INBOX`, `UNREAD`.
    #[serde(default)]
    pub labels: Option<Vec<String>>,
    /// Join an existing thread.
    #[serde(default)]
    pub thread_id: Option<String>,
    #[serde(default)]
    pub category: Option<Category>,
}

impl NewMessage {
    /// A plain-text message from `from`.
    pub fn new(from: &str, subject: &str, text: &str) -> Self {
        Self {
            from: from.to_string(),
            from_name: None,
            subject: subject.to_string(),
            text: text.to_string(),
            html: None,
            date: None,
            labels: None,
            thread_id: None,
            category: None,
        }
    }
}

struct Store {
    messages: Vec<Arc<Mail>>,
    index: HashMap<String, usize>,
    history_id: u64,
}

/// The mailbox: the seed plus messages added at runtime.
pub struct GmailState {
    store: RwLock<Store>,
}

impl Default for GmailState {
    fn default() -> Self {
        let messages: Vec<Arc<Mail>> = mailbox::mailbox().to_vec();
        let index = messages
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id.clone(), i))
            .collect();
        let history_id = messages.iter().map(|m| m.history_id).max().unwrap_or(0);
        Self {
            store: RwLock::new(Store {
                messages,
                index,
                history_id,
            }),
        }
    }
}

impl GmailState {
    /// Adds a message (new mail arriving); returns it with its id, thread and history id.
    pub fn add(&self, new: NewMessage) -> Arc<Mail> {
        let mut s = self.store.write();
        s.history_id += 1;
        let seq = s.messages.len() as u64;
        let ms = new.date.unwrap_or_else(Utc::now).timestamp_millis();
        let id = mailbox::message_id_for(ms, seq);
        let (from, from_email) = address(new.from_name.as_deref().unwrap_or(""), &new.from);
        let from = if new.from_name.is_some() {
            from
        } else {
            format!("<{from_email}>")
        };
        let body = match &new.html {
            Some(h) => Part::multipart("alternative", vec![Part::text(&new.text), Part::html(h)]),
            None => Part::text(&new.text),
        };
        let thread_id = new
            .thread_id
            .clone()
            .filter(|t| s.messages.iter().any(|m| &m.thread_id == t))
            .unwrap_or_else(|| id.clone());
        let mail = Arc::new(Mail {
            message_id: format!("<{id}.added@sandbox.invalid>"),
            thread_id,
            history_id: s.history_id,
            internal_date_ms: ms,
            labels: new
                .labels
                .unwrap_or_else(|| vec!["INBOX".into(), "UNREAD".into()]),
            from,
            from_email,
            to: format!("<{MAILBOX}>"),
            cc: None,
            subject: new.subject.clone(),
            subject_text: new.subject,
            in_reply_to: None,
            body,
            plain: new.text,
            category: new.category.unwrap_or(Category::Other),
            edge: None,
            id: id.clone(),
        });
        let i = s.messages.len();
        s.messages.push(mail.clone());
        s.index.insert(id, i);
        mail
    }

    /// Every message, in the order stored (seed oldest first, then added ones).
    pub fn messages(&self) -> Vec<Arc<Mail>> {
        self.store.read().messages.clone()
    }

    pub fn get(&self, id: &str) -> Option<Arc<Mail>> {
        let s = self.store.read();
        s.index.get(id).map(|&i| s.messages[i].clone())
    }

    /// The mailbox's current history id.
    pub fn history_id(&self) -> u64 {
        self.store.read().history_id
    }
}
