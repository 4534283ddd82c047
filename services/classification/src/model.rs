//! The built-in category model: multinomial logistic regression over words, word bigrams,
//! CJK character bigrams, subject words, the sender's domain and the signals the engine read
//! (cues, sender and link checks), trained on the corpus in `data/` (one to two seconds in a
//! release build: some 13,000 mails).
//!
//! The service does not train: it reads the trained model's bytes, committed in
//! `data/model.bin` (`examples/train.rs` writes them), in place from its executable
//! ([`Model::committed`]). So it starts without the training's second, holds no copy of the
//! model in its heap, and reads in only the pages a mail's features fall on. A test trains the
//! model afresh and fails while those bytes differ from what training gives.
//!
//! Why logistic regression and not naive Bayes: its probabilities are calibrated well enough to
//! decide when to ask the LLM, and its per-feature weights explain each answer.

use std::borrow::{Borrow, Cow};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::fnv::Fnv;

use serde::Deserialize;

use crate::labels::{Category, Priority};
use crate::lexicon::Scan;
use crate::rules;
use crate::sender::Protected;
use crate::signals::{Folded, Signals};
use crate::text::{Sender, cjk_bigrams, is_content_word};

const CLASSES: usize = Category::ALL.len();
/// Passes over the training set; enough to converge on a thousand mails.
const EPOCHS: usize = 30;
const LEARNING_RATE: f32 = 0.8;
/// L2 penalty per update: keeps rare tokens from dominating.
const L2: f32 = 1e-4;
/// Value of a signal feature, beside the unit-length text vector.
const SIGNAL_VALUE: f32 = 0.5;

/// A JSON-lines file of `data/` as the build stored it in the executables that train
/// (the tests and the examples; the service reads the trained model instead): deflated
/// (`build.rs`), a quarter of the size. Its text is made only to train on it and dropped
/// after.
#[derive(Debug, Clone, Copy)]
pub struct Deflated(&'static [u8]);

impl Deflated {
    /// The file's text.
    pub fn text(self) -> Result<String, ModelError> {
        let bytes = miniz_oxide::inflate::decompress_to_vec(self.0)
            .map_err(|e| ModelError::Unreadable(e.to_string()))?;
        String::from_utf8(bytes).map_err(|e| ModelError::Unreadable(e.to_string()))
    }
}

/// The file `data/<name>.jsonl`, as the build deflated it.
macro_rules! data {
    ($name:literal) => {
        Deflated(include_bytes!(concat!(
            env!("OUT_DIR"),
            "/",
            $name,
            ".jsonl.z"
        )))
    };
}

/// The labelled corpus kept in the repository, one JSON-lines text per file:
/// `train.jsonl` (generated English, `gen_train.py`), `train_written_en.jsonl` (hand-written
/// English mail with priorities, once the evaluation set) and `train_multilingual.jsonl`
/// (hand-written mail in eight languages, with the kinds the engine must tell apart).
pub const TRAINING_FILES: [Deflated; 3] = [
    data!("train"),
    data!("train_written_en"),
    data!("train_multilingual"),
];

/// The development sets, by name: the dev sets and every retired evaluation set, each written
/// by hand by a different writer (`data/README` in this crate's README). The model trains on
/// them too: leave-one-set-out cross-validation (`examples/cv.rs`) showed each set's
/// macro-F1 rising when the model had read the others (weighted 0.906 -> 0.950). The unseen
/// evaluation set is never among them.
pub const DEVELOPMENT_SETS: [(&str, Deflated); 73] = [
    ("dev", data!("dev")),
    ("dev2", data!("dev2")),
    ("dev3", data!("dev3")),
    ("holdout", data!("holdout")),
    ("holdout2", data!("holdout2")),
    ("holdout3", data!("holdout3")),
    ("holdout4", data!("holdout4")),
    ("holdout5", data!("holdout5")),
    ("holdout6", data!("holdout6")),
    ("holdout7", data!("holdout7")),
    ("holdout8", data!("holdout8")),
    ("holdout9", data!("holdout9")),
    ("holdout10", data!("holdout10")),
    ("holdout11", data!("holdout11")),
    ("holdout12", data!("holdout12")),
    ("holdout13", data!("holdout13")),
    ("holdout14", data!("holdout14")),
    ("holdout15", data!("holdout15")),
    ("holdout16", data!("holdout16")),
    ("holdout17", data!("holdout17")),
    ("holdout18", data!("holdout18")),
    ("holdout19", data!("holdout19")),
    ("holdout20", data!("holdout20")),
    ("holdout21", data!("holdout21")),
    ("holdout22", data!("holdout22")),
    ("holdout23", data!("holdout23")),
    ("holdout24", data!("holdout24")),
    ("holdout25", data!("holdout25")),
    ("holdout26", data!("holdout26")),
    ("holdout27", data!("holdout27")),
    ("holdout28", data!("holdout28")),
    ("holdout29", data!("holdout29")),
    ("holdout30", data!("holdout30")),
    ("holdout31", data!("holdout31")),
    ("holdout32", data!("holdout32")),
    ("holdout33", data!("holdout33")),
    ("holdout34", data!("holdout34")),
    ("holdout35", data!("holdout35")),
    ("holdout36", data!("holdout36")),
    ("holdout37", data!("holdout37")),
    ("holdout38", data!("holdout38")),
    ("holdout39", data!("holdout39")),
    ("holdout40", data!("holdout40")),
    ("holdout41", data!("holdout41")),
    ("holdout42", data!("holdout42")),
    ("holdout43", data!("holdout43")),
    ("holdout44", data!("holdout44")),
    ("holdout45", data!("holdout45")),
    ("holdout46", data!("holdout46")),
    ("holdout47", data!("holdout47")),
    ("holdout48", data!("holdout48")),
    ("holdout49", data!("holdout49")),
    ("holdout50", data!("holdout50")),
    ("holdout51", data!("holdout51")),
    ("holdout52", data!("holdout52")),
    ("holdout53", data!("holdout53")),
    ("holdout54", data!("holdout54")),
    ("holdout55", data!("holdout55")),
    ("holdout56", data!("holdout56")),
    ("holdout57", data!("holdout57")),
    ("holdout58", data!("holdout58")),
    ("holdout59", data!("holdout59")),
    ("holdout60", data!("holdout60")),
    ("holdout61", data!("holdout61")),
    ("holdout62", data!("holdout62")),
    ("holdout63", data!("holdout63")),
    ("holdout64", data!("holdout64")),
    ("holdout65", data!("holdout65")),
    ("holdout66", data!("holdout66")),
    ("holdout67", data!("holdout67")),
    ("holdout68", data!("holdout68")),
    ("holdout69", data!("holdout69")),
    ("holdout70", data!("holdout70")),
];

/// One labelled mail (the line format of the files in `data/`).
#[derive(Debug, Clone, Deserialize)]
pub struct Example {
    pub from: String,
    pub subject: String,
    pub body: String,
    pub category: Category,
    #[serde(default)]
    pub priority: Option<Priority>,
    /// Language code (`en`, `ja`, …), for per-language figures.
    #[serde(default)]
    pub lang: Option<String>,
}

/// Why the corpus could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("training data line {line}: {source}")]
    BadLine {
        line: usize,
        source: serde_json::Error,
    },
    #[error("training data file unreadable: {0}")]
    Unreadable(String),
    #[error("training data has no example of {0}")]
    MissingClass(&'static str),
    #[error("model bytes unreadable: {0}")]
    Corrupt(String),
}

/// Parses JSON lines of [`Example`]s (blank lines and `//` comments skipped).
pub fn parse_examples(jsonl: &str) -> Result<Vec<Example>, ModelError> {
    jsonl
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with("//"))
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|source| ModelError::BadLine {
                line: i + 1,
                source,
            })
        })
        .collect()
}

