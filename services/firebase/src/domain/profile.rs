//! App profiles: the `users` documents, one per Firebase uid.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The sandbox's demo profiles (the same people as its Identity Toolkit users), seeded into
/// Firestore when `SEED_DEMO_PROFILES=true`. Shared as a file so the service does not depend
/// on the sandbox crate.
pub const DEMO_PROFILES_JSON: &str = include_str!("../../../../sandbox/data/profiles.json");

/// A user's app profile. Fields other than `uid` and `email` may be missing in real data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Profile {
    /// The Firebase uid (also the document id).
    pub uid: String,
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// The product plan the app shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
    /// BCP 47, e.g. `ja-JP`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// IANA time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default)]
    pub preferences: Preferences,
}

/// The user's settings in the app.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Preferences {
    /// `email`, `push` or `none`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notifications: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekly_digest: Option<bool>,
    /// `light`, `dark` or `system`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
}

/// The demo profiles, parsed.
pub fn demo_profiles() -> Result<Vec<Profile>, serde_json::Error> {
    serde_json::from_str(DEMO_PROFILES_JSON)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_profiles_parse_and_name_unique_uids() {
        let profiles = super::demo_profiles().unwrap();
        assert!(profiles.len() >= 20);
        let mut uids: Vec<_> = profiles.iter().map(|p| p.uid.clone()).collect();
        uids.sort();
        uids.dedup();
        assert_eq!(uids.len(), profiles.len());
    }
}
