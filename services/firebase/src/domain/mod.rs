//! The service's domain: tasks, profiles and the validated strings they are made of.

mod profile;
mod task;
mod text;

pub use profile::{DEMO_PROFILES_JSON, Preferences, Profile, demo_profiles};
pub use task::{
    ClearableDue, ListQuery, NewTask, Priority, SORT_KEY_FIELD, SourceInput, Status, Task,
    TaskFilter, TaskPage, TaskPatch, TaskSource, timestamp,
};
pub use text::{Due, IdempotencyKey, LongText, ShortText, TaskId, Text, Title};
