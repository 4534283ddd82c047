//! The category decision: the model's answer, overruled when the evidence is strong — scam
//! and phishing evidence adds up to spam; an auto-reply, a bounce, a calendar response, a
//! newsletter, a survey or a vendor's bill is `other`. Each overrule says why.
//!
//! The weights and thresholds were set on `data/dev.jsonl` (never on the holdout).

use crate::cues::{Cue, SubjectKind, Topic};
use crate::labels::Category;
use crate::model::Prediction;
use crate::sender::Imitation;
use crate::signals::Signals;

/// Spam evidence at or above this makes a mail spam whatever the model says.
const SPAM_SURE: f64 = 4.0;
/// Spam evidence at or above this makes a mail spam when the model also leans that way.
const SPAM_LIKELY: f64 = 2.5;
/// …by giving spam at least this probability.
const MODEL_LEANS: f64 = 0.2;
/// Under this much evidence, a spam answer from the model needs this probability to stand.
const SPAM_UNSUPPORTED: f64 = 1.5;
/// Chosen by leave-one-set-out over 32 sets (`examples/cv.rs`): from 0.8 to 0.7, weighted spam
/// recall 0.963 → 0.967 and precision 0.976 → 0.975. Over 55 sets, from 0.7 to 0.5: recall
/// 0.960 → 0.968, precision 0.978 → 0.977 (42 more spam caught, 4 more mails filed as spam,
/// two of them a customer's, which then gets no task); 0.6 caught half as many.
const MODEL_ALONE: f64 = 0.5;
/// The model's spam probability above which a notice's wording does not overrule it. By
/// leave-one-set-out over 55 sets, from 0.95 to 0.8: four more fake bills and notices caught
/// ("Your invoice … is ready" from a look-alike domain), none more filed as spam; 0.6 caught
/// one more and filed a real notification as spam.
const MODEL_SURE: f64 = 0.8;
/// An "other" answer under this probability gives way when a person reports trouble.
const UNSURE_OTHER: f64 = 0.7;

/// Attachments that no business sends as a document: web pages, disk images, programs.
const LURE_FILES: [&str; 9] = [
    ".html", ".htm", ".img", ".iso", ".exe", ".scr", ".vbs", ".lnk", ".one",
];

/// Points for and against spam, with the reasons.
#[derive(Debug, Clone, Default)]
pub struct SpamEvidence {
    pub points: f64,
    pub reasons: Vec<String>,
    /// A customer reports trouble in their own voice: the model's word alone is not enough.
    pub customer_trouble: bool,
}

impl SpamEvidence {
    fn add(&mut self, points: f64, reason: String) {
        self.points += points;
        self.reasons.push(reason);
    }
}

