//! Everything the engine reads from one mail, computed once: the folded text, the sender's
//! signals, the cues, links, IBANs, risky attachments, amounts and whose voice the mail is in.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::cues::{self, Cue, Found, SubjectKind, Topic};
use crate::lexicon::Scan;
use crate::sender::{Imitation, Protected, SenderSignals, imitation, is_shortener, lure_word};
use crate::text::{MAX_FEATURE_BYTES, fold, truncate};
use crate::text::{largest_amount, names_price};

/// Longest subject read.
const MAX_SUBJECT_BYTES: usize = 1024;

/// A mail's subject and the readable start of its body, folded.
#[derive(Debug)]
pub struct Folded<'a> {
    pub subject: String,
    pub body: String,
    /// The body as written (for IBANs, which are upper-case), truncated like `body`.
    pub raw_body: &'a str,
    /// A reply ("Re:") that quotes the mail it answers: its subject is that mail's.
    pub quoted_reply: bool,
    /// The subject carries a reply or forward marker.
    pub reply: bool,
}

impl<'a> Folded<'a> {
    pub fn new(subject: &str, body: &'a str) -> Self {
        let raw_body = truncate(body, MAX_FEATURE_BYTES);
        let subject = truncate(subject, MAX_SUBJECT_BYTES);
        let unprefixed = without_reply_prefix(subject);
        let own = own_words(raw_body);
        let reply = unprefixed.len() < subject.trim_start().len();
        let quoted_reply = reply && matches!(own, std::borrow::Cow::Owned(_));
        Self {
            subject: fold(unprefixed),
            body: fold(&own),
            raw_body,
            quoted_reply,
            reply,
        }
    }
}

/// What a phishing mail asks, which a reply's subject only repeats from the mail it quotes.
const QUOTED_ASKS: [Cue; 6] = [
    Cue::Credential,
    Cue::AccountThreat,
    Cue::ShortDeadline,
    Cue::CallToAction,
    Cue::Link,
    Cue::PayPressure,
];

/// Reply and forward markers a mail client puts before a subject, in the eight languages.
const REPLY_PREFIXES: &[&str] = &[
    "re", "fw", "fwd", "aw", "wg", "tr", "rv", "sv", "r", "rif", "enc", "antw", "res",
];

/// The subject without its "Re:"/"Fwd:"/"AW:" markers: "Re: Verify your email address" is a
/// reply to a request to verify, not a "re-verify" request.
fn without_reply_prefix(subject: &str) -> &str {
    let mut rest = subject.trim_start();
    while let Some((head, tail)) = rest.split_once(':') {
        if REPLY_PREFIXES
            .iter()
            .any(|p| head.trim().eq_ignore_ascii_case(p))
        {
            rest = tail.trim_start();
        } else {
            break;
        }
    }
    rest
}

/// Shortest reply, in bytes, that is read without the mail it quotes.
const MIN_OWN_WORDS: usize = 20;

/// Words of the line a mail client puts above a forwarded mail ("---------- Forwarded message
/// ---------", "-----Original Message-----", "----- 転送メッセージ -----"), folded to lower case,
/// in the eight languages.
const FORWARD_HEADERS: &[&str] = &[
    "forwarded message",
    "original message",
    "begin forwarded message",
    "weitergeleitete nachricht",
    "ursprüngliche nachricht",
    "mensaje reenviado",
    "mensaje original",
    "message transféré",
    "message d'origine",
    "messaggio inoltrato",
    "messaggio originale",
    "doorgestuurd bericht",
    "oorspronkelijk bericht",
    "mensagem encaminhada",
    "mensagem original",
    "転送メッセージ",
    "転送されたメッセージ",
    "元のメッセージ",
];

/// Where a forwarded mail starts: a dashed header line naming a forward or an original message.
fn forward_start(body: &str) -> Option<usize> {
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim();
        let header = (trimmed.starts_with("--") || trimmed.ends_with(':')) && {
            let lower = trimmed.to_lowercase();
            FORWARD_HEADERS.iter().any(|h| lower.contains(h))
        };
        if header {
            return Some(at);
        }
        at += line.len();
    }
    None
}

