//! The subset of Gmail's search syntax (`q`) the sandbox understands:
//! `after:` / `before:` (epoch seconds or `yyyy/mm/dd`, UTC), `from:`, `to:` (To and Cc),
//! `subject:`, `label:` / `in:`, `is:unread`, `has:attachment`, `-term`, `OR` (and `{a b}`),
//! parentheses, and bare words (searched in subject, sender and text).

use chrono::NaiveDate;

use crate::data::mailbox::{Mail, Part};

#[derive(Debug, Clone, PartialEq)]
enum Term {
    After(i64),
    Before(i64),
    From(String),
    To(String),
    Subject(String),
    Label(String),
    HasAttachment,
    Text(String),
    Not(Box<Term>),
}

/// A parsed query: every group must match; a group matches when any of its terms does.
#[derive(Debug, Clone, Default)]
pub struct Query {
    groups: Vec<Vec<Term>>,
}

/// `yyyy/mm/dd`, `yyyy-mm-dd` or epoch seconds → epoch seconds.
fn parse_time(v: &str) -> Result<i64, String> {
    if let Ok(secs) = v.parse::<i64>() {
        return Ok(secs);
    }
    let d = NaiveDate::parse_from_str(v, "%Y/%m/%d")
        .or_else(|_| NaiveDate::parse_from_str(v, "%Y-%m-%d"))
        .map_err(|_| format!("Invalid date in query: {v}"))?;
    Ok(d.and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc()
        .timestamp())
}

fn term(tok: &str) -> Result<Term, String> {
    if let Some(rest) = tok.strip_prefix('-').filter(|r| !r.is_empty()) {
        return Ok(Term::Not(Box::new(term(rest)?)));
    }
    let Some((op, value)) = tok.split_once(':') else {
        return Ok(Term::Text(tok.to_lowercase()));
    };
    let v = value.trim_matches('"').to_lowercase();
    Ok(match op.to_ascii_lowercase().as_str() {
        "after" | "newer" => Term::After(parse_time(&v)?),
        "before" | "older" => Term::Before(parse_time(&v)?),
        "from" => Term::From(v),
        "to" | "cc" => Term::To(v),
        "subject" => Term::Subject(v),
        "label" | "in" => Term::Label(v.to_ascii_uppercase()),
        "is" if v == "unread" => Term::Label("UNREAD".into()),
        "is" if v == "important" => Term::Label("IMPORTANT".into()),
        "has" if v == "attachment" => Term::HasAttachment,
        _ => Term::Text(tok.to_lowercase()),
    })
}

impl Query {
    pub fn parse(q: &str) -> Result<Self, String> {
        let mut groups: Vec<Vec<Term>> = Vec::new();
        let mut join_next = false;
        let mut in_braces = false;
        for raw in q.split_whitespace() {
            if raw == "OR" {
                join_next = !groups.is_empty();
                continue;
            }
            let opens = raw.starts_with('{');
            let closes = raw.ends_with('}');
            let tok = raw.trim_matches(|c| matches!(c, '(' | ')' | '{' | '}'));
            if tok.is_empty() {
                continue;
            }
            let t = term(tok)?;
            match groups.last_mut() {
                Some(g) if join_next || (in_braces && !opens) => g.push(t),
                _ => groups.push(vec![t]),
            }
            join_next = false;
            if opens {
                in_braces = true;
            }
            if closes {
                in_braces = false;
            }
        }
        Ok(Self { groups })
    }

    pub fn matches(&self, m: &Mail) -> bool {
        self.groups.iter().all(|g| g.iter().any(|t| matches(t, m)))
    }
}

fn has_attachment(p: &Part) -> bool {
    p.filename.is_some() || p.parts.iter().any(has_attachment)
}

fn matches(t: &Term, m: &Mail) -> bool {
    match t {
        Term::After(s) => m.internal_date_ms >= s.saturating_mul(1000),
        Term::Before(s) => m.internal_date_ms < s.saturating_mul(1000),
        Term::From(v) => m.from.to_lowercase().contains(v),
        Term::To(v) => {
            m.to.to_lowercase().contains(v)
                || m.cc
                    .as_deref()
                    .is_some_and(|c| c.to_lowercase().contains(v))
        }
        Term::Subject(v) => m.subject_text.to_lowercase().contains(v),
        Term::Label(l) => m.labels.iter().any(|x| x == l),
        Term::HasAttachment => has_attachment(&m.body),
        Term::Text(v) => {
            m.subject_text.to_lowercase().contains(v)
                || m.from.to_lowercase().contains(v)
                || m.plain.to_lowercase().contains(v)
        }
        Term::Not(inner) => !matches(inner, m),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn or_joins_terms_into_one_group() {
        let q = Query::parse("(from:a@x.com OR to:a@x.com) after:2026/01/02").unwrap();
        assert_eq!(q.groups.len(), 2);
        assert_eq!(q.groups[0].len(), 2);
        assert_eq!(q.groups[1], vec![Term::After(1_767_312_000)]);
        assert!(Query::parse("after:yesterday").is_err());
        assert_eq!(Query::parse("{from:a from:b} x").unwrap().groups.len(), 2);
    }
}