/// Weighs what was read for spam and phishing.
pub fn spam_evidence(s: &Signals) -> SpamEvidence {
    let mut e = SpamEvidence::default();
    let c = &s.cues;
    let sender = &s.sender;
    let domain = sender.domain.as_deref().unwrap_or("?");
    match &sender.imitation {
        Some(Imitation::LookAlike { brand }) => {
            e.add(3.0, format!("sender domain {domain} imitates {brand}"));
        }
        Some(Imitation::BrandInForeignDomain { brand }) => {
            e.add(1.5, format!("sender domain {domain} is not {brand}'s"));
        }
        None => {}
    }
    if let Some(brand) = &sender.claimed_brand {
        e.add(
            2.0,
            format!("sender name claims {brand}, address is {domain}"),
        );
    }
    if let Some(word) = &sender.institution_on_free_mail {
        e.add(
            1.5,
            format!("free-mail sender named like an institution (\"{word}\")"),
        );
    }
    if let Some(word) = sender.lure_domain {
        e.add(
            1.5,
            format!("sender domain {domain} is built on \"{word}\""),
        );
    }
    if let Some(brand) = &sender.official_brand {
        e.add(-2.0, format!("sent from {brand}'s own domain"));
    }
    if sender.own {
        e.add(-1.0, "sent from our own domain".into());
    }
    let weighted: [(Cue, f64, f64); 19] = [
        (Cue::PayPressure, 1.5, 0.5),
        (Cue::Delivery, 1.5, 0.5),
        (Cue::Credential, 2.0, 0.5),
        (Cue::AccountThreat, 1.5, 0.0),
        (Cue::ShortDeadline, 1.0, 0.0),
        (Cue::PaymentRedirect, 4.0, 0.0),
        (Cue::Macros, 3.0, 0.0),
        (Cue::Prize, 3.0, 0.5),
        (Cue::RefundLure, 3.0, 0.0),
        (Cue::PayoutLure, 1.5, 0.5),
        (Cue::Investment, 2.5, 0.5),
        (Cue::AdvanceFee, 2.0, 1.0),
        (Cue::Secrecy, 2.5, 0.5),
        (Cue::Payroll, 2.5, 0.5),
        (Cue::ColdPitch, 2.0, 1.0),
        (Cue::Offer, 2.0, 1.0),
        (Cue::Directory, 2.0, 1.0),
        (Cue::NoticeLure, 1.5, 0.0),
        (Cue::Injection, 3.0, 1.0),
    ];
    for (cue, first, more) in weighted {
        let n = c.count(cue);
        if n > 0 {
            let points = first + more * (n.min(3) - 1) as f64;
            e.add(points, format!("{}: {}", cue.name(), c.quote(cue)));
        }
    }
    if c.has(Cue::Promo) {
        let points = 2.0 + f64::from(c.count(Cue::Promo) >= 2);
        e.add(points, format!("promotion: {}", c.quote(Cue::Promo)));
    }
    // Who sells to whom: a stranger offering us a service we never asked about is unsolicited
    // whatever its wording; a prospect asking what we sell uses a pitch's words
    // ("white-label", "a quick call") but asks about our offer instead.
    let pitch = c.has(Cue::ColdPitch) || c.has(Cue::Offer);
    if pitch && c.has(Cue::BuyerAsks) {
        e.add(
            -2.0,
            format!("asks what we offer: {}", c.quote(Cue::BuyerAsks)),
        );
    } else if pitch
        && sender.official_brand.is_none()
        && !sender.own
        && s.second_person >= 1
        && !c.has(Cue::Consent)
    {
        e.add(2.0, "an unknown sender offers us a service".into());
    }
    if c.has(Cue::Bulk) && (c.has(Cue::ColdPitch) || c.has(Cue::Promo)) {
        e.add(0.5, "sent in bulk".into());
    }
    let stranger = sender.official_brand.is_none() && !sender.own;
    let topic = |t| s.topics.contains(&t);
    // A register, a directory or an awards body that names its price: a listing, a
    // publication or a place on a shortlist sold to whoever pays. Of the 9,137 development
    // mails (28 sets), every one from such a sender with a price in it is spam (the awards
    // we entered write "no fee").
    if let Some(word) = sender.register
        && stranger
        && s.we <= 1
        && s.price
    {
        e.add(
            SPAM_SURE,
            format!("a sender calling itself a register (\"{word}\") names a price"),
        );
    }
    if c.has(Cue::BankAccount)
        && c.has(Cue::Changed)
        && c.has(Cue::PayOut)
        && !c.has(Cue::PaymentRedirect)
        && !topic(Topic::Refund)
        && !topic(Topic::Charge)
    {
        e.add(
            3.0,
            format!(
                "asks to pay a changed bank account: {}, {}",
                c.quote(Cue::BankAccount),
                c.quote(Cue::Changed)
            ),
        );
        if c.has(Cue::TimePressure) || c.has(Cue::ShortDeadline) || sender.free_mail {
            e.add(1.0, "…in a hurry or from free mail".into());
        }
    }
    // "Keep this between us… I need a wire of £18,750 sent before 3pm": a payment asked for
    // in secret by someone who is not the service; real payments go through the books.
    if (c.has(Cue::Secrecy) || c.has(Cue::Payroll))
        && c.has(Cue::PayOut)
        && stranger
        && !c.has(Cue::PaidAlready)
    {
        e.add(
            1.5,
            format!("a payment asked for in secret: {}", c.quote(Cue::PayOut)),
        );
    }
    let threat = [
        Cue::AccountThreat,
        Cue::ShortDeadline,
        Cue::PayPressure,
        Cue::Credential,
    ]
    .iter()
    .any(|t| c.has(*t));
    // A bill that threatens: real vendors send friendly reminders; customers write "we".
    if stranger
        && s.we <= 1
        && topic(Topic::Invoice)
        && (c.has(Cue::PayPressure) || c.has(Cue::Legal) || c.has(Cue::ShortDeadline))
    {
        e.add(2.0, "an unknown sender's bill with threats".into());
    }
    if stranger && s.we <= 1 && c.has(Cue::CallToAction) && threat {
        e.add(
            1.5,
            format!("told to act under threat: {}", c.quote(Cue::CallToAction)),
        );
    }
    // A voicemail or shared-file notice from someone who is not the service, with something
    // to open: real ones come from the provider's domain; a colleague says "I shared".
    if c.has(Cue::NoticeLure)
        && stranger
        && s.we == 0
        && (s.links.count > 0 || s.attachment.is_some())
    {
        e.add(2.0, "a notification to open, not from the service".into());
    }
    if let Some(why) = &s.links.suspicious {
        e.add(2.0, why.clone());
    } else if c.has(Cue::Link) && e.points > 0.0 {
        e.add(0.5, format!("link: {}", c.quote(Cue::Link)));
    }
    // Anyone can open a free-mail box; a business asking to be paid into an account from one
    // is the classic redirect and fake-bill pattern.
    if sender.free_mail
        && (s.iban || c.has(Cue::BankAccount))
        && (c.has(Cue::PayOut) || topic(Topic::Invoice))
        && (c.has(Cue::PayPressure) || c.has(Cue::ShortDeadline) || c.has(Cue::TimePressure))
    {
        e.add(2.0, "a free-mail sender asks to be paid, in a hurry".into());
    }
    if s.iban && c.has(Cue::PaymentRedirect) {
        e.add(0.5, "an IBAN to pay".into());
    }
    match (s.attachment, c.has(Cue::ProtectedFile)) {
        // A stranger's bill in a named archive with its password ("Invoices_Q3.zip, password:
        // 7741") is the same lure as the unnamed one below; anything else protected is 3.0.
        (Some(ext), true) => {
            let points = if topic(Topic::Invoice) && stranger && s.we == 0 {
                SPAM_SURE
            } else {
                3.0
            };
            e.add(points, format!("password-protected {ext} attachment"))
        }
        // Bills travel as PDFs or portal links; a bill as a web page or an archive is a lure.
        // …unless a customer tells us of one ("you sent us the invoice as .html, can we…").
        (Some(ext), false) if topic(Topic::Invoice) && stranger && !c.has(Cue::WrongFormat) => {
            let points = if s.we == 0 { SPAM_SURE } else { 3.0 };
            e.add(points, format!("a bill sent as a {ext} file"));
        }
        // A web page, disk image or program is how malware travels; a customer sending one
        // tells us about it in their own voice ("I attached…"), a lure addresses us.
        (Some(ext), false) if stranger && s.we == 0 && LURE_FILES.contains(&ext) => {
            e.add(2.5, format!("a {ext} file sent by a stranger"));
        }
        // A disk image or a program is no document whoever writes "we" ("we are interested,
        // our purchase order is attached as PO.img"); a web page may be a customer's export.
        (Some(ext), false) if stranger && LURE_FILES.contains(&ext) && !ext.starts_with(".htm") => {
            e.add(2.5, format!("a {ext} file sent by a stranger"));
        }
        // A stranger's bill in a file with a password and no name to it ("the file is
        // protected, password: 2291"): the archive a lure carries, said in words.
        (None, true) if topic(Topic::Invoice) && stranger && s.we == 0 => {
            e.add(
                SPAM_SURE,
                "a stranger's bill in a password-protected file".into(),
            );
        }
        // Any other document a stranger locks and sends the key to in the same mail ("the
        // attachment is a protected archive. Password: atto2291"): nobody writing in their
        // own voice, nothing a real sender would lock and unlock in one breath.
        (None, true)
            if stranger && s.attached && s.password_given && s.we == 0 && s.first_person == 0 =>
        {
            e.add(
                2.5,
                format!(
                    "a stranger's file and its password in one mail: {}",
                    c.quote(Cue::ProtectedFile)
                ),
            );
        }
        (Some(ext), false) if e.points > 0.0 => e.add(1.0, format!("{ext} attachment")),
        _ => {}
    }
    // Mail we asked for says why it came ("because you subscribed"); a scam posing as a brand
    // still carries its imitation and its credential request.
    if c.has(Cue::Consent) && sender.imitation.is_none() && sender.claimed_brand.is_none() {
        e.add(-1.5, format!("wanted mail: {}", c.quote(Cue::Consent)));
    }
    // "WE LOGGED IN AND ALL OUR RECORDS ARE GONE. ACT NOW": a customer shouting about lost
    // data or an outage in their own voice, with nothing a scam asks for.
    let asks_like_scam = [
        Cue::Credential,
        Cue::PaymentRedirect,
        Cue::Prize,
        Cue::RefundLure,
        Cue::PayoutLure,
        Cue::Investment,
        Cue::AdvanceFee,
        Cue::Payroll,
    ]
    .iter()
    .any(|q| c.has(*q));
    if (c.has(Cue::DataLoss) || c.has(Cue::Outage) || c.has(Cue::Blocked))
        && s.we >= 2
        && !asks_like_scam
        && sender.imitation.is_none()
        && sender.claimed_brand.is_none()
    {
        e.add(
            -2.0,
            "a customer reporting trouble in their own voice".into(),
        );
        e.customer_trouble = true;
    }
    // "We got a final reminder but paid on the 12th, proof attached": a customer answering a
    // dunning mail, not the dunning mail — unless it also asks for credentials or a new account.
    if c.has(Cue::PaidAlready)
        && sender.imitation.is_none()
        && sender.claimed_brand.is_none()
        && !c.has(Cue::Credential)
        && !c.has(Cue::PaymentRedirect)
    {
        e.add(
            -2.0,
            format!("says the bill was paid: {}", c.quote(Cue::PaidAlready)),
        );
    }
    // "Your 'Verify your email' link says it expired, I clicked it within minutes; can you send
    // a new one?": a customer, in their own words, with no link of their own to click.
    if c.has(Cue::LinkTrouble)
        && s.links.count == 0
        && s.first_person >= 1
        && s.attachment.is_none()
        && sender.imitation.is_none()
        && sender.claimed_brand.is_none()
        && sender.institution_on_free_mail.is_none()
    {
        e.add(
            -2.0,
            format!("our link failed them: {}", c.quote(Cue::LinkTrouble)),
        );
        e.customer_trouble = true;
    }
    if c.has(Cue::PhishReport) {
        e.add(
            -4.0,
            format!("reports a suspicious mail: {}", c.quote(Cue::PhishReport)),
        );
    }
    e
}

