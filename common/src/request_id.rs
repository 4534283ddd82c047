//! The request id: taken from `x-request-id` or generated, echoed back, forwarded on outbound calls.
//!
//! The middleware runs every request inside a task-local scope, so outbound clients can read
//! the current id without threading it through every signature.

use std::future::Future;

/// The header that carries the request id in and out.
pub const HEADER: &str = "x-request-id";

/// Longest caller-supplied id we keep; longer or odd ones are replaced.
const MAX_LEN: usize = 128;

tokio::task_local! {
    static REQUEST_ID: String;
}

/// The id of the request being served on this task, if any.
pub fn current() -> Option<String> {
    REQUEST_ID.try_with(Clone::clone).ok()
}

/// Runs `fut` with `id` as the current request id.
pub async fn scope<F: Future>(id: String, fut: F) -> F::Output {
    REQUEST_ID.scope(id, fut).await
}

/// A caller-supplied id if it is sane (printable ASCII, bounded), otherwise a new UUIDv7.
pub fn accept_or_generate(supplied: Option<&str>) -> String {
    match supplied {
        Some(s)
            if !s.is_empty()
                && s.len() <= MAX_LEN
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.:/".contains(&b)) =>
        {
            s.to_string()
        }
        _ => new_id(),
    }
}

/// A UUIDv7 (time-ordered) with its random bits from the thread's generator: no system call
/// per request, unlike `Uuid::now_v7` without uuid's `fast-rng`.
fn new_id() -> String {
    use rand::Rng;
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    let random: [u8; 10] = rand::rng().random();
    // Encoded into a stack buffer: no formatting machinery on every request.
    let mut buf = uuid::Uuid::encode_buffer();
    uuid::Builder::from_unix_timestamp_millis(millis, &random)
        .into_uuid()
        .hyphenated()
        .encode_lower(&mut buf)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_ids_are_replaced() {
        assert_eq!(accept_or_generate(Some("abc-123")), "abc-123");
        for bad in ["", "a b", "x\ny", &"a".repeat(500)] {
            assert_ne!(accept_or_generate(Some(bad)), bad);
        }
    }

    #[test]
    fn generated_ids_are_distinct_time_ordered_uuid_v7() {
        let a = accept_or_generate(None);
        let b = accept_or_generate(None);
        assert_ne!(a, b);
        let (ua, ub) = (
            uuid::Uuid::parse_str(&a).unwrap(),
            uuid::Uuid::parse_str(&b).unwrap(),
        );
        assert_eq!(ua.get_version_num(), 7);
        assert!(ua.get_timestamp().unwrap().to_unix().0 <= ub.get_timestamp().unwrap().to_unix().0);
    }

    #[tokio::test]
    async fn the_scope_sets_the_current_id() {
        assert_eq!(current(), None);
        let got = scope("r1".into(), async { current() }).await;
        assert_eq!(got.as_deref(), Some("r1"));
    }
}