/// The writer's own words: a reply without the lines it quotes ("> Please verify your email
/// address by clicking the link below"), which are the earlier mail's words, not the
/// writer's. A body that is all quote (a forward) is read whole.
///
/// A forward whose writer asks about it above the forwarded mail ("Is the mail below really
/// from you? The link looks odd") is read as that question: the lure it quotes is what they
/// ask about, not what they ask us to do.
fn own_words(body: &str) -> std::borrow::Cow<'_, str> {
    if let Some(start) = forward_start(body) {
        let lead = body[..start].trim();
        if lead.len() >= MIN_OWN_WORDS && lead.contains(['?', '¿', '？']) {
            return lead.to_owned().into();
        }
    }
    let quoted = |l: &str| l.trim_start().starts_with('>');
    if !body.lines().any(quoted) {
        return body.into();
    }
    let own: Vec<&str> = body.lines().filter(|l| !quoted(l)).collect();
    let own = own.join("\n");
    if own.trim().len() < MIN_OWN_WORDS {
        return body.into();
    }
    own.into()
}

/// What links in the body show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    pub count: usize,
    /// Why a link looks wrong (an IP host, a shortener, a brand imitation, a throwaway TLD).
    pub suspicious: Option<String>,
}

/// Word stems that speak of an attachment or an archive, folded, in the eight languages.
const ATTACHED: &[&str] = &[
    "attach",
    "allegat",
    "anhang",
    "angehangt",
    "piece jointe",
    "pieces jointes",
    "adjunt",
    "bijlage",
    "anexo",
    "anexa",
    "archive",
    "archiv",
    "添付",
];

/// A password handed over in the text, folded: the word and its colon.
const PASSWORD_GIVEN: &[&str] = &[
    "password:",
    "password :",
    "passwort:",
    "kennwort:",
    "contrasena:",
    "clave:",
    "mot de passe:",
    "mot de passe :",
    "wachtwoord:",
    "senha:",
    "パスワード:",
    "pwd:",
];

/// Everything read from one mail.
#[derive(Debug, Clone)]
pub struct Signals {
    pub sender: SenderSignals,
    pub subject_kind: Option<(SubjectKind, &'static str)>,
    /// Cues in the subject and the body.
    pub cues: Found,
    /// What the mail is about, as language-independent concepts.
    pub topics: Vec<Topic>,
    pub links: Links,
    pub iban: bool,
    /// A risky attachment named in the body (`.zip`, `.html`, …).
    pub attachment: Option<&'static str>,
    /// The body speaks of an attachment or an archive, of whatever kind ("in allegato",
    /// "the attached file", "添付").
    pub attached: bool,
    /// The body hands over a password ("Password: atto2291", "contraseña: 4471").
    pub password_given: bool,
    pub amount: Option<f64>,
    /// A number beside a currency ("£389", "1.210 €").
    pub price: bool,
    /// First-person words (we, our, nous, wir, 弊社…): a customer writing about their case.
    pub first_person: usize,
    /// "We" and "I" as the subject (we paid, nous avons, abbiamo): how a customer tells their
    /// case, rarer in a notice or a scam ("our records show…" is a possessive).
    pub we: usize,
    /// Second-person words (your, votre, Ihre, お客様…): a notice or a pitch addressed to us.
    pub second_person: usize,
    /// Body length in bytes (as read).
    pub body_bytes: usize,
    /// The subject or body asks something (`?`, `¿`, `？`).
    pub question: bool,
    /// A reply ("Re:", "AW:"): its subject names the thread, not what this mail says.
    pub reply: bool,
    /// The cues of the body alone (a reply's own words).
    pub body_cues: Found,
    /// The body's own words ask something.
    pub body_question: bool,
}

impl Signals {
    pub fn read(
        from: &str,
        subject: &str,
        folded: &Folded<'_>,
        subject_scan: &Scan<'_>,
        body_scan: &Scan<'_>,
        protected: &Protected,
    ) -> Self {
        let mut cues = cues::find(subject_scan);
        if folded.quoted_reply {
            // "Re: Verify your email address" over a quoted welcome mail: the request to
            // verify was ours, the reply asks about it.
            let mut own = Found::default();
            for (cue, phrase) in cues.hits() {
                if !QUOTED_ASKS.contains(&cue) {
                    own.add(cue, phrase);
                }
            }
            cues = own;
        }
        let body_cues = cues::find(body_scan);
        for (cue, phrase) in body_cues.hits() {
            if !cues.phrases(cue).any(|p| p == phrase) {
                cues.add(cue, phrase);
            }
        }
        for marker in PERCENT_OFF {
            if folded.body.contains(marker) || folded.subject.contains(marker) {
                cues.add(Cue::Promo, marker);
                break;
            }
        }
        let links = links(&folded.body, protected);
        if links.count > 0 && !cues.has(Cue::Link) {
            cues.add(Cue::Link, "a URL");
        }
        let (first_person, second_person, we) = voice(body_scan);
        Self {
            sender: SenderSignals::read(from, protected),
            subject_kind: cues::subject_kind(subject),
            topics: cues::topics(&[subject_scan, body_scan]),
            cues,
            links,
            iban: has_iban(folded.raw_body),
            attachment: attachment(&folded.body),
            attached: ATTACHED.iter().any(|a| folded.body.contains(a)),
            password_given: PASSWORD_GIVEN.iter().any(|p| folded.body.contains(p)),
            amount: largest_amount(&folded.body),
            price: names_price(&folded.body),
            first_person,
            we,
            second_person,
            body_bytes: folded.raw_body.len(),
            reply: folded.reply,
            body_cues,
            body_question: folded.body.contains(['?', '¿', '？']),
            question: [subject, folded.raw_body]
                .iter()
                .any(|t| t.contains(['?', '¿', '？'])),
        }
    }