/// Legitimate mail that needs no work from us.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    AutoReply,
    Bounce,
    Calendar,
    Newsletter,
    Survey,
    VendorBill,
    Thanks,
}

impl NoticeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AutoReply => "auto-reply",
            Self::Bounce => "bounce",
            Self::Calendar => "calendar response",
            Self::Newsletter => "newsletter",
            Self::Survey => "survey or NPS notification",
            Self::VendorBill => "a vendor's bill to us",
            Self::Thanks => "thanks only",
        }
    }
}

/// A notice and how sure the reading is.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub kind: NoticeKind,
    /// Strong: overrules the model. Weak: only when the model is unsure.
    pub strong: bool,
    pub why: String,
}

/// Auto-replies are short; a long mail that says "out of office" is usually about something.
const SHORT_BODY: usize = 800;

/// A thank-you note is short; a longer mail that says thanks is usually about something.
const THANKS_BODY: usize = 400;

/// Cues of trouble: a mail that carries one is about a case, whatever thanks it says.
const TROUBLE: [Cue; 9] = [
    Cue::Blocked,
    Cue::Outage,
    Cue::DataLoss,
    Cue::MoneyOrAccess,
    Cue::Security,
    Cue::Legal,
    Cue::Chargeback,
    Cue::TimePressure,
    Cue::Request,
];

