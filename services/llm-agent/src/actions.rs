//! The allowed actions, and the gate every model-proposed action passes: only `create_task`
//! and `none` survive, every field validated and bounded; everything else is dropped and
//! reported. The mail is untrusted and so is the model that read it.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Map, Value, json};

pub use common::contract::llm_agent::{Action, Dropped};

use crate::input::{Category, Priority, Triage, clean};

/// Longest task title.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest `none` reason.
const MAX_REASON_CHARS: usize = 500;
/// How much of a dropped action is echoed back.
const MAX_EXCERPT_CHARS: usize = 200;

/// Builds a [`Dropped`] entry step by step.
pub trait DroppedExt: Sized {
    fn new(reason: impl Into<String>) -> Self;
    fn at(self, index: usize) -> Self;
    fn field(self, field: &str) -> Self;
    /// The start of what was dropped, cleaned and bounded.
    fn excerpt(self, v: &Value) -> Self;
}

impl DroppedExt for Dropped {
    fn new(reason: impl Into<String>) -> Self {
        Self {
            reason: reason.into(),
            index: None,
            field: None,
            excerpt: None,
        }
    }

    fn at(mut self, index: usize) -> Self {
        self.index = Some(index);
        self
    }

    fn field(mut self, field: &str) -> Self {
        self.field = Some(field.to_string());
        self
    }

    fn excerpt(mut self, v: &Value) -> Self {
        let text = match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        self.excerpt = Some(clean(&text, MAX_EXCERPT_CHARS));
        self
    }
}

/// What the gate accepts.
#[derive(Debug, Clone)]
pub struct Policy {
    pub max_actions: usize,
    pub teams: Vec<String>,
    pub assignee_domains: Vec<String>,
    pub max_due_days: i64,
}

/// The JSON Schema the model is shown for its actions (the gate enforces it either way).
pub fn action_schema(policy: &Policy) -> Value {
    let priorities = json!(["urgent", "high", "normal", "low"]);
    json!({
        "type": "array",
        "maxItems": policy.max_actions,
        "items": {"oneOf": [
            {"type": "object", "required": ["type", "title", "priority"], "properties": {
                "type": {"const": Action::CREATE_TASK},
                "title": {"type": "string", "maxLength": MAX_TITLE_CHARS},
                "priority": {"enum": priorities},
                "due": {"type": "string", "description": "YYYY-MM-DD, within the next weeks"},
                "assignee": {"type": "string", "enum": policy.teams},
                "reason": {"type": "string"}
            }},
            {"type": "object", "required": ["type", "reason"], "properties": {
                "type": {"const": Action::NONE},
                "reason": {"type": "string"}
            }}
        ]}
    })
}

/// Passes the model's proposed actions through the gate. Returns the survivors (never
/// empty: `none` with a reason when nothing survives) and what was dropped.
pub fn gate(
    proposed: &[Value],
    triage: Triage,
    policy: &Policy,
    now: DateTime<Utc>,
) -> (Vec<Action>, Vec<Dropped>) {
    let mut kept: Vec<Action> = Vec::new();
    let mut nones: Vec<Action> = Vec::new();
    let mut dropped = Vec::new();
    for (i, v) in proposed.iter().enumerate() {
        let Some(obj) = v.as_object() else {
            dropped.push(Dropped::new("not_an_object").at(i).excerpt(v));
            continue;
        };
        // The prompt describes tasks without naming a type; a titled object is a task.
        let kind = match obj.get("type") {
            Some(Value::String(t)) => t.trim().to_ascii_lowercase(),
            None if obj.contains_key("title") => Action::CREATE_TASK.to_string(),
            _ => String::new(),
        };
        match kind.as_str() {
            Action::CREATE_TASK => {
                if triage.category == Category::Spam {
                    dropped.push(Dropped::new("no_tasks_for_spam").at(i).excerpt(v));
                    continue;
                }
                match task(obj, triage, policy, now, i, &mut dropped) {
                    Ok(action) => {
                        if kept.iter().any(|k| same_title(k, &action)) {
                            dropped.push(Dropped::new("duplicate_task").at(i).excerpt(v));
                        } else if kept.len() >= policy.max_actions {
                            dropped.push(Dropped::new("too_many_actions").at(i).excerpt(v));
                        } else {
                            kept.push(action);
                        }
                    }
                    Err(d) => dropped.push(d.at(i)),
                }
            }
            Action::NONE => {
                let reason = obj
                    .get("reason")
                    .and_then(Value::as_str)
                    .map(|r| clean(r, MAX_REASON_CHARS));
                nones.push(Action::None {
                    reason: reason
                        .filter(|r| !r.is_empty())
                        .unwrap_or_else(|| "no action needed".into()),
                });
            }
            "" => dropped.push(Dropped::new("missing_type").at(i).excerpt(v)),
            _ => dropped.push(
                Dropped::new("forbidden_type")
                    .at(i)
                    .excerpt(&Value::String(kind)),
            ),
        }
    }
    if kept.is_empty() {
        let none = nones.into_iter().next().unwrap_or_else(|| Action::None {
            reason: "no allowed action was proposed".into(),
        });
        kept.push(none);
    } else if !nones.is_empty() {
        dropped.push(Dropped::new("none_alongside_tasks"));
    }
    (kept, dropped)
}

