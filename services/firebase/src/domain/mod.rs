//! The service's domain: the contract's task and profile types, and how tasks are created,
//! changed, ordered and filtered (one implementation for both store backends).

mod profile;
mod task;

pub use common::contract::firebase::{
    ClearableDue, CreateTaskInput, CreateTaskOutput, Due, IdempotencyKey, ListTasksInput, LongText,
    NewTask, Preferences, Priority, Profile, ShortText, SourceInput, Status, Task, TaskFilter,
    TaskId, TaskOutput, TaskPage, TaskPatch, TaskSource, Title, UpdateTaskInput, User,
};
pub use profile::load_profiles;
pub use task::{FilterExt, ListQuery, SORT_KEY_FIELD, TaskExt, timestamp};
