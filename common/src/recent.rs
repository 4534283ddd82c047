//! [`Recent`]: a worker thread's small map of recent results, in front of a shared cache.
//!
//! A value every request reads (a verified token, a cached answer) costs a lock, shared
//! counters and cache-line traffic between workers when it comes from a shared cache; a map
//! that only its own thread touches costs a hash and a comparison. Each owner (one cache, one
//! authenticator) takes an id from [`next_owner`], so that owners on the same thread never
//! see each other's entries. Keys are compared in full. A full map is cleared, so each stays
//! bounded; what it forgets is read from the shared cache again. Whether an entry is still
//! good (expiry, invalidation) is the owner's to check: the map only remembers.

use std::sync::atomic::{AtomicU64, Ordering};

use hashbrown::{Equivalent, HashMap};

/// An entry's key: the owner's id and the key.
#[derive(PartialEq, Eq, Hash)]
struct Key(u64, Box<str>);

/// A lookup's key, hashed as [`Key`] is (a `u64`, then the key as a `str`).
#[derive(Hash)]
struct Probe<'a>(u64, &'a str);

impl Equivalent<Key> for Probe<'_> {
    fn equivalent(&self, key: &Key) -> bool {
        self.0 == key.0 && self.1 == &*key.1
    }
}

static OWNERS: AtomicU64 = AtomicU64::new(0);

/// A new owner's id (unique in the process).
pub fn next_owner() -> u64 {
    OWNERS.fetch_add(1, Ordering::Relaxed)
}

/// At most `capacity` values by (owner, key); kept in a `thread_local!`.
pub struct Recent<V> {
    map: HashMap<Key, V>,
    capacity: usize,
}

impl<V> Recent<V> {
    pub fn new(capacity: usize) -> Self {
        Self {
            map: HashMap::new(),
            capacity: capacity.max(1),
        }
    }

    /// `owner`'s value for `key`, if remembered.
    pub fn get(&self, owner: u64, key: &str) -> Option<&V> {
        self.map.get(&Probe(owner, key))
    }

    /// `owner`'s value for `key`, if remembered, to change in place.
    pub fn get_mut(&mut self, owner: u64, key: &str) -> Option<&mut V> {
        self.map.get_mut(&Probe(owner, key))
    }

    /// Remembers `value` as `owner`'s for `key` (forgetting everything first when full).
    pub fn insert(&mut self, owner: u64, key: &str, value: V) {
        if self.map.len() >= self.capacity && self.get(owner, key).is_none() {
            self.map.clear();
        }
        self.map.insert(Key(owner, key.into()), value);
    }

    /// Forgets everything.
    pub fn clear(&mut self) {
        self.map.clear();
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_keys_in_full_and_the_bound() {
        let (a, b) = (next_owner(), next_owner());
        assert_ne!(a, b);
        let mut r = Recent::new(2);
        r.insert(a, "token", 1);
        assert_eq!(r.get(a, "token"), Some(&1));
        assert_eq!(r.get(b, "token"), None, "another owner's entry");
        assert_eq!(r.get(a, "toke"), None, "a prefix is another key");
        r.insert(a, "token", 2);
        assert_eq!(
            (r.get(a, "token"), r.len()),
            (Some(&2), 1),
            "replaced in place"
        );
        r.insert(b, "token", 3);
        assert_eq!(r.len(), 2);
        r.insert(a, "other", 4);
        assert_eq!(r.len(), 1, "a full map is cleared before a new key");
        assert_eq!(r.get(a, "other"), Some(&4));
        assert!(r.get(a, "token").is_none());
    }
}
