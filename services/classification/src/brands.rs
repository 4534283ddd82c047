//! Reference lists for reading senders: brands that phishing imitates (banks, payment
//! providers, big platforms, carriers, tax offices) with their real domains, free-mail
//! providers, words that name an institution, and link shorteners.

use std::sync::LazyLock;

use crate::text::registrable_label;
use crate::text::{fold, is_cjk};

/// A protected brand.
#[derive(Debug, Clone)]
pub struct Brand {
    /// As shown in reasons.
    pub name: String,
    /// What a domain (or a free-mail local part) carrying the brand contains.
    pub domain_keys: Vec<String>,
    /// The domain keys without hyphens.
    pub compact_keys: Vec<String>,
    /// What a display name claiming the brand contains (folded words or CJK text).
    pub display_keys: Vec<String>,
    /// The brand's real domains (subdomains included).
    pub official: Vec<String>,
    /// Registrable labels that are the brand under any suffix (`amazon` in `amazon.co.jp`).
    pub official_labels: Vec<String>,
}

impl Brand {
    /// Our own domain as a brand: its label and the distinctive parts of it.
    pub fn own(domain: &str) -> Self {
        let label = registrable_label(domain).to_string();
        let mut keys = vec![label.clone()];
        keys.extend(
            label
                .split('-')
                .filter(|p| p.len() >= 6 && *p != label)
                .map(str::to_string),
        );
        let mut display = vec![label.replace('-', " ")];
        display.extend(keys.iter().skip(1).cloned());
        Self {
            name: domain.to_string(),
            compact_keys: compact(&keys),
            domain_keys: keys,
            display_keys: display,
            official: vec![domain.to_string()],
            official_labels: Vec::new(),
        }
    }

    /// Whether a folded display name (given also as its [`words`]) names the brand.
    pub fn named_in(&self, folded_name: &str, name_words: &[&str]) -> bool {
        !name_words.is_empty()
            && self.display_keys.iter().any(|k| {
                if k.contains(' ') || k.chars().any(is_cjk) {
                    folded_name.contains(k.as_str())
                } else {
                    name_words.contains(&k.as_str())
                }
            })
    }

    /// Whether the words of a local part carry the brand (`chase.alerts.team`).
    pub fn named_in_words(&self, words: &[&str]) -> bool {
        self.domain_keys
            .iter()
            .any(|k| k.len() >= 4 && words.contains(&k.as_str()))
    }
}

/// The words of a folded name (CJK runs kept whole).
pub fn words(name: &str) -> Vec<&str> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

fn compact(keys: &[String]) -> Vec<String> {
    keys.iter().map(|k| k.replace('-', "")).collect()
}

/// (name, domain keys, display keys, official domains, official labels)
type Row = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
);