    /// Names of what was read, as the model's signal features (see [`crate::model`]).
    pub fn feature_names(&self) -> Vec<&'static str> {
        // The parts of the bank-change pattern and calls to action are too common alone to
        // be features; the verdict combines them.
        // Thanks close most mails, so only the notice rule reads them, with what else was said.
        let helpers = [
            Cue::BankAccount,
            Cue::Changed,
            Cue::PayOut,
            Cue::CallToAction,
            Cue::Gratitude,
            Cue::Settled,
            Cue::Tender,
            Cue::Vulnerability,
        ];
        let mut out: Vec<&'static str> = self
            .cues
            .cues()
            .filter(|c| !helpers.contains(c))
            .map(Cue::name)
            .collect();
        out.extend(self.topics.iter().map(|t| t.feature()));
        let s = &self.sender;
        let flags: [(bool, &'static str); 14] = [
            (s.lure_domain.is_some(), "lure domain"),
            (s.free_mail, "free mail"),
            (
                matches!(s.imitation, Some(Imitation::LookAlike { .. })),
                "look-alike domain",
            ),
            (
                matches!(s.imitation, Some(Imitation::BrandInForeignDomain { .. })),
                "brand in foreign domain",
            ),
            (s.claimed_brand.is_some(), "claimed brand"),
            (
                s.institution_on_free_mail.is_some(),
                "institution on free mail",
            ),
            (s.official_brand.is_some(), "official brand"),
            (s.automated, "automated sender"),
            (s.daemon, "mail daemon"),
            (self.links.suspicious.is_some(), "suspicious link"),
            (self.iban, "iban"),
            (self.attachment.is_some(), "risky attachment"),
            (
                self.first_person >= 2 && self.first_person > self.second_person,
                "customer voice",
            ),
            (
                self.second_person >= 2 && self.second_person > self.first_person,
                "addressed to us",
            ),
        ];
        out.extend(flags.iter().filter(|(on, _)| *on).map(|(_, n)| *n));
        if let Some((kind, _)) = self.subject_kind {
            out.push(match kind {
                SubjectKind::AutoReply => "auto-reply subject",
                SubjectKind::Bounce => "bounce subject",
                SubjectKind::Calendar => "calendar subject",
            });
        }
        out
    }
}

const PERCENT_OFF: &[&str] = &[
    "% off",
    "%off",
    "% de descuento",
    "% rabatt",
    "% de reduction",
    "% di sconto",
    "% korting",
    "% de desconto",
    "%オフ",
    "%引き",
];

/// Counts URLs and judges their hosts.
fn links(body: &str, protected: &Protected) -> Links {
    let mut out = Links::default();
    let mut rest = body;
    while let Some(at) = ["http://", "https://", "www."]
        .iter()
        .filter_map(|p| rest.find(p).map(|i| (i, p.len())))
        .min()
    {
        out.count += 1;
        let (i, skip) = at;
        let after = &rest[i + skip..];
        let end = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
            .unwrap_or(after.len());
        let host = after[..end]
            .trim_start_matches("www.")
            .trim_end_matches('.');
        if out.suspicious.is_none() && host.contains('.') {
            out.suspicious = judge_host(host, protected);
        }
        // "https://tallowmere-it.com/download/FE-2025-0412.zip": a program or an archive to
        // download from anyone but a known service.
        let path_end = after.find(char::is_whitespace).unwrap_or(after.len());
        let path = after[end..path_end].trim_end_matches(['.', ',', ')', '>', '"']);
        if out.suspicious.is_none()
            && path.starts_with('/')
            && !protected.is_official(host)
            && let Some(ext) = DOWNLOADS.iter().find(|e| path.ends_with(*e))
        {
            out.suspicious = Some(format!("link to download a {ext} file ({host})"));
        }
        rest = &after[end..];
        if out.count >= 20 {
            break;
        }
    }
    out
}

/// Files nobody needs to download from a mail: programs, disk images, archives.
const DOWNLOADS: &[&str] = &[
    ".zip", ".rar", ".7z", ".exe", ".scr", ".iso", ".img", ".js", ".vbs", ".lnk", ".msi",
];

/// Top-level labels that, inside a host ("acme.com.view-doc.ru"), dress a foreign domain as a
/// known one.
const DRESSING_TLDS: &[&str] = &["com", "net", "org", "io", "co", "app"];

fn judge_host(host: &str, protected: &Protected) -> Option<String> {
    // "harrowgate-supplies.com.view-doc.ru": a whole domain worn as a subdomain; "acme.com.au"
    // keeps its country suffix last.
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() >= 4
        && labels[1..labels.len() - 2]
            .iter()
            .any(|l| DRESSING_TLDS.contains(l))
        && !protected.is_official(host)
    {
        return Some(format!("link to {host}, a domain worn as a subdomain"));
    }
    if host
        .split('.')
        .all(|p| p.chars().all(|c| c.is_ascii_digit()))
    {
        return Some(format!("link to a bare IP address ({host})"));
    }
    if is_shortener(host) {
        return Some(format!("shortened link ({host})"));
    }
    match imitation(host, protected) {
        Some(Imitation::LookAlike { brand }) => {
            return Some(format!("link to {host}, a look-alike of {brand}"));
        }
        Some(Imitation::BrandInForeignDomain { brand }) => {
            return Some(format!("link to {host}, not a {brand} domain"));
        }
        None => {}
    }
    if let Some(word) = lure_word(host).filter(|_| !protected.is_official(host)) {
        return Some(format!("link to {host}, a name built on \"{word}\""));
    }
    let tld = host.rsplit('.').next().unwrap_or("");
    crate::brands::CHEAP_TLDS
        .contains(&tld)
        .then(|| format!("link to a throwaway-looking host ({host})"))
}

/// An IBAN-shaped run: two capital letters, two digits, then 11 to 30 letters or digits
/// (spaces between groups allowed).
pub fn has_iban(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        let starts_word = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        if starts_word
            && b[i].is_ascii_uppercase()
            && b[i + 1].is_ascii_uppercase()
            && b[i + 2].is_ascii_digit()
            && b[i + 3].is_ascii_digit()
        {
            let mut n = 0;
            let mut j = i + 4;
            while j < b.len() && n <= 30 {
                if b[j].is_ascii_alphanumeric() {
                    n += 1;
                } else if !(b[j] == b' ' && j + 1 < b.len() && b[j + 1].is_ascii_alphanumeric()) {
                    break;
                }
                j += 1;
            }
            if (11..=30).contains(&n) {
                return true;
            }
        }
        i += 1;
    }
    false
}