/// One feature of a mail, before it is looked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feature<'a> {
    /// A body word or CJK bigram.
    Word(&'a str),
    /// A subject word or CJK bigram (denser evidence than the body).
    Subject(&'a str),
    /// Two adjacent words.
    Bigram(&'a str, &'a str),
    /// The sender's domain.
    Domain(&'a str),
    /// Something the engine read (a cue, a sender or link check).
    Signal(&'static str),
}

impl Feature<'_> {
    /// A 64-bit FNV-1a hash of the namespaced feature: the vocabulary is keyed by it, so a
    /// mail is vectorised without building a string per token.
    fn hash(&self) -> u64 {
        let mut h = Fnv::default();
        let (tag, a, b) = match self {
            Self::Word(w) => (b'w', *w, ""),
            Self::Subject(w) => (b's', *w, ""),
            Self::Bigram(a, b) => (b'b', *a, *b),
            Self::Domain(d) => (b'd', *d, ""),
            Self::Signal(s) => (b'f', *s, ""),
        };
        h.write_u8(tag);
        h.write(a.as_bytes());
        h.write_u8(0xff);
        h.write(b.as_bytes());
        h.finish()
    }

    /// As a human reads it in a reason.
    fn name(&self) -> String {
        match self {
            Self::Word(w) | Self::Subject(w) | Self::Domain(w) => (*w).to_string(),
            Self::Bigram(a, b) => format!("{a} {b}"),
            Self::Signal(s) => format!("[{s}]"),
        }
    }

    fn is_signal(&self) -> bool {
        matches!(self, Self::Signal(_))
    }
}

/// The features of one mail.
pub fn features<'a>(
    domain: Option<&'a str>,
    subject: &Scan<'a>,
    body: &Scan<'a>,
    signals: &Signals,
) -> Vec<Feature<'a>> {
    let mut out = Vec::with_capacity(body.words.len() * 2 + 16);
    push_words(subject, &mut out, Feature::Subject);
    push_words(subject, &mut out, Feature::Word);
    push_words(body, &mut out, Feature::Word);
    if let Some(d) = domain {
        out.push(Feature::Domain(d));
    }
    out.extend(signals.feature_names().into_iter().map(Feature::Signal));
    out
}

