//! The seeded demo people: one deterministic list, consistent across Chargebee, HubSpot,
//! Firebase Auth, the Firestore `users` profiles and the Gmail mailbox.

use serde::Serialize;

/// Which systems hold a person.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Presence {
    pub chargebee: bool,
    pub hubspot: bool,
    pub firebase: bool,
}

/// A seeded person. Upstream modules derive their records from this, deterministically.
#[derive(Debug, Clone, Serialize)]
pub struct Person {
    /// Stable index (0-based); record ids derive from it.
    pub index: usize,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    /// `None`: the person has no company (edge case).
    pub company: Option<&'static str>,
    pub presence: Presence,
    /// The Chargebee customer is deleted (`deleted: true`).
    pub chargebee_deleted: bool,
    /// Number of subscriptions in Chargebee (0..=3).
    pub subscriptions: u8,
    /// Number of invoices in Chargebee; above one page (10) for the paging edge case.
    pub invoices: u8,
    /// Has unpaid / overdue invoices.
    pub unpaid_invoices: bool,
    /// Deals and tickets in HubSpot.
    pub deals: u8,
    pub tickets: u8,
    /// Plan name of the main subscription.
    pub plan: &'static str,
    /// Free text for the demo: why this person is interesting.
    pub note: &'static str,
}

const ALL: Presence = Presence {
    chargebee: true,
    hubspot: true,
    firebase: true,
};

struct Seed {
    first: &'static str,
    last: &'static str,
    local: &'static str,
    domain: &'static str,
    company: Option<&'static str>,
    presence: Presence,
    deleted: bool,
    subs: u8,
    invoices: u8,
    unpaid: bool,
    deals: u8,
    tickets: u8,
    plan: &'static str,
    note: &'static str,
}

const fn seed(
    first: &'static str,
    last: &'static str,
    local: &'static str,
    domain: &'static str,
    company: Option<&'static str>,
) -> Seed {
    Seed {
        first,
        last,
        local,
        domain,
        company,
        presence: ALL,
        deleted: false,
        subs: 1,
        invoices: 3,
        unpaid: false,
        deals: 1,
        tickets: 1,
        plan: "growth-monthly",
        note: "typical customer",
    }
}