/// Whether the mail is a notice that needs no work.
pub fn notice(s: &Signals) -> Option<Notice> {
    let c = &s.cues;
    let sender = &s.sender;
    let make = |kind, strong, why: String| Some(Notice { kind, strong, why });
    match s.subject_kind {
        Some((SubjectKind::AutoReply, p)) => {
            return make(
                NoticeKind::AutoReply,
                true,
                format!("subject starts \"{p}\""),
            );
        }
        Some((SubjectKind::Bounce, p)) => {
            return make(NoticeKind::Bounce, true, format!("subject starts \"{p}\""));
        }
        Some((SubjectKind::Calendar, p)) => {
            return make(
                NoticeKind::Calendar,
                true,
                format!("subject starts \"{p}\""),
            );
        }
        None => {}
    }
    if sender.daemon || c.count(Cue::Bounce) >= 2 {
        let why = if sender.daemon {
            "sent by a mail server".to_string()
        } else {
            format!("delivery failure: {}", c.quote(Cue::Bounce))
        };
        return make(NoticeKind::Bounce, true, why);
    }
    if c.has(Cue::Calendar) {
        return make(
            NoticeKind::Calendar,
            true,
            format!("calendar: {}", c.quote(Cue::Calendar)),
        );
    }
    // An auto-reply asks nothing; a customer quoting one ("I got an automatic reply, did you
    // delete my data?") asks about their case.
    if c.has(Cue::AutoReply) {
        let strong = s.body_bytes <= SHORT_BODY && !s.question;
        return make(
            NoticeKind::AutoReply,
            strong,
            format!("auto-reply: {}", c.quote(Cue::AutoReply)),
        );
    }
    let automated = sender.automated || c.has(Cue::Automated) || sender.official_brand.is_some();
    let billing_system = automated || sender.billing_role;
    if c.has(Cue::Survey) && (automated || c.has(Cue::Bulk)) {
        // A survey that wants a sign-in, or comes dressed as a brand, may be a lure.
        let lure = sender.imitation.is_some()
            || sender.lure_domain.is_some()
            || s.links.suspicious.is_some()
            || c.has(Cue::Credential);
        return make(
            NoticeKind::Survey,
            !lure,
            format!("survey: {}", c.quote(Cue::Survey)),
        );
    }
    // A footer claiming we signed up settles it, unless the mail also pitches: cold marketing
    // copies the footer ("because you're a business leader"), so the model decides then.
    let pitch = c.has(Cue::Promo) || c.has(Cue::ColdPitch) || c.has(Cue::Offer);
    if c.has(Cue::Consent) && (c.has(Cue::Bulk) || c.has(Cue::Newsletter) || automated) {
        return make(
            NoticeKind::Newsletter,
            !pitch,
            format!("subscribed mail: {}", c.quote(Cue::Consent)),
        );
    }
    // A vendor's bill speaks to us ("your invoice is available") and hardly of itself; a
    // customer's billing mail speaks of "we" and "our".
    let vendor_voice = s.first_person <= 1 && s.second_person >= s.first_person;
    if c.has(Cue::VendorBill) && vendor_voice && !c.has(Cue::TimePressure) && !c.has(Cue::Request) {
        // A bill from a sender dressed as a brand, behind a sign-in page, in a locked archive
        // or behind a link that looks wrong may be a lure: the evidence and the model decide
        // then.
        let lure = sender.imitation.is_some()
            || s.links.suspicious.is_some()
            || c.has(Cue::Credential)
            || c.has(Cue::ProtectedFile)
            || c.has(Cue::Macros);
        let strong = (billing_system || c.count(Cue::VendorBill) >= 2) && !lure;
        return make(
            NoticeKind::VendorBill,
            strong,
            format!("bill addressed to us: {}", c.quote(Cue::VendorBill)),
        );
    }
    // Thanks with the matter settled ("works now", "no need to reply") and nothing asked.
    // A reply's subject is the thread's ("Re: System down"); its own words say it is settled.
    let said = if s.reply { &s.body_cues } else { c };
    if c.has(Cue::Gratitude)
        && c.has(Cue::Settled)
        && !(if s.reply { s.body_question } else { s.question })
        && s.body_bytes <= THANKS_BODY
        && !TROUBLE.iter().any(|t| said.has(*t))
    {
        return make(
            NoticeKind::Thanks,
            true,
            format!("{}, {}", c.quote(Cue::Gratitude), c.quote(Cue::Settled)),
        );
    }
    if c.has(Cue::Bulk) && !pitch && (c.has(Cue::Newsletter) || automated) {
        // A sender whose name claims a brand its address does not belong to is no list we
        // joined for sure ("LinkedIn <…@linkedin-mail-notify.com>"): the model decides too.
        let dressed = sender.claimed_brand.is_some() && sender.imitation.is_some();
        return make(
            NoticeKind::Newsletter,
            !dressed,
            format!("bulk mail: {}", c.quote(Cue::Bulk)),
        );
    }
    if c.has(Cue::Newsletter) && !pitch && automated {
        return make(
            NoticeKind::Newsletter,
            false,
            format!("newsletter: {}", c.quote(Cue::Newsletter)),
        );
    }
    None
}

