//! App profiles to seed: read at start-up from a JSON file (`SEED_PROFILES_FILE`), so no
//! demo data is compiled into the service.

use std::path::Path;

use super::Profile;

/// Reads a JSON array of profiles.
pub fn load_profiles(path: &Path) -> Result<Vec<Profile>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    #[test]
    fn a_profiles_file_parses_and_a_bad_one_names_itself() {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        write!(
            f,
            r#"[{{"uid": "u1", "email": "a@example.com", "plan": "pro"}}]"#
        )
        .unwrap();
        let profiles = super::load_profiles(f.path()).unwrap();
        assert_eq!(profiles[0].plan.as_deref(), Some("pro"));
        let mut bad = tempfile::NamedTempFile::new().unwrap();
        write!(bad, "not json").unwrap();
        let err = super::load_profiles(bad.path()).unwrap_err();
        assert!(err.contains(&bad.path().display().to_string()), "{err}");
    }
}
