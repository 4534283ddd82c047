//! The labels several services share on the wire: what a mail is about and how urgent work is.
//!
//! Classification produces them, the agent and the pipeline act on them, firebase stores them
//! on tasks, and the sandbox tags its seeded mail with them: one definition keeps them in step.

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
    /// Every category, in a stable order (the classifier's class order).
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

    /// The position in [`Category::ALL`].
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

/// How soon someone should act. Ordered: `Low < Normal < High < Urgent`.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Low,
    #[default]
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

    /// Lenient parse of model or user text (`" High "` → `High`).
    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "low" => Some(Self::Low),
            "normal" => Some(Self::Normal),
            "high" => Some(Self::High),
            "urgent" => Some(Self::Urgent),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip() {
        for c in Category::ALL {
            let v = serde_json::to_value(c).unwrap();
            assert_eq!(v, c.as_str());
            assert_eq!(Category::ALL[c.index()], c);
        }
        assert_eq!(Priority::parse(" High "), Some(Priority::High));
        assert!(Priority::Urgent > Priority::High && Priority::Low < Priority::Normal);
    }
}
