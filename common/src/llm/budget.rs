//! The model's spend cap: at most N calls a minute and M a day per instance. Beyond it the
//! skills answer with their built-in model (and say so), so a runaway loop or a flood of
//! questions cannot run up the bill.

use chrono::{DateTime, Utc};
use parking_lot::Mutex;

/// Calls left in the current minute and day.
pub(crate) struct Budget {
    per_minute: Option<u32>,
    per_day: Option<u32>,
    used: Mutex<Used>,
}

#[derive(Default)]
struct Used {
    minute: i64,
    in_minute: u32,
    day: i64,
    in_day: u32,
}

impl Budget {
    pub fn new(per_minute: Option<u32>, per_day: Option<u32>) -> Self {
        Self {
            per_minute,
            per_day,
            used: Mutex::new(Used::default()),
        }
    }

    /// Takes one call, or says which cap is reached.
    pub fn take(&self, now: DateTime<Utc>) -> Result<(), &'static str> {
        let minute = now.timestamp() / 60;
        let day = now.timestamp() / 86_400;
        let mut u = self.used.lock();
        if u.minute != minute {
            u.minute = minute;
            u.in_minute = 0;
        }
        if u.day != day {
            u.day = day;
            u.in_day = 0;
        }
        if self.per_minute.is_some_and(|cap| u.in_minute >= cap) {
            return Err("LLM_MAX_CALLS_PER_MINUTE");
        }
        if self.per_day.is_some_and(|cap| u.in_day >= cap) {
            return Err("LLM_MAX_CALLS_PER_DAY");
        }
        u.in_minute += 1;
        u.in_day += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_per_minute_and_per_day_refuse_then_reset() {
        let b = Budget::new(Some(2), Some(3));
        let t0: DateTime<Utc> = "2026-01-01T00:00:10Z".parse().unwrap();
        assert!(b.take(t0).is_ok());
        assert!(b.take(t0).is_ok());
        assert_eq!(b.take(t0), Err("LLM_MAX_CALLS_PER_MINUTE"));
        let t1: DateTime<Utc> = "2026-01-01T00:01:10Z".parse().unwrap();
        assert!(b.take(t1).is_ok());
        assert_eq!(b.take(t1), Err("LLM_MAX_CALLS_PER_DAY"));
        let next_day: DateTime<Utc> = "2026-01-02T00:00:00Z".parse().unwrap();
        assert!(b.take(next_day).is_ok());
        assert!(Budget::new(None, None).take(t0).is_ok());
    }
}