fn push_words<'a>(scan: &Scan<'a>, out: &mut Vec<Feature<'a>>, make: fn(&'a str) -> Feature<'a>) {
    let mut prev: Option<&'a str> = None;
    for &w in &scan.words {
        if !is_content_word(w) {
            continue;
        }
        out.push(make(w));
        if let (Some(p), Feature::Word(_)) = (prev, make(w)) {
            out.push(Feature::Bigram(p, w));
        }
        prev = Some(w);
    }
    for run in &scan.cjk {
        cjk_bigrams(run, |g| out.push(make(g)));
    }
}

/// A prediction: class probabilities and the features that pushed the winner most.
#[derive(Debug, Clone)]
pub struct Prediction {
    pub category: Category,
    pub confidence: f64,
    /// Probability of each class, in [`Category::ALL`] order.
    pub probabilities: [f64; CLASSES],
    /// Up to three features with the largest positive contribution to `category`.
    pub evidence: Vec<String>,
}

impl Prediction {
    pub fn probability(&self, c: Category) -> f64 {
        self.probabilities[c.index()]
    }

    /// The most probable class other than `not`.
    pub fn runner_up(&self, not: Category) -> (Category, f64) {
        Category::ALL
            .iter()
            .filter(|c| **c != not)
            .map(|c| (*c, self.probability(*c)))
            .fold((not, f64::MIN), |a, b| if b.1 > a.1 { b } else { a })
    }
}

/// A trained model: one vocabulary, and over it the category head and the priority head.
/// Immutable; share it behind an `Arc`.
///
/// The vocabulary is the features' hashes in ascending order, a feature's index its position:
/// 8 bytes a feature, where the hash table training grows needs about 20. A hash is found
/// among the few that share its top [`BUCKET_BITS`] bits, whose span a table gives. No
/// feature's name is kept: the few an answer cites as evidence are named from the mail's own
/// features.
///
/// The model is read in place from its bytes ([`Self::from_bytes`]): the service reads the
/// ones committed in `data/model.bin`, which the build keeps in the executable, so it trains
/// nothing at start-up and holds no copy of the model in its heap; only the pages a mail's
/// features fall on are read in. Layout, every number little-endian:
///
/// | bytes | what |
/// |---|---|
/// | 8 | [`MAGIC`] |
/// | 8 | `n`, the number of features |
/// | 4 × (6 + 4) | the category head's biases, then the priority head's (`f32`) |
/// | 4 × (65,536 + 1) | where each bucket's hashes begin among the keys, then `n` (`u32`) |
/// | 8 × `n` | the features' hashes in ascending order (`u64`) |
/// | 2 × 6 × `n` | the category head's weights, a feature's six together ([bfloat16](bf16)) |
/// | 2 × 4 × `n` | the priority head's weights, a feature's four together |
pub struct Model {
    bytes: Cow<'static, [u8]>,
    features: usize,
    layout: Layout,
    category_bias: [f32; CLASSES],
    priority_bias: [f32; PRIORITIES],
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("features", &self.features)
            .field("bytes", &self.bytes.len())
            .finish_non_exhaustive()
    }
}

/// The first bytes of a model's bytes: the format and its version.
const MAGIC: &[u8; 8] = b"mcpcls01";

/// The model the repository's corpus trains, as `examples/train.rs` wrote it; a test fails
/// when it is not what training gives now.
static COMMITTED: &[u8] = include_bytes!("../data/model.bin");

/// Top bits of a hash that pick its bucket: 65,536 buckets (a 256 KB table), a few hashes
/// each at a vocabulary of a few hundred thousand features.
const BUCKET_BITS: u32 = 16;
const BUCKETS: usize = 1 << BUCKET_BITS;

/// Where each part of a model's bytes begins, for `n` features; the last is the length.
#[derive(Debug, Clone, Copy)]
struct Layout {
    buckets: usize,
    keys: usize,
    category: usize,
    priority: usize,
    len: usize,
}

impl Layout {
    const HEADER: usize = MAGIC.len() + 8 + 4 * (CLASSES + PRIORITIES);

    fn of(n: usize) -> Option<Self> {
        let buckets = Self::HEADER;
        let keys = buckets + 4 * (BUCKETS + 1);
        let category = keys.checked_add(n.checked_mul(8)?)?;
        let priority = category.checked_add(n.checked_mul(2 * CLASSES)?)?;
        let len = priority.checked_add(n.checked_mul(2 * PRIORITIES)?)?;
        Some(Self {
            buckets,
            keys,
            category,
            priority,
            len,
        })
    }
}

