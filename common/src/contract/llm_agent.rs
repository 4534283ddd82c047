//! The per-email agent: for one classified mail, a summary, a reply draft for a human and
//! validated follow-up actions.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::chargebee::Customer;
use super::classification::ClassifyOutput;
use super::gmail::Message;
use super::hubspot::Contact;
use super::{Effect, tool};
pub use crate::labels::{Category, Priority};

tool!(
    /// Decides what to do about one classified email.
    ProcessEmail: ProcessEmail, Effect::Read, ProcessInput => ProcessOutput,
    "Decide what to do about one classified email: a summary, a reply draft for a human to review, and actions (create_task with title, priority, due?, assignee?; or none with a reason). Model proposals outside the allowed set are removed and listed in `dropped`."
);

/// Longest message id accepted.
pub const MAX_MESSAGE_ID: usize = 256;
/// Longest `from` accepted.
pub const MAX_FROM: usize = 1024;

/// `process_email` arguments: the mail, its triage, and what is known about the sender.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProcessInput {
    pub message: MailInput,
    pub classification: Triage,
    /// The sender's CRM contact (hubspot `get_contact`), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// The sender's billing customer (chargebee `get_customer`), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<Customer>,
}

/// The parts of a mail the agent reads (a gmail `Message` converts into it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MailInput {
    /// The Gmail message id.
    #[schemars(length(min = 1, max = 256))]
    pub id: String,
    /// The `From` header (`Name <addr>` or a bare address).
    #[schemars(length(max = 1024))]
    pub from: String,
    #[serde(default)]
    pub subject: String,
    /// When it was received (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The readable body (the agent reads its first 16 KB).
    #[serde(default)]
    pub text: String,
}

impl From<&Message> for MailInput {
    fn from(m: &Message) -> Self {
        Self {
            id: m.id.clone(),
            from: m.from.clone(),
            subject: m.subject.clone(),
            date: m.date.clone(),
            text: if m.text.is_empty() {
                m.snippet.clone()
            } else {
                m.text.clone()
            },
        }
    }
}

/// The parts of a classification the agent uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Triage {
    pub category: Category,
    pub priority: Priority,
}

impl From<&ClassifyOutput> for Triage {
    fn from(c: &ClassifyOutput) -> Self {
        Self {
            category: c.category,
            priority: c.priority,
        }
    }
}

/// One thing the agent proposes. Tasks are reviewed by humans before anyone acts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Action {
    /// A task for the team.
    CreateTask {
        /// 1 to 200 characters, no control characters.
        title: String,
        priority: Priority,
        /// An RFC 3339 date-time (UTC) or a `YYYY-MM-DD` date, within the allowed window.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        due: Option<String>,
        /// A configured team name or an address in an allowed domain.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        assignee: Option<String>,
    },
    /// Nothing to do, and why.
    None { reason: String },
}

impl Action {
    /// The `type` of [`Action::CreateTask`] on the wire, for code that reads a model's
    /// proposals field by field before they become an `Action`.
    pub const CREATE_TASK: &'static str = "create_task";
    /// The `type` of [`Action::None`] on the wire.
    pub const NONE: &'static str = "none";
}

/// Something the agent removed from the model's answer, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Dropped {
    /// A short code: `forbidden_type`, `title_too_long`, `assignee_not_allowed`, …
    pub reason: String,
    /// The position of the action in the model's list, when it was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<usize>,
    /// The field removed, when only a field was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The start of what was dropped (bounded; for humans reviewing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<String>,
}

/// `process_email` result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ProcessOutput {
    /// One paragraph on what the mail is and wants.
    pub summary: String,
    /// A reply for a human to review (never sent automatically); empty for spam.
    pub reply_draft: String,
    /// Only `create_task` and `none`, validated; never empty.
    pub actions: Vec<Action>,
    /// The LLM id, or `rules`.
    pub model: String,
    /// What was removed from the model's answer, and why.
    pub dropped: Vec<Dropped>,
    /// Why the rules answered although a model is configured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_type_constants_are_the_serde_tags() {
        let task = Action::CreateTask {
            title: "t".into(),
            priority: Priority::Normal,
            due: None,
            assignee: None,
        };
        let none = Action::None { reason: "r".into() };
        let tag = |a: &Action| serde_json::to_value(a).unwrap()["type"].clone();
        assert_eq!(tag(&task), Action::CREATE_TASK);
        assert_eq!(tag(&none), Action::NONE);
    }
}
