//! The agent without a model: a summary from the first sentences, a template reply per
//! category, and a task for urgent or high billing and support mail.

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::actions::{Action, MAX_TITLE_CHARS, Policy};
use crate::input::{Category, Parsed, Priority, clean};

/// How much of the body a rules summary quotes.
const SUMMARY_QUOTE_CHARS: usize = 280;

/// A rules summary: who, what kind, what about, the first sentences.
pub fn summary(p: &Parsed) -> String {
    let m = &p.message;
    let who = m
        .sender_name
        .clone()
        .or_else(|| m.sender_email.as_ref().map(ToString::to_string))
        .unwrap_or_else(|| "an unknown sender".to_string());
    let company = company(p.contact.as_ref());
    let subject = if m.subject.trim().is_empty() {
        "(no subject)".to_string()
    } else {
        clean(&m.subject, 150)
    };
    let mut out = format!(
        "{} {} mail from {who}{} about \"{subject}\".",
        article(p.triage.priority),
        describe(p.triage.category, p.triage.priority),
        company.map(|c| format!(" ({c})")).unwrap_or_default(),
    );
    let gist = first_sentences(&m.text, 2);
    if !gist.is_empty() {
        out.push_str(" It says: \"");
        out.push_str(&gist);
        out.push('"');
    }
    if m.truncated {
        out.push_str(" (long mail, only its start was read)");
    }
    out
}

fn article(p: Priority) -> &'static str {
    match p {
        Priority::Urgent => "An",
        Priority::High | Priority::Normal | Priority::Low => "A",
    }
}

fn describe(c: Category, p: Priority) -> String {
    format!("{} {}", p.as_str(), c.as_str())
}

/// A template reply for a human to review and send.
pub fn reply(p: &Parsed) -> String {
    let name = first_name(p);
    let greeting = format!("Hello {name},");
    let body = match p.triage.category {
        Category::Billing => {
            "thank you for your message about your billing. Our billing team is looking into it and will get back to you shortly with the details."
        }
        Category::Sales => {
            "thank you for your interest. One of our account managers will contact you soon to discuss your needs and the options that fit them."
        }
        Category::Support => {
            "thank you for reporting this. Our support team is investigating and will update you as soon as we know more. If you have screenshots or error messages, please reply with them."
        }
        Category::Account => {
            "thank you for getting in touch about your account. For your security our team will verify the request and follow up with the next steps."
        }
        Category::Spam => return String::new(),
        Category::Other => {
            "thank you for your message. We have received it and will get back to you if anything is needed from our side."
        }
    };
    format!("{greeting}\n\n{body}\n\nBest regards,\nThe Customer Team")
}

/// A task for urgent or high billing and support mail; otherwise `none` with the reason.
pub fn actions(p: &Parsed, policy: &Policy, now: DateTime<Utc>) -> Vec<Action> {
    let t = p.triage;
    let needs_task = matches!(t.category, Category::Billing | Category::Support)
        && matches!(t.priority, Priority::Urgent | Priority::High);
    if !needs_task {
        let reason = match t.category {
            Category::Spam => "spam: nothing to do".to_string(),
            _ => format!(
                "{} priority {} mail: no task needed",
                t.priority.as_str(),
                t.category.as_str()
            ),
        };
        return vec![Action::None { reason }];
    }
    let subject = if p.message.subject.trim().is_empty() {
        "(no subject)".to_string()
    } else {
        clean(&p.message.subject, MAX_TITLE_CHARS).replace('\n', " ")
    };
    let label = match t.category {
        Category::Billing => "Billing",
        _ => "Support",
    };
    let title: String = format!("{label}: {subject}")
        .chars()
        .take(MAX_TITLE_CHARS)
        .collect();
    let days = if t.priority == Priority::Urgent { 1 } else { 3 };
    let due = (now.date_naive() + chrono::Days::new(days))
        .format("%Y-%m-%d")
        .to_string();
    let team = t.category.as_str().to_string();
    vec![Action::CreateTask {
        title,
        priority: t.priority,
        due: Some(due),
        assignee: policy.teams.contains(&team).then_some(team),
    }]
}

/// The first `n` sentences of `text`, quoted history and blank lines skipped, bounded.
fn first_sentences(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .take_while(|l| !(l.starts_with("On ") && l.ends_with("wrote:")))
        .filter(|l| !l.is_empty() && !l.starts_with('>'))
        .collect();
    let joined = lines.join(" ");
    let mut out = String::new();
    let mut count = 0;
    for (i, c) in joined.char_indices() {
        if matches!(c, '.' | '!' | '?') {
            let next = joined[i + c.len_utf8()..].chars().next();
            if next.is_none_or(char::is_whitespace) {
                count += 1;
                if count == n {
                    out = joined[..i + c.len_utf8()].to_string();
                    break;
                }
            }
        }
    }
    if out.is_empty() {
        out = joined;
    }
    let cleaned = clean(&out, SUMMARY_QUOTE_CHARS);
    if out.chars().count() > SUMMARY_QUOTE_CHARS {
        format!("{cleaned}…")
    } else {
        cleaned
    }
}

/// A first name for the greeting: the CRM's, else the display name's first word.
fn first_name(p: &Parsed) -> String {
    let from_contact = p
        .contact
        .as_ref()
        .and_then(|c| lookup(c, &["firstname", "first_name"]).map(|s| s.to_string()));
    let from_display = p
        .message
        .sender_name
        .as_deref()
        .and_then(|n| n.split_whitespace().next())
        .map(str::to_string);
    from_contact
        .or(from_display)
        .map(|n| clean(&n, 40))
        .filter(|n| !n.is_empty() && !n.contains('@'))
        .unwrap_or_else(|| "there".to_string())
}

fn company(contact: Option<&Value>) -> Option<String> {
    contact
        .and_then(|c| lookup(c, &["company", "company_name"]))
        .map(|s| clean(s, 80))
        .filter(|s| !s.is_empty())
}

/// A string field at the top level or under `properties` (HubSpot's shape).
fn lookup<'a>(v: &'a Value, keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| {
        v.get(*k).and_then(Value::as_str).or_else(|| {
            v.get("properties")
                .and_then(|p| p.get(*k))
                .and_then(Value::as_str)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_sentences_skip_quoted_history() {
        let text = "Hi.\nOur invoice is wrong! Please fix it. Thanks.\n\nOn Mon, Ana wrote:\n> old";
        assert_eq!(first_sentences(text, 2), "Hi. Our invoice is wrong!");
        assert_eq!(
            first_sentences("no punctuation at all", 2),
            "no punctuation at all"
        );
    }
}
