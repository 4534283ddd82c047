//! What the tools do, independent of any transport: the same functions serve `/mcp` and
//! `/mcp/call`.

use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use common::{Email, ErrorCode, ToolError};

use crate::domain::{
    ListQuery, NewTask, Profile, Task, TaskExt, TaskFilter, TaskId, TaskPage, TaskPatch, User,
};
use crate::identity::IdentityClient;
use crate::store::{ProfileStore, TaskStore};

/// `list_tasks` page size when none is asked for.
pub const DEFAULT_PAGE_SIZE: u32 = 20;
/// The largest page `list_tasks` returns.
pub const MAX_PAGE_SIZE: u32 = 100;
/// Page tokens are opaque to callers; the prefix versions their format.
const PAGE_TOKEN_PREFIX: &str = "v1.";
const MAX_PAGE_TOKEN_LEN: usize = 1024;

/// The firebase service's parts.
pub struct Firebase {
    /// `None` when no Firebase project is configured.
    pub identity: Option<IdentityClient>,
    pub tasks: Arc<dyn TaskStore>,
    pub profiles: Arc<dyn ProfileStore>,
    /// Where the Identity Toolkit breaker reports; the kit serves it at `/metrics`.
    pub registry: common::metrics::MetricsRegistry,
}

impl Firebase {
    pub async fn get_user(&self, email: &Email) -> Result<User, ToolError> {
        let client = self.identity.as_ref().ok_or_else(|| {
            ToolError::new(
                ErrorCode::NotConfigured,
                "FIREBASE_PROJECT_ID is not set: user lookup is off",
            )
        })?;
        client
            .lookup_by_email(email)
            .await?
            .ok_or_else(|| ToolError::not_found("no Firebase user has this email"))
    }

    pub async fn get_profile(&self, email: &Email) -> Result<Profile, ToolError> {
        self.profiles
            .profile_by_email(email)
            .await?
            .ok_or_else(|| ToolError::not_found("no app profile has this email"))
    }

    /// Creates the task unless one with the same idempotency key exists; returns the task
    /// and whether this call created it.
    pub async fn create_task(&self, input: NewTask) -> Result<(Task, bool), ToolError> {
        let task = <Task as TaskExt>::create(input, Utc::now());
        Ok(self.tasks.create(task).await?)
    }

    pub async fn list_tasks(
        &self,
        filter: TaskFilter,
        page_size: Option<u32>,
        page_token: Option<&str>,
    ) -> Result<TaskPage, ToolError> {
        let page_size = page_size.unwrap_or(DEFAULT_PAGE_SIZE);
        if !(1..=MAX_PAGE_SIZE).contains(&page_size) {
            return Err(ToolError::invalid(format!(
                "page_size must be between 1 and {MAX_PAGE_SIZE}"
            )));
        }
        let after = page_token.map(decode_page_token).transpose()?;
        // One more than asked tells whether another page follows.
        let query = ListQuery {
            filter,
            page_size: page_size + 1,
            after,
        };
        let mut tasks = self.tasks.list(&query).await?;
        let next_page_token = if tasks.len() > page_size as usize {
            tasks.truncate(page_size as usize);
            tasks.last().map(|t| encode_page_token(&t.sort_key()))
        } else {
            None
        };
        Ok(TaskPage {
            tasks,
            next_page_token,
        })
    }

    pub async fn update_task(
        &self,
        id: &TaskId,
        patch: &TaskPatch,
        update_time: Option<&str>,
    ) -> Result<Task, ToolError> {
        if patch.is_empty() {
            return Err(ToolError::invalid(
                "patch must change at least one of status, priority, assignee, notes, due",
            ));
        }
        let expected = update_time.map(parse_update_time).transpose()?;
        Ok(self.tasks.update(id, patch, expected).await?)
    }
}

fn parse_update_time(raw: &str) -> Result<DateTime<Utc>, ToolError> {
    DateTime::parse_from_rfc3339(raw.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            ToolError::invalid("update_time must be the RFC 3339 update_time a task tool returned")
        })
}

fn encode_page_token(sort_key: &str) -> String {
    format!("{PAGE_TOKEN_PREFIX}{}", URL_SAFE_NO_PAD.encode(sort_key))
}

fn decode_page_token(token: &str) -> Result<String, ToolError> {
    let bad = || ToolError::invalid("page_token is not one that list_tasks returned");
    if token.len() > MAX_PAGE_TOKEN_LEN {
        return Err(bad());
    }
    let raw = token.strip_prefix(PAGE_TOKEN_PREFIX).ok_or_else(bad)?;
    let bytes = URL_SAFE_NO_PAD.decode(raw).map_err(|_| bad())?;
    let key = String::from_utf8(bytes).map_err(|_| bad())?;
    if key.contains('|') {
        Ok(key)
    } else {
        Err(bad())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_tokens_round_trip_and_refuse_forgeries() {
        let key = "2026-01-01T00:00:00.000000Z|tk_abc";
        assert_eq!(decode_page_token(&encode_page_token(key)).unwrap(), key);
        for bad in ["", "v1.", "v1.!!!", "v2.abc", &"v1.".repeat(400)] {
            assert!(decode_page_token(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn update_times_must_be_rfc3339() {
        assert!(parse_update_time("2026-01-01T00:00:00.123456Z").is_ok());
        assert!(parse_update_time("yesterday").is_err());
    }
}
