//! Who a mail claims to be from, and whether the address agrees: free-mail senders with an
//! institution's name, domains that imitate a bank, a payment provider or our own domain
//! (homoglyph digits, one-letter typos, the brand inside another domain), display names that
//! claim a brand the address does not belong to, and automated senders (no-reply, bounces).

use crate::text::registrable_label;
use std::collections::HashMap;

use crate::brands::{BRANDS, Brand, FREE_MAIL, INSTITUTION_WORDS, SHORTENERS};
use crate::text::{Sender, fold, is_cjk};

/// The domains that are ours and the brands whose look-alikes we watch for, indexed so a
/// sender is checked with a few lookups rather than a pass over every brand.
#[derive(Debug, Clone)]
pub struct Protected {
    /// Our own domains first, then the built-in brands.
    brands: Vec<Brand>,
    own: usize,
    official: HashMap<String, usize>,
    official_labels: HashMap<String, usize>,
    /// Domain key → brand.
    keys: HashMap<String, usize>,
    /// Keys of six letters or more (hyphens dropped): found inside other words too.
    long_keys: Vec<(String, usize)>,
    /// Keys of five letters or more: a one-letter typo of them is a look-alike.
    edit_keys: Vec<(String, usize)>,
}

/// Our domain when none is configured: the demo mailbox's.
pub const DEFAULT_OWN_DOMAIN: &str = "demo-mcp-orchestrator.example";

impl Default for Protected {
    fn default() -> Self {
        Self::new(&[DEFAULT_OWN_DOMAIN.to_string()])
    }
}

impl Protected {
    /// Our own domains (`CLASSIFY_OWN_DOMAINS`), protected like the built-in brands.
    pub fn new(own_domains: &[String]) -> Self {
        let mut brands: Vec<Brand> = own_domains
            .iter()
            .map(|d| d.trim().to_ascii_lowercase())
            .filter(|d| d.contains('.'))
            .map(|d| Brand::own(&d))
            .collect();
        let own = brands.len();
        brands.extend(BRANDS.iter().cloned());
        let mut p = Self {
            own,
            official: HashMap::new(),
            official_labels: HashMap::new(),
            keys: HashMap::new(),
            long_keys: Vec::new(),
            edit_keys: Vec::new(),
            brands: Vec::new(),
        };
        for (i, b) in brands.iter().enumerate() {
            for d in &b.official {
                p.official.entry(d.clone()).or_insert(i);
            }
            for l in &b.official_labels {
                p.official_labels.entry(l.clone()).or_insert(i);
            }
            for (key, compact) in b.domain_keys.iter().zip(&b.compact_keys) {
                p.keys.entry(key.clone()).or_insert(i);
                p.keys.entry(compact.clone()).or_insert(i);
                if compact.len() >= 6 {
                    p.long_keys.push((compact.clone(), i));
                }
                if compact.len() >= 5 {
                    p.edit_keys.push((compact.clone(), i));
                }
            }
        }
        p.brands = brands;
        p
    }

    fn brands(&self) -> impl Iterator<Item = &Brand> {
        self.brands.iter()
    }

    /// The brand whose real domain `domain` is (itself or a subdomain of it).
    fn official_brand(&self, domain: &str) -> Option<usize> {
        let mut rest = domain;
        loop {
            if let Some(i) = self.official.get(rest) {
                return Some(*i);
            }
            match rest.split_once('.') {
                Some((_, tail)) if tail.contains('.') => rest = tail,
                _ => break,
            }
        }
        self.official_labels.get(registrable_label(domain)).copied()
    }

    /// Whether `domain` is a protected brand's real domain (or one of ours).
    pub fn is_official(&self, domain: &str) -> bool {
        self.official_brand(domain).is_some()
    }

    /// Whether `domain` is one of ours.
    pub fn is_own(&self, domain: &str) -> bool {
        self.official_brand(domain).is_some_and(|i| i < self.own)
    }
}

/// How a domain relates to a protected brand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Imitation {
    /// Looks like the brand but is not it: `paypa1.com`, `micros0ft-…`, `strlpe.com`.
    LookAlike { brand: String },
    /// Carries the brand's name inside someone else's domain: `paypal-resolution-center.net`.
    BrandInForeignDomain { brand: String },
}

