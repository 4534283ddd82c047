//! `/query`'s express lane (see `common::kit::Express`): an L2 hit answered before the
//! middleware stack, routing, the identity guard, JSON extraction, validation and the cache
//! key, for a request this worker thread has answered from L2 before, byte for byte.
//!
//! Each worker thread remembers, for a request whose answer was an L2 hit, its
//! `Authorization` and `Content-Type` values and its body (compared in full), the caller the
//! guard admitted and the question's cache key. The same request again is answered from the
//! same entry of the thread's recent L2 hits, under the rules the usual path applies:
//!
//! - identity: only while the caller's verification may be relied on
//!   ([`Caller::fresh_until`]: the same bound the authenticator's own caches keep, and never
//!   past the token's `exp`);
//! - the rate limit: the caller's bucket is charged as the handler would charge it; a caller
//!   over the limit takes the usual path (which refuses it);
//! - the answer: only while L2 would still give it (its time to live; an erasure retires it),
//!   through [`crate::cache::AnswerCache::recent_hit`].
//!
//! What the usual path decided from these bytes (the body's shape, the content type, the
//! scope of what the caller may read) comes out the same for the same bytes and the same
//! caller, so it is not decided again. Only L2 hits without notices are remembered, and never
//! a read that the usual path audits (staff reading another customer's data) or an anonymous
//! one. `QUERY_EXPRESS=false` turns the lane off.

use std::cell::RefCell;
use std::hash::{BuildHasher, Hasher};
use std::sync::Arc;
use std::time::Instant;

use actix_web::dev::Extensions;
use actix_web::http::StatusCode;
use actix_web::http::header::{AUTHORIZATION, CONTENT_TYPE};
use actix_web::{HttpRequest, HttpResponse};
use common::auth::Caller;
use common::kit::Express;
use hashbrown::HashMap;

use super::QueryEngine;
use super::http::{MAX_QUERY_BODY, respond};
use super::model::Learnable;

/// Requests remembered per worker thread (an entry holds a token, about 1 KB).
const CAPACITY: usize = 256;

/// A request answered from L2, as the lane remembers it.
struct Memo {
    owner: u64,
    authorization: Box<[u8]>,
    content_type: Box<[u8]>,
    body: Box<[u8]>,
    caller: Caller,
    /// [`Caller::fresh_until`] when it was remembered.
    until: Instant,
    key: Box<str>,
}

thread_local! {
    /// By a hash of the owner and the request's bytes (compared in full on use).
    static MEMOS: RefCell<HashMap<u64, Memo>> = RefCell::new(HashMap::new());
}

/// The lane for one [`QueryEngine`].
pub struct QueryExpress {
    engine: Arc<QueryEngine>,
    /// This lane's key in each thread's memos (tests run several in one process).
    owner: u64,
    /// Randomly seeded: request bytes choose the slot, so they must not be able to aim at one.
    hasher: hashbrown::DefaultHashBuilder,
}

impl QueryExpress {
    pub fn new(engine: Arc<QueryEngine>) -> Self {
        Self {
            engine,
            owner: common::recent::next_owner(),
            hasher: hashbrown::DefaultHashBuilder::default(),
        }
    }

    fn slot(&self, authorization: &[u8], content_type: &[u8], body: &[u8]) -> u64 {
        let mut h = self.hasher.build_hasher();
        h.write_u64(self.owner);
        for part in [authorization, content_type, body] {
            h.write_usize(part.len());
            h.write(part);
        }
        h.finish()
    }
}

impl Memo {
    fn matches(&self, owner: u64, authorization: &[u8], content_type: &[u8], body: &[u8]) -> bool {
        self.owner == owner
            && *self.body == *body
            && *self.content_type == *content_type
            && *self.authorization == *authorization
    }
}

impl Express for QueryExpress {
    fn path(&self) -> &'static str {
        "/query"
    }

    fn max_body(&self) -> usize {
        MAX_QUERY_BODY
    }

    fn answer(&self, req: &HttpRequest, body: &[u8], request_id: &str) -> Option<HttpResponse> {
        let headers = req.headers();
        let authorization = headers.get(AUTHORIZATION)?.as_bytes();
        let content_type = headers.get(CONTENT_TYPE)?.as_bytes();
        let slot = self.slot(authorization, content_type, body);
        MEMOS.with_borrow(|memos| {
            let memo = memos
                .get(&slot)
                .filter(|m| m.matches(self.owner, authorization, content_type, body))?;
            if Instant::now() >= memo.until {
                return None;
            }
            let answered =
                self.engine
                    .express_hit(&memo.key, &memo.caller, req, request_id.to_string())?;
            Some(respond(&answered, Vec::new()))
        })
    }

    fn learn(&self, req: &HttpRequest, body: &[u8], status: StatusCode, extensions: &Extensions) {
        if status != StatusCode::OK {
            return;
        }
        let Some(learnable) = extensions.get::<Learnable>() else {
            return;
        };
        let headers = req.headers();
        let (Some(authorization), Some(content_type)) =
            (headers.get(AUTHORIZATION), headers.get(CONTENT_TYPE))
        else {
            return;
        };
        let (authorization, content_type) = (authorization.as_bytes(), content_type.as_bytes());
        let slot = self.slot(authorization, content_type, body);
        let memo = Memo {
            owner: self.owner,
            authorization: authorization.into(),
            content_type: content_type.into(),
            body: body.into(),
            caller: learnable.caller.clone(),
            until: learnable.caller.fresh_until(),
            key: learnable.key.as_str().into(),
        };
        MEMOS.with_borrow_mut(|memos| {
            if memos.len() >= CAPACITY && !memos.contains_key(&slot) {
                memos.clear();
            }
            memos.insert(slot, memo);
        });
    }
}
