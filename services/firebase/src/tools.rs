//! The MCP tools: typed inputs and outputs, each handler one call into [`Firebase`].

use std::sync::Arc;
use std::time::Duration;

use common::{Email, Toolbox};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::domain::{NewTask, Task, TaskFilter, TaskId, TaskPage, TaskPatch};
use crate::identity::User;
use crate::service::Firebase;

/// `get_user` and `get_profile` arguments.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EmailInput {
    pub email: Email,
}

/// `create_task` arguments.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTaskInput {
    pub task: NewTask,
}

/// `create_task` result.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CreateTaskOutput {
    /// False when a task with this idempotency key already existed (it is returned as is).
    pub created: bool,
    pub task: Task,
}

/// `list_tasks` arguments.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListTasksInput {
    #[serde(default)]
    pub filter: TaskFilter,
    /// 1 to 100; 20 when absent.
    #[serde(default)]
    #[schemars(range(min = 1, max = 100))]
    pub page_size: Option<u32>,
    /// `next_page_token` of the previous page.
    #[serde(default)]
    #[schemars(length(max = 1024))]
    pub page_token: Option<String>,
}

/// `update_task` arguments.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateTaskInput {
    pub id: TaskId,
    pub patch: TaskPatch,
    /// The `update_time` you read: the update fails with `conflict` if the task changed since.
    /// Without it, the patch is applied atomically to whatever the task is now.
    #[serde(default)]
    #[schemars(length(max = 64))]
    pub update_time: Option<String>,
}

/// `update_task` result.
#[derive(Debug, Serialize, JsonSchema)]
pub struct TaskOutput {
    pub task: Task,
}

/// Every tool, bound to `svc`.
pub fn toolbox(svc: Arc<Firebase>, timeout: Duration) -> Toolbox {
    let s = svc.clone();
    let tb = Toolbox::new()
        .with_timeout(timeout)
        .tool::<EmailInput, User, _, _>(
            "get_user",
            "The person's Firebase Auth account: uid, email verification, disabled flag, \
         created and last sign-in times, sign-in providers.",
            move |i, _| {
                let s = s.clone();
                async move { s.get_user(&i.email).await }
            },
        );
    let s = svc.clone();
    let tb = tb.tool::<EmailInput, crate::domain::Profile, _, _>(
        "get_profile",
        "The person's app profile: display name, plan, locale, time zone, preferences.",
        move |i, _| {
            let s = s.clone();
            async move { s.get_profile(&i.email).await }
        },
    );
    let s = svc.clone();
    let tb = tb.mutating_tool::<CreateTaskInput, CreateTaskOutput, _, _>(
        "create_task",
        "Queue a follow-up task. Idempotent by `task.idempotency_key`: repeating a call \
         returns the same task with `created: false`.",
        move |i, _| {
            let s = s.clone();
            async move {
                let (task, created) = s.create_task(i.task).await?;
                Ok(CreateTaskOutput { created, task })
            }
        },
    );
    let s = svc.clone();
    let tb = tb.tool::<ListTasksInput, TaskPage, _, _>(
        "list_tasks",
        "Tasks, newest first, filtered by status, email and priority; paged with \
         `page_size` (max 100) and `page_token`.",
        move |i, _| {
            let s = s.clone();
            async move {
                s.list_tasks(i.filter, i.page_size, i.page_token.as_deref())
                    .await
            }
        },
    );
    let s = svc;
    tb.mutating_tool::<UpdateTaskInput, TaskOutput, _, _>(
        "update_task",
        "Change a task's status, priority, assignee, notes or due date. Pass the \
         `update_time` you read to be told (`conflict`) if someone changed it meanwhile.",
        move |i, _| {
            let s = s.clone();
            async move {
                let task = s
                    .update_task(&i.id, &i.patch, i.update_time.as_deref())
                    .await?;
                Ok(TaskOutput { task })
            }
        },
    )
}
