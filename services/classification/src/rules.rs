//! Priority rules and spam cues: phrases a human triager would react to, checked on the
//! subject and the start of the body.

use crate::labels::{Category, Priority};
use crate::text::truncate;

/// Only the first part of a body is scanned for cues (quoted history sits further down).
const MAX_RULE_BYTES: usize = 8 * 1024;

/// Something is broken for many people or data is at risk.
const OUTAGE: &[&str] = &[
    "outage",
    "is down",
    "are down",
    "completely down",
    "service down",
    "site down",
    "production down",
    "all requests failing",
    "every request",
    "502 bad gateway",
    "503 service unavailable",
    "500 internal server error",
    "data loss",
    "data corruption",
    "data leak",
    "security breach",
    "breach",
    "compromised",
    "phished",
    "hacked",
    "entire company blocked",
    "nobody can",
    "nobody on campus",
    "cannot place orders",
    "checkout is down",
    "all our customers",
    "won't get paid",
    "will not get paid",
    "not get paid",
    "login from",
];
/// Lawyers, disputes and regulators.
const LEGAL: &[&str] = &[
    "lawyer",
    "attorney",
    "lawsuit",
    "legal action",
    "sue you",
    "file a claim",
    "court",
    "chargeback",
    "dispute the charge",
    "dispute it",
    "regulator",
    "final warning",
];
/// The sender says it cannot wait.
const URGENCY: &[&str] = &[
    "urgent",
    "urgently",
    "asap",
    "immediately",
    "right away",
    "as soon as possible",
    "escalate",
    "critical",
    "p1",
    "sev1",
    "today",
    "now",
    "deadline",
    "before friday",
    "by friday",
    "exams start",
    "finals",
];
/// Money or access is stuck, or a buyer is ready: worth doing soon.
const HIGH: &[&str] = &[
    "charged twice",
    "double charge",
    "two identical",
    "debited twice",
    "payment failed",
    "will be suspended",
    "suspended",
    "locked",
    "can't log in",
    "cannot log in",
    "can't get in",
    "can't sign in",
    "cannot sign in",
    "lost my phone",
    "new phone",
    "revoke",
    "admin rights",
    "ready to sign",
    "order form",
    "rfq",
    "request for quotation",
    "budget",
    "match that",
    "renewal",
    "reset link",
    "expired",
    "won't let me",
    "incident",
    "latency",
    "timing out",
    "delayed",
];
/// Said to need no action.
const LOW: &[&str] = &[
    "no rush",
    "whenever you",
    "no action is needed",
    "for your information",
    "fyi",
    "out of office",
    "out of the office",
    "just wanted to say",
    "thank you",
    "thanks for",
];
/// Scam and bulk-mail phrases.
const SPAM: &[&str] = &[
    "you have won",
    "you've won",
    "lottery",
    "winner",
    "claim your",
    "free gift",
    "gift card",
    "click here",
    "click the link",
    "click below",
    "verify your identity",
    "verify your account",
    "bank details",
    "bank account",
    "wire transfer",
    "next of kin",
    "inheritance",
    "million",
    "bitcoin",
    "btc",
    "crypto",
    "guaranteed",
    "100% free",
    "no prescription",
    "act now",
    "limited time",
    "unsubscribe",
    "page 1 of google",
    "first page",
    "backlink",
    "do-follow",
    "followers",
    "free spins",
    "pre-approved",
    "no credit check",
    "processing fee",
    "enable macros",
    "lucky",
    "replica",
    "weight",
    "belly fat",
    "exclusive offer",
];
/// Amounts this large make any billing mail important.
const LARGE_AMOUNT: f64 = 10_000.0;

/// What the rules concluded, with the phrases that made them.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleFindings {
    pub priority: Priority,
    /// Human-readable reasons (phrases quoted).
    pub reasons: Vec<String>,
    /// Distinct spam phrases found.
    pub spam_cues: usize,
}