const ROWS: &[Row] = &[
    (
        "PayPal",
        &["paypal"],
        &["paypal"],
        &["paypal.com", "paypal.me", "paypal-communication.com"],
        &["paypal"],
    ),
    (
        "Stripe",
        &["stripe"],
        &["stripe"],
        &["stripe.com"],
        &["stripe"],
    ),
    (
        "Wise",
        &["wise", "transferwise"],
        &["wise", "transferwise"],
        &["wise.com", "transferwise.com"],
        &[],
    ),
    (
        "Revolut",
        &["revolut"],
        &["revolut"],
        &["revolut.com"],
        &["revolut"],
    ),
    ("Adyen", &["adyen"], &["adyen"], &["adyen.com"], &["adyen"]),
    (
        "Klarna",
        &["klarna"],
        &["klarna"],
        &["klarna.com"],
        &["klarna"],
    ),
    (
        "Shopify",
        &["shopify"],
        &["shopify"],
        &["shopify.com", "shopifyemail.com"],
        &["shopify"],
    ),
    (
        "Mollie",
        &["mollie"],
        &["mollie"],
        &["mollie.com"],
        &["mollie"],
    ),
    (
        "Payoneer",
        &["payoneer"],
        &["payoneer"],
        &["payoneer.com"],
        &["payoneer"],
    ),
    (
        "American Express",
        &["amex", "americanexpress"],
        &["american express", "amex"],
        &["americanexpress.com", "aexp.com"],
        &["americanexpress"],
    ),
    (
        "Mastercard",
        &["mastercard"],
        &["mastercard"],
        &["mastercard.com"],
        &["mastercard"],
    ),
    (
        "Visa",
        &["visa"],
        &["visa card", "visa secure"],
        &["visa.com"],
        &[],
    ),
    (
        "Chase",
        &["chase", "jpmorgan"],
        &["chase bank", "chase online", "jpmorgan"],
        &["chase.com", "jpmorgan.com"],
        &[],
    ),
    (
        "Wells Fargo",
        &["wellsfargo"],
        &["wells fargo"],
        &["wellsfargo.com"],
        &[],
    ),
    (
        "Bank of America",
        &["bankofamerica"],
        &["bank of america"],
        &["bankofamerica.com", "bofa.com"],
        &[],
    ),
    (
        "Citibank",
        &["citibank"],
        &["citibank", "citi bank"],
        &["citibank.com", "citi.com"],
        &["citibank"],
    ),
    ("HSBC", &["hsbc"], &["hsbc"], &[], &["hsbc"]),
    ("Barclays", &["barclays"], &["barclays"], &[], &["barclays"]),
    (
        "Lloyds",
        &["lloydsbank"],
        &["lloyds bank"],
        &["lloydsbank.com", "lloydsbank.co.uk"],
        &[],
    ),
    ("NatWest", &["natwest"], &["natwest"], &[], &["natwest"]),
    (
        "Santander",
        &["santander"],
        &["santander"],
        &[],
        &["santander"],
    ),
    ("BBVA", &["bbva"], &["bbva"], &[], &["bbva"]),
    (
        "CaixaBank",
        &["caixabank"],
        &["caixabank", "la caixa"],
        &[],
        &["caixabank"],
    ),
    (
        "Sabadell",
        &["bancsabadell", "sabadell"],
        &["banco sabadell", "banc sabadell"],
        &[],
        &["bancsabadell"],
    ),
    (
        "ING",
        &["ing", "ing-diba"],
        &["ing bank", "ing diba", "ing klantenservice"],
        &["ing.nl", "ing.de", "ing.com", "ing.es", "ing.be"],
        &[],
    ),
    ("Rabobank", &["rabobank"], &["rabobank"], &[], &["rabobank"]),
    ("ABN AMRO", &["abnamro"], &["abn amro"], &[], &["abnamro"]),
    (
        "Deutsche Bank",
        &["deutschebank", "deutsche-bank"],
        &["deutsche bank"],
        &["db.com"],
        &["deutsche-bank"],
    ),
    (
        "Commerzbank",
        &["commerzbank"],
        &["commerzbank"],
        &[],
        &["commerzbank"],
    ),
    (
        "Sparkasse",
        &["sparkasse"],
        &["sparkasse"],
        &["sparkasse.de"],
        &[],
    ),
    ("Volksbank", &["volksbank"], &["volksbank"], &[], &[]),
    ("Postbank", &["postbank"], &["postbank"], &[], &["postbank"]),
    (
        "BNP Paribas",
        &["bnpparibas", "bnp"],
        &["bnp paribas"],
        &[],
        &["bnpparibas"],
    ),
    (
        "Crédit Agricole",
        &["credit-agricole", "creditagricole"],
        &["credit agricole"],
        &[],
        &["credit-agricole"],
    ),
    (
        "Société Générale",
        &["societegenerale"],
        &["societe generale"],
        &[],
        &["societegenerale"],
    ),
    (
        "La Banque Postale",
        &["labanquepostale"],
        &["banque postale"],
        &[],
        &["labanquepostale"],
    ),
    (
        "Intesa Sanpaolo",
        &["intesasanpaolo", "intesa"],
        &["intesa sanpaolo", "intesa"],
        &[],
        &["intesasanpaolo"],
    ),
    (
        "UniCredit",
        &["unicredit"],
        &["unicredit"],
        &[],
        &["unicredit"],
    ),
    (
        "Poste Italiane",
        &["posteitaliane", "poste"],
        &["poste italiane", "postepay"],
        &["poste.it", "posteitaliane.it"],
        &[],
    ),
    ("Itaú", &["itau"], &["itau", "banco itau"], &[], &["itau"]),
    ("Bradesco", &["bradesco"], &["bradesco"], &[], &["bradesco"]),
    ("Nubank", &["nubank"], &["nubank"], &[], &["nubank"]),
    (
        "Caixa",
        &["caixa"],
        &["caixa economica"],
        &["caixa.gov.br"],
        &[],
    ),
    (
        "Banco do Brasil",
        &["bancodobrasil"],
        &["banco do brasil"],
        &["bb.com.br"],
        &[],
    ),
    (
        "Millennium BCP",
        &["millenniumbcp"],
        &["millennium bcp"],
        &[],
        &["millenniumbcp"],
    ),
    ("MUFG", &["mufg"], &["三菱ufj", "mufg"], &[], &["mufg"]),
    (
        "Mizuho",
        &["mizuho", "mizuhobank"],
        &["みずほ", "mizuho"],
        &[],
        &["mizuhobank", "mizuho-fg"],
    ),
    (
        "SMBC",
        &["smbc", "smbc-card"],
        &["三井住友", "smbc"],
        &["vpass.ne.jp"],
        &["smbc", "smbc-card"],
    ),
    (
        "Japan Post Bank",
        &["jp-bank", "yucho"],
        &["ゆうちょ", "日本郵便"],
        &["japanpost.jp"],
        &[],
    ),
    (
        "Rakuten",
        &["rakuten"],
        &["楽天", "rakuten"],
        &[],
        &["rakuten", "rakuten-card"],
    ),
    (
        "Microsoft",
        &[
            "microsoft",
            "office365",
            "microsoftonline",
            "sharepoint",
            "onedrive",
        ],
        &[
            "microsoft",
            "office 365",
            "office365",
            "microsoft 365",
            "onedrive",
            "sharepoint",
            "outlook team",
        ],
        &[
            "microsoft.com",
            "office.com",
            "microsoftonline.com",
            "office365.com",
            "sharepoint.com",
            "live.com",
            "outlook.com",
        ],
        &["microsoft"],
    ),
    (
        "Apple",
        &["apple", "icloud"],
        &["apple", "apple id", "icloud"],
        &["apple.com", "icloud.com", "me.com"],
        &[],
    ),
    (
        "Google",
        &["google"],
        &["google", "gmail"],
        &["google.com", "gmail.com", "googlemail.com", "youtube.com"],
        &["google"],
    ),
    (
        "Amazon",
        &["amazon", "aws", "amazonaws"],
        &["amazon", "aws", "アマゾン"],
        &["amazonaws.com", "amazonses.com"],
        &["amazon"],
    ),
    ("Netflix", &["netflix"], &["netflix"], &[], &["netflix"]),
    (
        "Dropbox",
        &["dropbox"],
        &["dropbox"],
        &[],
        &["dropbox", "dropboxmail"],
    ),
    (
        "DocuSign",
        &["docusign"],
        &["docusign"],
        &["docusign.com", "docusign.net"],
        &[],
    ),
    (
        "Adobe",
        &["adobe"],
        &["adobe", "adobe sign"],
        &[],
        &["adobe"],
    ),
    ("Zoom", &["zoom"], &["zoom"], &["zoom.us"], &[]),
    // Security-software renewals are the classic "call us to cancel" callback scam.
    (
        "Norton",
        &["norton", "nortonlife"],
        &["norton", "norton 360"],
        &["norton.com", "nortonlifelock.com", "gendigital.com"],
        &[],
    ),
    ("McAfee", &["mcafee"], &["mcafee"], &["mcafee.com"], &[]),
    ("LinkedIn", &["linkedin"], &["linkedin"], &[], &["linkedin"]),
    (
        "Meta",
        &["facebook", "instagram"],
        &["facebook", "instagram", "meta for business"],
        &[
            "facebookmail.com",
            "facebook.com",
            "instagram.com",
            "meta.com",
        ],
        &[],
    ),
    (
        "Intuit",
        &["intuit", "quickbooks"],
        &["intuit", "quickbooks"],
        &["intuit.com", "quickbooks.com"],
        &[],
    ),
    ("Xero", &["xero"], &["xero"], &["xero.com"], &[]),
    ("DHL", &["dhl"], &["dhl"], &[], &["dhl"]),
    ("FedEx", &["fedex"], &["fedex"], &[], &["fedex"]),
    ("UPS", &["ups"], &["ups"], &["ups.com"], &[]),
    ("USPS", &["usps"], &["usps"], &["usps.com"], &[]),
    (
        "Correos",
        &["correos"],
        &["correos"],
        &["correos.es", "correos.com"],
        &[],
    ),
    ("PostNL", &["postnl"], &["postnl"], &[], &["postnl"]),
    (
        "La Poste",
        &["laposte", "colissimo"],
        &["la poste", "colissimo"],
        &["laposte.fr", "laposte.net", "colissimo.fr"],
        &[],
    ),
    (
        "Royal Mail",
        &["royalmail"],
        &["royal mail"],
        &[],
        &["royalmail"],
    ),
    (
        "Yamato",
        &["kuronekoyamato", "yamato"],
        &["ヤマト運輸", "クロネコ"],
        &["kuronekoyamato.co.jp"],
        &[],
    ),
    (
        "Sagawa",
        &["sagawa"],
        &["佐川急便"],
        &["sagawa-exp.co.jp"],
        &[],
    ),
    (
        "HMRC",
        &["hmrc"],
        &["hmrc", "hm revenue"],
        &["hmrc.gov.uk", "gov.uk"],
        &[],
    ),
    // Health insurers and social security: card renewals and "reimbursements".
    (
        "Assurance Maladie",
        &["ameli"],
        &["assurance maladie", "ameli"],
        &["ameli.fr", "assurance-maladie.fr"],
        &[],
    ),
    (
        "Seguridad Social",
        &["segsocial"],
        &["seguridad social"],
        &["seg-social.es"],
        &[],
    ),
    (
        "Deutsche Rentenversicherung",
        &["rentenversicherung"],
        &["rentenversicherung"],
        &["deutsche-rentenversicherung.de"],
        &[],
    ),
    ("INPS", &["inps"], &["inps"], &["inps.it"], &[]),
    (
        "Medicare",
        &["medicare"],
        &["medicare"],
        &["medicare.gov"],
        &[],
    ),
    (
        "IRS",
        &["irs"],
        &["irs", "internal revenue service"],
        &["irs.gov"],
        &[],
    ),
    (
        "Agencia Tributaria",
        &["agenciatributaria", "aeat"],
        &["agencia tributaria"],
        &["agenciatributaria.gob.es", "agenciatributaria.es"],
        &[],
    ),
    (
        "Finanzamt",
        &["finanzamt", "elster"],
        &["finanzamt", "elster"],
        &["elster.de"],
        &[],
    ),
    (
        "Impôts",
        &["impots", "dgfip"],
        &["impots", "impots gouv", "dgfip"],
        &["impots.gouv.fr", "dgfip.finances.gouv.fr"],
        &[],
    ),
    (
        "Agenzia delle Entrate",
        &["agenziaentrate", "agenzia-entrate"],
        &["agenzia delle entrate"],
        &["agenziaentrate.gov.it", "agenziaentrate.it"],
        &[],
    ),
    (
        "Belastingdienst",
        &["belastingdienst"],
        &["belastingdienst"],
        &["belastingdienst.nl"],
        &[],
    ),
    (
        "Receita Federal",
        &["receita", "receitafederal"],
        &["receita federal"],
        &["receita.fazenda.gov.br", "gov.br"],
        &[],
    ),
    (
        "Portal das Finanças",
        &["portaldasfinancas", "at-gov"],
        &["autoridade tributaria", "portal das financas"],
        &["portaldasfinancas.gov.pt"],
        &[],
    ),
    (
        "国税庁",
        &["nta"],
        &["国税庁", "税務署"],
        &["nta.go.jp"],
        &[],
    ),
];

