//! HubSpot CRM records derived deterministically from the seeded people: contacts, companies
//! (one per distinct company name, shared by colleagues), deals and tickets, with the
//! associations between them. Property values are strings, as HubSpot returns them.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use super::people::{Person, people};

/// The object types the stand-in serves, by their plural path name.
pub const TYPES: [&str; 4] = ["contacts", "companies", "deals", "tickets"];

/// One CRM object.
#[derive(Debug, Clone)]
pub struct Object {
    pub id: String,
    /// Every property this object has (requested ones are picked from here).
    pub properties: BTreeMap<String, String>,
    pub created_at: String,
    pub updated_at: String,
    /// Associated objects by plural type: `(id, association type)`.
    pub associations: BTreeMap<&'static str, Vec<(String, String)>>,
}

/// All objects by plural type name.
pub struct Crm {
    pub objects: BTreeMap<&'static str, Vec<Object>>,
}

impl Crm {
    pub fn get(&self, kind: &str, id: &str) -> Option<&Object> {
        self.objects.get(kind)?.iter().find(|o| o.id == id)
    }
}

/// Properties returned when a request names none.
pub fn default_properties(kind: &str) -> &'static [&'static str] {
    match kind {
        "contacts" => &[
            "createdate",
            "email",
            "firstname",
            "hs_object_id",
            "lastmodifieddate",
            "lastname",
        ],
        "companies" => &[
            "createdate",
            "domain",
            "hs_lastmodifieddate",
            "hs_object_id",
            "name",
        ],
        "deals" => &[
            "amount",
            "closedate",
            "createdate",
            "dealname",
            "dealstage",
            "hs_lastmodifieddate",
            "hs_object_id",
            "pipeline",
        ],
        _ => &[
            "content",
            "createdate",
            "hs_lastmodifieddate",
            "hs_object_id",
            "hs_pipeline",
            "hs_pipeline_stage",
            "hs_ticket_category",
            "hs_ticket_priority",
            "subject",
        ],
    }
}

