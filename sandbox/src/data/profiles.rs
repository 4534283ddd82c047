//! The Firestore `users` profile documents of the seeded people who have a Firebase account.
//!
//! The documents live in `sandbox/data/profiles.json`, a file the firebase service reads at
//! start-up when a local stack sets `SEED_PROFILES_FILE` to it (no demo data is compiled
//! into a service).
//! A test keeps the file in step with `people()`; `SANDBOX_WRITE_PROFILES=1 cargo test -p
//! sandbox profiles` rewrites it after the seed changes.

use serde::{Deserialize, Serialize};

/// Where the profiles file is in a checkout (what `SEED_PROFILES_FILE` points at locally).
pub fn profiles_file() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/profiles.json")
}

/// The profiles file, verbatim.
pub const PROFILES_JSON: &str = include_str!("../../data/profiles.json");

/// One `users/{uid}` document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The Firebase uid (Identity Toolkit `localId`); also the document id.
    pub uid: String,
    pub email: String,
    pub display_name: String,
    /// The product plan the app shows (mirrors the main Chargebee subscription).
    pub plan: String,
    /// BCP 47 locale, e.g. `ja-JP`.
    pub locale: String,
    /// IANA time zone.
    pub timezone: String,
    /// RFC 3339, the same instant as the account's `createdAt`.
    pub created_at: String,
    pub preferences: Preferences,
}

/// What the user chose in the app's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preferences {
    /// `email`, `push` or `none`.
    pub notifications: String,
    pub weekly_digest: bool,
    /// `light`, `dark` or `system`.
    pub theme: String,
}

/// Every profile, in seed order.
pub fn profiles() -> &'static [Profile] {
    static PROFILES: std::sync::LazyLock<Vec<Profile>> = std::sync::LazyLock::new(|| {
        serde_json::from_str(PROFILES_JSON).expect("sandbox/data/profiles.json is valid")
    });
    &PROFILES
}

/// A profile by email (case-insensitive).
pub fn profile(email: &str) -> Option<&'static Profile> {
    profiles()
        .iter()
        .find(|p| p.email.eq_ignore_ascii_case(email))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::people::Person;
    use crate::identity;

    /// Locale and time zone from the address's country domain.
    fn locale(p: &Person) -> (&'static str, &'static str) {
        let tld = p.email.rsplit('.').next().unwrap_or_default();
        match tld {
            "jp" => ("ja-JP", "Asia/Tokyo"),
            "ru" => ("ru-RU", "Europe/Moscow"),
            "ae" => ("ar-AE", "Asia/Dubai"),
            "se" => ("sv-SE", "Europe/Stockholm"),
            "es" => ("es-ES", "Europe/Madrid"),
            "it" => ("it-IT", "Europe/Rome"),
            "pl" => ("pl-PL", "Europe/Warsaw"),
            "ie" => ("en-IE", "Europe/Dublin"),
            "in" => ("en-IN", "Asia/Kolkata"),
            "fr" => ("fr-FR", "Europe/Paris"),
            "br" => ("pt-BR", "America/Sao_Paulo"),
            "no" => ("nb-NO", "Europe/Oslo"),
            "cz" => ("cs-CZ", "Europe/Prague"),
            "ng" => ("en-NG", "Africa/Lagos"),
            "cn" => ("zh-CN", "Asia/Shanghai"),
            "lb" => ("ar-LB", "Asia/Beirut"),
            "de" => ("de-DE", "Europe/Berlin"),
            "pt" => ("pt-PT", "Europe/Lisbon"),
            "tw" => ("zh-TW", "Asia/Taipei"),
            _ => ("en-US", "America/New_York"),
        }
    }

    fn generate() -> Vec<Profile> {
        identity::users()
            .map(|p| {
                let (locale, timezone) = locale(p);
                let created =
                    chrono::DateTime::from_timestamp_millis(identity::created_at_ms(p.index))
                        .expect("seed dates are in range");
                Profile {
                    uid: identity::local_id(p.index),
                    email: p.email.clone(),
                    display_name: format!("{} {}", p.first_name, p.last_name),
                    plan: p.plan.to_string(),
                    locale: locale.to_string(),
                    timezone: timezone.to_string(),
                    created_at: created.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    preferences: Preferences {
                        notifications: ["email", "push", "none"][p.index % 3].to_string(),
                        weekly_digest: p.index.is_multiple_of(2),
                        theme: ["system", "light", "dark"][p.index % 3].to_string(),
                    },
                }
            })
            .collect()
    }

    #[test]
    fn the_profiles_file_matches_the_seeded_people() {
        let expected = generate();
        if std::env::var_os("SANDBOX_WRITE_PROFILES").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/profiles.json");
            let text = serde_json::to_string_pretty(&expected).unwrap() + "\n";
            std::fs::write(path, text).unwrap();
            return;
        }
        assert_eq!(
            profiles(),
            expected.as_slice(),
            "run SANDBOX_WRITE_PROFILES=1 cargo test -p sandbox profiles"
        );
    }

    #[test]
    fn every_firebase_user_has_one_profile_under_its_uid() {
        for p in identity::users() {
            let profile = profile(&p.email).expect("a profile");
            assert_eq!(profile.uid, identity::local_id(p.index));
        }
        assert_eq!(profiles().len(), identity::users().count());
    }
}