/// The built-in protected brands.
pub static BRANDS: LazyLock<Vec<Brand>> = LazyLock::new(|| {
    ROWS.iter()
        .map(|(name, dkeys, disp, official, labels)| {
            let domain_keys: Vec<String> = dkeys.iter().map(|k| k.to_string()).collect();
            Brand {
                name: (*name).to_string(),
                compact_keys: compact(&domain_keys),
                domain_keys,
                display_keys: disp.iter().map(|k| fold(k)).collect(),
                official: official.iter().map(|k| k.to_string()).collect(),
                official_labels: labels.iter().map(|k| k.to_string()).collect(),
            }
        })
        .collect()
});

/// Free mail providers: domains, or registrable labels under any suffix.
pub const FREE_MAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "yahoo",
    "ymail.com",
    "hotmail",
    "outlook",
    "live",
    "msn.com",
    "aol",
    "icloud.com",
    "me.com",
    "mac.com",
    "gmx",
    "web.de",
    "t-online.de",
    "freenet.de",
    "posteo.de",
    "mail.ru",
    "yandex",
    "proton.me",
    "protonmail.com",
    "protonmail.ch",
    "pm.me",
    "tutanota.com",
    "zoho.com",
    "mail.com",
    "libero.it",
    "virgilio.it",
    "alice.it",
    "tiscali.it",
    "orange.fr",
    "free.fr",
    "laposte.net",
    "wanadoo.fr",
    "sfr.fr",
    "bbox.fr",
    "telefonica.net",
    "terra.es",
    "ziggo.nl",
    "kpnmail.nl",
    "hetnet.nl",
    "home.nl",
    "planet.nl",
    "xs4all.nl",
    "uol.com.br",
    "bol.com.br",
    "terra.com.br",
    "ig.com.br",
    "sapo.pt",
    "clix.pt",
    "docomo.ne.jp",
    "ezweb.ne.jp",
    "softbank.ne.jp",
    "i.softbank.jp",
    "nifty.com",
    "ocn.ne.jp",
    "qq.com",
    "163.com",
    "126.com",
    "naver.com",
    "rediffmail.com",
];

