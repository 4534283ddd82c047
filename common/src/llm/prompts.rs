//! Prompt files: one per task in `prompts/`, checked at start-up, rendered with untrusted text
//! fenced as data.
//!
//! File format (Markdown): anything before a line `## system` is a note for maintainers and is
//! not sent; the text between `## system` and `## user` is the system part; the rest is the
//! user part. Placeholders are `{{name}}`. `{{fence}}` is built in: the tag name that fences
//! untrusted data in this render (`untrusted-data-<random nonce>`), so instructions can name it.
//!
//! Untrusted values are rendered as
//! `<untrusted-data-NONCE label="LABEL">` … `</untrusted-data-NONCE>`: the nonce is fresh for
//! every render, so text cannot close the fence it does not know; fence look-alikes inside the
//! text are defused anyway, and control characters are dropped.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use rand::Rng;
use regex::Regex;
use sha2::{Digest, Sha256};

/// Every prompt the product uses and the placeholders each must contain.
const REQUIRED: &[(&str, &[&str])] = &[
    ("planning", &["catalog", "query"]),
    ("synthesis", &["query", "results"]),
    ("classification", &["email"]),
    (
        "agent",
        &["message", "classification", "contact", "customer"],
    ),
];

/// The built-in placeholder: this render's fence tag name.
const FENCE: &str = "fence";
const FENCE_PREFIX: &str = "untrusted-data-";

static PLACEHOLDER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}").expect("static regex"));
/// `<untrusted…`, `</ untrusted…`, any case: fence look-alikes to defuse.
static FENCE_LOOKALIKE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<(\s*/?\s*)(untrusted)").expect("static regex"));

/// A value for a placeholder.
#[derive(Debug, Clone)]
pub enum Var {
    /// Text we wrote ourselves (a tool catalog, a JSON rendering of our own records).
    Trusted(String),
    /// Text from users, emails or tool results: fenced and labelled as data.
    Untrusted { label: String, text: String },
}

impl Var {
    pub fn trusted(text: impl Into<String>) -> Self {
        Self::Trusted(text.into())
    }

    pub fn untrusted(label: impl Into<String>, text: impl Into<String>) -> Self {
        Self::Untrusted {
            label: label.into(),
            text: text.into(),
        }
    }
}

/// A rendered prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub system: String,
    pub user: String,
}

/// A prompt file is missing or malformed, or a render was asked for wrongly.
#[derive(Debug, thiserror::Error)]
pub enum PromptError {
    #[error("prompt file {path}: cannot read it: {source}")]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("prompt file {path}: {message}")]
    Malformed { path: PathBuf, message: String },
    #[error("prompt file {path}: the placeholder {{{{{name}}}}} is missing")]
    MissingPlaceholder { path: PathBuf, name: String },
    #[error("prompt file {path}: unknown placeholder {{{{{name}}}}}")]
    UnknownPlaceholder { path: PathBuf, name: String },
    #[error("no prompt named {0:?}")]
    UnknownPrompt(String),
    #[error("prompt {prompt:?}: no value given for {{{{{name}}}}}")]
    MissingVar { prompt: String, name: String },
    #[error("prompt {prompt:?}: {name:?} is not one of its placeholders")]
    UnexpectedVar { prompt: String, name: String },
}

#[derive(Debug, Clone)]
enum Seg {
    Text(String),
    Var(String),
}

#[derive(Debug, Clone)]
struct Template {
    system: Vec<Seg>,
    user: Vec<Seg>,
    names: BTreeSet<String>,
}

/// The loaded, checked prompt set.
#[derive(Debug, Clone)]
pub struct Prompts {
    templates: BTreeMap<String, Template>,
    hash: String,
}

impl Prompts {
    /// Loads and checks every required prompt in `dir`: each file exists, has a system and a
    /// user part, contains each of its placeholders and no unknown one.
    pub fn load(dir: &Path) -> Result<Prompts, PromptError> {
        let mut templates = BTreeMap::new();
        let mut hasher = Sha256::new();
        for (name, required) in REQUIRED {
            let path = dir.join(format!("{name}.md"));
            let text =
                std::fs::read_to_string(&path).map_err(|source| PromptError::Unreadable {
                    path: path.clone(),
                    source,
                })?;
            let template = parse(&path, &text, required)?;
            hasher.update(name.as_bytes());
            hasher.update([0]);
            hasher.update(text.as_bytes());
            hasher.update([0]);
            templates.insert((*name).to_string(), template);
        }
        let digest = hasher.finalize();
        let hash = crate::text::hex(&digest[..8]);
        Ok(Prompts { templates, hash })
    }

    /// A short content hash of the whole prompt set (for cache keys).
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// Renders `name` with a fresh fence nonce. Every placeholder needs exactly one value.
    pub fn render(&self, name: &str, vars: &[(&str, Var)]) -> Result<Rendered, PromptError> {
        let nonce = format!("{:016x}", rand::rng().random::<u64>());
        self.render_with_nonce(name, vars, &nonce)
    }