/// A deterministic ISO 8601 instant, `days` after 2023-01-02T09:00:00Z plus a few minutes.
fn iso(days: i64, minutes: i64) -> String {
    let base = chrono::DateTime::from_timestamp(1_672_650_000, 0).unwrap_or_default();
    (base + chrono::Duration::days(days) + chrono::Duration::minutes(minutes))
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

pub fn contact_id(p: &Person) -> String {
    (100_001 + p.index).to_string()
}

fn props(pairs: &[(&str, String)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

fn link(from: &mut Object, kind: &'static str, id: &str, label: &str) {
    from.associations
        .entry(kind)
        .or_default()
        .push((id.to_string(), label.to_string()));
}

const INDUSTRIES: [&str; 5] = [
    "COMPUTER_SOFTWARE",
    "LOGISTICS_AND_SUPPLY_CHAIN",
    "RETAIL",
    "FOOD_BEVERAGES",
    "FINANCIAL_SERVICES",
];
const DEAL_STAGES: [&str; 3] = ["contractsent", "presentationscheduled", "qualifiedtobuy"];
const TICKET_SUBJECTS: [&str; 5] = [
    "Question about my last invoice",
    "Cannot log in to the dashboard",
    "Feature request: export to CSV",
    "Payment failed, please advise",
    "How do I add a team member?",
];

fn deal_amount(p: &Person) -> &'static str {
    if p.plan == "enterprise-annual" {
        "12000"
    } else {
        "588"
    }
}

fn build() -> Crm {
    let mut contacts = Vec::new();
    let mut companies: Vec<Object> = Vec::new();
    let mut deals = Vec::new();
    let mut tickets = Vec::new();
    for p in people().iter().filter(|p| p.presence.hubspot) {
        let i = p.index as i64;
        let cid = contact_id(p);
        let mut contact = Object {
            id: cid.clone(),
            properties: props(&[
                ("email", p.email.clone()),
                ("firstname", p.first_name.clone()),
                ("lastname", p.last_name.clone()),
                ("phone", format!("+1 555 01{:02}", p.index)),
                (
                    "jobtitle",
                    ["Head of Operations", "CTO", "Finance Manager", "Founder"][p.index % 4]
                        .to_string(),
                ),
                (
                    "lifecyclestage",
                    if p.presence.chargebee {
                        "customer"
                    } else {
                        "lead"
                    }
                    .to_string(),
                ),
                ("hs_object_id", cid.clone()),
                ("createdate", iso(i * 9, 0)),
                ("lastmodifieddate", iso(i * 9 + 300, 5)),
            ]),
            created_at: iso(i * 9, 0),
            updated_at: iso(i * 9 + 300, 5),
            associations: BTreeMap::new(),
        };
        if let Some(name) = p.company {
            contact
                .properties
                .insert("company".into(), name.to_string());
            let pos = match companies.iter().position(|c| c.properties["name"] == name) {
                Some(pos) => pos,
                None => {
                    let id = (200_001 + companies.len()).to_string();
                    companies.push(Object {
                        id: id.clone(),
                        properties: props(&[
                            ("name", name.to_string()),
                            (
                                "domain",
                                p.email.rsplit('@').next().unwrap_or_default().to_string(),
                            ),
                            (
                                "industry",
                                INDUSTRIES[companies.len() % INDUSTRIES.len()].to_string(),
                            ),
                            ("numberofemployees", (10 + companies.len() * 37).to_string()),
                            (
                                "lifecyclestage",
                                if p.presence.chargebee {
                                    "customer"
                                } else {
                                    "lead"
                                }
                                .to_string(),
                            ),
                            ("hs_object_id", id),
                            ("createdate", iso(i * 9, -30)),
                            ("hs_lastmodifieddate", iso(i * 9 + 200, 0)),
                        ]),
                        created_at: iso(i * 9, -30),
                        updated_at: iso(i * 9 + 200, 0),
                        associations: BTreeMap::new(),
                    });
                    companies.len() - 1
                }
            };
            let company = &mut companies[pos];
            link(company, "contacts", &cid, "company_to_contact");
            let coid = company.id.clone();
            // HubSpot lists the primary and the unlabeled association for the same company.
            link(&mut contact, "companies", &coid, "contact_to_company");
            link(
                &mut contact,
                "companies",
                &coid,
                "contact_to_company_unlabeled",
            );
        }
        for k in 0..i64::from(p.deals) {
            let id = (300_001 + i * 10 + k).to_string();
            // A paying customer's first deal is won; the rest are open.
            let stage = if k == 0 && p.presence.chargebee {
                "closedwon"
            } else {
                DEAL_STAGES[(k as usize) % 3]
            };
            let name = format!(
                "{} – {}",
                p.company.map_or_else(
                    || format!("{} {}", p.first_name, p.last_name),
                    str::to_string
                ),
                p.plan
            );
            let mut deal = Object {
                id: id.clone(),
                properties: props(&[
                    ("dealname", name),
                    ("amount", deal_amount(p).to_string()),
                    ("deal_currency_code", "USD".to_string()),
                    ("dealstage", stage.to_string()),
                    ("pipeline", "default".to_string()),
                    ("closedate", iso(i * 9 + 60 + k * 45, 0)),
                    ("hs_is_closed_won", (stage == "closedwon").to_string()),
                    ("hs_object_id", id.clone()),
                    ("createdate", iso(i * 9 + 10 + k * 30, 0)),
                    ("hs_lastmodifieddate", iso(i * 9 + 70 + k * 45, 0)),
                ]),
                created_at: iso(i * 9 + 10 + k * 30, 0),
                updated_at: iso(i * 9 + 70 + k * 45, 0),
                associations: BTreeMap::new(),
            };
            link(&mut deal, "contacts", &cid, "deal_to_contact");
            link(&mut contact, "deals", &id, "contact_to_deal");
            deals.push(deal);
        }
        for k in 0..i64::from(p.tickets) {
            let id = (400_001 + i * 10 + k).to_string();
            let n = p.index + k as usize;
            let subject = if p.unpaid_invoices && k == 0 {
                "Invoice overdue?"
            } else {
                TICKET_SUBJECTS[n % TICKET_SUBJECTS.len()]
            };
            let mut ticket = Object {
                id: id.clone(),
                properties: props(&[
                    ("subject", subject.to_string()),
                    ("content", format!("{} wrote: {subject}", p.first_name)),
                    ("hs_pipeline", "0".to_string()),
                    // Stages of the default support pipeline: 1 new … 4 closed.
                    ("hs_pipeline_stage", ["1", "2", "3", "4"][n % 4].to_string()),
                    (
                        "hs_ticket_priority",
                        ["HIGH", "MEDIUM", "LOW"][n % 3].to_string(),
                    ),
                    ("hs_ticket_category", "GENERAL_INQUIRY".to_string()),
                    ("hs_object_id", id.clone()),
                    ("createdate", iso(i * 9 + 400 + k * 20, 15)),
                    ("hs_lastmodifieddate", iso(i * 9 + 402 + k * 20, 40)),
                ]),
                created_at: iso(i * 9 + 400 + k * 20, 15),
                updated_at: iso(i * 9 + 402 + k * 20, 40),
                associations: BTreeMap::new(),
            };
            link(&mut ticket, "contacts", &cid, "ticket_to_contact");
            link(&mut contact, "tickets", &id, "contact_to_ticket");
            tickets.push(ticket);
        }
        contacts.push(contact);
    }
    let objects = BTreeMap::from([
        ("contacts", contacts),
        ("companies", companies),
        ("deals", deals),
        ("tickets", tickets),
    ]);
    Crm { objects }
}

/// The whole CRM, built once.
pub fn crm() -> &'static Crm {
    static CRM: LazyLock<Crm> = LazyLock::new(build);
    &CRM
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colleagues_share_a_company_and_counts_follow_the_seed() {
        let crm = crm();
        let alice = crm.get("contacts", "100001").unwrap();
        let bob = crm.get("contacts", "100002").unwrap();
        assert_eq!(
            alice.associations["companies"][0].0,
            bob.associations["companies"][0].0
        );
        assert_eq!(alice.associations["deals"].len(), 2);
        assert_eq!(alice.associations["tickets"].len(), 2);
        let carol = crm.get("contacts", "100003").unwrap();
        assert!(!carol.associations.contains_key("companies"));
        assert!(
            crm.objects["contacts"]
                .iter()
                .all(|c| c.properties["email"] != "dmitri@example.net")
        );
    }
}
