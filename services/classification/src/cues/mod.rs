//! Cues: phrases (in eight languages) that a careful human reacts to, compiled once into one
//! [`Lexicon`] and found in a mail in a single pass. The tables are in [`fraud`] (scams,
//! phishing, bulk mail), [`notices`] (legitimate mail needing no work) and [`urgency`]
//! (priority).

pub mod fraud;
pub mod notices;
pub mod topics;
pub mod urgency;

use std::sync::LazyLock;

use crate::lexicon::{Lexicon, Scan};
use crate::text::fold;

pub use topics::Topic;

/// What a phrase signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    Credential,
    AccountThreat,
    ShortDeadline,
    Link,
    PaymentRedirect,
    ProtectedFile,
    Macros,
    Prize,
    RefundLure,
    PayoutLure,
    Investment,
    AdvanceFee,
    Secrecy,
    Payroll,
    ColdPitch,
    Promo,
    PhishReport,
    /// A customer saying they already paid the bill a reminder asks for.
    PaidAlready,
    /// A customer telling us our link expired or failed and asking for another.
    LinkTrouble,
    /// A customer asking for a document of ours in another format ("instead of a PDF").
    WrongFormat,
    PayPressure,
    Delivery,
    CallToAction,
    BankAccount,
    Changed,
    PayOut,
    AutoReply,
    Bounce,
    Calendar,
    Bulk,
    Newsletter,
    Survey,
    Consent,
    Automated,
    VendorBill,
    Legal,
    Chargeback,
    Security,
    Outage,
    DataLoss,
    Breadth,
    Blocked,
    MoneyOrAccess,
    Deal,
    /// A tender or quote request with a closing date (priority only, not a model feature).
    Tender,
    TimePressure,
    NoRush,
    Request,
    Offer,
    BuyerAsks,
    Gratitude,
    Settled,
    Directory,
    NoticeLure,
    Injection,
    /// A security hole reported to us (priority only, not a model feature).
    Vulnerability,
}

impl Cue {
    pub const ALL: [Cue; 56] = [
        Self::Credential,
        Self::AccountThreat,
        Self::ShortDeadline,
        Self::Link,
        Self::PaymentRedirect,
        Self::ProtectedFile,
        Self::Macros,
        Self::Prize,
        Self::RefundLure,
        Self::PayoutLure,
        Self::Investment,
        Self::AdvanceFee,
        Self::Secrecy,
        Self::Payroll,
        Self::ColdPitch,
        Self::Promo,
        Self::PhishReport,
        Self::PaidAlready,
        Self::LinkTrouble,
        Self::WrongFormat,
        Self::PayPressure,
        Self::Delivery,
        Self::CallToAction,
        Self::BankAccount,
        Self::Changed,
        Self::PayOut,
        Self::AutoReply,
        Self::Bounce,
        Self::Calendar,
        Self::Bulk,
        Self::Newsletter,
        Self::Survey,
        Self::Consent,
        Self::Automated,
        Self::VendorBill,
        Self::Legal,
        Self::Chargeback,
        Self::Security,
        Self::Outage,
        Self::DataLoss,
        Self::Breadth,
        Self::Blocked,
        Self::MoneyOrAccess,
        Self::Deal,
        Self::Tender,
        Self::TimePressure,
        Self::NoRush,
        Self::Request,
        Self::Offer,
        Self::BuyerAsks,
        Self::Gratitude,
        Self::Settled,
        Self::Directory,
        Self::NoticeLure,
        Self::Injection,
        Self::Vulnerability,
    ];

