//! The app (Firebase): sign-in accounts, app profiles and the task queue the pipeline fills.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{ByEmail, Effect, Text, person_tool, tool};
use crate::Email;
pub use crate::labels::Priority;

tool!(
    /// The person's sign-in account.
    GetUser: GetUser, Effect::Read, ByEmail => User,
    "The person's Firebase Auth account: uid, email verification, disabled flag, created and last sign-in times, sign-in providers."
);
person_tool!(GetUser, 300);

tool!(
    /// The person's app profile.
    GetProfile: GetProfile, Effect::Read, ByEmail => Profile,
    "The person's app profile: display name, plan, locale, time zone, preferences."
);
person_tool!(GetProfile, 300);

tool!(
    /// Queues a follow-up task, idempotently.
    CreateTask: CreateTask, Effect::Write { idempotent: true }, CreateTaskInput => CreateTaskOutput,
    "Queue a follow-up task. Idempotent by `task.idempotency_key`: repeating a call returns the same task with `created: false`."
);

tool!(
    /// Lists tasks.
    ListTasks: ListTasks, Effect::Read, ListTasksInput => TaskPage,
    "Tasks, newest first, filtered by status, email and priority; paged with `page_size` (max 100) and `page_token`."
);

tool!(
    /// Changes a task.
    UpdateTask: UpdateTask, Effect::Write { idempotent: false }, UpdateTaskInput => TaskOutput,
    "Change a task's status, priority, assignee, notes or due date. Pass the `update_time` you read to be told (`conflict`) if someone changed it meanwhile."
);

/// `create_task` arguments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTaskInput {
    pub task: NewTask,
}

/// `create_task` result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CreateTaskOutput {
    /// False when a task with this idempotency key already existed (it is returned as is).
    pub created: bool,
    pub task: Task,
}

/// `list_tasks` arguments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListTasksInput {
    #[serde(default)]
    pub filter: TaskFilter,
    /// 1 to 100; 20 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 100))]
    pub page_size: Option<u32>,
    /// `next_page_token` of the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 1024))]
    pub page_token: Option<String>,
}

/// `update_task` arguments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateTaskInput {
    pub id: TaskId,
    pub patch: TaskPatch,
    /// The `update_time` you read: the update fails with `conflict` if the task changed since.
    /// Without it, the patch is applied atomically to whatever the task is now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 64))]
    pub update_time: Option<String>,
}

/// `update_task` result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TaskOutput {
    pub task: Task,
}

/// A Firebase Auth account, trimmed to what a question needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct User {
    /// The Firebase uid.
    pub uid: String,
    pub email: String,
    pub email_verified: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// A disabled account cannot sign in.
    pub disabled: bool,
    /// RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// RFC 3339; absent if the user never signed in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_login_at: Option<String>,
    /// Sign-in methods, e.g. `password`, `google.com`.
    pub providers: Vec<String>,
}

/// A user's app profile. Fields other than `uid` and `email` may be missing in real data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Profile {
    /// The Firebase uid (also the document id).
    pub uid: String,
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// The product plan the app shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
    /// BCP 47, e.g. `ja-JP`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// IANA time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default)]
    pub preferences: Preferences,
}

/// The user's settings in the app.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Preferences {
    /// `email`, `push` or `none`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notifications: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekly_digest: Option<bool>,
    /// `light`, `dark` or `system`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
}

/// Where a task is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Open,
    InProgress,
    Done,
    Cancelled,
}

/// What produced the task (the pipeline sets both).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<ShortText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_id: Option<ShortText>,
}

/// A task to create, as the pipeline sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTask {
    /// Creating twice with one key makes one task.
    pub idempotency_key: IdempotencyKey,
    /// Whose task it is (the customer the email came from).
    pub email: Email,
    pub title: Title,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LongText>,
    #[serde(default)]
    pub priority: Priority,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Due>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<ShortText>,
    #[serde(default)]
    pub source: SourceInput,
}

/// Changes to a task. Absent fields stay; an empty string clears `assignee`, `notes`, `due`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<ShortText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<LongText>,
    /// RFC 3339 date-time or `YYYY-MM-DD`; `""` clears it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<ClearableDue>,
}

/// A due date, or `""` to clear it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "String", into = "String")]
#[schemars(with = "String")]
pub struct ClearableDue(pub Option<Due>);

impl From<ClearableDue> for String {
    fn from(d: ClearableDue) -> String {
        d.0.map(Due::into_string).unwrap_or_default()
    }
}

impl TryFrom<String> for ClearableDue {
    type Error = String;

    fn try_from(raw: String) -> Result<Self, String> {
        if raw.trim().is_empty() {
            Ok(Self(None))
        } else {
            Due::parse(&raw).map(|d| Self(Some(d)))
        }
    }
}

impl TaskPatch {
    pub fn is_empty(&self) -> bool {
        self.status.is_none()
            && self.priority.is_none()
            && self.assignee.is_none()
            && self.notes.is_none()
            && self.due.is_none()
    }
}