/// What the sender tells about a mail.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SenderSignals {
    pub domain: Option<String>,
    pub free_mail: bool,
    /// The domain imitates a protected brand.
    pub imitation: Option<Imitation>,
    /// The display name (or a free-mail local part) names a brand the domain is not.
    pub claimed_brand: Option<String>,
    /// A free-mail sender named like an institution ("Billing Team", `accounts.dept@gmail`).
    pub institution_on_free_mail: Option<String>,
    /// The sender is the official domain of a known brand (a real bank, a real vendor).
    pub official_brand: Option<String>,
    /// A hyphenated domain built from reassuring words (`secure-refund-notice.com`,
    /// `bbva-seguridad-clientes.com`): the word found.
    pub lure_domain: Option<&'static str>,
    /// The sender's name or domain calls it a register, a directory, a trade-mark office or
    /// an awards body ("Property Redress Register", `wipo-trademark-register.org`, "Guia
    /// Nacional de Empresas"): the word found.
    pub register: Option<&'static str>,
    /// One of our own domains.
    pub own: bool,
    /// `noreply@`, `notifications@`, `newsletter@`, …
    pub automated: bool,
    /// `billing@`, `invoices@`, `facturacion@`…: a vendor's billing system, or a customer's
    /// accounts department (the voice of the mail tells which).
    pub billing_role: bool,
    /// `mailer-daemon@`, `postmaster@`, "Mail Delivery System".
    pub daemon: bool,
}

impl SenderSignals {
    pub fn read(from: &str, protected: &Protected) -> Self {
        let sender = Sender::parse(from);
        let mut s = Self::default();
        let name = sender.name.as_deref().map(fold).unwrap_or_default();
        let local = sender.local().map(fold).unwrap_or_default();
        let Some(domain) = sender.domain().map(str::to_ascii_lowercase) else {
            s.daemon = name.contains("mail delivery");
            return s;
        };
        s.free_mail = is_free_mail(&domain);
        s.own = protected.is_own(&domain);
        // A free-mail address is anyone's, whatever provider runs it.
        let official = protected.official_brand(&domain).filter(|_| !s.free_mail);
        s.official_brand = official.map(|i| protected.brands[i].name.clone());
        if official.is_none() && !s.free_mail {
            s.imitation = imitation(&domain, protected);
            s.lure_domain = lure_word(&domain);
        }
        let local_words: Vec<&str> = local
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| !w.is_empty())
            .collect();
        let name_words = crate::brands::words(&name);
        s.claimed_brand = protected
            .brands()
            .enumerate()
            .find(|(i, b)| {
                (b.named_in(&name, &name_words) || (s.free_mail && b.named_in_words(&local_words)))
                    && official != Some(*i)
            })
            .map(|(_, b)| b.name.clone());
        if s.free_mail {
            s.institution_on_free_mail = institution(&name, &local_words);
        }
        s.daemon = local.starts_with("mailer-daemon")
            || local.starts_with("postmaster")
            || name.contains("mail delivery");
        s.automated = s.daemon
            || [
                "noreply",
                "no-reply",
                "no_reply",
                "donotreply",
                "do-not-reply",
                "notification",
                "newsletter",
                "bounce",
                "autoreply",
                "auto-reply",
                "mailer",
            ]
            .iter()
            .any(|w| local.contains(w))
            || [
                "news", "updates", "notify", "alerts", "calendar", "receipts",
            ]
            .contains(&local.as_str());
        s.billing_role = [
            "billing",
            "invoice",
            "invoices",
            "invoicing",
            "receipts",
            "payments",
            "facturacion",
            "facturas",
            "facturation",
            "facture",
            "fatturazione",
            "fatture",
            "faturacao",
            "faturas",
            "rechnung",
            "rechnungen",
            "factuur",
            "facturen",
        ]
        .iter()
        .any(|w| local_words.contains(w));
        // The name's words and the domain's labels (its suffix aside).
        let head = domain.rsplit_once('.').map_or(domain.as_str(), |(h, _)| h);
        s.register = name
            .split(|c: char| !c.is_alphanumeric())
            .chain(head.split(['.', '-']))
            .find_map(|w| {
                REGISTER_WORDS.iter().find(|r| **r == w).or_else(|| {
                    // German and Dutch compounds: "Garagegids", "Firmenverzeichnis".
                    COMPOUND_ENDS
                        .iter()
                        .find(|r| w.len() > r.len() + 2 && w.ends_with(**r))
                })
            })
            .or_else(|| REGISTER_CJK.iter().find(|r| name.contains(**r)))
            .copied();
        s.domain = Some(domain);
        s
    }
}