const RISKY_EXTENSIONS: &[&str] = &[
    ".zip", ".rar", ".7z", ".iso", ".img", ".exe", ".scr", ".vbs", ".html", ".htm", ".docm",
    ".xlsm", ".lnk", ".one", ".z",
];

/// A file name with a risky extension (not inside a URL).
fn attachment(body: &str) -> Option<&'static str> {
    for ext in RISKY_EXTENSIONS {
        for (i, _) in body.match_indices(ext) {
            let after = body[i + ext.len()..].chars().next();
            if after.is_some_and(|c| c.is_alphanumeric()) {
                continue;
            }
            let start = body[..i].rfind(char::is_whitespace).map_or(0, |s| s + 1);
            let name = &body[start..i];
            if name.is_empty() || name.contains('/') || name.contains("http") {
                continue;
            }
            return Some(ext);
        }
    }
    None
}

const FIRST_PERSON: &[&str] = &[
    "we",
    "our",
    "us",
    "i",
    "my",
    "me",
    "ours",
    "we're",
    "i'm",
    "nosotros",
    "nuestra",
    "nuestro",
    "nuestros",
    "nuestras",
    "mi",
    "mis",
    "tengo",
    "necesitamos",
    "hemos",
    "queremos",
    "somos",
    "wir",
    "unser",
    "unsere",
    "unseren",
    "unserem",
    "unserer",
    "ich",
    "mein",
    "meine",
    "mir",
    "uns",
    "nous",
    "notre",
    "nos",
    "je",
    "mon",
    "ma",
    "mes",
    "noi",
    "nostro",
    "nostra",
    "nostri",
    "abbiamo",
    "siamo",
    "vorremmo",
    "mio",
    "mia",
    "io",
    "wij",
    "ons",
    "onze",
    "ik",
    "mijn",
    "mij",
    "nosso",
    "nossa",
    "nossos",
    "temos",
    "queremos",
    "precisamos",
    "meu",
    "minha",
    "eu",
];
const SECOND_PERSON: &[&str] = &[
    "your", "you", "yours", "su", "sus", "usted", "tu", "tus", "ihr", "ihre", "ihren", "ihrem",
    "ihrer", "votre", "vos", "vous", "suo", "sua", "vostro", "vostra", "tuo", "tua", "uw", "jouw",
    "seu", "sua", "voce", "voces",
];
const FIRST_PERSON_CJK: &[&str] = &["弊社", "当社", "私", "我々", "当方"];
const SECOND_PERSON_CJK: &[&str] = &["お客様", "貴社", "あなた", "会員様"];