/// Where a stored task came from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TaskSource {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_id: Option<String>,
}

/// A task as every task tool returns it.
///
/// In Firestore, `id` and `update_time` are not stored fields: they are the document's name
/// and its server-side update time, read back through the crate's `_firestore_*` fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Task {
    #[serde(default, alias = "_firestore_id")]
    pub id: String,
    pub idempotency_key: String,
    pub email: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub priority: Priority,
    pub status: Status,
    #[serde(default)]
    pub source: TaskSource,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// RFC 3339, UTC: the last change through this service.
    pub updated_at: String,
    /// The store's update time of this version: pass it back to `update_task` so a change made
    /// in between is reported as `conflict` instead of being overwritten.
    #[serde(default, alias = "_firestore_updated")]
    pub update_time: String,
}

/// Which tasks `list_tasks` returns; every field given must match.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskFilter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<Email>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
}

/// One page of tasks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TaskPage {
    pub tasks: Vec<Task>,
    /// Pass it back as `page_token` for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
}

/// A task title.
pub type Title = Text<1, 200>;
/// A task description or notes.
pub type LongText = Text<0, 5000, true>;
/// Assignees, message and run ids.
pub type ShortText = Text<0, 200>;
/// The caller's idempotency key for `create_task`.
pub type IdempotencyKey = Text<1, 256>;

/// A task id: what `create_task` returned. Firestore document-id safe by construction.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct TaskId(String);

impl TaskId {
    /// The id for an idempotency key: the same key always names the same document.
    pub fn for_key(key: &IdempotencyKey) -> Self {
        let digest = Sha256::digest(key.as_str().as_bytes());
        let hex: String = crate::text::hex(&digest[..16]);
        Self(format!("tk_{hex}"))
    }

    pub fn parse(raw: &str) -> Result<Self, String> {
        let ok = !raw.is_empty()
            && raw.len() <= 128
            && raw
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            && !(raw.starts_with("__") && raw.ends_with("__"));
        if ok {
            Ok(Self(raw.to_string()))
        } else {
            Err("a task id is 1 to 128 letters, digits, '_' or '-'".to_string())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for TaskId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for TaskId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        Self::parse(&raw).map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for TaskId {
    fn schema_name() -> Cow<'static, str> {
        "TaskId".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string", "pattern": "^[A-Za-z0-9_-]{1,128}$",
            "description": "A task id as create_task returned it"
        })
    }

    fn inline_schema() -> bool {
        true
    }
}

/// A due date: an RFC 3339 date-time (normalised to UTC) or a calendar date `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Due(String);

impl Due {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let s = raw.trim();
        if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
            return Ok(Self(
                t.with_timezone(&chrono::Utc)
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            ));
        }
        if s.len() == 10
            && let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        {
            return Ok(Self(d.format("%Y-%m-%d").to_string()));
        }
        Err("due must be an RFC 3339 date-time or a YYYY-MM-DD date".to_string())
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl<'de> Deserialize<'de> for Due {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        Self::parse(&raw).map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for Due {
    fn schema_name() -> Cow<'static, str> {
        "Due".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string", "maxLength": 40,
            "description": "RFC 3339 date-time or YYYY-MM-DD"
        })
    }

    fn inline_schema() -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Title = super::Title;

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(Title::parse("  Call back  ").unwrap().as_str(), "Call back");
        assert!(Title::parse("   ").is_err());
        assert!(Title::parse(&"x".repeat(201)).is_err());
        assert!(Title::parse("a\u{0}b").is_err());
        assert!(Title::parse("two\nlines").is_err());
        assert!(LongText::parse("two\nlines").is_ok());
        assert!(LongText::parse("").is_ok());
    }

    #[test]
    fn one_key_always_names_one_id() {
        let k = IdempotencyKey::parse("msg-1:0").unwrap();
        assert_eq!(TaskId::for_key(&k), TaskId::for_key(&k));
        assert_ne!(
            TaskId::for_key(&k),
            TaskId::for_key(&IdempotencyKey::parse("msg-1:1").unwrap())
        );
        assert!(TaskId::parse(TaskId::for_key(&k).as_str()).is_ok());
    }

    #[test]
    fn task_ids_refuse_paths_and_reserved_names() {
        for bad in ["", "a/b", "..", "__x__", "tâche", &"a".repeat(129)] {
            assert!(TaskId::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn due_dates_accept_dates_and_date_times() {
        assert_eq!(
            Due::parse("2026-11-30").unwrap().into_string(),
            "2026-11-30"
        );
        assert_eq!(
            Due::parse("2026-11-30T10:00:00+02:00")
                .unwrap()
                .into_string(),
            "2026-11-30T08:00:00Z"
        );
        assert!(Due::parse("tomorrow").is_err());
        assert!(Due::parse("2026-13-01").is_err());
    }
}