    /// A short name, used in reasons and as the model's feature name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Credential => "credential request",
            Self::AccountThreat => "account threat",
            Self::ShortDeadline => "short deadline",
            Self::Link => "link",
            Self::PaymentRedirect => "payment redirect",
            Self::ProtectedFile => "protected file",
            Self::Macros => "macros",
            Self::Prize => "prize lure",
            Self::RefundLure => "refund lure",
            Self::PayoutLure => "payout lure",
            Self::Investment => "investment pitch",
            Self::AdvanceFee => "advance-fee story",
            Self::Secrecy => "secrecy",
            Self::Payroll => "salary to a new account",
            Self::ColdPitch => "cold pitch",
            Self::Promo => "promotion",
            Self::PhishReport => "phishing report",
            Self::PaidAlready => "says it was paid",
            Self::LinkTrouble => "our link failed them",
            Self::WrongFormat => "wants our document in another format",
            Self::PayPressure => "pressure to pay",
            Self::Delivery => "parcel lure",
            Self::CallToAction => "call to action",
            Self::BankAccount => "bank account",
            Self::Changed => "change",
            Self::PayOut => "payment to make",
            Self::AutoReply => "auto-reply",
            Self::Bounce => "bounce",
            Self::Calendar => "calendar",
            Self::Bulk => "bulk footer",
            Self::Newsletter => "newsletter",
            Self::Survey => "survey",
            Self::Consent => "subscribed footer",
            Self::Automated => "automated notice",
            Self::VendorBill => "vendor bill",
            Self::Legal => "legal",
            Self::Chargeback => "chargeback",
            Self::Security => "security",
            Self::Outage => "outage",
            Self::DataLoss => "data loss",
            Self::Breadth => "breadth",
            Self::Blocked => "blocked",
            Self::MoneyOrAccess => "money or access stuck",
            Self::Deal => "deal",
            Self::Tender => "tender with a date",
            Self::TimePressure => "time pressure",
            Self::NoRush => "no rush",
            Self::Request => "asks us to act",
            Self::Offer => "sales offer to us",
            Self::BuyerAsks => "asks what we offer",
            Self::Gratitude => "thanks",
            Self::Settled => "settled",
            Self::Directory => "directory listing scam",
            Self::NoticeLure => "notification lure",
            Self::Injection => "instructions to an AI",
            Self::Vulnerability => "vulnerability report",
        }
    }

    fn phrases(self) -> &'static [&'static str] {
        use {fraud as f, notices as n, urgency as u};
        match self {
            Self::Credential => f::CREDENTIAL,
            Self::AccountThreat => f::ACCOUNT_THREAT,
            Self::ShortDeadline => f::SHORT_DEADLINE,
            Self::Link => f::LINK,
            Self::PaymentRedirect => f::PAYMENT_REDIRECT,
            Self::ProtectedFile => f::PROTECTED_FILE,
            Self::Macros => f::MACROS,
            Self::Prize => f::PRIZE,
            Self::RefundLure => f::REFUND_LURE,
            Self::PayoutLure => f::PAYOUT_LURE,
            Self::Investment => f::INVESTMENT,
            Self::AdvanceFee => f::ADVANCE_FEE,
            Self::Secrecy => f::SECRECY,
            Self::Payroll => f::PAYROLL,
            Self::ColdPitch => f::COLD_PITCH,
            Self::Promo => f::PROMO,
            Self::PhishReport => f::PHISH_REPORT,
            Self::PaidAlready => f::PAID_ALREADY,
            Self::LinkTrouble => f::LINK_TROUBLE,
            Self::WrongFormat => f::WRONG_FORMAT,
            Self::PayPressure => f::PAY_PRESSURE,
            Self::Delivery => f::DELIVERY,
            Self::CallToAction => f::CALL_TO_ACTION,
            Self::BankAccount => f::BANK_ACCOUNT,
            Self::Changed => f::CHANGED,
            Self::PayOut => f::PAY_OUT,
            Self::AutoReply => n::AUTO_REPLY,
            Self::Bounce => n::BOUNCE,
            Self::Calendar => n::CALENDAR,
            Self::Bulk => n::BULK,
            Self::Newsletter => n::NEWSLETTER,
            Self::Survey => n::SURVEY,
            Self::Consent => n::CONSENT,
            Self::Automated => n::AUTOMATED,
            Self::VendorBill => n::VENDOR_BILL,
            Self::Legal => u::LEGAL,
            Self::Chargeback => u::CHARGEBACK,
            Self::Security => u::SECURITY,
            Self::Outage => u::OUTAGE,
            Self::DataLoss => u::DATA_LOSS,
            Self::Breadth => u::BREADTH,
            Self::Blocked => u::BLOCKED,
            Self::MoneyOrAccess => u::MONEY_OR_ACCESS,
            Self::Deal => u::DEAL,
            Self::Tender => u::TENDER,
            Self::TimePressure => u::TIME_PRESSURE,
            Self::NoRush => u::NO_RUSH,
            Self::Request => u::REQUEST,
            Self::Offer => f::OFFER,
            Self::BuyerAsks => f::BUYER_ASKS,
            Self::Gratitude => n::GRATITUDE,
            Self::Settled => n::SETTLED,
            Self::Directory => f::DIRECTORY,
            Self::NoticeLure => f::NOTICE_LURE,
            Self::Injection => f::INJECTION,
            Self::Vulnerability => u::VULNERABILITY,
        }
    }

    fn bit(self) -> u64 {
        1 << (self as u32)
    }
}

