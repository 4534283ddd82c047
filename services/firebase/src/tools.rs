//! The MCP tools: typed inputs and outputs, each handler one call into [`Firebase`].

use std::sync::Arc;
use std::time::Duration;

use common::Toolbox;
use common::contract::firebase as contract;

use crate::domain::{CreateTaskOutput, TaskOutput};
use crate::service::Firebase;

/// Every tool, bound to `svc`.
pub fn toolbox(svc: Arc<Firebase>, timeout: Duration) -> Toolbox {
    let s = svc.clone();
    let tb = Toolbox::new()
        .with_timeout(timeout)
        .serve::<contract::GetUser, _, _>(move |i, _| {
            let s = s.clone();
            async move { s.get_user(&i.email).await }
        });
    let s = svc.clone();
    let tb = tb.serve::<contract::GetProfile, _, _>(move |i, _| {
        let s = s.clone();
        async move { s.get_profile(&i.email).await }
    });
    let s = svc.clone();
    let tb = tb.serve::<contract::CreateTask, _, _>(move |i, _| {
        let s = s.clone();
        async move {
            let (task, created) = s.create_task(i.task).await?;
            Ok(CreateTaskOutput { created, task })
        }
    });
    let s = svc.clone();
    let tb = tb.serve::<contract::ListTasks, _, _>(move |i, _| {
        let s = s.clone();
        async move {
            s.list_tasks(i.filter, i.page_size, i.page_token.as_deref())
                .await
        }
    });
    let s = svc;
    tb.serve::<contract::UpdateTask, _, _>(move |i, _| {
        let s = s.clone();
        async move {
            let task = s
                .update_task(&i.id, &i.patch, i.update_time.as_deref())
                .await?;
            Ok(TaskOutput { task })
        }
    })
}