/// The vocabulary while training grows it: feature hash → index, in the order first seen.
type Vocab = HashMap<u64, u32, BuildHasherDefault<Identity>>;

/// Priorities in the priority head's class order.
const PRIORITY_ORDER: [Priority; PRIORITIES] = [
    Priority::Low,
    Priority::Normal,
    Priority::High,
    Priority::Urgent,
];
const PRIORITIES: usize = 4;

fn priority_index(p: Priority) -> usize {
    match p {
        Priority::Low => 0,
        Priority::Normal => 1,
        Priority::High => 2,
        Priority::Urgent => 3,
    }
}

/// The priority head's answer: the most probable priority and its probability.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PriorityPrediction {
    pub priority: Priority,
    pub probability: f64,
}

/// One multinomial logistic regression over the model's vocabulary, `K` classes, as it
/// trains (`f32` weights); the model keeps its weights as [bfloat16](bf16).
#[derive(Debug)]
struct Head<const K: usize> {
    weights: Vec<[f32; K]>,
    bias: [f32; K],
}

/// A weight as the trained model keeps it: bfloat16, the upper half of an `f32` (its 8-bit
/// exponent, 7 bits of its fraction), rounded to nearest. Half the bytes of `f32`; every
/// weight within 0.4 % of its trained value.
fn bf16(w: f32) -> u16 {
    let bits = w.to_bits();
    // Round to nearest, ties to even (the weights are finite).
    ((bits + 0x7fff + ((bits >> 16) & 1)) >> 16) as u16
}

/// The `f32` a [bfloat16](bf16) stands for.
fn from_bf16(bits: u16) -> f32 {
    f32::from_bits(u32::from(bits) << 16)
}

/// Softmax over `K` classes of a sparse vector, a feature's `K` weights given by `row`.
fn probabilities<const K: usize>(
    bias: &[f32; K],
    x: &[(u32, f32)],
    row: impl Fn(u32) -> [f32; K],
) -> [f64; K] {
    let mut z = bias.map(f64::from);
    for &(j, v) in x {
        let w = row(j);
        for (zc, wc) in z.iter_mut().zip(w) {
            *zc += f64::from(v * wc);
        }
    }
    let max = z.iter().copied().fold(f64::MIN, f64::max);
    let exp = z.map(|v| (v - max).exp());
    let sum: f64 = exp.iter().sum();
    exp.map(|v| v / sum)
}

/// A sparse feature vector: (feature index, value), sorted by index.
type Vector = Vec<(u32, f32)>;

/// One mail's vector: its text part (log counts at unit length), then its signals at
/// [`SIGNAL_VALUE`], each part in index order.
#[derive(Debug, Clone)]
pub struct MailVector {
    x: Vector,
    /// Entries of the text part.
    text: usize,
}

impl Model {
    /// Trains on the corpus and the development sets kept in the repository, reading senders
    /// against our default domain.
    pub fn train_default() -> Result<Self, ModelError> {
        // One file parsed at a time while training: the parsed mail of all of them at once
        // would be several times the model's size. A file that does not parse, or a class no
        // file has, fails training after the pass.
        let mut bad = None;
        let mut seen = [false; CLASSES];
        let examples = TRAINING_FILES
            .into_iter()
            .chain(DEVELOPMENT_SETS.into_iter().map(|(_, file)| file))
            .flat_map(|file| {
                file.text()
                    .and_then(|t| parse_examples(&t))
                    .unwrap_or_else(|e| {
                        bad.get_or_insert(e);
                        Vec::new()
                    })
            })
            .inspect(|e| seen[e.category.index()] = true);
        let model = Self::fit(examples, &Protected::default());
        if let Some(e) = bad {
            return Err(e);
        }
        if let Some(c) = Category::ALL.into_iter().find(|c| !seen[c.index()]) {
            return Err(ModelError::MissingClass(c.as_str()));
        }
        Ok(model)
    }

    /// Trains by stochastic gradient descent on the softmax loss, in a fixed order
    /// (deterministic: the same corpus gives the same model).
    pub fn train(examples: &[Example], protected: &Protected) -> Self {
        Self::fit(examples, protected)
    }