static LEXICON: LazyLock<Lexicon<Cue>> = LazyLock::new(|| {
    let groups: Vec<(Cue, &[&str])> = Cue::ALL.iter().map(|&c| (c, c.phrases())).collect();
    Lexicon::new(&groups)
});

/// The cues found in one text, with the phrases that made them.
#[derive(Debug, Clone, Default)]
pub struct Found {
    bits: u64,
    hits: Vec<(Cue, &'static str)>,
}

impl Found {
    pub fn has(&self, cue: Cue) -> bool {
        self.bits & cue.bit() != 0
    }

    /// The phrases found for `cue`.
    pub fn phrases(&self, cue: Cue) -> impl Iterator<Item = &'static str> + '_ {
        self.hits
            .iter()
            .filter(move |(c, _)| *c == cue)
            .map(|(_, p)| *p)
    }

    /// How many distinct phrases of `cue` were found.
    pub fn count(&self, cue: Cue) -> usize {
        self.phrases(cue).count()
    }

    /// The first phrase found for `cue`, quoted, for a reason.
    pub fn quote(&self, cue: Cue) -> String {
        self.phrases(cue)
            .take(2)
            .map(|p| format!("\"{p}\""))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Every (cue, phrase) found, in the order found.
    pub fn hits(&self) -> impl Iterator<Item = (Cue, &'static str)> + '_ {
        self.hits.iter().copied()
    }

    /// Every cue found, in [`Cue::ALL`] order.
    pub fn cues(&self) -> impl Iterator<Item = Cue> + '_ {
        Cue::ALL.into_iter().filter(|c| self.has(*c))
    }

    /// Marks a cue found by code rather than by a phrase (a URL, a `% off`).
    pub fn add(&mut self, cue: Cue, phrase: &'static str) {
        self.bits |= cue.bit();
        self.hits.push((cue, phrase));
    }
}

/// Finds every cue in a scanned text.
pub fn find(scan: &Scan<'_>) -> Found {
    let mut found = Found::default();
    for (cue, phrase) in LEXICON.find(scan) {
        found.add(cue, phrase);
    }
    found
}

static TOPICS: LazyLock<Lexicon<Topic>> = LazyLock::new(|| {
    let groups: Vec<(Topic, &[&str])> = Topic::ALL.iter().map(|&t| (t, t.phrases())).collect();
    Lexicon::new(&groups)
});

/// The topics of the scanned texts, each once, in [`Topic::ALL`] order.
pub fn topics(scans: &[&Scan<'_>]) -> Vec<Topic> {
    let mut found: Vec<Topic> = scans
        .iter()
        .flat_map(|s| TOPICS.find(s))
        .map(|(t, _)| t)
        .collect();
    found.sort_unstable_by_key(|t| *t as u8);
    found.dedup();
    found
}

/// What a subject line says a mail is, from how it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectKind {
    AutoReply,
    Bounce,
    Calendar,
}

static SUBJECT_PREFIXES: LazyLock<Vec<(SubjectKind, String, &'static str)>> = LazyLock::new(|| {
    let groups = [
        (SubjectKind::AutoReply, notices::AUTO_REPLY_SUBJECT),
        (SubjectKind::Bounce, notices::BOUNCE_SUBJECT),
        (SubjectKind::Calendar, notices::CALENDAR_SUBJECT),
    ];
    groups
        .iter()
        .flat_map(|(k, list)| list.iter().map(move |p| (*k, normalise_subject(p), *p)))
        .collect()
});

/// Folded, with no space before a colon (`Accepté : x` → `accepte: x`) and no `[tag]` opener.
fn normalise_subject(s: &str) -> String {
    let f = fold(s.trim()).replace(" :", ":");
    f.trim().to_string()
}

/// The kind a subject announces (`Automatic reply: …`, `Undeliverable: …`, `Accepted: …`).
pub fn subject_kind(subject: &str) -> Option<(SubjectKind, &'static str)> {
    let s = normalise_subject(crate::text::truncate(subject, 256));
    SUBJECT_PREFIXES.iter().find_map(|(kind, prefix, shown)| {
        let rest = s.strip_prefix(prefix.as_str())?;
        let boundary = prefix.ends_with(':')
            || rest
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric() || crate::text::is_cjk(c));
        boundary.then_some((*kind, *shown))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_screen_is_an_error_in_every_language() {
        for text in [
            "Since the update the dashboard shows nothing but a blank screen.",
            "Seit heute Morgen wird im Kundenbereich nichts angezeigt.",
            "Desde ayer veo una pantalla en blanco al abrir el panel.",
            "Depuis ce matin, rien ne s'affiche dans le tableau de bord.",
            "Da stamattina compare solo una pagina bianca.",
            "Bij het openen van het dashboard krijgen we een leeg scherm.",
            "O painel abre com uma tela em branco.",
            "管理画面を開くと真っ白になります。",
        ] {
            let folded = crate::text::fold(text);
            let scan = Scan::new(&folded);
            assert!(topics(&[&scan]).contains(&Topic::Error), "{text}");
        }
    }

    #[test]
    fn every_table_compiles_and_no_cue_is_empty() {
        assert!(LEXICON.len() > 800, "{} phrases", LEXICON.len());
        for c in Cue::ALL {
            let phrases = c.phrases();
            assert!(!phrases.is_empty(), "{c:?}");
            for (i, p) in phrases.iter().enumerate() {
                assert!(!phrases[..i].contains(p), "{c:?} lists {p:?} twice");
            }
        }
        assert!(Cue::ALL.len() <= 64);
        assert!(TOPICS.len() > 300, "{} topic phrases", TOPICS.len());
    }

    #[test]
    fn an_invitation_to_a_research_study_is_a_survey() {
        for text in [
            "We would love you to take part in a study on remote onboarding.",
            "Invitamos a participar en un estudio de investigación sobre facturación.",
            "Einladung zu unserer Forschungsstudie über Kundenservice.",
            "Nous menons une étude de recherche sur les outils de support.",
            "Partecipa al nostro studio di ricerca sulle PMI.",
            "Doe mee aan ons onderzoeksstudie naar klantenservice.",
            "Convidamos você para um estudo de pesquisa sobre atendimento.",
        ] {
            let folded = crate::text::fold(text);
            assert!(find(&Scan::new(&folded)).has(Cue::Survey), "{text}");
        }
    }

    #[test]
    fn a_read_receipt_subject_is_an_automatic_notice_in_every_language() {
        for subject in [
            "Read: Contract renewal",
            "Gelesen: Angebot 2025",
            "Leído: Presupuesto",
            "Lu : Proposition commerciale",
            "Letto: Offerta",
            "Gelezen: Offerte",
            "Lida: Proposta",
            "開封済み: お見積り",
        ] {
            assert_eq!(
                subject_kind(subject).map(|k| k.0),
                Some(SubjectKind::AutoReply),
                "{subject}"
            );
        }
        assert_eq!(subject_kind("Ready to upgrade?"), None);
        assert_eq!(subject_kind("Lucky draw"), None);
    }

    #[test]
    fn subjects_announce_auto_replies_bounces_and_calendar_mail() {
        assert_eq!(
            subject_kind("Automatic reply: Invoice").map(|k| k.0),
            Some(SubjectKind::AutoReply)
        );
        assert_eq!(
            subject_kind("Accepté : Point").map(|k| k.0),
            Some(SubjectKind::Calendar)
        );
        assert_eq!(
            subject_kind("Undeliverable: hi").map(|k| k.0),
            Some(SubjectKind::Bounce)
        );
        assert_eq!(
            subject_kind("承諾: 導入打ち合わせ").map(|k| k.0),
            Some(SubjectKind::Calendar)
        );
        assert_eq!(subject_kind("Invitation to tender"), None);
        assert_eq!(subject_kind("Absences in the report"), None);
    }
}
