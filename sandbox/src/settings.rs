//! The sandbox's settings: one typed struct, loaded once from one read of the environment.

use common::config::{ConfigError, Env, ServerSettings};

/// The sandbox's conventional port.
pub const DEFAULT_PORT: u16 = 8200;

/// Everything the sandbox process reads from the environment.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `PORT` (default 8200), `HOST`, `LOG_FORMAT`, … shared by every binary. Unlike the
    /// services, the sandbox listens on `127.0.0.1` unless `HOST` is set: it serves test
    /// credentials and demo data, never meant for other machines by accident.
    pub server: ServerSettings,
}

impl Settings {
    /// Reads `.env` and the environment once, and every part from that snapshot.
    pub fn load() -> Result<Self, ConfigError> {
        Self::from_env(&Env::load())
    }

    /// From explicit pairs (tests), as [`Settings::load`] does from the environment.
    pub fn from_pairs<K: AsRef<str>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Self, ConfigError> {
        Self::from_env(&Env::from_pairs(pairs))
    }

    fn from_env(env: &Env) -> Result<Self, ConfigError> {
        let mut server: ServerSettings = env.part()?;
        if !env.is_set("HOST") {
            server.host = "127.0.0.1".into();
        }
        Ok(Self { server })
    }

    /// The listen port: `PORT`, else 8200.
    pub fn port(&self) -> u16 {
        self.server.port.unwrap_or(DEFAULT_PORT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_on_8200_unless_told_otherwise() {
        let s = Settings::from_pairs([("LOG_FORMAT", "json")]).unwrap();
        assert_eq!((s.server.host.as_str(), s.port()), ("127.0.0.1", 8200));
        let s = Settings::from_pairs([("HOST", "0.0.0.0"), ("PORT", "9200")]).unwrap();
        assert_eq!((s.server.host.as_str(), s.port()), ("0.0.0.0", 9200));
    }
}