    fn fit<E: Borrow<Example>>(
        examples: impl IntoIterator<Item = E>,
        protected: &Protected,
    ) -> Self {
        let mut vocab = Vocab::default();
        let mut category = Examples::default();
        let mut priority = Examples::default();
        for e in examples {
            let e = e.borrow();
            let folded = Folded::new(&e.subject, &e.body);
            let (subject, body) = (Scan::new(&folded.subject), Scan::new(&folded.body));
            let signals = Signals::read(&e.from, &e.subject, &folded, &subject, &body, protected);
            let domain = Sender::parse(&e.from).domain().map(str::to_string);
            let mut feats = features(domain.as_deref(), &subject, &body, &signals);
            register(&mut vocab, &feats);
            category.push(
                &vectorize(&feats, |h| vocab.get(&h).copied()).x,
                e.category.index(),
            );
            // Spam and mail needing no work are low by definition; the head learns the rest.
            if let Some(p) = e.priority.filter(|_| needs_work(e.category)) {
                let (rule, _) = rules::priority(e.category, &signals);
                push_priority_context(&mut feats, e.category, rule);
                register(&mut vocab, &feats);
                priority.push(
                    &vectorize(&feats, |h| vocab.get(&h).copied()).x,
                    priority_index(p),
                );
            }
        }
        // Freeze the vocabulary: hashes in ascending order, a feature's index its position;
        // the examples' indices are moved to match before the heads are fitted.
        let size = vocab.len();
        let mut order: Vec<(u64, u32)> = vocab.into_iter().collect();
        order.sort_unstable();
        let mut moved = vec![0u32; size];
        for (new, (_, old)) in order.iter().enumerate() {
            moved[*old as usize] = new as u32;
        }
        category.reindex(&moved);
        priority.reindex(&moved);
        drop(moved);
        let mut category_head = Head::<CLASSES>::zeroed(size);
        let mut priority_head = Head::<PRIORITIES>::zeroed(size);
        category_head.fit(category);
        priority_head.fit(priority);

        let layout = Layout::of(size).expect("a vocabulary that fits in memory fits the layout");
        let mut bytes = Vec::with_capacity(layout.len);
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&(size as u64).to_le_bytes());
        for b in category_head.bias.iter().chain(&priority_head.bias) {
            bytes.extend_from_slice(&b.to_le_bytes());
        }
        let mut buckets = vec![0u32; BUCKETS + 1];
        for (h, _) in &order {
            buckets[(h >> (64 - BUCKET_BITS)) as usize + 1] += 1;
        }
        for b in 1..buckets.len() {
            buckets[b] += buckets[b - 1];
        }
        for b in buckets {
            bytes.extend_from_slice(&b.to_le_bytes());
        }
        for (h, _) in &order {
            bytes.extend_from_slice(&h.to_le_bytes());
        }
        for w in category_head.weights.iter().flatten() {
            bytes.extend_from_slice(&bf16(*w).to_le_bytes());
        }
        for w in priority_head.weights.iter().flatten() {
            bytes.extend_from_slice(&bf16(*w).to_le_bytes());
        }
        Self::from_bytes(Cow::Owned(bytes)).expect("training writes the layout it reads")
    }

    /// The model the repository's corpus trains, as committed in `data/model.bin` and kept in
    /// the executable: read in place, nothing trained (what the service runs).
    pub fn committed() -> Result<Self, ModelError> {
        Self::from_bytes(Cow::Borrowed(COMMITTED))
    }

    /// A model from its bytes ([`Model`] gives the layout), checked: the right format, the
    /// length its vocabulary implies, and bucket bounds that rise to the vocabulary's size,
    /// so that no lookup can fall outside the bytes.
    pub fn from_bytes(bytes: Cow<'static, [u8]>) -> Result<Self, ModelError> {
        let corrupt = |why: &str| ModelError::Corrupt(why.to_string());
        if bytes.get(..MAGIC.len()) != Some(MAGIC.as_slice()) {
            return Err(corrupt("not a model of this format (magic bytes)"));
        }
        let n = bytes
            .get(MAGIC.len()..MAGIC.len() + 8)
            .map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")))
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| corrupt("no feature count"))?;
        let layout = Layout::of(n).ok_or_else(|| corrupt("feature count out of range"))?;
        if bytes.len() != layout.len {
            return Err(corrupt("length does not match the feature count"));
        }
        let f32_at = |i: usize| {
            let at = MAGIC.len() + 8 + 4 * i;
            f32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"))
        };
        let category_bias = std::array::from_fn(f32_at);
        let priority_bias = std::array::from_fn(|k| f32_at(CLASSES + k));
        let model = Self {
            bytes,
            features: n,
            layout,
            category_bias,
            priority_bias,
        };
        let mut last = 0;
        for b in 0..=BUCKETS {
            let bound = model.bucket(b);
            if bound < last || bound > n {
                return Err(corrupt("bucket bounds out of order"));
            }
            last = bound;
        }
        if last != n {
            return Err(corrupt("bucket bounds do not end at the feature count"));
        }
        Ok(model)
    }

    /// The model's bytes ([`Model`] gives the layout).
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Where bucket `b`'s hashes begin among the keys.
    fn bucket(&self, b: usize) -> usize {
        let at = self.layout.buckets + 4 * b;
        u32::from_le_bytes(self.bytes[at..at + 4].try_into().expect("4 bytes")) as usize
    }

    /// The hash of feature `j`.
    fn key(&self, j: usize) -> u64 {
        let at = self.layout.keys + 8 * j;
        u64::from_le_bytes(self.bytes[at..at + 8].try_into().expect("8 bytes"))
    }

    /// A feature's index, if the vocabulary has it: a binary search among the hashes that
    /// share its bucket.
    fn index(&self, h: u64) -> Option<u32> {
        let b = (h >> (64 - BUCKET_BITS)) as usize;
        let (mut lo, mut hi) = (self.bucket(b), self.bucket(b + 1));
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.key(mid).cmp(&h) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid as u32),
            }
        }
        None
    }

    /// Feature `j`'s `K` weights in the head whose weights begin at `at`.
    fn row<const K: usize>(&self, at: usize, j: u32) -> [f32; K] {
        let at = at + 2 * K * j as usize;
        let w = &self.bytes[at..at + 2 * K];
        std::array::from_fn(|c| from_bf16(u16::from_le_bytes([w[2 * c], w[2 * c + 1]])))
    }

    fn category_probabilities(&self, x: &[(u32, f32)]) -> [f64; CLASSES] {
        let at = self.layout.category;
        probabilities(&self.category_bias, x, |j| self.row(at, j))
    }

    fn priority_probabilities(&self, x: &[(u32, f32)]) -> [f64; PRIORITIES] {
        let at = self.layout.priority;
        probabilities(&self.priority_bias, x, |j| self.row(at, j))
    }

    /// Vocabulary size (readiness detail).
    pub fn features(&self) -> usize {
        self.features
    }

    /// A mail's vector from its features as [`features`] made them: made once, read by the
    /// category head ([`Self::predict_vector`]) and then the priority head
    /// ([`Self::priority`]).
    pub fn vector(&self, feats: &[Feature<'_>]) -> MailVector {
        vectorize(feats, |h| self.index(h))
    }

    /// Predicts the category from a mail's features. Pure CPU work.
    pub fn predict(&self, feats: &[Feature<'_>]) -> Prediction {
        self.predict_vector(&self.vector(feats), feats)
    }

    /// Predicts the category from a mail's vector, made from `feats` (which name the
    /// evidence).
    pub fn predict_vector(&self, mail: &MailVector, feats: &[Feature<'_>]) -> Prediction {
        let probabilities = self.category_probabilities(&mail.x);
        let (best, confidence) = argmax(&probabilities);
        let evidence = self.evidence(&mail.x, feats, best);
        Prediction {
            category: Category::ALL[best],
            confidence,
            probabilities,
            evidence,
        }
    }

    /// The priority head's reading of a mail put in `category` (one that needs work) to which
    /// the rules gave `rule`: the mail's vector with the two context signals added among its
    /// signals, in index order, as training built it.
    pub fn priority(
        &self,
        mail: MailVector,
        category: Category,
        rule: Priority,
    ) -> PriorityPrediction {
        let MailVector { mut x, text } = mail;
        for f in priority_context(category, rule) {
            if let Some(j) = self.index(f.hash())
                && !x[text..].iter().any(|(i, _)| *i == j)
            {
                x.push((j, SIGNAL_VALUE));
            }
        }
        x[text..].sort_unstable_by_key(|(j, _)| *j);
        let (best, probability) = argmax(&self.priority_probabilities(&x));
        PriorityPrediction {
            priority: PRIORITY_ORDER[best],
            probability,
        }
    }

    /// Up to three features with the largest positive contribution to category `class`, named
    /// from the mail's features.
    fn evidence(&self, x: &[(u32, f32)], feats: &[Feature<'_>], class: usize) -> Vec<String> {
        let at = self.layout.category;
        let mut contrib: Vec<(f32, u32)> = x
            .iter()
            .map(|&(j, v)| (v * self.row::<CLASSES>(at, j)[class], j))
            .filter(|(s, _)| *s > 0.0)
            .collect();
        contrib.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        contrib
            .iter()
            .take(3)
            .filter_map(|(_, j)| {
                let h = self.key(*j as usize);
                feats.iter().find(|f| f.hash() == h).map(Feature::name)
            })
            .collect()
    }

    /// Text features as log counts scaled to unit length, then signals at a fixed value.
    #[cfg(test)]
    fn vectorize(&self, feats: &[Feature<'_>]) -> Vector {
        self.vector(feats).x
    }
}

/// Adds the features not yet in the vocabulary.
fn register(vocab: &mut Vocab, feats: &[Feature<'_>]) {
    for f in feats {
        let next = vocab.len() as u32;
        vocab.entry(f.hash()).or_insert(next);
    }
}

/// A mail's vector, its features' indices found by `index`: text features as log counts
/// scaled to unit length, then signals at a fixed value.
fn vectorize(feats: &[Feature<'_>], index: impl Fn(u64) -> Option<u32>) -> MailVector {
    let mut text: Vec<u32> = Vec::with_capacity(feats.len());
    let mut signals: Vec<u32> = Vec::new();
    for f in feats {
        if let Some(j) = index(f.hash()) {
            if f.is_signal() {
                signals.push(j);
            } else {
                text.push(j);
            }
        }
    }
    text.sort_unstable();
    let mut x: Vector = Vec::with_capacity(text.len());
    for j in text {
        match x.last_mut() {
            Some((last, count)) if *last == j => *count += 1.0,
            _ => x.push((j, 1.0)),
        }
    }
    x.iter_mut().for_each(|(_, c)| *c = (1.0 + *c).ln());
    let norm = x.iter().map(|(_, v)| v * v).sum::<f32>().sqrt();
    if norm > 0.0 {
        x.iter_mut().for_each(|(_, v)| *v /= norm);
    }
    signals.sort_unstable();
    signals.dedup();
    let text = x.len();
    x.extend(signals.into_iter().map(|j| (j, SIGNAL_VALUE)));
    MailVector { x, text }
}

/// Whether mail of `category` is work for someone (spam and "other" are not).
pub fn needs_work(category: Category) -> bool {
    !matches!(category, Category::Spam | Category::Other)
}

/// What the priority head reads beside the mail: its category and the rules' priority.
fn push_priority_context(feats: &mut Vec<Feature<'_>>, category: Category, rule: Priority) {
    feats.extend(priority_context(category, rule));
}

fn priority_context(category: Category, rule: Priority) -> [Feature<'static>; 2] {
    [
        Feature::Signal(match category {
            Category::Billing => "category billing",
            Category::Sales => "category sales",
            Category::Support => "category support",
            Category::Account => "category account",
            Category::Spam => "category spam",
            Category::Other => "category other",
        }),
        Feature::Signal(match rule {
            Priority::Low => "rules low",
            Priority::Normal => "rules normal",
            Priority::High => "rules high",
            Priority::Urgent => "rules urgent",
        }),
    ]
}

/// The index and value of the largest probability (the first on a tie).
fn argmax<const K: usize>(p: &[f64; K]) -> (usize, f64) {
    p.iter().copied().enumerate().fold(
        (0, f64::MIN),
        |acc, (i, v)| if v > acc.1 { (i, v) } else { acc },
    )
}

/// One head's training examples: every mail's vector in one buffer (with its span and label
/// beside it): one large allocation, returned to the system when training ends, where
/// thousands of small ones would stay behind in the heap as resident memory.
#[derive(Default)]
struct Examples {
    flat: Vec<(u32, f32)>,
    spans: Vec<(usize, usize, usize)>,
}

impl Examples {
    fn push(&mut self, x: &[(u32, f32)], label: usize) {
        let start = self.flat.len();
        self.flat.extend_from_slice(x);
        self.spans.push((start, self.flat.len(), label));
    }

    /// Moves every feature index `j` to `moved[j]`.
    fn reindex(&mut self, moved: &[u32]) {
        for (j, _) in &mut self.flat {
            *j = moved[*j as usize];
        }
    }
}

impl<const K: usize> Head<K> {
    /// An untrained head over a vocabulary of `size` features.
    fn zeroed(size: usize) -> Self {
        Self {
            weights: vec![[0.0; K]; size],
            bias: [0.0; K],
        }
    }

    fn probabilities(&self, x: &[(u32, f32)]) -> [f64; K] {
        probabilities(&self.bias, x, |j| self.weights[j as usize])
    }

    /// Fits the zeroed head.
    fn fit(&mut self, examples: Examples) {
        let Examples { flat, spans } = examples;
        common::learn::sgd_order(spans.len(), EPOCHS, |epoch, i| {
            let lr = LEARNING_RATE / (1.0 + epoch as f32 * 0.1);
            let (start, end, y) = spans[i];
            let x = &flat[start..end];
            let p = self.probabilities(x);
            for (c, pc) in p.iter().enumerate() {
                let target = if c == y { 1.0 } else { 0.0 };
                let g = (*pc as f32) - target;
                self.bias[c] -= lr * g;
                for &(j, v) in x {
                    let w = &mut self.weights[j as usize][c];
                    *w -= lr * (g * v + L2 * *w);
                }
            }
        });
    }
}

/// The vocabulary's keys are already hashes: use them as they are.
#[derive(Default)]
struct Identity(u64);

impl Hasher for Identity {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | u64::from(*b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Model {
        Model::train_default().expect("the corpus in the repository trains")
    }

    fn predict(m: &Model, from: &str, subject: &str, body: &str) -> Prediction {
        let p = Protected::default();
        let folded = Folded::new(subject, body);
        let (s, b) = (Scan::new(&folded.subject), Scan::new(&folded.body));
        let signals = Signals::read(from, subject, &folded, &s, &b, &p);
        let domain = Sender::parse(from).domain().map(str::to_string);
        m.predict(&features(domain.as_deref(), &s, &b, &signals))
    }

    #[test]
    fn the_repository_corpus_trains_and_covers_every_class() {
        let mut n = 0;
        for file in TRAINING_FILES {
            n += parse_examples(&file.text().unwrap()).unwrap().len();
        }
        assert!(n >= 900, "only {n} examples");
        assert!(model().features() > 5000);
    }

    #[test]
    fn the_priority_head_reads_the_category_heads_vector_as_training_built_it() {
        // One vector per mail serves both heads; the priority head adds its two context
        // signals among the signals. It must read exactly what training gave it: the
        // features with the context pushed, vectorised whole.
        let m = model();
        let p = Protected::default();
        let mut checked = 0;
        for e in parse_examples(&DEVELOPMENT_SETS[0].1.text().unwrap())
            .unwrap()
            .iter()
            .take(120)
        {
            let folded = Folded::new(&e.subject, &e.body);
            let (s, b) = (Scan::new(&folded.subject), Scan::new(&folded.body));
            let signals = Signals::read(&e.from, &e.subject, &folded, &s, &b, &p);
            let domain = Sender::parse(&e.from).domain().map(str::to_string);
            let mut feats = features(domain.as_deref(), &s, &b, &signals);
            for (category, rule) in [
                (Category::Billing, Priority::High),
                (Category::Support, Priority::Low),
            ] {
                let once = m.priority(m.vector(&feats), category, rule);
                let mut whole = feats.clone();
                push_priority_context(&mut whole, category, rule);
                let probabilities = m.priority_probabilities(&m.vectorize(&whole));
                let (best, probability) = argmax(&probabilities);
                assert_eq!(once.priority, PRIORITY_ORDER[best], "{}", e.subject);
                assert_eq!(
                    once.probability.to_bits(),
                    probability.to_bits(),
                    "{}",
                    e.subject
                );
                checked += 1;
            }
            feats.clear();
        }
        assert!(checked >= 200, "{checked}");
    }

    #[test]
    fn training_is_deterministic() {
        let (a, b) = (model(), model());
        let pa = predict(
            &a,
            "x@y.com",
            "Invoice question",
            "Why was I charged twice?",
        );
        let pb = predict(
            &b,
            "x@y.com",
            "Invoice question",
            "Why was I charged twice?",
        );
        assert_eq!(pa.probabilities, pb.probabilities);
    }

    #[test]
    fn clear_mails_get_their_category_with_evidence() {
        let m = model();
        let p = predict(
            &m,
            "a@b.com",
            "Refund for double charge",
            "My card was charged twice for the invoice.",
        );
        assert_eq!(p.category, Category::Billing);
        assert!(!p.evidence.is_empty());
        let p = predict(
            &m,
            "a@b.com",
            "Cannot log in",
            "I forgot my password and the reset link never arrives.",
        );
        assert_eq!(p.category, Category::Account);
        let p = predict(
            &m,
            "a@b.co.jp",
            "請求書の再発行",
            "先月分の請求書の金額が間違っています。再発行をお願いします。",
        );
        assert_eq!(p.category, Category::Billing);
    }

    #[test]
    fn probabilities_sum_to_one_even_for_empty_mail() {
        let p = predict(&model(), "", "", "");
        let sum: f64 = p.probabilities.iter().sum();
        assert!((sum - 1.0).abs() < 1e-9);
        assert!((0.0..=1.0).contains(&p.confidence));
    }

    #[test]
    fn the_committed_model_is_what_the_repository_trains() {
        let trained = model();
        let committed = Model::committed().expect("the committed model reads");
        assert_eq!(committed.features(), trained.features());
        assert!(
            committed.bytes() == trained.bytes(),
            "data/model.bin is not what the corpus, the sets and the features train now: \
             cargo run -p classification --release --example train"
        );
    }

    #[test]
    fn model_bytes_that_do_not_hold_together_are_a_typed_error() {
        let good = Model::committed().unwrap().bytes().to_vec();
        let read = |bytes: Vec<u8>| Model::from_bytes(Cow::Owned(bytes)).map(|m| m.features());
        assert_eq!(
            read(good.clone()).unwrap(),
            Model::committed().unwrap().features()
        );
        let cases: [(&str, Vec<u8>); 5] = [
            ("empty", Vec::new()),
            ("another format", [b"mcpcls00", &good[8..]].concat()),
            ("truncated", good[..good.len() - 1].to_vec()),
            ("one byte more", [&good[..], &[0]].concat()),
            ("a bucket bound past the vocabulary", {
                let mut b = good.clone();
                b[Layout::HEADER..Layout::HEADER + 4].copy_from_slice(&u32::MAX.to_le_bytes());
                b
            }),
        ];
        for (what, bytes) in cases {
            assert!(
                matches!(read(bytes), Err(ModelError::Corrupt(_))),
                "{what} was read"
            );
        }
    }

    #[test]
    fn a_bad_corpus_line_is_a_typed_error() {
        let err = parse_examples("{\"from\": 1}\n").unwrap_err();
        assert!(matches!(err, ModelError::BadLine { line: 1, .. }));
    }
}