fn same_title(a: &Action, b: &Action) -> bool {
    match (a, b) {
        (Action::CreateTask { title: x, .. }, Action::CreateTask { title: y, .. }) => {
            x.to_lowercase() == y.to_lowercase()
        }
        _ => false,
    }
}

/// One `create_task`: title and priority must be valid or the action goes; a bad `due` or
/// `assignee` is removed on its own (the task is still worth doing) and reported.
fn task(
    obj: &Map<String, Value>,
    triage: Triage,
    policy: &Policy,
    now: DateTime<Utc>,
    index: usize,
    dropped: &mut Vec<Dropped>,
) -> Result<Action, Dropped> {
    let raw_title = obj
        .get("title")
        .ok_or_else(|| Dropped::new("title_missing"))?;
    let Value::String(raw_title) = raw_title else {
        return Err(Dropped::new("title_not_a_string").excerpt(raw_title));
    };
    if raw_title.chars().count() > MAX_TITLE_CHARS {
        return Err(Dropped::new("title_too_long").excerpt(&Value::String(raw_title.clone())));
    }
    let title = clean(raw_title, MAX_TITLE_CHARS).replace('\n', " ");
    if title.is_empty() {
        return Err(Dropped::new("title_empty"));
    }
    let priority = match obj.get("priority") {
        None | Some(Value::Null) => triage.priority,
        Some(Value::String(p)) => Priority::parse(p)
            .ok_or_else(|| Dropped::new("invalid_priority").excerpt(&Value::String(p.clone())))?,
        Some(other) => return Err(Dropped::new("invalid_priority").excerpt(other)),
    };
    let due = match obj.get("due") {
        None | Some(Value::Null) => None,
        Some(v) => match v
            .as_str()
            .and_then(|s| due_within(s, now, policy.max_due_days))
        {
            Some(d) => Some(d),
            None => {
                dropped.push(
                    Dropped::new("due_invalid_or_out_of_range")
                        .at(index)
                        .field("due")
                        .excerpt(v),
                );
                None
            }
        },
    };
    let assignee = match obj.get("assignee") {
        None | Some(Value::Null) => None,
        Some(v) => match v.as_str().and_then(|s| allowed_assignee(s, policy)) {
            Some(a) => Some(a),
            None => {
                dropped.push(
                    Dropped::new("assignee_not_allowed")
                        .at(index)
                        .field("assignee")
                        .excerpt(v),
                );
                None
            }
        },
    };
    Ok(Action::CreateTask {
        title,
        priority,
        due,
        assignee,
    })
}

/// A due date in the window `[yesterday, today + max_days]`, normalised as the firebase
/// service stores it (UTC date-time or `YYYY-MM-DD`).
pub fn due_within(raw: &str, now: DateTime<Utc>, max_days: i64) -> Option<String> {
    let s = raw.trim();
    let earliest = now.date_naive() - chrono::Days::new(1);
    let latest = now.date_naive() + chrono::Days::new(max_days.max(0) as u64);
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        let t = t.with_timezone(&Utc);
        let d = t.date_naive();
        return (earliest..=latest)
            .contains(&d)
            .then(|| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    }
    if s.len() == 10
        && let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d")
    {
        return (earliest..=latest)
            .contains(&d)
            .then(|| d.format("%Y-%m-%d").to_string());
    }
    None
}

/// A configured team (case-insensitive) or an address in an allowed domain.
pub fn allowed_assignee(raw: &str, policy: &Policy) -> Option<String> {
    let s = raw.trim().to_lowercase();
    if policy.teams.contains(&s) {
        return Some(s);
    }
    let email = common::Email::parse(&s).ok()?;
    policy
        .assignee_domains
        .iter()
        .any(|d| d == email.domain())
        .then(|| email.to_string())
}

#[cfg(test)]
#[path = "actions_tests.rs"]
mod tests;
