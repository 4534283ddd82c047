//! The tools' domain: find the contact by email, follow its associations, batch-read the
//! associated records and trim them. Nothing here knows about HTTP or MCP.

use common::Email;
use common::contract::Money;
use common::contract::hubspot::{Company, Contact, Deal, Ticket};
use common::upstream::UpstreamError;

use crate::client::HubspotClient;
use crate::wire::HsObject;

/// Properties read for each object type, named explicitly (HubSpot returns only these).
pub const CONTACT_PROPS: &[&str] = &[
    "email",
    "firstname",
    "lastname",
    "company",
    "phone",
    "jobtitle",
    "lifecyclestage",
    "createdate",
    "lastmodifieddate",
];
pub const COMPANY_PROPS: &[&str] = &[
    "name",
    "domain",
    "industry",
    "numberofemployees",
    "lifecyclestage",
    "createdate",
];
pub const DEAL_PROPS: &[&str] = &[
    "dealname",
    "amount",
    "deal_currency_code",
    "dealstage",
    "pipeline",
    "closedate",
    "createdate",
];
pub const TICKET_PROPS: &[&str] = &[
    "subject",
    "hs_pipeline",
    "hs_pipeline_stage",
    "hs_ticket_priority",
    "hs_ticket_category",
    "createdate",
    "hs_lastmodifieddate",
];

/// A HubSpot date (ISO 8601, or epoch milliseconds on older properties) as RFC 3339 UTC.
pub fn rfc3339(raw: Option<String>) -> Option<String> {
    let raw = raw?;
    let t = match raw.parse::<i64>() {
        Ok(ms) => chrono::DateTime::from_timestamp_millis(ms)?,
        Err(_) => chrono::DateTime::parse_from_rfc3339(&raw).ok()?.to_utc(),
    };
    Some(t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

/// The contact for `email` with its associations to companies, deals and tickets.
pub async fn contact_with_associations(
    client: &HubspotClient,
    email: &Email,
) -> Result<HsObject, UpstreamError> {
    let id = client
        .find_contact_id(email.as_str())
        .await?
        .ok_or_else(|| UpstreamError::NotFound("no HubSpot contact has that email".into()))?;
    client
        .object(
            "contacts",
            &id,
            CONTACT_PROPS,
            &["companies", "deals", "tickets"],
        )
        .await
}

pub fn contact(c: &HsObject) -> Contact {
    Contact {
        id: c.id.clone(),
        email: c.prop("email"),
        first_name: c.prop("firstname"),
        last_name: c.prop("lastname"),
        company_name: c.prop("company"),
        phone: c.prop("phone"),
        job_title: c.prop("jobtitle"),
        lifecycle_stage: c.prop("lifecyclestage"),
        created_at: rfc3339(c.prop("createdate").or(c.created_at.clone())),
        updated_at: rfc3339(c.prop("lastmodifieddate").or(c.updated_at.clone())),
        company_ids: c.associated("companies"),
        deal_count: c.associated("deals").len(),
        ticket_count: c.associated("tickets").len(),
    }
}

pub fn company(o: HsObject) -> Company {
    Company {
        name: o.prop("name"),
        domain: o.prop("domain"),
        industry: o.prop("industry"),
        employees: o.prop("numberofemployees").and_then(|n| n.parse().ok()),
        lifecycle_stage: o.prop("lifecyclestage"),
        created_at: rfc3339(o.prop("createdate").or(o.created_at.clone())),
        id: o.id,
    }
}

fn deal_stage_label(stage: &str) -> Option<&'static str> {
    Some(match stage {
        "appointmentscheduled" => "Appointment scheduled",
        "qualifiedtobuy" => "Qualified to buy",
        "presentationscheduled" => "Presentation scheduled",
        "decisionmakerboughtin" => "Decision maker bought-in",
        "contractsent" => "Contract sent",
        "closedwon" => "Closed won",
        "closedlost" => "Closed lost",
        _ => return None,
    })
}

pub fn deal(o: HsObject) -> Deal {
    let stage = o.prop("dealstage");
    let amount = o
        .prop("amount")
        .filter(|a| a.parse::<f64>().is_ok())
        .map(|amount| Money {
            amount,
            currency: o.prop("deal_currency_code").unwrap_or_else(|| "USD".into()),
        });
    Deal {
        name: o.prop("dealname"),
        stage_label: stage
            .as_deref()
            .and_then(deal_stage_label)
            .map(str::to_string),
        is_won: stage.as_deref() == Some("closedwon"),
        is_closed: matches!(stage.as_deref(), Some("closedwon" | "closedlost")),
        pipeline: o.prop("pipeline"),
        amount,
        close_date: rfc3339(o.prop("closedate")),
        created_at: rfc3339(o.prop("createdate").or(o.created_at.clone())),
        stage,
        id: o.id,
    }
}

pub fn ticket(o: HsObject) -> Ticket {
    let stage = o.prop("hs_pipeline_stage");
    let default_pipeline = o.prop("hs_pipeline").is_none_or(|p| p == "0");
    let status = match (default_pipeline, stage.as_deref()) {
        (true, Some("1")) => Some("New"),
        (true, Some("2")) => Some("Waiting on contact"),
        (true, Some("3")) => Some("Waiting on us"),
        (true, Some("4")) => Some("Closed"),
        _ => None,
    };
    Ticket {
        subject: o.prop("subject"),
        status: status.map(str::to_string),
        open: status != Some("Closed"),
        priority: o.prop("hs_ticket_priority"),
        category: o.prop("hs_ticket_category"),
        created_at: rfc3339(o.prop("createdate").or(o.created_at.clone())),
        updated_at: rfc3339(o.prop("hs_lastmodifieddate").or(o.updated_at.clone())),
        stage,
        id: o.id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hubspot_dates_in_both_forms_become_rfc3339() {
        assert_eq!(
            rfc3339(Some("2024-03-01T10:00:00.000Z".into())).unwrap(),
            "2024-03-01T10:00:00Z"
        );
        assert_eq!(
            rfc3339(Some("1709287200000".into())).unwrap(),
            "2024-03-01T10:00:00Z"
        );
        assert_eq!(rfc3339(Some("garbage".into())), None);
    }
}