/// Register words that end German and Dutch compounds ("Garagegids", "Zentralregister").
const COMPOUND_ENDS: &[&str] = &["gids", "register", "verzeichnis"];

/// The same in Japanese, written without spaces: found anywhere in the name ("ベスト
/// ワークスペース大賞 事務局").
const REGISTER_CJK: &[&str] = &["大賞", "アワード", "名鑑", "登録センター", "登記"];

/// What a register, a business directory, a trade-mark publication or an awards body calls
/// itself, in the seven languages written with spaces. Such a sender naming a price is the
/// classic scam (a real register bills its members from its own portal; an award one entered
/// says "no fee").
const REGISTER_WORDS: &[&str] = &[
    "register",
    "registry",
    "registro",
    "registre",
    "registers",
    "handelsregister",
    "firmenregister",
    "zentralregister",
    "grundbuch",
    "kadaster",
    "registratiedienst",
    "cadastro",
    "directory",
    "directorio",
    "diretorio",
    "annuaire",
    "verzeichnis",
    "firmenverzeichnis",
    "branchenbuch",
    "elenco",
    "annuario",
    "albo",
    "gids",
    "bedrijvengids",
    "guia",
    "guide",
    "trademark",
    "publication",
    "publications",
    "publicaciones",
    "pubblicazioni",
    "publicacoes",
    "award",
    "awards",
    "premios",
    "premio",
];

/// Words phishing domains are built from to look official: security, verification, sign-in,
/// refunds, payouts, debt collection, in the eight languages.
const LURE_WORDS: &[&str] = &[
    "secure",
    "security",
    "verify",
    "verification",
    "verificacion",
    "verifica",
    "validate",
    "validation",
    "login",
    "signin",
    "logon",
    "alert",
    "alerts",
    "unlock",
    "recovery",
    "confirm",
    "confirmation",
    "resolution",
    "suspended",
    "refund",
    "refunds",
    "taxrefund",
    "payout",
    "payouts",
    "claim",
    "rewards",
    "prize",
    "gov",
    "collections",
    "seguridad",
    "sicherheit",
    "securite",
    "sicurezza",
    "beveiliging",
    "seguranca",
    "devolucion",
    "reembolso",
    "remboursement",
    "restituicao",
    "liberacao",
    "auszahlung",
    "inkasso",
    "incasso",
    "cobros",
    "cobranca",
    "recouvrement",
    "kakunin",
    "kyc",
    // Notices and portals: "mail-hubspot-portal.co", "teams-missed-chat.net",
    // "dmca-claims-center.org".
    "notice",
    "notices",
    "portal",
    "missed",
    "claims",
    "enforcement",
    "payments",
    // A bill-paying or quarantine portal in the eight languages: "lumora-betalingen.nl",
    // "acme-shiharai.jp", "mailserver-quarantine.net".
    "pagos",
    "zahlung",
    "zahlungen",
    "paiement",
    "paiements",
    "pagamenti",
    "pagamentos",
    "betaling",
    "betalingen",
    "shiharai",
    "seikyu",
    "quarantine",
    "cuarentena",
    "quarantaene",
    "quarantaine",
    "quarantena",
    // Renewals and fines: "acme.app-renewals.net", "registry-penalty.co.uk".
    "renewal",
    "renewals",
    "penalty",
    "penalties",
];

/// The reassuring word a hyphenated domain (or link host) is built from, if any. Only
/// hyphenated names count: `secure-refund-notice.com` is assembled to reassure, a company's
/// own one-word name is not.
pub fn lure_word(domain: &str) -> Option<&'static str> {
    let head = domain.rsplit_once('.').map_or(domain, |(h, _)| h);
    if !head.contains('-') {
        return None;
    }
    head.split(['.', '-'])
        .find_map(|t| LURE_WORDS.iter().find(|w| **w == t))
        .copied()
}

/// Whether a domain belongs to a free mail provider (`gmail.com`, `yahoo.co.jp`, `gmx.de`).
pub fn is_free_mail(domain: &str) -> bool {
    let label = registrable_label(domain);
    FREE_MAIL
        .iter()
        .any(|f| label == *f || is_within(domain, f))
}

/// Whether `domain` is `parent` or one of its subdomains.
pub fn is_within(domain: &str, parent: &str) -> bool {
    domain == parent
        || domain
            .strip_suffix(parent)
            .is_some_and(|head| head.ends_with('.'))
}