/// Words that name an institution rather than a person (display names and local parts).
pub const INSTITUTION_WORDS: &[&str] = &[
    "billing",
    "accounts",
    "accounting",
    "finance",
    "financial",
    "payments",
    "payment",
    "invoice",
    "invoices",
    "invoicing",
    "security",
    "support",
    "service",
    "services",
    "helpdesk",
    "administrator",
    "admin",
    "bank",
    "banking",
    "team",
    "department",
    "dept",
    "ceo",
    "cfo",
    "payroll",
    "treasury",
    "receivable",
    "payable",
    "collections",
    "refunds",
    "verification",
    "compliance",
    "facturacion",
    "contabilidad",
    "finanzas",
    "pagos",
    "seguridad",
    "soporte",
    "banco",
    "departamento",
    "buchhaltung",
    "rechnung",
    "finanzen",
    "zahlung",
    "sicherheit",
    "kundenservice",
    "abteilung",
    "comptabilite",
    "compta",
    "facturation",
    "paiement",
    "securite",
    "banque",
    "amministrazione",
    "contabilita",
    "fatturazione",
    "pagamenti",
    "sicurezza",
    "banca",
    "ufficio",
    "administratie",
    "boekhouding",
    "facturatie",
    "betalingen",
    "beveiliging",
    "afdeling",
    "financeiro",
    "faturamento",
    "contabilidade",
    "pagamentos",
    "seguranca",
    "経理",
    "請求",
    "事務局",
    "銀行",
    "カード",
    "セキュリティ",
    "cobros",
    "cobranca",
    "cobranza",
    "administracion",
    "administracao",
    "recouvrement",
    "incasso",
    "inkasso",
    "tesoreria",
    "tesouraria",
    "remittance",
    "receivables",
];

/// Link shorteners: a shortened link in a mail asking for credentials or money hides where
/// it goes.
pub const SHORTENERS: &[&str] = &[
    "bit.ly",
    "tinyurl.com",
    "t.co",
    "goo.gl",
    "is.gd",
    "cutt.ly",
    "rb.gy",
    "ow.ly",
    "buff.ly",
    "shorturl.at",
    "t.ly",
    "tiny.cc",
    "s.id",
];

/// Top-level domains common in throwaway phishing and spam hosts.
pub const CHEAP_TLDS: &[&str] = &[
    "top", "xyz", "click", "club", "work", "support", "help", "icu", "buzz", "rest", "cam", "gq",
    "ml", "tk", "cf", "ga", "bet", "loan", "win", "vip", "live", "shop", "site", "online", "biz",
    "info",
];
