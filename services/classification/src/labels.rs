//! The labels on the wire: categories, priorities and which engine answered.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What a mail is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Invoices, charges, refunds, payment methods, renewals.
    Billing,
    /// Buying: quotes, demos, plans, seats, partnerships.
    Sales,
    /// Something does not work, or how to make it work.
    Support,
    /// Access and identity: log-in, passwords, users, data and account closure.
    Account,
    /// Unsolicited bulk mail, scams and phishing.
    Spam,
    /// Everything else (thanks, invitations, out-of-office, press, …).
    Other,
}

impl Category {
    /// Every category, in the model's class order.
    pub const ALL: [Category; 6] = [
        Self::Billing,
        Self::Sales,
        Self::Support,
        Self::Account,
        Self::Spam,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Billing => "billing",
            Self::Sales => "sales",
            Self::Support => "support",
            Self::Account => "account",
            Self::Spam => "spam",
            Self::Other => "other",
        }
    }

    /// The class index in [`Category::ALL`].
    pub fn index(self) -> usize {
        match self {
            Self::Billing => 0,
            Self::Sales => 1,
            Self::Support => 2,
            Self::Account => 3,
            Self::Spam => 4,
            Self::Other => 5,
        }
    }
}

/// How soon someone should act.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Low,
    Normal,
    High,
    Urgent,
}

impl Priority {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Normal => "normal",
            Self::High => "high",
            Self::Urgent => "urgent",
        }
    }
}

/// Which engine produced the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Engine {
    /// The built-in model and rules (no network).
    Builtin,
    /// The configured LLM.
    Llm,
}

/// What the caller would like to be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EngineHint {
    /// The built-in model; the LLM only when its confidence is low (the default).
    #[default]
    Auto,
    /// Only the built-in model.
    Builtin,
    /// The LLM when one is configured (falls back to the built-in answer).
    Llm,
}
