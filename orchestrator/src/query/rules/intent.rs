//! What a question asks, read from its words in English, Spanish, German, French, Italian,
//! Dutch, Portuguese and Japanese: the topics it is about, whether it wants a yes or no, and
//! whether it is small talk. Keyword tables rather than a model: deterministic, explainable,
//! and the fallback when the model is down.
//!
//! A pattern is an exact word (`bill`), a word prefix (`invoice*`), a phrase (`log in`,
//! matched on word boundaries), or Japanese text (matched anywhere: Japanese has no spaces).
//! Accents are folded (`sesión` → `sesion`) before matching.

use std::collections::BTreeSet;

use super::scope;

/// One thing a question can ask about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Topic {
    Unpaid,
    Overdue,
    Invoices,
    Owed,
    Revenue,
    BillingOverall,
    Plan,
    Renewal,
    Trial,
    Cancelled,
    BillingRecord,
    Tickets,
    Deals,
    Phone,
    JobTitle,
    Lifecycle,
    Owner,
    Contact,
    Company,
    LastLogin,
    Verified,
    Disabled,
    Providers,
    SignedUp,
    Account,
    Profile,
    Timezone,
    Language,
    MailReceived,
    MailSent,
    Mail,
    Overview,
}

/// (topic, strong patterns, weak patterns). Weak patterns count only when no strong pattern
/// of any topic matched ("account", "billing", "stage" alone are vague).
type Table = &'static [(Topic, &'static [&'static str], &'static [&'static str])];

const TOPICS: Table = &[
    (
        Topic::Unpaid,
        &[
            "unpaid",
            "not paid",
            "outstanding invoice*",
            "open invoice*",
            "pending invoice*",
            "impag*",
            "sin pagar",
            "no pagad*",
            "pendiente de pago",
            "pendientes de pago",
            "unbezahlt*",
            "offene rechnung*",
            "offenen rechnung*",
            "impaye*",
            "non paye*",
            "non pagat*",
            "insolut*",
            "da pagare",
            "onbetaald*",
            "nao pag*",
            "por pagar",
            "未払",
            "未納",
            "支払われていない",
        ],
        &[],
    ),
    (
        Topic::Overdue,
        &[
            "overdue",
            "past due",
            "late payment*",
            "arrears",
            "vencid*",
            "atrasad*",
            "em atraso",
            "uberfallig*",
            "en retard",
            "scadut*",
            "achterstallig*",
            "滞納",
            "延滞",
            "期限切れ",
        ],
        &[],
    ),
    (
        Topic::Invoices,
        &[
            "invoice*",
            "bill",
            "bills",
            "billed",
            "receipt*",
            "payment*",
            "paid",
            "pay",
            "factur*",
            "rechnung*",
            "fattur*",
            "fatura*",
            "pago*",
            "pagament*",
            "paiement*",
            "zahlung*",
            "betaling*",
            "payment go through",
            "charge",
            "charged",
            "charges",
            "refund*",
            "cobr*",
            "abgebucht",
            "abbuchung*",
            "preleve*",
            "prelevement*",
            "addebit*",
            "factuur*",
            "betaald",
            "recibo*",
            "reembols*",
            "rembours*",
            "rimbors*",
            "terugbetal*",
            "erstattung*",
            "estorno*",
            "boleto*",
            "返金",
            "引き落と",
            "請求書",
            "インボイス",
            "支払",
        ],
        &[],
    ),
    (
        Topic::Owed,
        &[
            "owe",
            "owes",
            "owed",
            "owing",
            "balance",
            "amount due",
            "debt",
            "debe",
            "deben",
            "adeud*",
            "deuda*",
            "saldo*",
            "schuld*",
            "offene betrag",
            "offener betrag",
            "offenen betrag",
            "montant du",
            "doit",
            "dette*",
            "deve",
            "devono",
            "debito",
            "moet betalen",
            "nog betalen",
            "openstaand bedrag",
            "残高",
            "未払い金額",
            "いくら",
        ],
        &[],
    ),
    (
        Topic::Revenue,
        &[
            "mrr",
            "arr",
            "revenue",
            "monthly recurring",
            "umsatz",
            "ingreso*",
            "receita",
            "fatturato",
            "omzet",
            "売上",
        ],
        &[],
    ),
    (
        Topic::BillingOverall,
        &[
            "billing",
            "billing situation",
            "billing status",
            "billing summary",
            "billing overview",
        ],
        &[
            "facturacion",
            "abrechnung",
            "facturation",
            "fatturazione",
            "facturatie",
            "faturamento",
            "cobranca",
            "課金",
            "請求",
        ],
    ),
    (
        Topic::Plan,
        &[
            "plan",
            "plans",
            "tier",
            "subscri*",
            "seat",
            "seats",
            "licen*",
            "paying customer",
            "paying",
            "upgrade*",
            "downgrade*",
            "suscrip*",
            "abo",
            "abos",
            "abonnement*",
            "tarif*",
            "abbonament*",
            "piano",
            "plano",
            "assinatura*",
            "契約",
            "プラン",
            "サブスク",
            "per month",
            "per maand",
            "al mes",
            "por mes",
            "pro monat",
            "im monat",
            "par mois",
            "al mese",
            "paket",
            "pakket",
            "pacote",
            "betaalt",
            "zahlt",
            "pagando",
            "mensalidade",
            "mensualidad",
            "cuota mensual",
            "monatsbeitrag",
            "mensualite",
            "canone",
            "maandbedrag",
            "月額",
        ],
        &[],
    ),
    (
        Topic::Renewal,
        &[
            "renew*",
            "renov*",
            "verlangert",
            "verlangern",
            "verlangerung*",
            "renouvel*",
            "rinnov*",
            "verleng*",
            "更新",
        ],
        &[],
    ),
    (
        Topic::Trial,
        &[
            "trial*",
            "prueba",
            "testphase",
            "essai",
            "prova",
            "proefperiode",
            "teste",
            "トライアル",
            "試用",
        ],
        &[],
    ),
    (
        Topic::Cancelled,
        &[
            "cancel*",
            "churn*",
            "kundig*",
            "gekundigt",
            "annul*",
            "disdett*",
            "opgezegd",
            "解約",
            "キャンセル",
        ],
        &[],
    ),
    (
        Topic::BillingRecord,
        &[
            "chargebee",
            "billing customer",
            "customer id",
            "currency",
            "credit*",
            "moneda",
            "wahrung",
            "devise",
            "valuta",
            "moeda",
            "auto collection",
            "billing address",
            "通貨",
            "クレジット",
        ],
        &[],
    ),
    (
        Topic::Tickets,
        &[
            "ticket*",
            "support",
            "supportticket*",
            "helpdesk",
            "bug",
            "bugs",
            "complaint*",
            "incident*",
            "issue",
            "issues",
            "soporte",
            "incidencia*",
            "queja*",
            "reclam*",
            "storung*",
            "beschwer*",
            "chamado*",
            "open case*",
            "cases",
            "assistenza",
            "segnalazion*",
            "klacht*",
            "storing*",
            "suporte",
            "チケット",
            "サポート",
            "問い合わせ",
            "不具合",
        ],
        &[],
    ),
    (
        Topic::Deals,
        &[
            "deal",
            "deals",
            "opportunit*",
            "pipeline",
            "sales",
            "upsell*",
            "oportunidad*",
            "oportunidade*",
            "affaire*",
            "trattativ*",
            "kansen",
            "verkoopkans*",
            "negocio*",
            "商談",
            "案件",
        ],
        &[],
    ),
    (
        Topic::Phone,
        &[
            "phone*",
            "telephone*",
            "telefon*",
            "telefono*",
            "telefoon*",
            "mobile",
            "cell",
            "cellphone",
            "movil",
            "handy",
            "handynummer",
            "portable",
            "cellulare",
            "mobiel",
            "mobielnummer",
            "celular",
            "携帯",
            "電話",
        ],
        &[],
    ),
    (
        Topic::JobTitle,
        &[
            "job",
            "job title",
            "role",
            "funcion",
            "cargo",
            "fonction",
            "poste",
            "ruolo",
            "functie",
            "beruf",
            "役職",
        ],
        &[],
    ),
    (
        Topic::Lifecycle,
        &[
            "lifecycle*",
            "lead",
            "leads",
            "mql",
            "sql",
            "lebenszyklus*",
            "ciclo de vida",
            "cycle de vie",
            "ciclo di vita",
            "ライフサイクル",
        ],
        &["stage"],
    ),
    (
        Topic::Owner,
        &[
            "owner",
            "owns",
            "manages",
            "managed by",
            "assigned to",
            "in charge",
            "point of contact",
            "account manager",
            "account executive",
            "sales rep",
            "rep",
            "responsable",
            "responsavel",
            "gerente de conta*",
            "gerente de cuenta*",
            "comercial",
            "commercial",
            "betreut",
            "betreuer*",
            "kundenbetreuer*",
            "commerciale",
            "verkoper",
            "ansprechpartner*",
            "zustandig*",
            "referente",
            "accountmanager",
            "担当者",
            "担当",
        ],
        &[],
    ),
    (
        Topic::Contact,
        &[
            "crm",
            "hubspot",
            "contact",
            "contacts",
            "contacto",
            "kontakt",
            "contatto",
            "contato",
            "連絡先",
        ],
        &[],
    ),
    (
        Topic::Company,
        &[
            "company",
            "companies",
            "employer",
            "work for",
            "works for",
            "works at",
            "work at",
            "industry",
            "organisation",
            "organization",
            "employees",
            "headcount",
            "how big",
            "empresa*",
            "trabaja",
            "firma",
            "unternehmen*",
            "arbeitet",
            "branche",
            "entreprise*",
            "societe",
            "travaille",
            "aziend*",
            "lavora",
            "settore",
            "bedrijf*",
            "werkt",
            "会社",
            "企業",
            "勤め",
            "業界",
        ],
        &[],
    ),
    (
        Topic::LastLogin,
        &[
            "login*",
            "log in",
            "entro",
            "entrar",
            "entrou",
            "einlogg*",
            "logged",
            "log on",
            "sign in",
            "signed in",
            "signin",
            "last seen",
            "last active",
            "inicio sesion",
            "inicio de sesion",
            "inicio la sesion",
            "sesion",
            "anmeld*",
            "angemeldet",
            "eingeloggt",
            "connecte",
            "connectee",
            "connexion",
            "accesso",
            "acced*",
            "ingelogd",
            "inlog*",
            "acesso",
            "ログイン",
            "サインイン",
        ],
        &[
            "ultima vez",
            "last time she",
            "last time he",
            "last time they",
        ],
    ),
    (
        Topic::Verified,
        &[
            "verif*",
            "geverifieerd",
            "confirmed email",
            "bestatigt",
            "verificad*",
            "認証",
        ],
        &[],
    ),
    (
        Topic::Disabled,
        &[
            "disabled",
            "locked",
            "lockout",
            "blocked",
            "banned",
            "suspended",
            "password*",
            "desactivad*",
            "bloquead*",
            "bloque",
            "bloquee",
            "bloquer",
            "contrasena",
            "gesperrt",
            "deaktiviert",
            "passwort",
            "desactive*",
            "mot de passe",
            "disattivat*",
            "bloccat*",
            "geblokkeerd",
            "gedeactiveerd",
            "wachtwoord",
            "senha",
            "無効",
            "ロック",
            "パスワード",
        ],
        &[],
    ),
    (
        Topic::Providers,
        &[
            "google",
            "apple",
            "github",
            "provider*",
            "sso",
            "2fa",
            "mfa",
        ],
        &[],
    ),
    (
        Topic::SignedUp,
        &[
            "sign up",
            "signed up",
            "account was created",
            "created an account",
            "create her account",
            "create his account",
            "member since",
            "joined",
            "signup",
            "register*",
            "registration",
            "account created",
            "create an account",
            "created the account",
            "created their account",
            "registr*",
            "inscri*",
            "cadastr*",
            "aangemeld",
            "登録",
        ],
        &[],
    ),
    (
        Topic::Account,
        &[
            "app account",
            "user account",
            "firebase",
            "using the app",
            "use the app",
            "uses the app",
            "app usage",
            "account active",
            "account is active",
            "active account",
            "usa o app",
            "usa a app",
            "usa la app",
            "usa l app",
            "nutzt die app",
            "utilise l app",
            "gebruikt de app",
            "account attivo",
            "account e attivo",
            "conta ativa",
            "cuenta activa",
            "konto aktiv",
            "compte actif",
            "account actief",
            "アプリを使",
        ],
        &[
            "account",
            "user",
            "cuenta",
            "konto",
            "compte",
            "conta",
            "アカウント",
        ],
    ),
    (
        Topic::Profile,
        &[
            "profile",
            "perfil",
            "display name",
            "profil",
            "profilo",
            "profiel",
            "preference*",
            "preferencias",
            "einstellungen",
            "notification*",
            "プロフィール",
        ],
        &[],
    ),
    (
        Topic::Timezone,
        &[
            "time zone",
            "timezone",
            "zona horaria",
            "zeitzone",
            "fuseau",
            "fuso",
            "tijdzone",
            "タイムゾーン",
        ],
        &[],
    ),
    (
        Topic::Language,
        &[
            "locale", "language", "idioma", "sprache", "langue", "lingua", "taal", "言語",
        ],
        &[],
    ),
    (
        Topic::MailReceived,
        &[
            "did you get",
            "did you receive",
            "have you received",
            "did u receive",
            "did u get",
            "have you got",
            "have you gotten",
            "get my message",
            "get my email",
            "get my mail",
            "i have sent",
            "i've sent",
            "did i send",
            "i send",
            "i have written",
            "recibiste",
            "recibio",
            "recebeste",
            "recebi",
            "enviei",
            "mandei",
            "envie",
            "geschickt",
            "ho mandato",
            "vi ho mandato",
            "届い",
            "you got my",
            "my email",
            "my mail",
            "my message",
            "i sent",
            "i mailed",
            "i emailed",
            "i wrote",
            "i've written",
            "recibieron",
            "recibisteis",
            "recibido",
            "mi correo",
            "bekommen",
            "erhalten",
            "meine e mail",
            "meine mail",
            "recu",
            "mon e mail",
            "mon email",
            "mon mail",
            "mon message",
            "ricevuto",
            "ricevuta",
            "la mia email",
            "la mia mail",
            "ontvangen",
            "mijn mail",
            "mijn e mail",
            "mijn bericht",
            "receberam",
            "recebeu",
            "recebido",
            "meu e mail",
            "meu email",
            "私のメール",
            "届",
        ],
        &[],
    ),
    (
        Topic::MailSent,
        &[
            "written to",
            "wrote to",
            "write to",
            "written me",
            "written back",
            "wrote back",
            "write back",
            "get back to me",
            "got back to me",
            "got back to us",
            "answered me",
            "answered us",
            "answered her",
            "answered him",
            "answered them",
            "answer my",
            "heard back",
            "hear back",
            "sent you",
            "send you",
            "enviamos",
            "mandamos",
            "did we send",
            "have we sent",
            "we sent",
            "sent us",
            "contestad*",
            "contesto",
            "contestaron",
            "respondido",
            "respondieron",
            "escribio",
            "mandaron",
            "mandado",
            "zuruckgeschrieben",
            "gemailt",
            "gemeldet",
            "gereageerd",
            "teruggemaild",
            "teruggeschreven",
            "teruggestuurd",
            "stuurde",
            "responderam",
            "mandaram",
            "mandou",
            "escrevi",
            "返事",
            "送っ",
            "送信",
            "メールが来",
            "sent me",
            "sent him",
            "sent her",
            "sent them",
            "emailed me",
            "emailed him",
            "emailed her",
            "emailed them",
            "mailed me",
            "replied",
            "reply",
            "respond*",
            "answered my",
            "hear from",
            "heard from",
            "contacted",
            "me han escrito",
            "nos ha escrito",
            "escrito",
            "escribieron",
            "enviado",
            "geschrieben",
            "geantwortet",
            "gesendet",
            "ecrit",
            "envoye",
            "repondu",
            "scritto",
            "risposto",
            "inviato",
            "gemaild",
            "geschreven",
            "gestuurd",
            "geantwoord",
            "escreveram",
            "escreveu",
            "enviaram",
            "enviou",
            "respondeu",
            "送り",
            "返信",
            "連絡が",
            "連絡は",
            "連絡し",
        ],
        &[],
    ),
    (
        Topic::Mail,
        &[
            "mail",
            "mails",
            "msg",
            "msgs",
            "email*",
            "e mail*",
            "message*",
            "inbox",
            "thread",
            "correspondence",
            "correo*",
            "mensaje*",
            "nachricht*",
            "courriel*",
            "messaggi*",
            "bericht*",
            "mensage*",
            "gmail",
            "メール",
        ],
        &[],
    ),
    (
        Topic::Overview,
        &[
            "everything",
            "full summary",
            "complete summary",
            "resumen completo",
            "resumo completo",
            "riepilogo completo",
            "resume complet",
            "vollstandige ubersicht",
            "volledig overzicht",
            "全体像",
            "overview",
            "tell me about",
            "who is this",
            "todo sobre",
            "alles uber",
            "tout sur",
            "tutto su",
            "alles over",
            "tudo sobre",
            "について教えて",
            "360",
        ],
        &[],
    ),
];

/// Words that open a yes/no question.
const YES_NO_OPENERS: &[&str] = &[
    "does",
    "do",
    "did",
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "can",
    "could",
    "any",
    "will",
    "tiene",
    "tienen",
    "hay",
    "ha",
    "han",
    "esta",
    "es",
    "recibieron",
    "hat",
    "haben",
    "habt",
    "ist",
    "sind",
    "gibt",
    "kann",
    "wurde",
    "est",
    "a",
    "avez",
    "y",
    "ci",
    "avete",
    "e",
    "heeft",
    "hebben",
    "hebt",
    "zijn",
    "kan",
    "tem",
    "ha",
    "voces",
    "ele",
    "ela",
];

/// Greetings and thanks (whole question), small talk the answer can meet without data.
const GREETINGS: &[&str] = &[
    "hi",
    "hello",
    "hey",
    "good morning",
    "good afternoon",
    "good evening",
    "hola",
    "buenos dias",
    "buenas",
    "hallo",
    "guten tag",
    "guten morgen",
    "moin",
    "servus",
    "bonjour",
    "salut",
    "bonsoir",
    "ciao",
    "buongiorno",
    "salve",
    "hoi",
    "goedemorgen",
    "goedemiddag",
    "ola",
    "bom dia",
    "boa tarde",
    "oi",
    "こんにちは",
    "おはよう",
    "こんばんは",
    "qué tal",
    "que tal",
    "how are you",
    "hoe gaat het",
    "wie geht",
];
const THANKS: &[&str] = &[
    "thanks",
    "thank you",
    "thx",
    "cheers",
    "ty",
    "gracias",
    "danke",
    "merci",
    "grazie",
    "bedankt",
    "dank je",
    "dank u",
    "obrigado",
    "obrigada",
    "ありがとう",
    "感謝",
    "great",
    "perfect",
];
/// Requests to write or draft text: answered without looking anyone up.
const DRAFTING: &[&str] = &[
    "translate",
    "write me",
    "write a",
    "write an",
    "draft",
    "compose",
    "redacta",
    "escribe un",
    "escribe una",
    "schreib mir",
    "schreibe eine",
    "schreibe einen",
    "ecris moi",
    "ecris un",
    "ecris une",
    "redige",
    "scrivi",
    "schrijf een",
    "escreva",
    "書いて",
];

/// How-many questions.
const COUNTING: &[&str] = &[
    "how many",
    "number of",
    "cuantos",
    "cuantas",
    "wie viele",
    "anzahl",
    "combien",
    "quanti",
    "quante",
    "hoeveel",
    "quantos",
    "quantas",
];

/// "Open", "pending", "outstanding": unpaid money when the question is about billing or about
/// nothing else ("any outstanding tickets?" is about tickets).
const PENDING: &[&str] = &[
    "outstanding",
    "ausstehend*",
    "openstaand*",
    "em aberto",
    "pendente*",
    "pendiente*",
];

/// Verbs of arriving or reaching: a mail question only when a mail noun is there too ("did
/// my email reach you?"), not when a payment arrived.
const ARRIVAL: &[&str] = &[
    "arrive*",
    "reach*",
    "got there",
    "get there",
    "come through",
    "came through",
    "llego",
    "llegado",
    "llegaron",
    "angekommen",
    "ankommen",
    "eingegangen",
    "arrivat*",
    "aangekomen",
    "binnengekomen",
    "chegou",
    "chegaram",
    "chegado",
];

/// "Who …" openers: with no pronoun of the conversation's parties, a writing verb asks who
/// wrote a book or a song, not who wrote to us.
const WHO: &[&str] = &["who", "quien", "wer", "qui", "chi", "quem"];
/// Pronouns naming the parties of a mail exchange (us, me, you) in the eight languages.
const PARTIES: &[&str] = &[
    "i", "me", "my", "we", "us", "our", "you", "your", "nos", "nosotros", "os", "mi", "mir",
    "mich", "uns", "euch", "ihnen", "nous", "vous", "moi", "m", "ci", "vi", "ons", "mij", "jullie",
    "u", "voce", "voces", "mim",
];

/// Words that introduce what a mail was about ("my email about the refund").
const ABOUT: &[&str] = &[
    " about ",
    " regarding ",
    " over ",
    " where i ",
    " with the ",
    " sobre ",
    " acerca de ",
    " uber ",
    " wegen ",
    " bezuglich ",
    " au sujet ",
    " concernant ",
    " a propos ",
    " riguardo ",
    " a respeito ",
];

/// Mail addresses of a team, not mail ("your support address").
const MAIL_ADDRESSES: &[&str] = &[
    "contact email",
    "contact e mail",
    "contact mail",
    "support address",
    "support email",
    "support inbox",
    "support mailbox",
    "support postfach",
];
/// Mail words that name a setting of the app account ("email notifications").
const MAIL_SETTINGS: &[&str] = &[
    "email notification",
    "email notifications",
    "marketing email",
    "marketing emails",
    "email preferences",
    "email settings",
    "mail settings",
];
/// "Since …" introduces a clause that dates the question, not another thing it asks.
const SINCE: &[&str] = &[
    " since ",
    " desde que ",
    " seit ",
    " depuis que ",
    " da quando ",
    " sinds ",
];
/// Quotes and proposals: what a deal is about.
const QUOTES: &[&str] = &[
    "quote",
    "quotes",
    "quotation*",
    "proposal*",
    "propuesta*",
    "cotizacion*",
    "devis",
    "preventiv*",
    "offerte*",
    "orcamento*",
    "proposta*",
    "見積",
];
/// Words that size a deal as much as a subscription.
const DEAL_SIZE: &[&str] = &["upgrade*", "seat", "seats", "licen*", "tier"];
/// Replies: on a ticket when a ticket is named and no mail.
const REPLIES: &[&str] = &[
    "repl*",
    "respond*",
    "answer*",
    "contest*",
    "geantwoord",
    "geantwortet",
    "risposto",
    "repondu",
    "返信",
    "返事",
];
/// Nouns that name a support ticket itself, not a complaint that may be a mail.
const TICKET_NOUNS: &[&str] = &[
    "ticket*",
    "case",
    "cases",
    "chamado*",
    "incidencia*",
    "supportticket*",
    "チケット",
];
/// Verbs of mail moving between the parties: with these, a settings or verification question
/// asks about a mail too ("did she get our welcome email?").
const MAIL_TRAFFIC: &[&str] = &[
    "get", "got", "receive*", "sent", "send", "wrote", "written", "repl*", "reach*", "arrive*",
];

/// Words that confirm something: they ask whether an address was verified only when the
/// question names an email address or the account.
const CONFIRMED: &[&str] = &[
    "confirmed",
    "confirmad*",
    "confirme",
    "confirmee",
    "confermat*",
    "bevestigd",
    "confirmou",
    "confirmo",
];
/// An email address as an attribute of the sign-in account, not the mailbox.
const ADDRESS: &[&str] = &[
    "email address",
    "e mail address",
    "mail address",
    "e mail adresse",
    "mailadresse",
    "emailadresse",
    "adresse e mail",
    "adresse email",
    "adresse mail",
    "direccion de correo",
    "correo electronico",
    "indirizzo email",
    "indirizzo e mail",
    "e mailadres",
    "emailadres",
    "mailadres",
    "endereco de e mail",
    "endereco de email",
    "メールアドレス",
];

/// Requests for jokes, poems and stories: no customer data in them.
const CREATIVE: &[&str] = &[
    "joke*",
    "poem*",
    "chiste*",
    "poema*",
    "witz*",
    "gedicht*",
    "blague*",
    "barzellett*",
    "grap",
    "grapje*",
    "mop",
    "piada*",
    "冗談",
];

/// What a question asks.
#[derive(Debug, Clone, Default)]
pub struct Asks {
    pub topics: BTreeSet<Topic>,
    /// The question wants a yes or no first.
    pub yes_no: bool,
    /// The question asks how many ("how many", "wie viele", "何件").
    pub count: bool,
    /// Only a greeting (and no data topic).
    pub greeting: bool,
    /// Only thanks (and no data topic).
    pub thanks: bool,
}

impl Asks {
    pub fn has(&self, t: Topic) -> bool {
        self.topics.contains(&t)
    }

    pub fn any(&self, ts: &[Topic]) -> bool {
        ts.iter().any(|t| self.has(*t))
    }
}

/// Lower-cased, accents folded, everything but letters and digits a single space, padded with
/// a space on each side so phrases match on word boundaries.
pub fn fold(text: &str) -> String {
    let mut out = String::from(" ");
    let mut space = true;
    for c in text.to_lowercase().chars() {
        let c = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ß' => 's',
            c => c,
        };
        if c.is_alphanumeric() {
            // "私のsubscriptionのplan": a change of script is a word boundary.
            if !space
                && out
                    .chars()
                    .last()
                    .is_some_and(|p| p.is_ascii() != c.is_ascii())
            {
                out.push(' ');
            }
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if !space {
        out.push(' ');
    }
    out
}

/// Whether `pattern` occurs in `folded` (see the module docs for the pattern forms).
pub(super) fn matches(folded: &str, pattern: &str) -> bool {
    if !pattern.is_ascii() {
        return folded.contains(pattern);
    }
    match pattern.strip_suffix('*') {
        Some(prefix) => folded.contains(&format!(" {prefix}")),
        None => folded.contains(&format!(" {pattern} ")),
    }
}

pub(super) fn any_match(folded: &str, patterns: &[&str]) -> bool {
    patterns.iter().any(|p| matches(folded, p))
}

/// The topics named in a folded question: strong patterns, "pending" next to billing words,
/// weak patterns when nothing else matched, and arrival verbs next to a mail noun.
pub(super) fn topics_of(folded: &str) -> BTreeSet<Topic> {
    let mut topics: BTreeSet<Topic> = TOPICS
        .iter()
        .filter(|(_, strong, _)| any_match(folded, strong))
        .map(|(t, _, _)| *t)
        .collect();
    if any_match(folded, PENDING)
        && (topics.is_empty() || topics.contains(&Topic::Invoices) || topics.contains(&Topic::Owed))
    {
        topics.insert(if topics.contains(&Topic::Invoices) {
            Topic::Unpaid
        } else {
            Topic::Owed
        });
    }
    if topics.is_empty() {
        topics = TOPICS
            .iter()
            .filter(|(_, _, weak)| any_match(folded, weak))
            .map(|(t, _, _)| *t)
            .collect();
    }
    if any_match(folded, ARRIVAL) && topics.contains(&Topic::Mail) {
        topics.insert(Topic::MailReceived);
    }
    topics
}

/// Reads a question: the topics of each clause the scope gate lets through.
pub fn read(question: &str) -> Asks {
    let folded = fold(question);
    let mut topics = BTreeSet::new();
    for clause in scope::record_clauses(question) {
        topics.extend(clause_topics(&clause, question));
    }
    // "Thanks for the invoice!": thanks that ask nothing.
    let asks_nothing = !question.contains(['?', '？']);
    if asks_nothing && THANKS.iter().any(|t| folded.starts_with(&format!(" {t} "))) {
        topics.clear();
    }
    // "Is she still a billing customer?" asks about the customer record, not the totals.
    if topics.contains(&Topic::BillingRecord) && !matches(&folded, "billing s*") {
        topics.remove(&Topic::BillingOverall);
    }
    let first = folded.split_whitespace().next().unwrap_or_default();
    let yes_no = YES_NO_OPENERS.contains(&first)
        || folded.contains(" est ce ")
        || folded.contains(" a t il ")
        || folded.contains(" a t elle ")
        || folded.contains(" y a t il ")
        || ["ますか", "ましたか", "ですか", "でしたか"]
            .iter()
            .any(|e| question.trim_end_matches(['？', '?', ' ']).ends_with(e))
            && !question.contains("いつ")
            && !question.contains("何");
    let empty = topics.is_empty();
    Asks {
        count: any_match(&folded, COUNTING)
            || question.contains("いくつ")
            || question.contains("何件"),
        yes_no,
        greeting: empty && any_match(&folded, GREETINGS),
        thanks: empty && any_match(&folded, THANKS),
        topics,
    }
}

/// The topics one folded clause asks about.
fn clause_topics(folded: &str, question: &str) -> BTreeSet<Topic> {
    // "my email address", "your support address": an address is an attribute, not mail.
    let address = any_match(folded, ADDRESS);
    let mut folded = folded.to_string();
    for a in ADDRESS.iter().chain(MAIL_ADDRESSES) {
        folded = folded.replace(&format!(" {a} "), " address ");
    }
    for a in MAIL_SETTINGS {
        folded = folded.replace(&format!(" {a} "), " settings ");
    }
    // "Has he logged in since we sent the reminder?": the since-clause only dates the question.
    if let Some(cut) = SINCE.iter().filter_map(|a| folded.find(a)).min()
        && !topics_of(&folded[..=cut]).is_empty()
        && !scope::names_whose(&folded[cut..], "")
    {
        folded.truncate(cut + 1);
    }
    let mut topics = topics_of(&folded);
    // "Did you get my mail about the refund?" asks about the mail, "a ticket about the login"
    // about the ticket; what either was about names its subject, not another source to read.
    let record = |t: &BTreeSet<Topic>| {
        t.contains(&Topic::MailReceived)
            || t.contains(&Topic::MailSent)
            || t.contains(&Topic::Tickets)
    };
    if record(&topics)
        && let Some(cut) = ABOUT.iter().filter_map(|a| folded.find(a)).min()
    {
        let head = topics_of(&folded[..=cut]);
        // "tickets about the invoice she got" asks about her invoice too.
        if record(&head) && !scope::names_whose(&folded[cut..], "") {
            topics = head;
        }
    }
    let sent_or_received =
        topics.contains(&Topic::MailReceived) || topics.contains(&Topic::MailSent);
    // A quote or proposal is a deal, unless it is what a mail carried ("have you emailed me
    // the quote?").
    if !sent_or_received && any_match(&folded, QUOTES) {
        topics.insert(Topic::Deals);
    }
    if sent_or_received && !any_match(&folded, TICKET_NOUNS) {
        // "I sent a complaint by email", "did we reply to her complaint?": the mail is the
        // record; the complaint is what it says.
        topics.remove(&Topic::Tickets);
    } else if topics.contains(&Topic::Tickets)
        && any_match(&folded, TICKET_NOUNS)
        && !topics.contains(&Topic::Mail)
    {
        // "I raised a ticket and nobody replied": the reply is the ticket's ("written to us"
        // is still mail).
        let rest: Vec<&str> = folded
            .split_whitespace()
            .filter(|w| !any_match(&format!(" {w} "), REPLIES))
            .collect();
        let rest = topics_of(&format!(" {} ", rest.join(" ")));
        if !rest.contains(&Topic::MailSent) && !rest.contains(&Topic::MailReceived) {
            topics.remove(&Topic::MailSent);
            topics.remove(&Topic::MailReceived);
        }
    }
    // A deal's seats, upgrade or renewal are the deal's, not the subscription's.
    if topics.contains(&Topic::Deals) {
        let rest: Vec<&str> = folded
            .split_whitespace()
            .filter(|w| !any_match(&format!(" {w} "), DEAL_SIZE))
            .collect();
        if !topics_of(&format!(" {} ", rest.join(" "))).contains(&Topic::Plan) {
            topics.remove(&Topic::Plan);
        }
        topics.remove(&Topic::Renewal);
    }
    // Notification and mail settings live in the profile, not the mailbox.
    if (topics.contains(&Topic::Profile) || topics.contains(&Topic::Verified))
        && !any_match(&folded, MAIL_TRAFFIC)
    {
        topics.retain(|t| !matches!(t, Topic::MailSent | Topic::MailReceived | Topic::Mail));
    }
    let mail_verb = topics.contains(&Topic::MailReceived) || topics.contains(&Topic::MailSent);
    if any_match(&folded, CONFIRMED) && (address || (topics.contains(&Topic::Mail) && !mail_verb)) {
        topics.insert(Topic::Verified);
    }
    let first_word = folded.split_whitespace().next().unwrap_or_default();
    if WHO.contains(&first_word) && !folded.split_whitespace().any(|w| PARTIES.contains(&w)) {
        // "Who wrote Les Misérables?" is a question about the world.
        topics.retain(|t| !matches!(t, Topic::MailSent | Topic::MailReceived | Topic::Mail));
    }
    if any_match(&folded, CREATIVE) {
        topics.clear();
    }
    // "Is his email verified?" is about the sign-in account, not the mailbox; a drafting
    // request names mail without asking about any.
    let mail_verbs = topics.contains(&Topic::MailReceived) || topics.contains(&Topic::MailSent);
    if !mail_verbs && (topics.contains(&Topic::Verified) || any_match(&folded, DRAFTING)) {
        topics.remove(&Topic::Mail);
    }
    if any_match(&folded, DRAFTING) && !mail_verbs {
        topics.retain(|t| !matches!(t, Topic::MailSent | Topic::MailReceived));
    }
    if any_match(&folded, DRAFTING) && !scope::names_whose(&folded, question) {
        topics.clear();
    }
    // "Has she contacted us?" is mail, not the CRM contact record.
    if matches(&folded, "contacted") && !matches(&folded, "contact") {
        topics.remove(&Topic::Contact);
    }
    // A deal's stage is the deal's, not the contact's lifecycle.
    if topics.contains(&Topic::Deals) && !matches(&folded, "lifecycle*") {
        topics.remove(&Topic::Lifecycle);
    }
    topics
}