/// Whether `domain` imitates a protected brand, and how.
pub fn imitation(domain: &str, protected: &Protected) -> Option<Imitation> {
    if protected.official_brand(domain).is_some() {
        return None;
    }
    let name = |i: usize| protected.brands[i].name.clone();
    // Every hyphen- or dot-separated token of the domain but its top-level suffix.
    let head = domain.rsplit_once('.').map_or(domain, |(h, _)| h);
    let tokens: Vec<&str> = head
        .split(['.', '-', '_'])
        .filter(|t| !t.is_empty())
        .collect();
    let normal: Vec<String> = tokens.iter().map(|t| homoglyph_normal(t)).collect();
    let joined: String = registrable_label(domain)
        .chars()
        .filter(|c| *c != '-')
        .collect();
    let joined_norm = homoglyph_normal(&joined);
    for (t, n) in tokens.iter().zip(&normal) {
        if n != t
            && let Some(i) = protected.keys.get(n.as_str())
        {
            return Some(Imitation::LookAlike { brand: name(*i) });
        }
        if protected.keys.contains_key(*t) {
            continue;
        }
        for (key, i) in &protected.edit_keys {
            if n.len().abs_diff(key.len()) <= 1 && one_edit(n, key) {
                return Some(Imitation::LookAlike { brand: name(*i) });
            }
        }
    }
    for (key, i) in &protected.long_keys {
        if joined_norm != joined && joined_norm.contains(key.as_str()) {
            return Some(Imitation::LookAlike { brand: name(*i) });
        }
        if key.len() >= 10 && one_edit(&joined_norm, key) {
            return Some(Imitation::LookAlike { brand: name(*i) });
        }
    }
    if let Some(i) = tokens.iter().find_map(|t| protected.keys.get(*t)) {
        return Some(Imitation::BrandInForeignDomain { brand: name(*i) });
    }
    let hay: String = head.chars().filter(|c| *c != '-').collect();
    protected
        .long_keys
        .iter()
        .find(|(key, _)| hay.contains(key.as_str()))
        .map(|(_, i)| Imitation::BrandInForeignDomain { brand: name(*i) })
}

/// Digits and pairs that pass for letters: `0`→`o`, `1`→`l`, `rn`→`m`, `vv`→`w`.
pub fn homoglyph_normal(s: &str) -> String {
    let mapped: String = s
        .chars()
        .map(|c| match c {
            '0' => 'o',
            '1' | '!' | '|' => 'l',
            '3' => 'e',
            '4' | '@' => 'a',
            '5' | '$' => 's',
            '7' => 't',
            '8' => 'b',
            _ => c,
        })
        .collect();
    mapped.replace("rn", "m").replace("vv", "w")
}

/// Whether two strings are one insertion, deletion, substitution or swap apart (compared
/// byte by byte: domain labels are ASCII).
pub fn one_edit(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a == b || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let i = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[i..], &b[i..]);
    match ra.len().cmp(&rb.len()) {
        std::cmp::Ordering::Equal => {
            ra[1..] == rb[1..]
                || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        std::cmp::Ordering::Greater => ra[1..] == *rb,
        std::cmp::Ordering::Less => *ra == rb[1..],
    }
}

/// An institution word in a free-mail sender's display name or local part.
fn institution(name: &str, local_words: &[&str]) -> Option<String> {
    let name_words: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric() || is_cjk(c))
        .filter(|w| !w.is_empty())
        .collect();
    INSTITUTION_WORDS
        .iter()
        .find(|w| {
            if w.chars().any(is_cjk) {
                name.contains(**w)
            } else {
                name_words.contains(w) || local_words.contains(w)
            }
        })
        .map(|w| (*w).to_string())
}