/// Applies the priority rules to a mail the model put in `category`.
pub fn assess(category: Category, subject: &str, body: &str) -> RuleFindings {
    let text = format!(
        "{}\n{}",
        truncate(subject, 1024),
        truncate(body, MAX_RULE_BYTES)
    )
    .to_lowercase();
    let mut reasons = Vec::new();
    let spam: Vec<&str> = matches(&text, SPAM);
    let outage = matches(&text, OUTAGE);
    let legal = matches(&text, LEGAL);
    let urgency = matches(&text, URGENCY);
    let high = matches(&text, HIGH);
    let low = matches(&text, LOW);
    let amount = largest_amount(&text);

    let priority = if category == Category::Spam {
        reasons.push("spam is never acted on".to_string());
        Priority::Low
    } else if !legal.is_empty() {
        reasons.push(format!("legal threat: {}", quote(&legal)));
        Priority::Urgent
    } else if !outage.is_empty()
        && (category == Category::Support || category == Category::Account || !urgency.is_empty())
    {
        reasons.push(format!("outage or security cue: {}", quote(&outage)));
        Priority::Urgent
    } else if !urgency.is_empty() && (!high.is_empty() || amount.is_some_and(|a| a >= LARGE_AMOUNT))
    {
        reasons.push(format!(
            "urgency with impact: {}",
            quote(&[urgency, high].concat())
        ));
        Priority::Urgent
    } else if !outage.is_empty() || !urgency.is_empty() || !high.is_empty() {
        reasons.push(format!(
            "time-sensitive cue: {}",
            quote(&[outage, urgency, high].concat())
        ));
        Priority::High
    } else if let Some(a) = amount.filter(|a| *a >= LARGE_AMOUNT) {
        reasons.push(format!("large amount: {a:.0}"));
        Priority::High
    } else if !low.is_empty() || category == Category::Other {
        if !low.is_empty() {
            reasons.push(format!("no action asked: {}", quote(&low)));
        }
        Priority::Low
    } else {
        Priority::Normal
    };
    RuleFindings {
        priority,
        reasons,
        spam_cues: spam.len(),
    }
}

/// The phrases of `list` found in `text` on word boundaries.
fn matches(text: &str, list: &[&'static str]) -> Vec<&'static str> {
    list.iter()
        .copied()
        .filter(|p| contains_phrase(text, p))
        .collect()
}

fn contains_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn quote(phrases: &[&str]) -> String {
    phrases
        .iter()
        .take(3)
        .map(|p| format!("\"{p}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The largest money-looking number (`$48,000`, `96,400`, `EUR 31,200`, `12.500,00`).
fn largest_amount(text: &str) -> Option<f64> {
    let mut best: Option<f64> = None;
    for raw in text.split(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')) {
        let digits: String = raw.trim_matches(['.', ',']).chars().collect();
        // Thousands separators only: "48,000" or "48.000"; decimals after the last separator
        // of two digits are dropped.
        let (int_part, _) = match digits.rfind(['.', ',']) {
            Some(i) if digits.len() - i == 3 => (&digits[..i], &digits[i..]),
            _ => (digits.as_str(), ""),
        };
        let clean: String = int_part.chars().filter(char::is_ascii_digit).collect();
        // Long digit runs are ids or phone numbers, not money.
        if clean.is_empty()
            || clean.len() > 9
            || (clean.len() >= 5 && !int_part.contains([',', '.']))
        {
            continue;
        }
        if let Ok(v) = clean.parse::<f64>() {
            best = Some(best.map_or(v, |b: f64| b.max(v)));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_outage_in_a_support_mail_is_urgent() {
        let f = assess(Category::Support, "P1", "Our production is down since 6am");
        assert_eq!(f.priority, Priority::Urgent);
        assert!(f.reasons[0].contains("outage"), "{:?}", f.reasons);
    }

    #[test]
    fn a_legal_threat_is_urgent_whatever_the_category() {
        let f = assess(
            Category::Billing,
            "Invoice",
            "Our attorney will contact you.",
        );
        assert_eq!(f.priority, Priority::Urgent);
    }

    #[test]
    fn a_large_amount_raises_billing_mail() {
        let f = assess(
            Category::Billing,
            "Payment",
            "We paid $48,000 last week, please confirm.",
        );
        assert_eq!(f.priority, Priority::High);
    }

    #[test]
    fn spam_is_low_and_its_cues_are_counted() {
        let f = assess(
            Category::Spam,
            "You have won",
            "Claim your lottery prize, click here",
        );
        assert_eq!(f.priority, Priority::Low);
        assert!(f.spam_cues >= 3);
    }

    #[test]
    fn phrases_match_on_word_boundaries_only() {
        assert!(contains_phrase("it is down now", "is down"));
        assert!(!contains_phrase("this downgrade", "is down"));
        assert!(!contains_phrase("known", "now"));
    }

    #[test]
    fn plain_questions_are_normal_and_thanks_are_low() {
        assert_eq!(
            assess(Category::Sales, "Plans", "What do the plans include?").priority,
            Priority::Normal
        );
        assert_eq!(
            assess(Category::Other, "Hi", "Thank you for the help!").priority,
            Priority::Low
        );
    }

    #[test]
    fn amounts_ignore_ids_and_read_separators() {
        assert_eq!(largest_amount("invoice 48812 for $1,980.00"), Some(1980.0));
        assert_eq!(largest_amount("eur 31,200 total"), Some(31200.0));
    }
}
