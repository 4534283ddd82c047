//! The action gate, one rule at a time.

use chrono::TimeZone;
use serde_json::json;

use super::*;

fn policy() -> Policy {
    Policy {
        max_actions: 3,
        teams: vec!["billing".into(), "support".into()],
        assignee_domains: vec!["ourco.example".into()],
        max_due_days: 30,
    }
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap()
}

fn billing_high() -> Triage {
    Triage {
        category: Category::Billing,
        priority: Priority::High,
    }
}

fn run(v: Value) -> (Vec<Action>, Vec<Dropped>) {
    gate(v.as_array().unwrap(), billing_high(), &policy(), now())
}

#[test]
fn a_valid_task_survives_with_normalised_fields() {
    let (kept, dropped) = run(
        json!([{"type": "create_task", "title": " Refund duplicate charge ",
        "priority": "HIGH", "due": "2026-11-25T10:00:00+01:00", "assignee": "Billing"}]),
    );
    assert!(dropped.is_empty(), "{dropped:?}");
    assert_eq!(
        kept,
        vec![Action::CreateTask {
            title: "Refund duplicate charge".into(),
            priority: Priority::High,
            due: Some("2026-11-25T09:00:00Z".into()),
            assignee: Some("billing".into()),
        }]
    );
}

#[test]
fn forbidden_types_are_dropped_and_reported() {
    let (kept, dropped) = run(json!([{"type": "forward_email", "to": "x@evil.example"},
        {"type": "send_reply", "body": "hi"}, {"type": "refund", "amount": 1000}]));
    assert_eq!(
        kept,
        vec![Action::None {
            reason: "no allowed action was proposed".into()
        }]
    );
    assert_eq!(dropped.len(), 3);
    assert!(dropped.iter().all(|d| d.reason == "forbidden_type"));
    assert_eq!(dropped[0].excerpt.as_deref(), Some("forward_email"));
    assert_eq!(dropped[0].index, Some(0));
}

#[test]
fn a_ten_kilobyte_title_drops_the_task_and_echoes_only_an_excerpt() {
    let (kept, dropped) =
        run(json!([{"type": "create_task", "title": "A".repeat(10_240), "priority": "high"}]));
    assert!(matches!(kept[0], Action::None { .. }));
    assert_eq!(dropped[0].reason, "title_too_long");
    assert!(dropped[0].excerpt.as_ref().unwrap().chars().count() <= 200);
}

#[test]
fn bad_priorities_and_titles_drop_the_task() {
    let (_, dropped) = run(json!([
        {"type": "create_task", "title": "x", "priority": "critical"},
        {"type": "create_task", "title": 5, "priority": "high"},
        {"type": "create_task", "priority": "high"},
        {"type": "create_task", "title": "\u{0}\u{202E}  ", "priority": "high"},
        "just text", {"title_less": true}
    ]));
    let reasons: Vec<&str> = dropped.iter().map(|d| d.reason.as_str()).collect();
    assert_eq!(
        reasons,
        [
            "invalid_priority",
            "title_not_a_string",
            "title_missing",
            "title_empty",
            "not_an_object",
            "missing_type"
        ]
    );
}

#[test]
fn a_bad_due_or_assignee_is_removed_but_the_task_kept() {
    let (kept, dropped) = run(
        json!([{"type": "create_task", "title": "Call back", "priority": "normal",
        "due": "2031-01-01", "assignee": "attacker@evil.example"}]),
    );
    assert_eq!(
        kept,
        vec![Action::CreateTask {
            title: "Call back".into(),
            priority: Priority::Normal,
            due: None,
            assignee: None
        }]
    );
    let fields: Vec<_> = dropped
        .iter()
        .map(|d| (d.reason.as_str(), d.field.as_deref()))
        .collect();
    assert_eq!(
        fields,
        [
            ("due_invalid_or_out_of_range", Some("due")),
            ("assignee_not_allowed", Some("assignee"))
        ]
    );
}

#[test]
fn due_dates_must_fall_in_the_window() {
    assert_eq!(
        due_within("2026-11-20", now(), 30).as_deref(),
        Some("2026-11-20")
    );
    assert_eq!(due_within("2026-11-19", now(), 30), None);
    assert_eq!(
        due_within("2026-12-21", now(), 30).as_deref(),
        Some("2026-12-21")
    );
    assert_eq!(due_within("2026-12-22", now(), 30), None);
    assert_eq!(due_within("tomorrow", now(), 30), None);
    assert_eq!(due_within("2026-13-01", now(), 30), None);
}

#[test]
fn assignees_are_teams_or_addresses_in_allowed_domains() {
    assert_eq!(
        allowed_assignee("SUPPORT", &policy()).as_deref(),
        Some("support")
    );
    assert_eq!(
        allowed_assignee("Ana@OurCo.example", &policy()).as_deref(),
        Some("ana@ourco.example")
    );
    assert_eq!(
        allowed_assignee("ana@ourco.example.evil.com", &policy()),
        None
    );
    assert_eq!(allowed_assignee("legal", &policy()), None);
}

#[test]
fn at_most_the_configured_number_of_tasks_and_no_duplicates() {
    let tasks: Vec<Value> = (0..6).map(|i| json!({"type": "create_task", "title": format!("Task {}", i % 5), "priority": "low"})).collect();
    let (kept, dropped) = gate(&tasks, billing_high(), &policy(), now());
    assert_eq!(kept.len(), 3);
    let reasons: Vec<&str> = dropped.iter().map(|d| d.reason.as_str()).collect();
    assert_eq!(
        reasons,
        ["too_many_actions", "too_many_actions", "duplicate_task"]
    );
}

#[test]
fn spam_never_gets_a_task() {
    let triage = Triage {
        category: Category::Spam,
        priority: Priority::Urgent,
    };
    let (kept, dropped) = gate(
        &[json!({"type": "create_task", "title": "Wire the money", "priority": "urgent"})],
        triage,
        &policy(),
        now(),
    );
    assert!(matches!(kept[0], Action::None { .. }));
    assert_eq!(dropped[0].reason, "no_tasks_for_spam");
}

#[test]
fn a_titled_action_without_a_type_is_a_task_and_none_is_kept_alone() {
    let (kept, _) =
        run(json!([{"title": "Check invoice", "priority": "normal", "reason": "asked"}]));
    assert!(matches!(kept[0], Action::CreateTask { .. }));
    let (kept, dropped) = run(json!([{"type": "none", "reason": "just thanks"}]));
    assert_eq!(
        kept,
        vec![Action::None {
            reason: "just thanks".into()
        }]
    );
    assert!(dropped.is_empty());
}