/// Subject forms among [`FIRST_PERSON`].
const WE: &[&str] = &[
    "we",
    "i",
    "we're",
    "i'm",
    "nosotros",
    "hemos",
    "tenemos",
    "necesitamos",
    "queremos",
    "somos",
    "tengo",
    "wir",
    "ich",
    "nous",
    "je",
    "noi",
    "io",
    "abbiamo",
    "siamo",
    "vorremmo",
    "wij",
    "ik",
    "temos",
    "precisamos",
    "eu",
];

/// 1: first person, 2: second person, 3: first person subject.
static PERSON: LazyLock<HashMap<&'static str, u8>> = LazyLock::new(|| {
    let mut m: HashMap<&'static str, u8> = SECOND_PERSON.iter().map(|w| (*w, 2)).collect();
    m.extend(FIRST_PERSON.iter().map(|w| (*w, 1)));
    m.extend(WE.iter().map(|w| (*w, 3)));
    m
});

fn voice(scan: &Scan<'_>) -> (usize, usize, usize) {
    let mut first = 0;
    let mut second = 0;
    let mut we = 0;
    for w in &scan.words {
        match PERSON.get(w) {
            Some(1) => first += 1,
            Some(2) => second += 1,
            Some(_) => {
                first += 1;
                we += 1;
            }
            None => {}
        }
    }
    for run in &scan.cjk {
        let n: usize = FIRST_PERSON_CJK
            .iter()
            .map(|p| run.matches(p).count())
            .sum();
        first += n;
        we += n;
        second += SECOND_PERSON_CJK
            .iter()
            .map(|p| run.matches(p).count())
            .sum::<usize>();
    }
    (first, second, we)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forward_asking_about_the_mail_below_is_read_as_the_question() {
        let asked = "Hola, ¿este correo es de ustedes? El enlace parece raro.\n\n\
                     ---------- Mensaje reenviado ---------\nVerifique su cuenta en 24 horas.";
        assert_eq!(
            own_words(asked),
            "Hola, ¿este correo es de ustedes? El enlace parece raro."
        );
        let asked = "Ist diese Mail wirklich von Ihnen? Ich habe nichts angeklickt.\n\
                     -----Ursprüngliche Nachricht-----\nBitte bestätigen Sie Ihr Passwort.";
        assert!(!own_words(asked).contains("Passwort"));
        // A forward with no question of its own is read whole.
        let passed_on = "FYI, see below.\n---------- Forwarded message ---------\nHello";
        assert_eq!(own_words(passed_on), passed_on);
    }

    #[test]
    fn ibans_are_found_with_and_without_spaces_and_vat_ids_are_not() {
        assert!(has_iban("IBAN: GB29 NWBK 6016 1331 9268 19"));
        assert!(has_iban("pay to DE89370400440532013000 now"));
        assert!(!has_iban("VAT ID: DE812345678."));
        assert!(!has_iban("invoice INV-20931"));
    }

    #[test]
    fn risky_attachments_are_file_names_not_urls() {
        assert_eq!(
            attachment("attachment: invoice_nov.zip, password 4471"),
            Some(".zip")
        );
        assert_eq!(
            attachment("open the attached invoice_9942.html file"),
            Some(".html")
        );
        assert_eq!(attachment("see https://example.com/page.html"), None);
        assert_eq!(attachment("we use node.js"), None);
    }

    #[test]
    fn link_hosts_are_judged() {
        let p = Protected::new(&["demo-mcp-orchestrator.example".to_string()]);
        let l = links("log in at http://bit.ly/x today", &p);
        assert_eq!(l.count, 1);
        assert!(l.suspicious.unwrap().contains("shortened"));
        let l = links("see https://paypal-secure-login.com/verify", &p);
        assert!(l.suspicious.unwrap().contains("PayPal"));
        let l = links(
            "docs at https://docs.example.com/a and https://github.com/x",
            &p,
        );
        assert_eq!(
            l,
            Links {
                count: 2,
                suspicious: None
            }
        );
    }
}
