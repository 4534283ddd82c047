//! CRM (HubSpot): the contact, their company, deals and tickets, trimmed to what a question
//! needs.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{ByEmail, Effect, Money, person_tool, tool};

tool!(
    /// The CRM contact with this email.
    GetContact: GetContact, Effect::Read, ByEmail => Contact,
    "The HubSpot contact with this email: name, company name, phone, job title, lifecycle stage, and how many companies, deals and tickets are linked."
);
person_tool!(GetContact, 300);

tool!(
    /// The contact's company.
    GetCompany: GetCompany, Effect::Read, ByEmail => CompanyAnswer,
    "The company (or companies) the person's HubSpot contact belongs to: name, domain, industry, size. `company` is null when there is none."
);
person_tool!(GetCompany, 300);

tool!(
    /// The person's deals.
    ListDeals: ListDeals, Effect::Read, ByEmail => Deals,
    "The person's HubSpot deals: name, stage, amount with currency, close date, open/won."
);
person_tool!(ListDeals, 300);

tool!(
    /// The person's support tickets.
    ListTickets: ListTickets, Effect::Read, ByEmail => Tickets,
    "The person's HubSpot support tickets: subject, status, priority, dates, open or closed."
);
person_tool!(ListTickets, 300);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Contact {
    pub id: String,
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    /// The company name typed on the contact (may differ from the associated company).
    pub company_name: Option<String>,
    pub phone: Option<String>,
    pub job_title: Option<String>,
    /// E.g. `lead`, `opportunity`, `customer`.
    pub lifecycle_stage: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub company_ids: Vec<String>,
    pub deal_count: usize,
    pub ticket_count: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Company {
    pub id: String,
    pub name: Option<String>,
    pub domain: Option<String>,
    pub industry: Option<String>,
    pub employees: Option<u64>,
    pub lifecycle_stage: Option<String>,
    pub created_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Deal {
    pub id: String,
    pub name: Option<String>,
    /// The stage id, e.g. `contractsent`.
    pub stage: Option<String>,
    /// A readable stage name for the default pipeline's stages.
    pub stage_label: Option<String>,
    pub pipeline: Option<String>,
    pub amount: Option<Money>,
    pub close_date: Option<String>,
    pub created_at: Option<String>,
    pub is_closed: bool,
    pub is_won: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Ticket {
    pub id: String,
    pub subject: Option<String>,
    /// The pipeline stage id.
    pub stage: Option<String>,
    /// `New`, `Waiting on contact`, `Waiting on us` or `Closed` (default pipeline).
    pub status: Option<String>,
    /// `LOW`, `MEDIUM`, `HIGH` or `URGENT`.
    pub priority: Option<String>,
    pub category: Option<String>,
    pub open: bool,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CompanyAnswer {
    pub contact_id: String,
    /// The contact's primary company; `null` when the contact has none.
    pub company: Option<Company>,
    /// Every associated company (the primary first).
    pub companies: Vec<Company>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Deals {
    pub contact_id: String,
    pub deals: Vec<Deal>,
    pub total: usize,
    pub open: usize,
    /// False when the batch budget ran out before every deal was read.
    pub complete: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Tickets {
    pub contact_id: String,
    pub tickets: Vec<Ticket>,
    pub total: usize,
    pub open: usize,
    /// False when the batch budget ran out before every ticket was read.
    pub complete: bool,
}
