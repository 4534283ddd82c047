//! The MCP tools: typed inputs and outputs, each a thin call into [`crate::billing`].

use std::sync::Arc;

use common::contract::chargebee::{
    self as contract, BillingTotals, Customer, DEFAULT_INVOICES, Invoice, Invoices, LastInvoice,
    ListInvoicesInput, MAX_INVOICES, Subscription, Subscriptions, is_live,
};
use common::contract::{ByEmail, Money};
use common::upstream::UpstreamError;
use common::{ToolContext, ToolError, Toolbox};

use crate::billing;
use crate::client::ChargebeeClient;

/// The client, or why there is none (so tools answer `not_configured` instead of failing start-up).
pub type Backend = Arc<Result<ChargebeeClient, UpstreamError>>;

fn client(b: &Backend) -> Result<&ChargebeeClient, ToolError> {
    b.as_ref().as_ref().map_err(|e| e.clone().into())
}

async fn get_customer(b: Backend, a: ByEmail) -> Result<Customer, ToolError> {
    let (c, others) = billing::find_customer(client(&b)?, &a.email).await?;
    Ok(billing::customer(c, others))
}

async fn list_subscriptions(b: Backend, a: ByEmail) -> Result<Subscriptions, ToolError> {
    let cb = client(&b)?;
    let (c, _) = billing::find_customer(cb, &a.email).await?;
    let (subs, more) = cb.subscriptions(&c.id).await?;
    let subscriptions: Vec<Subscription> = subs.into_iter().map(billing::subscription).collect();
    Ok(Subscriptions {
        customer_id: c.id,
        total: subscriptions.len(),
        active: subscriptions.iter().filter(|s| is_live(&s.status)).count(),
        subscriptions,
        complete: !more,
    })
}

async fn list_invoices(b: Backend, a: ListInvoicesInput) -> Result<Invoices, ToolError> {
    let limit = a.limit.unwrap_or(DEFAULT_INVOICES);
    if !(1..=MAX_INVOICES).contains(&limit) {
        return Err(ToolError::invalid(format!(
            "limit must be between 1 and {MAX_INVOICES}, got {limit}"
        )));
    }
    let statuses: Vec<&str> = a.status.iter().flatten().map(|s| s.as_str()).collect();
    let cb = client(&b)?;
    let (c, _) = billing::find_customer(cb, &a.email).await?;
    let (raw, next_offset) = cb
        .invoice_page(&c.id, &statuses, Some(limit as usize), a.offset)
        .await?;
    let now = chrono::Utc::now().timestamp();
    let invoices: Vec<Invoice> = raw.into_iter().map(|i| billing::invoice(i, now)).collect();
    Ok(Invoices {
        customer_id: c.id,
        returned: invoices.len(),
        invoices,
        has_more: next_offset.is_some(),
        next_offset,
    })
}

async fn billing_summary(b: Backend, a: ByEmail) -> Result<BillingTotals, ToolError> {
    let cb = client(&b)?;
    let (c, _) = billing::find_customer(cb, &a.email).await?;
    let (subs, invs) = tokio::try_join!(cb.subscriptions(&c.id), cb.invoices(&c.id, None))?;
    let (subs, subs_more) = subs;
    let (invs, invs_more) = invs;
    let currency = c
        .preferred_currency_code
        .clone()
        .or_else(|| invs.first().map(|i| i.currency_code.clone()))
        .or_else(|| subs.iter().find_map(|s| s.currency_code.clone()))
        .unwrap_or_else(|| "USD".into());
    let now = chrono::Utc::now().timestamp();
    let same = |cur: &str| cur.eq_ignore_ascii_case(&currency);
    let live: Vec<_> = subs.iter().filter(|s| is_live(&s.status)).collect();
    let mrr: i64 = live
        .iter()
        .filter(|s| s.currency_code.as_deref().is_none_or(same))
        .filter_map(|s| s.mrr)
        .sum();
    let trimmed: Vec<Invoice> = invs
        .iter()
        .cloned()
        .map(|i| billing::invoice(i, now))
        .collect();
    let (mut outstanding, mut overdue, mut unpaid_n, mut overdue_n) = (0i64, 0i64, 0, 0);
    for (raw, inv) in invs.iter().zip(&trimmed) {
        if !same(&raw.currency_code) || raw.status == "voided" || raw.amount_due <= 0 {
            continue;
        }
        outstanding += raw.amount_due;
        unpaid_n += 1;
        if inv.overdue {
            overdue += raw.amount_due;
            overdue_n += 1;
        }
    }
    Ok(BillingTotals {
        customer_deleted: c.deleted,
        active_subscriptions: live.len(),
        mrr: Money::from_minor(mrr, &currency),
        outstanding: Money::from_minor(outstanding, &currency),
        overdue: Money::from_minor(overdue, &currency),
        unpaid_invoices: unpaid_n,
        overdue_invoices: overdue_n,
        invoice_count: trimmed.len(),
        invoices_in_other_currencies: invs.iter().filter(|i| !same(&i.currency_code)).count(),
        last_invoice: trimmed.into_iter().next().map(|i| LastInvoice {
            id: i.id,
            status: i.status,
            date: i.date,
            total: i.total,
        }),
        complete: !subs_more && !invs_more,
        customer_id: c.id,
        currency,
    })
}

/// The service's tools, bound to `backend`.
pub fn toolbox(backend: Backend) -> Toolbox {
    let (b1, b2, b3, b4) = (backend.clone(), backend.clone(), backend.clone(), backend);
    Toolbox::new()
        .serve::<contract::GetCustomer, _, _>(move |a, _: ToolContext| get_customer(b1.clone(), a))
        .serve::<contract::ListSubscriptions, _, _>(move |a, _: ToolContext| {
            list_subscriptions(b2.clone(), a)
        })
        .serve::<contract::ListInvoices, _, _>(move |a, _: ToolContext| {
            list_invoices(b3.clone(), a)
        })
        .serve::<contract::BillingSummary, _, _>(move |a, _: ToolContext| {
            billing_summary(b4.clone(), a)
        })
}
