//! Finding many phrases in a mail in one pass over its words.
//!
//! Phrases are written naturally (`"vérifier votre compte"`, `"suspend*"`, `"至急"`) and folded
//! like the mail. A Latin phrase matches a run of whole words; a trailing `*` on a word matches
//! any word starting so. A phrase with CJK characters matches as a substring of the CJK text.
//! Why not a regex or Aho–Corasick crate: matching on word boundaries over folded words is
//! the point here, and an index keyed by first word keeps a mail at a few microseconds without a
//! new dependency.

use std::collections::HashMap;

use crate::fnv::FnvBuild;

use crate::text::{Piece, fold, is_cjk, pieces};

/// One word of a phrase.
#[derive(Debug, Clone)]
enum Pat {
    Exact(String),
    Prefix(String),
}

impl Pat {
    fn parse(w: &str) -> Self {
        match w.strip_suffix('*') {
            Some(p) => Self::Prefix(p.to_string()),
            None => Self::Exact(w.to_string()),
        }
    }

    fn matches(&self, word: &str) -> bool {
        match self {
            Self::Exact(e) => e == word,
            Self::Prefix(p) => word.starts_with(p.as_str()),
        }
    }
}

#[derive(Debug, Clone)]
struct Entry<K> {
    key: K,
    phrase: &'static str,
    words: Vec<Pat>,
}

/// Prefix patterns are indexed by their first this-many bytes (and must be at least as long).
const PREFIX_KEY: usize = 3;

/// A compiled set of phrases, each tagged with a key (the cue it signals).
#[derive(Debug, Clone)]
pub struct Lexicon<K> {
    entries: Vec<Entry<K>>,
    by_word: HashMap<String, Vec<usize>, FnvBuild>,
    by_prefix: HashMap<String, Vec<usize>, FnvBuild>,
    cjk: Vec<(usize, String)>,
}

/// The words of a folded text (CJK runs kept whole for substring search).
#[derive(Debug, Default)]
pub struct Scan<'a> {
    pub words: Vec<&'a str>,
    /// Runs of CJK characters (searched as substrings).
    pub cjk: Vec<&'a str>,
}

impl<'a> Scan<'a> {
    /// Scans already-folded text.
    pub fn new(folded: &'a str) -> Self {
        let mut scan = Scan::default();
        for p in pieces(folded) {
            match p {
                Piece::Word(w) => scan.words.push(w),
                Piece::Cjk(run) => scan.cjk.push(run),
            }
        }
        scan
    }
}

impl<K: Copy + Eq> Lexicon<K> {
    /// Compiles `(key, phrases)` groups. Panics on a phrase that can never match (empty, or a
    /// prefix shorter than three letters): the tables are constants, so a test catches it.
    pub fn new(groups: &[(K, &[&'static str])]) -> Self {
        let mut lex = Self {
            entries: Vec::new(),
            by_word: HashMap::default(),
            by_prefix: HashMap::default(),
            cjk: Vec::new(),
        };
        for (key, phrases) in groups {
            for &phrase in *phrases {
                let folded = fold(phrase);
                let i = lex.entries.len();
                if folded.chars().any(is_cjk) {
                    lex.cjk.push((i, folded.trim().to_string()));
                    lex.entries.push(Entry {
                        key: *key,
                        phrase,
                        words: Vec::new(),
                    });
                    continue;
                }
                let words: Vec<Pat> = folded
                    .split(|c: char| !(c.is_alphanumeric() || c == '*'))
                    .filter(|w| !w.is_empty())
                    .map(Pat::parse)
                    .collect();
                match words.first() {
                    Some(Pat::Exact(w)) => lex.by_word.entry(w.clone()).or_default().push(i),
                    Some(Pat::Prefix(p)) if p.len() >= PREFIX_KEY => lex
                        .by_prefix
                        .entry(p[..PREFIX_KEY].to_string())
                        .or_default()
                        .push(i),
                    _ => panic!("lexicon phrase {phrase:?} can never match"),
                }
                lex.entries.push(Entry {
                    key: *key,
                    phrase,
                    words,
                });
            }
        }
        lex
    }

    /// Every phrase found in `scan`, in entry order, each once.
    pub fn find(&self, scan: &Scan<'_>) -> Vec<(K, &'static str)> {
        let mut hit: Vec<usize> = Vec::new();
        for (at, word) in scan.words.iter().enumerate() {
            if let Some(ids) = self.by_word.get(*word) {
                self.check(ids, &scan.words[at..], &mut hit);
            }
            if word.len() >= PREFIX_KEY
                && word.is_char_boundary(PREFIX_KEY)
                && let Some(ids) = self.by_prefix.get(&word[..PREFIX_KEY])
            {
                self.check(ids, &scan.words[at..], &mut hit);
            }
        }
        if !scan.cjk.is_empty() {
            for (i, phrase) in &self.cjk {
                if !hit.contains(i) && scan.cjk.iter().any(|run| run.contains(phrase.as_str())) {
                    hit.push(*i);
                }
            }
        }
        hit.sort_unstable();
        hit.into_iter()
            .map(|i| (self.entries[i].key, self.entries[i].phrase))
            .collect()
    }

    fn check(&self, ids: &[usize], words: &[&str], hit: &mut Vec<usize>) {
        for &i in ids {
            let e = &self.entries[i];
            if e.words.len() <= words.len()
                && e.words.iter().zip(words).all(|(p, w)| p.matches(w))
                && !hit.contains(&i)
            {
                hit.push(i);
            }
        }
    }

    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(lex: &Lexicon<u8>, text: &str) -> Vec<(u8, &'static str)> {
        let folded = fold(text);
        lex.find(&Scan::new(&folded))
    }

    #[test]
    fn phrases_match_whole_words_prefixes_and_cjk() {
        let lex = Lexicon::new(&[
            (1, &["is down", "suspend*"][..]),
            (2, &["vérifier votre compte", "至急"][..]),
        ]);
        assert_eq!(find(&lex, "The API is down."), vec![(1, "is down")]);
        assert!(find(&lex, "this downgrade").is_empty());
        assert_eq!(find(&lex, "Account SUSPENDED"), vec![(1, "suspend*")]);
        assert_eq!(
            find(&lex, "Merci de VERIFIER votre compte"),
            vec![(2, "vérifier votre compte")]
        );
        assert_eq!(find(&lex, "【至急】ご確認"), vec![(2, "至急")]);
    }

    #[test]
    #[should_panic(expected = "can never match")]
    fn a_too_short_prefix_is_refused() {
        Lexicon::new(&[(1u8, &["ab*"][..])]);
    }
}