/// Whether a URL host is a link shortener.
pub fn is_shortener(host: &str) -> bool {
    SHORTENERS.iter().any(|s| is_within(host, s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signals(from: &str) -> SenderSignals {
        SenderSignals::read(
            from,
            &Protected::new(&["demo-mcp-orchestrator.example".to_string()]),
        )
    }

    fn imitated(from: &str) -> Option<Imitation> {
        signals(from).imitation
    }

    #[test]
    fn look_alike_domains_of_brands_and_of_our_own_are_caught() {
        for from in [
            "service@paypa1.com",
            "no-reply@micros0ft-account-security.com",
            "account@amaz0n-co-jp.com",
            "payouts@strlpe.com",
            "support@demo-mcp-orchestrat0r.example",
            "billing@dem0-mcp-orchestrator.com",
        ] {
            assert!(
                matches!(imitated(from), Some(Imitation::LookAlike { .. })),
                "{from}: {:?}",
                imitated(from)
            );
        }
        assert!(matches!(
            imitated("service@paypal-resolution-center.net"),
            Some(Imitation::BrandInForeignDomain { .. })
        ));
        assert!(matches!(
            imitated("ar@demo-mcp-orchestrator-billing.com"),
            Some(Imitation::BrandInForeignDomain { .. })
        ));
    }

    #[test]
    fn real_brand_domains_and_ordinary_companies_are_not_look_alikes() {
        for from in [
            "service@paypal.com",
            "no-reply@accounts.google.com",
            "billing@demo-mcp-orchestrator.example",
            "ap@purchase-dept.com",
            "ops@applewood-farms.com",
            "ana@example.com",
            "m.rossi@ferrari-logistics.it",
        ] {
            assert_eq!(imitated(from), None, "{from}");
        }
        assert_eq!(
            signals("no-reply@accounts.google.com")
                .official_brand
                .as_deref(),
            Some("Google")
        );
        assert!(signals("billing@demo-mcp-orchestrator.example").own);
    }

    #[test]
    fn a_free_mail_sender_named_like_a_bank_or_a_billing_team_is_flagged() {
        let s = signals("Chase Bank Security <chase.alerts.team@hotmail.com>");
        assert!(s.free_mail);
        assert_eq!(s.claimed_brand.as_deref(), Some("Chase"));
        assert!(s.institution_on_free_mail.is_some());
        let s = signals("Laura Fischer <laura.fischer.accounts@gmail.com>");
        assert_eq!(s.institution_on_free_mail.as_deref(), Some("accounts"));
        let s = signals("Sandra K <sandra.k1979@yahoo.com>");
        assert!(s.free_mail && s.institution_on_free_mail.is_none() && s.claimed_brand.is_none());
    }

    #[test]
    fn automated_senders_and_bounces_are_recognised() {
        assert!(signals("Mail Delivery Subsystem <mailer-daemon@googlemail.com>").daemon);
        assert!(signals("postmaster@outlook.com").daemon);
        assert!(signals("GitHub <noreply@github.com>").automated);
        assert!(!signals("ana@example.com").automated);
    }

    #[test]
    fn domains_assembled_from_reassuring_words_are_noticed() {
        assert_eq!(
            signals("x@compte-verification-fr.com").lure_domain,
            Some("verification")
        );
        assert_eq!(
            signals("avisos@bbva-seguridad-clientes.com").lure_domain,
            Some("seguridad")
        );
        // Payment and quarantine portals, in the eight languages.
        assert_eq!(
            signals("rechnung@acme-zahlung.de").lure_domain,
            Some("zahlung")
        );
        assert_eq!(
            signals("info@nimbus-shiharai.jp").lure_domain,
            Some("shiharai")
        );
        assert_eq!(
            signals("postmaster@mail-quarantine.net").lure_domain,
            Some("quarantine")
        );
        assert_eq!(
            signals("Property Redress Register <renewals@prr.co.uk>").register,
            Some("register")
        );
        assert_eq!(
            signals("Filing <filing@wipo-trademark-register.org>").register,
            Some("trademark")
        );
        assert_eq!(signals("Ana <ana@registrar.example>").register, None);
        for from in [
            "ana@example.com",
            "ops@secure.example.com",
            "m.rossi@ferrari-logistics.it",
            "no-reply@accounts.google.com",
        ] {
            assert_eq!(signals(from).lure_domain, None, "{from}");
        }
    }

    #[test]
    fn edits_and_registrable_labels() {
        assert!(one_edit("paypai", "paypal"));
        assert!(one_edit("micorsoft", "microsoft"));
        assert!(one_edit("amazn", "amazon"));
        assert!(!one_edit("amazon", "amazon"));
        assert!(!one_edit("stripe", "strap"));
        assert_eq!(registrable_label("mail.paypal.co.uk"), "paypal");
        assert_eq!(
            registrable_label("refunds.hmrc-taxrefund.uk.com"),
            "hmrc-taxrefund"
        );
        assert!(is_free_mail("yahoo.co.jp") && is_free_mail("gmx.de"));
        assert!(!is_free_mail("example.com"));
    }
}