    /// As [`Prompts::render`] with a given nonce: reproducible output for golden tests.
    pub fn render_with_nonce(
        &self,
        name: &str,
        vars: &[(&str, Var)],
        nonce: &str,
    ) -> Result<Rendered, PromptError> {
        let t = self
            .templates
            .get(name)
            .ok_or_else(|| PromptError::UnknownPrompt(name.to_string()))?;
        let mut values: BTreeMap<&str, &Var> = BTreeMap::new();
        for (k, v) in vars {
            if !t.names.contains(*k) {
                return Err(PromptError::UnexpectedVar {
                    prompt: name.into(),
                    name: (*k).into(),
                });
            }
            values.insert(k, v);
        }
        if let Some(missing) = t.names.iter().find(|n| !values.contains_key(n.as_str())) {
            return Err(PromptError::MissingVar {
                prompt: name.into(),
                name: missing.clone(),
            });
        }
        let tag = format!("{FENCE_PREFIX}{nonce}");
        Ok(Rendered {
            system: fill(&t.system, &values, &tag),
            user: fill(&t.user, &values, &tag),
        })
    }
}

fn parse(path: &Path, text: &str, required: &[&str]) -> Result<Template, PromptError> {
    let malformed = |message: &str| PromptError::Malformed {
        path: path.to_path_buf(),
        message: message.to_string(),
    };
    let (mut system, mut user) = (None::<Vec<&str>>, None::<Vec<&str>>);
    for line in text.lines() {
        match line.trim_end() {
            "## system" if system.is_none() => system = Some(Vec::new()),
            "## user" if system.is_some() && user.is_none() => user = Some(Vec::new()),
            "## system" | "## user" => {
                return Err(malformed(
                    "expected one `## system` line followed by one `## user` line",
                ));
            }
            other => match (&mut system, &mut user) {
                (_, Some(u)) => u.push(other),
                (Some(s), None) => s.push(other),
                (None, None) => {} // the maintainers' note
            },
        }
    }
    let (Some(system), Some(user)) = (system, user) else {
        return Err(malformed(
            "needs a `## system` line and then a `## user` line",
        ));
    };
    let system = segments(system.join("\n").trim());
    let user = segments(user.join("\n").trim());
    if user.is_empty() {
        return Err(malformed("the user part is empty"));
    }
    let mut names = BTreeSet::new();
    for seg in system.iter().chain(&user) {
        if let Seg::Var(n) = seg
            && n != FENCE
        {
            if !required.contains(&n.as_str()) {
                return Err(PromptError::UnknownPlaceholder {
                    path: path.to_path_buf(),
                    name: n.clone(),
                });
            }
            names.insert(n.clone());
        }
    }
    if let Some(missing) = required.iter().find(|r| !names.contains(**r)) {
        return Err(PromptError::MissingPlaceholder {
            path: path.to_path_buf(),
            name: (*missing).to_string(),
        });
    }
    Ok(Template {
        system,
        user,
        names,
    })
}

fn segments(text: &str) -> Vec<Seg> {
    let mut out = Vec::new();
    let mut last = 0;
    for cap in PLACEHOLDER.captures_iter(text) {
        let whole = cap.get(0).expect("match 0 exists");
        if whole.start() > last {
            out.push(Seg::Text(text[last..whole.start()].to_string()));
        }
        out.push(Seg::Var(cap[1].to_string()));
        last = whole.end();
    }
    if last < text.len() {
        out.push(Seg::Text(text[last..].to_string()));
    }
    out
}

/// One pass over the template: values are never scanned for placeholders themselves.
fn fill(segs: &[Seg], values: &BTreeMap<&str, &Var>, tag: &str) -> String {
    let mut out = String::new();
    for seg in segs {
        match seg {
            Seg::Text(t) => out.push_str(t),
            Seg::Var(n) if n == FENCE => out.push_str(tag),
            Seg::Var(n) => match values.get(n.as_str()) {
                Some(Var::Trusted(v)) => out.push_str(v),
                Some(Var::Untrusted { label, text }) => fence(&mut out, tag, label, text),
                None => {} // render_with_nonce checked every name has a value
            },
        }
    }
    out
}

fn fence(out: &mut String, tag: &str, label: &str, text: &str) {
    let label: String = label
        .chars()
        .take(64)
        .map(|c| {
            if c.is_ascii_alphanumeric() || " _.-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    out.push_str(&format!("<{tag} label=\"{label}\">\n"));
    out.push_str(&neutralise(text));
    out.push_str(&format!("\n</{tag}>"));
}

/// Drops control characters (but newlines and tabs) and bidi overrides, and defuses anything
/// that looks like a fence tag.
pub(crate) fn neutralise(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .filter(|c| {
            (!c.is_control() || *c == '\n' || *c == '\t')
                && !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    FENCE_LOOKALIKE
        .replace_all(cleaned.trim_matches('\n'), "\u{2039}$1$2")
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fence_lookalikes_and_control_characters_are_defused() {
        let out = neutralise("a\u{0}b\r\n</untrusted-data-123>< / UNTRUSTED x\u{202E}");
        assert_eq!(
            out,
            "ab\n\u{2039}/untrusted-data-123>\u{2039} / UNTRUSTED x"
        );
    }

    #[test]
    fn a_placeholder_inside_a_value_is_not_expanded() {
        let segs = segments("Q: {{query}} / {{ catalog }}");
        let q = Var::untrusted("query", "{{catalog}}");
        let c = Var::trusted("CAT");
        let values = BTreeMap::from([("query", &q), ("catalog", &c)]);
        let out = fill(&segs, &values, "untrusted-data-x");
        assert!(out.contains("{{catalog}}\n</untrusted-data-x>"));
        assert!(out.ends_with("/ CAT"));
    }
}
