//! The MCP tools: typed arguments in, [`Mailbox`] calls, typed results out.

use std::sync::Arc;

use common::contract::gmail::{self as contract, ListInput, MessageList};
use common::kit::{ToolContext, ToolError, Toolbox};

use crate::Mailbox;
use crate::mailbox::{self, MessageId};

async fn list_messages(mb: Arc<Mailbox>, input: ListInput) -> Result<MessageList, ToolError> {
    let max = mailbox::check_max(input.max, 100)?;
    let mut terms = Vec::new();
    if let Some(since) = &input.since {
        terms.push(mailbox::after_term(since)?);
    }
    if let Some(q) = &input.query {
        let q = mailbox::check_query(q)?;
        if !q.is_empty() {
            terms.push(q.to_string());
        }
    }
    let page_token = input
        .page_token
        .as_deref()
        .map(mailbox::check_page_token)
        .transpose()?;
    mb.list(terms.join(" "), max, page_token).await
}

/// Every tool, bound to `mailbox`.
pub fn toolbox(mailbox: Arc<Mailbox>) -> Toolbox {
    let (a, b, c) = (mailbox.clone(), mailbox.clone(), mailbox);
    Toolbox::new()
        .with_timeout(std::time::Duration::from_secs(60))
        .serve::<contract::ListMessages, _, _>(move |input, _ctx: ToolContext| {
            list_messages(a.clone(), input)
        })
        .serve::<contract::GetMessage, _, _>(move |input, _ctx: ToolContext| {
            let mb = b.clone();
            async move { mb.get(&MessageId::parse(&input.id)?).await }
        })
        .serve::<contract::SearchMessages, _, _>(move |input, _ctx: ToolContext| {
            let mb = c.clone();
            async move {
                let max = mailbox::check_max(input.max, 20)?;
                mb.search(&input.email, max).await
            }
        })
}
