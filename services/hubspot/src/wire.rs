//! HubSpot CRM v3's wire format: only the fields the tools read.

use std::collections::HashMap;

use serde::Deserialize;

/// A CRM object. Requested properties that are unset come back as `null`.
#[derive(Debug, Clone, Deserialize)]
pub struct HsObject {
    pub id: String,
    #[serde(default)]
    pub properties: HashMap<String, Option<String>>,
    #[serde(default, rename = "createdAt")]
    pub created_at: Option<String>,
    #[serde(default, rename = "updatedAt")]
    pub updated_at: Option<String>,
    #[serde(default)]
    pub associations: HashMap<String, AssociationList>,
}

impl HsObject {
    /// A property's value; `None` when absent, null or empty.
    pub fn prop(&self, name: &str) -> Option<String> {
        self.properties
            .get(name)
            .cloned()
            .flatten()
            .filter(|v| !v.is_empty())
    }

    /// Associated ids of one type, deduplicated (HubSpot lists a labelled and an unlabelled
    /// association for the same object), in order.
    pub fn associated(&self, kind: &str) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        for a in self
            .associations
            .get(kind)
            .map(|l| l.results.as_slice())
            .unwrap_or_default()
        {
            if !ids.contains(&a.id) {
                ids.push(a.id.clone());
            }
        }
        ids
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct AssociationList {
    #[serde(default)]
    pub results: Vec<Association>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Association {
    pub id: String,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
}

/// `POST …/search` answer.
#[derive(Debug, Deserialize)]
pub struct SearchPage {
    #[serde(default)]
    pub total: u64,
    pub results: Vec<HsObject>,
    #[serde(default)]
    pub paging: Option<Paging>,
}

#[derive(Debug, Deserialize)]
pub struct Paging {
    #[serde(default)]
    pub next: Option<Next>,
}

#[derive(Debug, Deserialize)]
pub struct Next {
    pub after: String,
}

/// `POST …/batch/read` answer (200, or 207 with `errors` for unknown ids).
#[derive(Debug, Deserialize)]
pub struct BatchPage {
    pub results: Vec<HsObject>,
    #[serde(default, rename = "numErrors")]
    pub num_errors: u32,
}