/// The category, its confidence and why.
#[derive(Debug, Clone)]
pub struct Decision {
    pub category: Category,
    pub confidence: f64,
    pub reasons: Vec<String>,
}

/// Combines the model's prediction with the evidence.
pub fn decide(p: &Prediction, s: &Signals) -> Decision {
    let spam = spam_evidence(s);
    let notice = notice(s);
    let is_notice = notice.is_some();
    let model = format!(
        "model: {} ({:.2}) from {}",
        p.category.as_str(),
        p.confidence,
        if p.evidence.is_empty() {
            "no known words".to_string()
        } else {
            p.evidence
                .iter()
                .map(|e| format!("\"{e}\""))
                .collect::<Vec<_>>()
                .join(", ")
        }
    );
    let spam_reason = || {
        format!(
            "spam evidence {:.1}: {}",
            spam.points,
            spam.reasons.join("; ")
        )
    };
    if spam.points >= SPAM_SURE {
        return Decision {
            category: Category::Spam,
            confidence: (0.75 + 0.04 * spam.points).min(0.99),
            reasons: vec![spam_reason(), model],
        };
    }
    // "Ihre Rechnung … Zahlung fehlgeschlagen" with a link and a deadline: a notice's wording
    // is what a fake dunning notice copies, so a model sure of spam, with some evidence
    // beside it, is not overruled by the notice.
    let model_sure_of_spam =
        p.category == Category::Spam && p.confidence >= MODEL_SURE && spam.points > 0.0;
    let set_aside = notice
        .as_ref()
        .filter(|n| n.strong && model_sure_of_spam)
        .map(|n| format!("{} set aside: the model is sure of spam", n.kind.as_str()));
    if let Some(n) = notice.as_ref().filter(|n| n.strong && !model_sure_of_spam) {
        return Decision {
            category: Category::Other,
            confidence: p.probability(Category::Other).max(0.85),
            reasons: vec![format!("{}: {}", n.kind.as_str(), n.why), model],
        };
    }
    if spam.points >= SPAM_LIKELY && p.probability(Category::Spam) >= MODEL_LEANS {
        let mut reasons = vec![spam_reason(), model];
        reasons.extend(set_aside);
        return Decision {
            category: Category::Spam,
            confidence: p.probability(Category::Spam).max(0.7),
            reasons,
        };
    }
    if let Some(n) = notice.filter(|_| p.confidence < 0.6 && p.category != Category::Spam) {
        return Decision {
            category: Category::Other,
            confidence: p.probability(Category::Other).max(0.6),
            reasons: vec![format!("{}: {}", n.kind.as_str(), n.why), model],
        };
    }
    // A customer reporting a phishing mail quotes it: the model's spam needs real evidence then.
    // So does a customer telling of their own trouble (lost data, a link of ours that failed).
    let needed = if s.cues.has(Cue::PhishReport) || spam.customer_trouble {
        SPAM_LIKELY
    } else {
        SPAM_UNSUPPORTED
    };
    // …and a prospect asking what we sell is never spam on the model's word alone.
    let alone =
        p.confidence >= MODEL_ALONE && !s.cues.has(Cue::BuyerAsks) && !spam.customer_trouble;
    if p.category == Category::Spam && spam.points < needed && !alone {
        // A customer in trouble needs work: not `other` either.
        let (next, prob) = if spam.customer_trouble {
            Category::ALL
                .iter()
                .filter(|c| !matches!(c, Category::Spam | Category::Other))
                .map(|c| (*c, p.probability(*c)))
                .fold(
                    (Category::Support, f64::MIN),
                    |a, b| if b.1 > a.1 { b } else { a },
                )
        } else {
            p.runner_up(Category::Spam)
        };
        let mut reasons = vec![
            model,
            format!(
                "too little spam evidence ({:.1}); {} instead",
                spam.points,
                next.as_str()
            ),
        ];
        reasons.extend(spam.reasons);
        return Decision {
            category: next,
            confidence: prob,
            reasons,
        };
    }
    // Mail that needs no work carries no trouble: a person (not a notifier) telling of lost
    // data, an outage, blocked work, a break-in or a lawyer is a case, whatever the model's
    // unsure "other" says.
    let trouble = [
        Cue::DataLoss,
        Cue::Outage,
        Cue::Blocked,
        Cue::Security,
        Cue::Legal,
    ]
    .iter()
    .any(|t| s.cues.has(*t));
    if p.category == Category::Other
        && !is_notice
        && trouble
        && p.confidence < UNSURE_OTHER
        && !s.sender.automated
        && !s.sender.daemon
    {
        let (next, prob) = p.runner_up(Category::Other);
        return Decision {
            category: next,
            confidence: prob,
            reasons: vec![
                model,
                format!("a person reports trouble; {} instead", next.as_str()),
            ],
        };
    }
    let mut reasons = vec![model];
    if p.category == Category::Spam {
        reasons.push(spam_reason());
        reasons.extend(set_aside);
    } else if spam.points >= SPAM_UNSUPPORTED {
        reasons.push(format!("not enough for spam: {}", spam_reason()));
    }
    Decision {
        category: p.category,
        confidence: p.confidence,
        reasons,
    }
}
