//! The MCP tools: typed inputs and outputs, each a thin call into [`crate::crm`].

use std::sync::Arc;

use common::contract::ByEmail;
use common::contract::hubspot::{
    self as contract, Company, CompanyAnswer, Contact, Deal, Deals, Ticket, Tickets,
};
use common::upstream::UpstreamError;
use common::{ToolContext, ToolError, Toolbox};

use crate::client::HubspotClient;
use crate::crm::{self, COMPANY_PROPS, DEAL_PROPS, TICKET_PROPS};

/// The client, or why there is none (so tools answer `not_configured` instead of failing start-up).
pub type Backend = Arc<Result<HubspotClient, UpstreamError>>;

fn client(b: &Backend) -> Result<&HubspotClient, ToolError> {
    b.as_ref().as_ref().map_err(|e| e.clone().into())
}

async fn get_contact(b: Backend, a: ByEmail) -> Result<Contact, ToolError> {
    let c = crm::contact_with_associations(client(&b)?, &a.email).await?;
    Ok(crm::contact(&c))
}

async fn get_company(b: Backend, a: ByEmail) -> Result<CompanyAnswer, ToolError> {
    let hs = client(&b)?;
    let c = crm::contact_with_associations(hs, &a.email).await?;
    let ids = c.associated("companies");
    let companies: Vec<Company> = if ids.is_empty() {
        Vec::new()
    } else {
        hs.batch_read("companies", &ids, COMPANY_PROPS)
            .await?
            .0
            .into_iter()
            .map(crm::company)
            .collect()
    };
    Ok(CompanyAnswer {
        contact_id: c.id,
        company: companies.first().cloned(),
        companies,
    })
}

async fn list_deals(b: Backend, a: ByEmail) -> Result<Deals, ToolError> {
    let hs = client(&b)?;
    let c = crm::contact_with_associations(hs, &a.email).await?;
    let ids = c.associated("deals");
    let (raw, truncated) = if ids.is_empty() {
        (Vec::new(), false)
    } else {
        hs.batch_read("deals", &ids, DEAL_PROPS).await?
    };
    let deals: Vec<Deal> = raw.into_iter().map(crm::deal).collect();
    Ok(Deals {
        contact_id: c.id,
        total: deals.len(),
        open: deals.iter().filter(|d| !d.is_closed).count(),
        deals,
        complete: !truncated,
    })
}

async fn list_tickets(b: Backend, a: ByEmail) -> Result<Tickets, ToolError> {
    let hs = client(&b)?;
    let c = crm::contact_with_associations(hs, &a.email).await?;
    let ids = c.associated("tickets");
    let (raw, truncated) = if ids.is_empty() {
        (Vec::new(), false)
    } else {
        hs.batch_read("tickets", &ids, TICKET_PROPS).await?
    };
    let tickets: Vec<Ticket> = raw.into_iter().map(crm::ticket).collect();
    Ok(Tickets {
        contact_id: c.id,
        total: tickets.len(),
        open: tickets.iter().filter(|t| t.open).count(),
        tickets,
        complete: !truncated,
    })
}

/// The service's tools, bound to `backend`.
pub fn toolbox(backend: Backend) -> Toolbox {
    let (b1, b2, b3, b4) = (backend.clone(), backend.clone(), backend.clone(), backend);
    Toolbox::new()
        .serve::<contract::GetContact, _, _>(move |a, _: ToolContext| get_contact(b1.clone(), a))
        .serve::<contract::GetCompany, _, _>(move |a, _: ToolContext| get_company(b2.clone(), a))
        .serve::<contract::ListDeals, _, _>(move |a, _: ToolContext| list_deals(b3.clone(), a))
        .serve::<contract::ListTickets, _, _>(move |a, _: ToolContext| list_tickets(b4.clone(), a))
}