fn seeds() -> Vec<Seed> {
    vec![
        Seed {
            invoices: 14,
            unpaid: true,
            deals: 2,
            tickets: 2,
            note: "the demo person: many invoices (more than one page), one overdue",
            ..seed(
                "Alice",
                "Johnson",
                "alice",
                "example.com",
                Some("Acme Corp"),
            )
        },
        Seed {
            subs: 3,
            plan: "enterprise-annual",
            note: "several subscriptions",
            ..seed("Bob", "Smith", "bob", "example.com", Some("Acme Corp"))
        },
        Seed {
            company: None,
            note: "no company",
            ..seed("Carol", "Diaz", "carol", "example.org", None)
        },
        Seed {
            presence: Presence {
                chargebee: true,
                hubspot: false,
                firebase: false,
            },
            note: "in Chargebee only",
            ..seed(
                "Dmitri",
                "Ivanov",
                "dmitri",
                "example.net",
                Some("Volga Logistics"),
            )
        },
        Seed {
            presence: Presence {
                chargebee: false,
                hubspot: true,
                firebase: false,
            },
            subs: 0,
            invoices: 0,
            note: "in HubSpot only (a lead)",
            ..seed("Emma", "Brown", "emma", "example.com", Some("Brown & Co"))
        },
        Seed {
            presence: Presence {
                chargebee: false,
                hubspot: false,
                firebase: true,
            },
            subs: 0,
            invoices: 0,
            deals: 0,
            tickets: 0,
            note: "in Firebase only (app user, not a customer)",
            ..seed("Farid", "Haddad", "farid", "example.com", None)
        },
        Seed {
            deleted: true,
            subs: 0,
            invoices: 2,
            note: "deleted Chargebee customer",
            ..seed("Grace", "Lee", "grace", "example.com", Some("Lee Design"))
        },
        Seed {
            unpaid: true,
            invoices: 4,
            note: "unpaid invoices",
            ..seed(
                "Hiro",
                "Tanaka",
                "hiro",
                "example.jp",
                Some("Tanaka Robotics"),
            )
        },
        seed(
            "山田",
            "太郎",
            "taro.yamada",
            "example.jp",
            Some("山田商事"),
        ),
        seed(
            "Олег",
            "Петров",
            "oleg.petrov",
            "example.ru",
            Some("Петров и партнёры"),
        ),
        seed("محمد", "العلي", "m.alali", "example.ae", Some("شركة العلي")),
        Seed {
            tickets: 3,
            note: "several open support tickets",
            ..seed(
                "Ingrid",
                "Nilsson",
                "ingrid",
                "example.se",
                Some("Nordic Bikes"),
            )
        },
        seed(
            "Jamal",
            "Carter",
            "jamal",
            "example.com",
            Some("Carter Freight"),
        ),
        Seed {
            deals: 3,
            plan: "enterprise-annual",
            note: "large open pipeline",
            ..seed(
                "Kim",
                "Nguyen",
                "kim.nguyen",
                "example.com",
                Some("Nguyen Foods"),
            )
        },
        seed(
            "Lucía",
            "Fernández",
            "lucia",
            "example.es",
            Some("Fernández Hermanos"),
        ),
        seed(
            "Marco",
            "Rossi",
            "marco.rossi",
            "example.it",
            Some("Rossi Srl"),
        ),
        Seed {
            subs: 2,
            ..seed(
                "Nadia",
                "Kowalski",
                "nadia",
                "example.pl",
                Some("Kowalski IT"),
            )
        },
        seed("Owen", "Murphy", "owen", "example.ie", Some("Murphy Pubs")),
        Seed {
            unpaid: true,
            ..seed(
                "Priya",
                "Sharma",
                "priya",
                "example.in",
                Some("Sharma Textiles"),
            )
        },
        seed(
            "Quentin",
            "Moreau",
            "quentin",
            "example.fr",
            Some("Moreau SA"),
        ),
        Seed {
            company: None,
            ..seed("Rosa", "Silva", "rosa", "example.br", None)
        },
        seed("Sven", "Berg", "sven", "example.no", Some("Berg Fisk")),
        seed(
            "Tomás",
            "Novák",
            "tomas",
            "example.cz",
            Some("Novák s.r.o."),
        ),
        seed("Uma", "Patel", "uma", "example.com", Some("Patel Pharmacy")),
        seed(
            "Victor",
            "Okafor",
            "victor",
            "example.ng",
            Some("Okafor Energy"),
        ),
        seed("Wei", "Zhang", "wei.zhang", "example.cn", Some("张氏科技")),
        Seed {
            invoices: 12,
            ..seed(
                "Xavier",
                "Dubois",
                "xavier",
                "example.fr",
                Some("Dubois Vins"),
            )
        },
        seed(
            "Yara",
            "Haddad",
            "yara",
            "example.lb",
            Some("Haddad Trading"),
        ),
        seed("Zoe", "Walker", "zoe", "example.com", Some("Walker Studio")),
        Seed {
            subs: 0,
            invoices: 0,
            plan: "none",
            note: "customer with no subscription",
            ..seed("Aaron", "Klein", "aaron", "example.de", Some("Klein GmbH"))
        },
        seed(
            "Beatriz",
            "Costa",
            "beatriz",
            "example.pt",
            Some("Costa Lda"),
        ),
        seed("Chen", "Wang", "chen.wang", "example.tw", Some("王記")),
    ]
}

/// The seeded people, in a stable order.
pub fn people() -> &'static [Person] {
    static PEOPLE: std::sync::LazyLock<Vec<Person>> = std::sync::LazyLock::new(|| {
        seeds()
            .into_iter()
            .enumerate()
            .map(|(index, s)| Person {
                index,
                email: format!("{}@{}", s.local, s.domain),
                first_name: s.first.to_string(),
                last_name: s.last.to_string(),
                company: s.company,
                presence: s.presence,
                chargebee_deleted: s.deleted,
                subscriptions: s.subs,
                invoices: s.invoices,
                unpaid_invoices: s.unpaid,
                deals: s.deals,
                tickets: s.tickets,
                plan: s.plan,
                note: s.note,
            })
            .collect()
    });
    &PEOPLE
}

/// A person by email (case-insensitive).
pub fn person(email: &str) -> Option<&'static Person> {
    people()
        .iter()
        .find(|p| p.email.eq_ignore_ascii_case(email))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_at_least_thirty_people_with_unique_valid_emails() {
        let p = people();
        assert!(p.len() >= 30);
        let mut emails: Vec<_> = p.iter().map(|x| x.email.clone()).collect();
        emails.sort();
        emails.dedup();
        assert_eq!(emails.len(), p.len());
        for e in &emails {
            assert!(common::Email::parse(e).is_ok(), "{e}");
        }
    }
}
