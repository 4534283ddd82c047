//! The topics a question names, from keyword tables in English, Spanish, German, French,
//! Italian, Dutch, Portuguese and Japanese, and the folding and matching they use. A leaf: the
//! intent reader and the scope gate both read it; it reads neither.
//!
//! A pattern is an exact word (`bill`), a word prefix (`invoice*`), a phrase (`log in`,
//! matched on word boundaries), or Japanese text (matched anywhere: Japanese has no spaces).
//! Accents are folded (`sesión` → `sesion`) before matching.

use std::collections::BTreeSet;

use common::contract::{Service, ToolName};

use super::words::{Around, any_word};

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

impl Topic {
    /// The tools that answer the topic.
    pub fn tools(self) -> &'static [ToolName] {
        use Topic::*;
        match self {
            Unpaid | Overdue | Invoices => &[ToolName::ListInvoices],
            Owed | Revenue | BillingOverall => &[ToolName::BillingSummary],
            Plan | Renewal | Trial | Cancelled => &[ToolName::ListSubscriptions],
            BillingRecord => &[ToolName::GetCustomer],
            Tickets => &[ToolName::ListTickets],
            Deals => &[ToolName::ListDeals],
            Phone | JobTitle | Lifecycle | Owner | Contact => &[ToolName::GetContact],
            Company => &[ToolName::GetCompany],
            LastLogin | Verified | Disabled | Providers | SignedUp | Account => {
                &[ToolName::GetUser]
            }
            Profile | Timezone | Language => &[ToolName::GetProfile],
            MailReceived | MailSent | Mail => &[ToolName::SearchMessages],
            Overview => &[
                ToolName::BillingSummary,
                ToolName::GetContact,
                ToolName::GetUser,
                ToolName::SearchMessages,
            ],
        }
    }

    /// Whether the topic is read from the billing records alone.
    pub fn is_billing(self) -> bool {
        self.tools()
            .iter()
            .all(|t| t.service() == Service::Chargebee)
    }

    /// Whether the topic is a mail: any, one the asker sent us, or one we sent them.
    pub fn is_mail(self) -> bool {
        matches!(self, Topic::Mail | Topic::MailSent | Topic::MailReceived)
    }
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
            "offene betrage",
            "insgesamt offen",
            "consta como paga",
            "bedrag open",
            "offenen betrage",
            "impaye*",
            "non paye*",
            "non pagat*",
            "insolut*",
            "da pagare",
            "onbetaald*",
            "nao pag*",
            "por pagar",
            "未払",
            "みばらい",
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
            // "Quanto abbiamo di arretrato?", Dutch "achterstand".
            "arretrat*",
            "achterstand",
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
            // "inv's pls", "inv status?": the abbreviation.
            "inv",
            "invs",
            "inv s",
            "invocie*",
            "invoce*",
            "invioce*",
            "invoise*",
            "incoive*",
            "recipt*",
            "reciept*",
            "bill",
            "bills",
            "billed",
            "receipt*",
            "payment*",
            // "Has my bank transfer from last week cleared?": the asker's payment to us.
            "my bank transfer",
            "our bank transfer",
            "my transfer",
            "mi transferencia",
            "meine uberweisung",
            "mon virement",
            "il mio bonifico",
            "mijn overboeking",
            "minha transferencia",
            "paid",
            "pay",
            "factur*",
            "rechnung*",
            "fattur*",
            "fatura*",
            "pago*",
            // "What did we pay" in the languages whose verb carries the person.
            "pagamos",
            "pague",
            "pagado*",
            "pagada*",
            "pagaron",
            "pagaste",
            "paguei",
            "pagou",
            "pagaram",
            "pagato",
            "pagata",
            "pagati",
            // "Celle d'avril : est-elle payée ?"
            "payee",
            "payees",
            // "振込は確認できましたか？": the asker's bank transfer.
            "振込",
            "振り込み",
            "paghiamo",
            // And what we will pay: "E quanto pagherò?", "¿cuánto pagaremos?".
            "quanto paghero",
            "quanto pagheremo",
            "cuanto pagare",
            "cuanto pagaremos",
            "quanto vou pagar",
            "quanto vamos pagar",
            "quanto pagarei",
            "combien vais je payer",
            "combien je vais payer",
            "combien allons nous payer",
            "hoeveel ga ik betalen",
            "hoeveel gaan we betalen",
            "bezahlt",
            "ai paye",
            "avons paye",
            "avons nous paye",
            "ai je paye",
            "on a paye",
            "betaalden",
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
            "direct debit*",
            // "De incasso is mislukt": the direct debit, not a debt collector
            // ("incassobureau").
            "incasso",
            "afschrijving",
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
            // "Is dat geld inmiddels teruggestort?": paid back.
            "teruggestort",
            "terugstort*",
            "erstattung*",
            "ruckerstattung*",
            "estorno*",
            "boleto*",
            "返金",
            "引き落と",
            "請求書",
            // Written in kana alone: "せいきゅうしょ".
            "せいきゅうしょ",
            // "請求はされているのにログインできません": charged (not the overall "請求").
            "請求され",
            "請求はされ",
            "課金され",
            "課金はされ",
            // "¿… y ya me lo habéis devuelto?": the money given back ("devolvieron la
            // furgoneta" is not).
            "me lo habeis devuelto",
            "me lo han devuelto",
            "nos lo habeis devuelto",
            "nos lo han devuelto",
            "me habeis devuelto el dinero",
            "me han devuelto el dinero",
            "インボイス",
            "支払",
            // The card we charge: "what card do you have on file?", "has my card expired?" (not
            // "card on file" alone: "an email saying my card on file had expired" is a mail's).
            "card do you have",
            "card you have",
            "my card expired",
            "my card has expired",
            "our card expired",
            "our card has expired",
            // "When's the next debit coming out?"
            "next debit",
            "debit coming out",
            "debit come out",
            "debit going out",
            "debit go out",
            // "Has anything on my account been voided?": an invoice voided.
            "voided",
            // A declined card is a payment that failed: "why was my card declined?"
            "card declined",
            "card decline",
            "card was declined",
            "card got declined",
            "card been declined",
            "card was rejected",
            "card got rejected",
            "card bounced",
            "tarjeta rechazada",
            "tarjeta fue rechazada",
            "rechazaron mi tarjeta",
            "rechazaron la tarjeta",
            "karte abgelehnt",
            "karte wurde abgelehnt",
            "karte ist abgelehnt",
            "carte refusee",
            "carte a ete refusee",
            "carte bancaire refusee",
            "carta rifiutata",
            "carta e stata rifiutata",
            "kaart geweigerd",
            "kaart is geweigerd",
            "kaart werd geweigerd",
            "cartao recusado",
            "cartao foi recusado",
            "recusaram o meu cartao",
            "カードが拒否",
            "カードが通らな",
            // A line on the asker's statement: "was the £45 on our bank statement from you?"
            "on my bank statement",
            "on our bank statement",
            "on my card statement",
            "on our card statement",
            "on my credit card statement",
            "on our credit card statement",
            "en mi extracto",
            "en nuestro extracto",
            "auf meinem kontoauszug",
            "auf unserem kontoauszug",
            "sur mon releve",
            "sur notre releve",
            "sul mio estratto conto",
            "sul nostro estratto conto",
            "op mijn bankafschrift",
            "op ons bankafschrift",
            "op mijn afschrift",
            "no meu extrato",
            "no nosso extrato",
        ],
        &[],
    ),
    (
        Topic::Owed,
        &[
            "owe",
            "owes",
            "owed",
            // "Am I in the red with you lot?": behind on what is owed us (not "is my shop in
            // the red?", the asker's own books).
            "in the red with you",
            "in the red with u",
            "en numeros rojos con vosotros",
            "en numeros rojos con ustedes",
            "dans le rouge chez vous",
            "dans le rouge avec vous",
            "in rosso con voi",
            "in het rood bij jullie",
            "in den miesen bei euch",
            "in den roten zahlen bei euch",
            "no vermelho com voces",
            "no vermelho convosco",
            // "Are we all squared up with you?": nothing left owed.
            "all square",
            "squared up",
            "settled up",
            // "Haben wir bei euch noch was offen?": anything outstanding with us.
            "noch was offen",
            "noch etwas offen",
            // "Ist bei mir etwas offen?": the same without "noch".
            "bei mir etwas offen",
            "bei mir was offen",
            "bei uns etwas offen",
            "bei uns was offen",
            "was ist noch offen",
            "was noch offen ist",
            // "Wie viel ist auf meinem Konto gerade offen?": what is owed on the account.
            "auf meinem konto offen",
            "auf unserem konto offen",
            "konto gerade offen",
            "wie viel ist offen",
            "wieviel ist offen",
            // "Wie viel ist bei uns noch offen?"
            "viel ist noch offen",
            "viel ist bei uns noch offen",
            // "Tenho algo em aberto pra pagar?": anything still to pay.
            "em aberto pra pagar",
            "em aberto para pagar",
            "algo pra pagar",
            "algo para pagar",
            "solde",
            "ainda devo",
            "combien d avoir",
            "mon avoir",
            "avoir chez vous",
            "quanto dobbiamo",
            "dobbiamo a voi",
            "d avoir chez",
            // "combien nous reste-t-il d'avoir sur notre compte ?" (not "sûr d'avoir activé").
            "d avoir sur",
            "reste t il d avoir",
            "notre avoir",
            // "au sujet d'un avoir", "il me reste un avoir sur mon compte ?": a credit note
            // (not the verb "to have").
            "un avoir",
            "cet avoir",
            "nos avoirs",
            "saldo",
            "owing",
            "balance",
            "amount due",
            "debt",
            "debe",
            "deben",
            "debo",
            "debes",
            "debemos",
            "vous dois",
            "vous devons",
            "vi devo",
            "vi dobbiamo",
            "devo a",
            "devemos a",
            "quanto devo",
            // "Quanto é que vos devo?": the question split around its verb.
            "vos devo",
            "vos devemos",
            "quanto devemos",
            "verschuldigd",
            "debeis",
            "money",
            "behind on",
            // "Am I actually behind with you?"
            "behind with you",
            "behind with payment*",
            "behind with my payment*",
            "behind with our payment*",
            // "Qué tengo pendiente de pagar": owed, whatever else the clause names (a ticket
            // can be "pendiente" too, not "de pagar").
            "pendiente de pagar",
            "pendientes de pagar",
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
            "iets openstaan",
            "iets open",
            "nog openstaan",
            // "Klopt het bedrag dat nog openstaat?": the amount still open.
            "bedrag dat nog openstaat",
            "bedrag dat openstaat",
            "wat nog openstaat",
            // "Hoeveel sta ik open?", "wat staat er open?": what the asker still owes.
            "wat staat er open",
            // "Hoeveel staat er bij ons open?"
            "hoeveel staat er",
            "sta ik open",
            "sta ik nog open",
            "staan we open",
            "staan we nog open",
            "残高",
            "未払い金額",
            "いくら",
            // Short forms of "how much do I owe / still have to pay".
            "devendo",
            "quanto eu devo",
            "quanto falta pagar",
            "quanto tenho que pagar",
            "quanto tenho a pagar",
            "cuanto tengo que pagar",
            "cuanto me falta pagar",
            "cuanto queda por pagar",
            "quanto devo pagare",
            "quanto resta da pagare",
            "quanto mi resta da pagare",
            "combien je dois",
            "combien dois je",
            "je dois combien",
            "reste a payer",
            // "le montant qu'il nous reste à vous payer", "combien vous doit-on ?"
            "reste a vous payer",
            "vous doit on",
            "wie viel muss ich zahlen",
            "wieviel muss ich zahlen",
            "wie viel muss ich bezahlen",
            "wieviel muss ich bezahlen",
            "hoeveel ben ik",
            "schuldig",
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
            // "whats the damage this month": what the asker is billed, in slang.
            "whats the damage",
            "what s the damage",
            // "Est-ce que tout est payé de mon côté ?": whether the asker is paid up.
            "tout est paye",
            "tout est regle",
            "billing situation",
            "billing status",
            "billing summary",
            "billing overview",
            // What the asker spends with us ("my total monthly spend", "mi gasto mensual").
            "my spend",
            "total spend",
            "monthly spend",
            "annual spend",
            "yearly spend",
            "spend with you",
            "spent with you",
            "mi gasto",
            "gasto mensual",
            "gasto total",
            "meine ausgaben",
            "monatlichen ausgaben",
            "mes depenses",
            "total de depenses",
            "depenses mensuelles",
            "la mia spesa",
            "spesa mensile",
            "spesa totale",
            "mijn uitgaven",
            "maandelijkse uitgaven",
            "meus gastos",
            "gasto mensal",
            "請求額",
            "請求金額",
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
            // "Are we still on the old pricing?": the price the subscription keeps.
            "old pricing",
            "legacy pricing",
            "legacy price",
            // "What annual price did we lock in?": the subscription's price.
            "price did we lock*",
            "price did i lock*",
            "price we locked",
            "price i locked",
            "locked in price",
            "locked in rate",
            // "Are we paused? I asked for a pause for the off-season": a paused subscription.
            "are we paused",
            "are we still paused",
            "are we on pause",
            "am i paused",
            "am i still paused",
            "pause for the off season",
            "pause our account",
            "pause my account",
            "paused my account",
            "paused our account",
            "is it still paused",
            "start charging again",
            "unpause*",
            // "Zit ik op maand- of jaarbetaling?": how often the plan bills.
            "jaarbetaling",
            "maandbetaling",
            "monthly or yearly billing",
            "monthly or annual billing",
            // "What's our monthly price right now?": what the asker's subscription costs.
            "our monthly price",
            "my monthly price",
            "our price",
            "my price",
            // "How much is my monthly fee at the moment?": what the subscription costs.
            "my monthly fee",
            "our monthly fee",
            "my annual fee",
            "our annual fee",
            // "is my sub annual or monthly", "are we still on the grandfathered pricing?".
            "my sub",
            "our sub",
            // "Is my Foldwell sub active?": the product's name between.
            "sub is active",
            "sub is still active",
            "sub still active",
            "sub active",
            // "Sub status pls".
            "sub status",
            "subs status",
            "grandfather*",
            "plan",
            "plans",
            "tier",
            "subscri*",
            "seat",
            "seats",
            "licen*",
            "paying customer",
            "lizenz*",
            "licenz*",
            "licentie*",
            "paying",
            "upgrade*",
            "downgrade*",
            // The term the asker committed to: "quand se termine ma période d'engagement ?".
            "periode d engagement",
            "duree d engagement",
            "fin d engagement",
            "fin de mon engagement",
            "mon engagement",
            // A module bought on top of the plan: "is my Kitchen Screen add-on still active?".
            "add on",
            "add ons",
            "addon",
            "addons",
            "suscrip*",
            "abo",
            // Dutch shorthand: "welk abbo hebben we bij jullie?".
            "abbo",
            "abos",
            "abonnement*",
            // Dutch and German compounds: "zit ik op een maand- of jaarabonnement?".
            "jaarabonnement",
            "maandabonnement",
            "jahresabo",
            "monatsabo",
            // "ce que je paie actuellement": what the asker pays, as "what I'm paying".
            "ce que je paie",
            "ce que je paye",
            "ce que nous payons",
            "tarif*",
            "abbonament*",
            "piano",
            "plano",
            "assinatura*",
            "契約",
            "プラン",
            "サブスク",
            // French: "quelle formule avons-nous ?" (not a formula, "formule de politesse").
            "quelle formule",
            "notre formule",
            "ma formule",
            "formule mensuelle",
            "formule annuelle",
            // "Quel est mon forfait ?" (not "forfait mobile", a phone contract: see scope).
            "mon forfait",
            // "L'appli m'affiche la formule Pro": the plan shown.
            "affiche la formule",
            "indique la formule",
            "notre forfait",
            "forfait actuel",
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
            "zahle ich",
            // "wir zahlen doch für Professional", "we betalen voor Pro": what the asker pays
            // for (not "wir zahlen unseren Aushilfen …", paying their own people).
            "ich zahle fur",
            "ich zahle doch fur",
            "wir zahlen fur",
            "wir zahlen doch fur",
            "zahlen wir fur",
            "zahlen wir noch fur",
            "wir zahlen euch",
            "wir zahlen ihnen",
            "ik betaal voor",
            "betaal ik voor",
            "we betalen voor",
            "wij betalen voor",
            "we betalen toch voor",
            "betalen we voor",
            "betalen we nog voor",
            "betalen wij voor",
            "we betalen jullie",
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
            // The asker's contract with us (not one they send out): the subscription.
            "contract with you",
            "contrato con vosotros",
            "contrato con ustedes",
            "vertrag mit euch",
            "vertrag mit ihnen",
            "contrat avec vous",
            "contratto con voi",
            "contract met jullie",
            "contrato com voces",
            "contrato convosco",
        ],
        &[],
    ),
    (
        Topic::Renewal,
        &[
            "renew*",
            // "when does MY access actually end": the subscription's end.
            "access ends",
            "access end",
            "access actually ends",
            "access actually end",
            "access expires",
            "access expire",
            "renov*",
            "renuev*",
            "verlangert",
            "verlangern",
            "verlangerung*",
            "renouvel*",
            "rinnov*",
            "verleng*",
            "更新",
            // The term a subscription runs for, and when it ends.
            "current term",
            "billing term",
            "contract term",
            "subscription term",
            "term end*",
            "laufzeit",
            "vertragslaufzeit",
            "duree d engagement",
            "durata del contratto",
            "looptijd",
            "vigencia del contrato",
            "vigencia do contrato",
            "契約期間",
        ],
        &[],
    ),
    (
        Topic::Trial,
        &[
            "trial*",
            "prueba",
            "testphase",
            // "Bin ich noch im Testzeitraum?", "mein Testmonat".
            "testzeitraum",
            "testzeit",
            "testmonat",
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
            "cliente de faturacao",
            "cliente de facturacion",
            "client de facturation",
            "cliente di fatturazione",
            "customer id",
            // "How long have I been a customer?", "since when am I a customer?": when the
            // billing customer was created.
            "been a customer",
            "customer since",
            "become a customer",
            "became a customer",
            // "When was I set up as a customer in your billing system?"
            "set up as a customer",
            "set up in your billing",
            "in your billing system",
            "since when am i a customer",
            "currency",
            "guthaben",
            "tegoed",
            "credit*",
            "moneda",
            "wahrung",
            "devise",
            "valuta",
            "moeda",
            "auto collection",
            // "is autopay on for us?": whether we collect automatically.
            "autopay",
            "auto pay",
            "automatic payments",
            "abrechnungskonto",
            // "Ist die Gutschrift schon auf meinem Kundenkonto?": what stands on the billing
            // customer (logging in to a "Kundenkonto" is the app account's).
            "auf meinem kundenkonto",
            "auf unserem kundenkonto",
            "automatische incasso",
            "automatisch incasso",
            "billing address",
            // The asker's record in our billing ("in your billing system", "als zahlender
            // Kunde geführt", "krediet op mijn account").
            "billing system",
            // How we collect: "wird unsere Karte automatisch belastet", "per Überweisung".
            "automatisch belastet",
            "automatisch belast",
            "automatisch afgeschreven",
            "per uberweisung",
            "zahlender kunde",
            "zahlende kundin",
            "krediet",
            // "Is het bedrag al gecrediteerd?": credited to the billing account.
            "gecrediteerd",
            "gutgeschrieben",
            "creditado",
            "creditada",
            "accreditato",
            "accreditata",
            "通貨",
            "クレジット",
        ],
        &[],
    ),
    (
        Topic::Tickets,
        &[
            "ticket*",
            "tix",
            // Typed in a hurry: "tickt status pls", "my tikcet about the calendar".
            "tickt*",
            "tikcet*",
            "ticekt*",
            "tciket*",
            "logged an issue",
            "raised an issue",
            "opened an issue",
            "support",
            "supportticket*",
            "supportvra*",
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
            // The nouns, not the verbs ("le comptable la réclame", "reclamar" a bill).
            "reclamacion*",
            "reclamacao*",
            "reclamacoes",
            "reclamation*",
            "reclamo",
            "reclami",
            "storung*",
            "beschwer*",
            "chamado*",
            "open case*",
            "cases",
            // "Is my case about the broken printer closed?" ("in case", "just in case" are not).
            "my case",
            "our case",
            "assistenza",
            "segnalazion*",
            // "the problem I reported": a case opened with support.
            "problem i reported",
            // "Has anyone looked at my problem from last week?", "is my fault report open?"
            "my problem",
            "our problem",
            "fault report*",
            "problem we reported",
            "problem i raised",
            "problem i flagged",
            "raised a problem",
            "reported a problem",
            "flagged a problem",
            "logged a problem",
            "raised an issue",
            "logged an issue",
            // "I reported that renters get the wrong pickup time - status?": what the asker
            // reported to us is a case; so is a dispute opened over a bill.
            "i reported that",
            "we reported that",
            // "I reported something about subtitles drifting - what happened with that?"
            "i reported something",
            "we reported something",
            "something i reported",
            "something we reported",
            "i reported it",
            "we reported it",
            "i reported this",
            "we reported this",
            // "Last month I reported the calendar sync breaking. Was that closed?"
            "i reported the",
            "we reported the",
            "i reported a",
            "we reported a",
            "opened a dispute",
            "raised a dispute",
            "filed a dispute",
            "logged a dispute",
            // Dutch: "de status van mijn melding" (a report to support; "mijn meldingen" are
            // the app's notifications).
            "van mijn melding",
            "mijn melding over",
            "onze melding over",
            "van onze melding",
            "problema que reporte",
            "problema que reportamos",
            "problema que informe",
            "gemeldete problem",
            "probleme que j ai signale",
            "problema che ho segnalato",
            "probleem dat ik meldde",
            "probleem dat ik gemeld heb",
            "problema que reportei",
            "problema que relatei",
            "que eu reportei",
            // The same with what the problem is about between ("le problème d'export que j'ai
            // signalé", "het exportprobleem dat ik meldde"), and German "mein Problem mit".
            "que j ai signale",
            "que nous avons signale",
            "che ho segnalato",
            "che abbiamo segnalato",
            "dat ik meldde",
            "dat ik gemeld heb",
            "dat we meldden",
            "que reportei",
            "mein problem mit",
            "meinem problem mit",
            "unser problem mit",
            "報告した",
            // "The printer problem - is someone working on it?": a case with support.
            "someone working on it",
            "anyone working on it",
            "anybody working on it",
            "someone looking into it",
            "anyone looking into it",
            "alguien lo esta mirando",
            "alguien lo esta viendo",
            "alguien lo esta revisando",
            "alguem ja resolveu",
            "alguem esta vendo",
            "alguem esta a ver",
            "kummert sich jemand",
            "jemand kummert sich",
            "quelqu un s en occupe",
            "qualcuno ci sta lavorando",
            "qualcuno se ne sta occupando",
            "iemand mee bezig",
            // "the thing I reported about ledgers — is anybody on it?"
            "thing i reported",
            "thing we reported",
            // "I reported photos disappearing through the help form - status?"
            "help form",
            "support form",
            "anybody on it",
            "anyone on it",
            "someone on it",
            "klacht*",
            // Dutch "storing" (a fault reported), not English "storing" ("storing gate codes").
            "storingsmelding*",
            "storingen",
            "de storing",
            "een storing",
            "mijn storing",
            "onze storing",
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
            // Dutch compounds: "de korting uit de verlengingsdeal".
            "verlengingsdeal",
            "upgradedeal",
            // "¿Se cerró el acuerdo de ampliación?": the agreement being negotiated.
            "se cerro el acuerdo",
            "acuerdo de ampliacion",
            "acuerdo de renovacion",
            // A deal's forecast: "the expected close date on our contract".
            "close date",
            "expected close",
            "closed won",
            // "Has my contract been marked as won yet?"
            "marked as won",
            "marked won",
            "marked as lost",
            "marked lost",
            "renewal offer",
            // "did your sales team email me the renewal quote?": the quote is the deal's.
            "renewal quote*",
            "renewal proposal*",
            "opportunit*",
            "pipeline",
            "sales",
            "upsell*",
            "oportunidad*",
            "oportunidade*",
            // "did we win that pilot or is it still pending?"
            "did we win",
            // "did we sign the multi-site contract or is it still waiting on my side?": an
            // agreement signed, or not yet, is a deal's stage.
            "did we sign the",
            "have we signed the",
            "contract signed",
            "contract been signed",
            "contract is signed",
            "el trato de",
            "del trato",
            "affaire*",
            "trattativ*",
            "kansen",
            "verkoopkans*",
            "negocio*",
            // "¿En qué etapa está la oferta …?": an offer's stage is a deal's.
            "etapa de la oferta",
            "etapa esta la oferta",
            // A negotiation under way with us is a deal.
            "negociacion*",
            "negociacao*",
            "negociacoes",
            "verhandlung*",
            "negociation*",
            "onderhandeling*",
            // In English only ours with the asker: "the renewal negotiation with your sales
            // team", not "the pharmacy contract negotiations" in the news.
            "renewal negotiation*",
            "negotiation with you*",
            "negotiations with you*",
            "our negotiation*",
            "my negotiation*",
            "交渉",
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
            "landline",
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
            // "my job", not "a roof job" or "duplicate a job on the board" (a trade's work).
            "my job",
            "his job",
            "her job",
            "their job",
            "what job",
            "job title",
            "role",
            "funcion",
            "cargo",
            "fonction",
            "poste",
            "ruolo",
            "functie",
            "functietitel",
            "rol",
            "functienaam",
            "beruf",
            "berufsbezeichnung",
            "jobtitel",
            "titre du poste",
            "intitule de poste",
            "titulo del puesto",
            "mi puesto",
            "titolo professionale",
            "qualifica",
            "titulo do cargo",
            "役職",
            "肩書",
        ],
        &[],
    ),
    (
        Topic::Lifecycle,
        &[
            "lifecycle*",
            // "Am I still marked as a lead?"
            "marked as a lead",
            "still a lead",
            "lead rather than",
            // "Am I still a prospect in your system?", "comme prospect chez vous" (not "a
            // cold email to a prospect", one of the asker's own).
            "still a prospect",
            "as a prospect",
            "a prospect in your",
            "comme prospect",
            "encore prospect",
            "como prospecto",
            "siendo un prospecto",
            "siendo prospecto",
            "als interessent",
            "als prospect",
            "noch interessent",
            "come prospect",
            "ancora un prospect",
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
            "contactpersoon",
            "ansprechpartner",
            "persona de contacto",
            "interlocuteur",
            "referente",
            "pessoa de contato",
            "pessoa de contacto",
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
            "gestor de cuenta*",
            "gestor de conta*",
            "comercial",
            // French "commercial", the salesperson, after a determiner (English "commercial
            // pools" is an adjective).
            "votre commercial",
            "vos commerciaux",
            "mon commercial",
            "son commercial",
            "le commercial",
            "notre commercial",
            "du commercial",
            "au commercial",
            "les commerciaux",
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
            "sales system",
            "contact",
            "contacts",
            "contacto",
            // "Quelles coordonnées avez-vous pour moi ?": the contact details we hold.
            "coordonnees",
            "kontaktdaten",
            "recapiti",
            "contactgegevens",
            "kontakt",
            "contatto",
            "contato",
            "連絡先",
            // The customer record by name ("in your customer records", "Kundendaten").
            "customer record",
            // "Do you have my surname spelled right?": the name on the contact record.
            "name do you actually have",
            "name do you have me under",
            "have me under",
            // "Who do you have us down as?": whom we list the asker as ("do you have me down
            // as two customers?" asks about the billing).
            "who you have me down as",
            "who you have us down as",
            "who do you have me down as",
            "who do you have us down as",
            "my surname",
            "my last name",
            "my family name",
            "my name spelled",
            "my name spelt",
            "spelled my name",
            "spelt my name",
            "customer records",
            "customer file",
            "kundendaten",
            "kundenakte",
            "fiche client",
            "dossier client",
            "donnees client",
            "datos de cliente",
            "ficha de cliente",
            "scheda cliente",
            "anagrafica cliente",
            "klantgegevens",
            "klantdossier",
            // "Unter welchem Namen bin ich bei Ihnen geführt?": how we list the asker.
            "bei euch gefuhrt",
            "bei ihnen gefuhrt",
            "dados do cliente",
            "cadastro do cliente",
            "顧客情報",
            "顧客データ",
        ],
        &[],
    ),
    (
        Topic::Company,
        &[
            "company",
            "companies",
            // "co. record — name + domain?"
            "co record",
            // "Do you have both my businesses linked to me?": the businesses on file.
            "both my businesses",
            "both our businesses",
            "all my businesses",
            "all our businesses",
            // "is our shop registered with you under the old name …?": the business on file.
            "under the old name",
            "under our old name",
            "under the new name",
            "under our new name",
            "web domain",
            "website domain",
            // "Are we listed with the right domain?", "what domain do you have for us?".
            "right domain",
            "correct domain",
            "domain do you have",
            "domain you have",
            "domain on file",
            "domain on record",
            "employer",
            "work for",
            "works for",
            "works at",
            "work at",
            "industry",
            // "Are we listed as a dry cleaner or a laundromat in your system?": the kind of
            // business on file.
            "are we listed as",
            "is my business listed as",
            "is our business listed as",
            "kind of business are we",
            "type of business are we",
            "organisation",
            "organization",
            "employees",
            "headcount",
            "how big",
            "empresa*",
            "trabaja",
            "firma",
            "unternehmen*",
            "firmenname*",
            "arbeitet",
            "branche",
            "entreprise*",
            "societe",
            "travaille",
            "aziend*",
            "lavora",
            "settore",
            // Not every compound: "bedrijfspanden" (commercial premises), "bedrijfsbussen".
            "bedrijf",
            "bedrijven",
            "bedrijfsnaam*",
            "bedrijfsgegevens",
            "bedrijfsgrootte",
            "bedrijfsinformatie",
            "bedrijfsprofiel",
            "bedrijfsadres",
            "organisatie",
            "organizzazione",
            "organizacion",
            "organizacao",
            // "Bij welk bedrijf werkt ze?"; not "mijn inlog werkt niet" (it works, or not).
            "werkt bij",
            "werkt voor",
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
            "ultimo acceso",
            "letzter zugriff",
            "letzten zugriff",
            "dernier acces",
            "ultimo accesso",
            "laatste toegang",
            "ultimo acesso",
            "login*",
            "loggin",
            "log in",
            "log into",
            "logging into",
            "entro",
            "entrar",
            "entrou",
            "einlogg*",
            // Logged in or out, not a record logged ("pools get logged 3x a day", "is that
            // logged anywhere as a deal?").
            "logged in",
            "logged into",
            "logged on",
            "logged out",
            "logged me",
            "logged us",
            "logged him",
            "logged her",
            "logged them",
            "logged everybody",
            "logged everyone",
            "last logged",
            "log on",
            "sign in",
            "signed in",
            "signing in",
            "logging in",
            "signin",
            "sign into",
            "signed into",
            "sign onto",
            "signed onto",
            "log onto",
            "logged onto",
            // "When was I last in the app?"
            "last in the app",
            "last on the app",
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
            "connecter",
            "me connecte",
            "collegat*",
            "collegar*",
            "entrei",
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
            // "the app keeps saying my email isn't confirmed", "my address is unverified".
            "is unverified",
            "unverified email*",
            "unverified account",
            "unverified address",
            "is unconfirmed",
            "unconfirmed email*",
            "unconfirmed account",
            "email isn t confirmed",
            "email is not confirmed",
            "email not confirmed",
            "email hasn t been confirmed",
            "email has not been confirmed",
            "address isn t confirmed",
            "bestatigt",
            "verificad*",
            "認証",
            // "メールアドレスは確認済みですか": an address confirmed is one verified.
            "アドレスは確認済",
            "アドレスの確認",
        ],
        &[],
    ),
    (
        Topic::Disabled,
        &[
            "disabled",
            "disabeld",
            "disbaled",
            "locked",
            "lockout",
            // "Did the card decline lock my account?"
            "lock my account",
            "lock my login",
            "lock our account",
            "blocked",
            "banned",
            "suspended",
            "password*",
            "desactivad*",
            "desativad*",
            "deshabilitad*",
            "desabilitad*",
            "disabilitat*",
            "uitgeschakeld",
            "bloquead*",
            "bloque",
            "bloquee",
            "bloquer",
            "contrasena",
            "gesperrt",
            "deaktiviert",
            "komme nicht mehr rein",
            "komme nicht rein",
            "komme ich nicht mehr rein",
            "komm nicht mehr rein",
            // "Ich komme nicht mehr ins Konto".
            "komme nicht mehr ins konto",
            "komme nicht ins konto",
            "komm nicht mehr ins konto",
            // "Can I still get into the app?", "ich komme nicht in die App".
            "get into the app",
            "get in to the app",
            "get into my app",
            "komme nicht in die app",
            "komme nicht mehr in die app",
            "komme ich nicht in die app",
            "komme ich nicht mehr in die app",
            "アプリが開けな",
            "アプリが開けません",
            "アプリに入れな",
            "アプリに入れません",
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
            "停止",
            // Turned back on: "my account would be reactivated".
            "reactivat*",
            "reactivad*",
            "reaktiviert",
            // French "réactivé(e)", not English "reactive".
            "ete reactive",
            "reactivee",
            "reactiver",
            "riattivat*",
            "gereactiveerd",
            "reativad*",
            "ロック",
            "パスワード",
        ],
        &[],
    ),
    (
        Topic::Providers,
        &["google", "apple", "github", "provider*", "sso"],
        &[],
    ),
    // Signing in in two steps is a sign-in method too.
    (Topic::Providers, TWO_STEP, &[]),
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
            // "How long have I been a member?": how long the asker has been with us.
            "been a member",
            // Asked, not told ("we've been with you four years" only dates the question).
            "have i been with you",
            "have we been with you",
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
            // "what's my uid, support asked for it": the app account's user id.
            "my uid",
            "my user id",
            "my userid",
            "app account",
            "user account",
            // "My login email changed": the address the app account signs in with.
            "login email",
            "login e mail",
            "sign in email",
            "firebase",
            "using the app",
            "use the app",
            "used the app",
            "opened the app",
            "uses the app",
            "app usage",
            "account active",
            "account is active",
            // "Ist mein Zugang noch aktiv?", "Mon accès fonctionne toujours ?": the asker's
            // access, their app account.
            "mein zugang",
            "meinen zugang",
            "unser zugang",
            "mon acces",
            "notre acces",
            "mijn toegang",
            "onze toegang",
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
            "account e ancora attivo",
            "account still active",
            "cuenta sigue activa",
            "konto noch aktiv",
            "compte toujours actif",
            "account nog actief",
            "conta ainda ativa",
            "conta ativa",
            "cuenta activa",
            "konto aktiv",
            "compte actif",
            // "mon compte est-il bien actif ?", "is my account still active?" asked inverted.
            "compte est il actif",
            "compte est il bien actif",
            "compte est bien actif",
            "compte est actif",
            "is my account active",
            "is my account still active",
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
            // The asker's settings in the app: "what settings do u have for me?"
            "my settings",
            "my app settings",
            "our settings",
            "settings for me",
            "settings do you have",
            "settings do u have",
            "mijn instellingen",
            "mis ajustes",
            "mi configuracion",
            "mes parametres",
            "mes reglages",
            "mie impostazioni",
            "minhas configuracoes",
            "minhas definicoes",
            "display name",
            // The same in the other languages: "che nome visualizzato ho nell'app?"
            "nome visualizzato",
            "nome visualizado",
            "nome de exibicao",
            "nombre visible",
            "nombre para mostrar",
            "anzeigename",
            "nom d affichage",
            "nom affiche",
            "weergavenaam",
            "表示名",
            // How the app shows the asker's name ("my name shows as 'Jonh' in the app").
            "name shows",
            "name appears",
            "name is shown",
            "name is displayed",
            // "the app keeps calling me 'Hall Admin' instead of my name"
            "app keeps calling me",
            "app calls me",
            "app shows my name",
            "profil",
            "profilo",
            "profiel",
            "preference*",
            "preferencias",
            "einstellungen",
            "notification*",
            "notificacion*",
            "notificac*",
            "notifiche",
            "benachrichtigung*",
            "meldingen",
            // "Staan e-mailmeldingen aan in mijn voorkeuren?"
            "mailmelding*",
            "voorkeuren",
            "pushmelding*",
            "push melding*",
            "通知",
            "dark mode",
            // "Che tema ho impostato nell'app, chiaro o scuro?"
            "tema scuro",
            "tema chiaro",
            "tema ho impostato",
            "tema oscuro",
            "tema claro",
            "tema escuro",
            // "Il tema della mia app è impostato su scuro o chiaro?"
            "tema della mia app",
            "tema dell app",
            "tema de mi app",
            "tema de la app",
            "tema da minha app",
            "tema do meu app",
            "tema da app",
            "tema do app",
            "modo escuro",
            "donkere modus",
            "light mode",
            "theme",
            // Dutch "thema" is also a topic: only the app's ("welk thema staat in mijn app").
            "welk thema",
            "thema in mijn app",
            "thema van mijn app",
            "thema van de app",
            "modo oscuro",
            "modo claro",
            "dunkelmodus",
            "dunkler modus",
            "mode sombre",
            "mode clair",
            "tema scuro",
            "modalita scura",
            "donkere modus",
            "modo escuro",
            "ダークモード",
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
            // "what tz do you have me in"
            "tz",
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
            "my mesage",
            "my messsage",
            "i sent",
            "i mailed",
            "i emailed",
            "i forwarded",
            "forwarded you",
            "mailed you",
            "emailed you",
            "escribi",
            "escribimos",
            "les mande",
            "os mande",
            "te mande",
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
            "recue",
            "recues",
            "recus",
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
            // Texting shorthand and confirmations: "sent u guys something", "confirm you
            // received my request".
            "sent u",
            "sent you guys",
            "you received my",
            "you received the",
            "u received",
            "u got my",
        ],
        &[],
    ),
    (
        Topic::MailSent,
        &[
            "written to",
            // Typed in a hurry: "how many times have i writen to support".
            "writen to",
            "writen back",
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
            "schreven",
            "schrieben",
            "schriebt",
            "enviaron",
            "me enviasteis",
            "avete mandato",
            "avete inviato",
            // "Mi avete già mandato il promemoria?": "already" between the verb's two words.
            "avete gia mandato",
            "avete gia inviato",
            "avete gia scritto",
            "avete gia risposto",
            // "Mi avete mai mandato il PDF?": "ever" between them.
            "avete mai mandato",
            "avete mai inviato",
            "avete mai scritto",
            "avete mai risposto",
            // "Heb ik van jullie een bevestiging gehad?": a confirmation we sent.
            "van jullie een bevestiging",
            "bevestiging van jullie",
            // "Recebi resposta ao e-mail que mandei?": a reply from us.
            "recebi resposta",
            "recebi alguma resposta",
            "resposta ao e mail",
            "resposta ao email",
            "resposta ao meu e mail",
            "resposta ao meu email",
            // "You said you'd send me a link - did that actually go out?": what we were to send.
            "did that go out",
            "did it go out",
            "did that actually go out",
            "did it actually go out",
            "has that gone out",
            "has it gone out",
            "avete scritto",
            "avete risposto",
            "had a response",
            "had a reply",
            "any replies",
            "got a response",
            "got a reply",
            "any response",
            "a response from",
            "come from you",
            "came from you",
            "anything from you",
            "beantwoord",
            "teruggehoord",
            "terug gehoord",
            "iets gehoord",
            "niets gehoord",
            "beantwortet",
            "zuruckgemeldet",
            "antwoord gehad",
            "antwoord gekregen",
            "antwoord van jullie",
            "antwoord van u",
            "reactie gehad",
            "reactie gekregen",
            "reactie van jullie",
            "respuesta de ustedes",
            "respuesta de vosotros",
            "respuesta vuestra",
            "reponse de votre part",
            "reponse de vous",
            "risposta da voi",
            "risposta da parte vostra",
            "antwort von euch",
            "antwort von ihnen",
            "resposta de voces",
            "resposta da vossa",
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
            "stuurden",
            "responderam",
            "mandaram",
            "mandou",
            "escrevi",
            "返事",
            "送っ",
            "送信",
            "メールが来",
            "sent me",
            "sent to me",
            "sent to us",
            // "Something you sent ended up in our spam folder": what we sent, said without
            // to whom.
            "something you sent",
            "anything you sent",
            "whatever you sent",
            "something you emailed",
            "anything you emailed",
            "did you send",
            "did you guys send",
            "did u send",
            "did u guys send",
            "have u sent",
            "did you ever send",
            "have you sent",
            "send me anything",
            "last send me",
            "last sent me",
            "ever send me",
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
            "verstuurd",
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
            // The asker got in touch with us: mail, not the CRM contact record (the phrases of
            // `intent::CONTACTED_US` arrive here folded to "contacted").
            "kontaktiert",
            "contacte con",
            "contactamos",
            "ai contacte",
            "avons contacte",
            "contattato",
            "contattati",
            "gecontacteerd",
            "contatei",
            "contactei",
            "連絡を",
            "連絡した",
            "ご連絡",
            "からの連絡",
            // "the contact I last got from you": 頂いた / もらった / 最後の連絡.
            "いただいた連絡",
            "頂いた連絡",
            "もらった連絡",
            "最後の連絡",
        ],
        &[],
    ),
    (
        Topic::Mail,
        &[
            "mail",
            // "Hat euer Vertrieb mir das Angebot gemailt?": mailed, the mail named by its verb
            // as "emailed" names it.
            "gemailt",
            "gemaild",
            "mailtje*",
            "berichtje*",
            "e mailtje*",
            // Dutch compounds: "Is mijn opzegmail bij jullie aangekomen?"
            "opzegmail",
            "opzeggingsmail",
            "annuleringsmail",
            "mails",
            "msg",
            "msgs",
            "email*",
            "e mail*",
            "message*",
            "mesage*",
            "inbox",
            "thread",
            "correspondence",
            // "When was the last time we corresponded?" (not "does it correspond to my plan").
            "corresponded",
            "correo*",
            "mensaje*",
            "nachricht*",
            "courriel*",
            "messaggi*",
            "bericht*",
            "mensage*",
            "gmail",
            "メール",
            "mailed",
            "attachment*",
            "anhang",
            "anhange",
            "piece jointe",
            "pieces jointes",
            "allegato",
            "allegati",
            "bijlage*",
            "anexo*",
            "adjunto*",
            "添付",
            "attached",
            // "She cc'd me on it", "did my colleague's forward reach you?": a mail copied or
            // passed on.
            "cc d",
            "cced",
            "bcc d",
            "bcced",
            "my forward",
            "s forward",
            "your forward",
            "メッセージ",
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
            // "What's going on with my account generally?"
            "going on with my account",
            "going on with our account",
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

/// "Open", "pending", "outstanding": unpaid money when the question is about billing or about
/// nothing else ("any outstanding tickets?" is about tickets).
const PENDING: &[&str] = &[
    // Still to pay: unpaid invoices when invoices are named, else what is owed.
    "nog betalen",
    "nog iets betalen",
    "noch bezahlen",
    "noch zahlen",
    "noch etwas zahlen",
    "noch etwas bezahlen",
    "noch was zahlen",
    "encore a payer",
    "encore payer",
    "ancora da pagare",
    "ancora pagare",
    "todavia tengo que pagar",
    "ainda tenho que pagar",
    "outstanding",
    "ausstehend*",
    "openstaand*",
    "nog open",
    // "Staat er nog wat open bij jullie?", "Qual é o valor em dívida?", "¿Cuánto nos queda
    // por pagaros?"
    "nog wat open",
    "wat openstaan",
    "em divida",
    "queda por pagar*",
    "quedan por pagar*",
    // "¿Me queda algo por pagaros?", "¿no tengo nada por pagar?"
    "algo por pagar*",
    "nada por pagar*",
    "em aberto",
    "pendente*",
    "pendiente*",
];

/// Verbs of arriving or reaching: a mail question only when a mail noun is there too ("did
/// my email reach you?"), not when a payment arrived.
pub(super) const ARRIVAL: &[&str] = &[
    "make it to you",
    // Received by the team ("was my request received by your support desk?").
    "received by",
    "been received",
    "was received",
    "were received",
    "recibida por",
    "recibido por",
    "recibidas por",
    "recibidos por",
    "recue par",
    "recu par",
    "ricevuta da",
    "ricevuto da",
    "ontvangen door",
    "recebida por",
    "recebido por",
    "受け取",
    "受信",
    "made it to you",
    "届きました",
    "届いて",
    "arrive*",
    "land",
    "landed",
    "lands",
    "get to you",
    "seen",
    "gezien",
    "gesehen",
    "gelezen",
    "gelesen",
    "letto",
    "lido",
    "leido",
    "kregen",
    "gekregen",
    "kreeg",
    "got to you",
    "kam",
    "parvenu*",
    "reach*",
    "got there",
    "get there",
    "come through",
    "came through",
    // "did that get through?", "can you see it on your end?": a sent thing reaching the team.
    "get through",
    "got through",
    "gotten through",
    "on your end",
    "at your end",
    "on your side",
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

/// Quotes and proposals: what a deal is about.
pub(super) const QUOTES: &[&str] = &[
    // "the upgrade you quoted me for": what we quoted.
    "you quoted",
    "quoted me",
    "quoted us",
    "quote",
    "quotes",
    "quotation*",
    "proposal*",
    "propuesta*",
    "cotizacion*",
    "devis",
    "offre",
    "offres",
    "preventiv*",
    "offert*",
    "angebot*",
    "orcamento*",
    "proposta*",
    "presupuesto*",
    // "la oferta que me hicisteis", "the offer you sent us", "¿en qué fase está mi oferta?":
    // an offer made to the asker (not "oferta" alone, also a shop's sale).
    "oferta que me",
    "oferta que nos",
    "mi oferta",
    "nuestra oferta",
    "offer you sent",
    "offer you made",
    "見積",
    "提案",
];

/// How a quote or an offer stands, asked: "still open", "où en est", "a che punto".
pub(super) const HOW_IT_STANDS: &[&str] = &[
    // "Is the quote you sent us still open?": a quote still open is a deal not yet closed.
    "still open",
    // "Where are we with the quote your team sent us?", "any news on the quote?"
    "where are we with",
    "where are we at with",
    "where do we stand with",
    "any news on",
    "any update on",
    "what s happening with",
    "ou en est",
    "what s the status",
    "what is the status",
    "status of the",
    "a che punto",
    "wie ist der stand",
    "wie ist da der stand",
    "stand der",
    "en que estado",
    "en que punto esta",
    "como va",
    "hoe staat",
    "qual o status",
    "em que pe",
    "どの段階",
    "どうなって",
    // "Is the offer your rep mentioned still on the table?", "¿La oferta sigue en pie?": an
    // offer still standing.
    "still on the table",
    "still valid",
    "still stand",
    "still stands",
    "sigue en pie",
    "sigue abierta",
    "sigue vigente",
    "tient toujours",
    "toujours valable",
    "ancora valida",
    "ancora aperta",
    "steht noch",
    "noch gultig",
    "nog open",
    "nog geldig",
    "ainda esta de pe",
    "ainda e valida",
    "ainda esta valida",
    "ainda esta aberta",
    // "About our quote: did you email it over, and has it been accepted?": whether it was
    // accepted, a deal's stage.
    "been accepted",
    "was accepted",
    "accepted yet",
    "ete accepte",
    "ete acceptee",
    "fue aceptad*",
    "stato accettat*",
    "stata accettat*",
    "angenommen",
    "geaccepteerd",
    "foi aceit*",
];

/// An offer named alone in English or Spanish: a deal when how it stands is asked ("is the
/// offer you were working on for us still open?", "¿la oferta sigue en pie?"), not alone ("do
/// you offer discounts?", "una oferta de la tienda").
pub(super) const OFFERS: &[&str] = &["offer", "offers", "oferta", "ofertas"];

/// Files one sends: with an arrival verb they are mail ("did my PDF reach you?").
pub(super) const DOCUMENTS: &[&str] = &[
    "pdf",
    "pdfs",
    "file",
    "files",
    "document*",
    "screenshot*",
    "scan",
    "scans",
    "archivo*",
    "datei*",
    "fichier*",
    "documento*",
    "bestand*",
    "arquivo*",
    "comprobante*",
    "comprovante*",
    "receipt",
    "receipts",
    "form",
    "complaint",
    "klacht",
    "beschwerde",
    "reclamacion",
    "reclamation",
    "reclamo",
    "reclamacao",
    "forms",
    "contract",
    "contracts",
    "vertrag",
    "contrato",
    "contrat",
    "contratto",
    "formular",
    "formulario",
    "formulaire",
    "modulo",
    "formulier",
    "formulario",
    "antwort",
    "reponse",
    "risposta",
    "antwoord",
    "resposta",
    "respuesta",
    "recibo",
    "quittung",
    "ricevuta",
    "kwitantie",
    "領収書",
    // What someone wrote and sent: a note, a letter, a question that "reached you".
    "note",
    "letter",
    "question",
    "request",
    "vraag",
    "verzoek",
    "aanvraag",
    "brief",
    "frage",
    "anfrage",
    "pregunta",
    "solicitud",
    "lettre",
    "demande",
    "domanda",
    "richiesta",
    "lettera",
    "pergunta",
    "pedido",
    "carta",
    "ファイル",
    "書類",
    // Pictures and survey answers one sends ("my screenshot", "my reply to your survey").
    "survey*",
    "encuesta*",
    "umfrage*",
    "sondage*",
    "questionari*",
    "enquete*",
    "pesquisa*",
    "アンケート",
    "captura*",
    "bildschirmfoto*",
    "capture*",
    "schermat*",
    "photo*",
    "picture*",
    "foto*",
    "image*",
    "imagen*",
    "immagin*",
    "afbeelding*",
    "imagem*",
    "bild",
    "bilder",
    "nota",
    "notiz",
    "briefje",
    "スクリーンショット",
    "スクショ",
    "写真",
    "画像",
    "手紙",
    "問い合わせ",
];

/// Misspellings of English words that are no word in any of the eight languages, with their
/// spelling: "i thnk u double chraged me", "is my acount disabeld". Sorted, for a binary search.
const RESPELT: &[(&str, &str)] = &[
    ("accountnt", "accountant"),
    ("acct", "account"),
    ("acount", "account"),
    ("acounts", "accounts"),
    ("amnt", "amount"),
    ("anythign", "anything"),
    ("balence", "balance"),
    ("ballance", "balance"),
    ("bil", "bill"),
    ("biling", "billing"),
    ("cancle", "cancel"),
    ("cancled", "cancelled"),
    ("charegd", "charged"),
    ("chek", "check"),
    ("chraged", "charged"),
    ("chrged", "charged"),
    ("disabeld", "disabled"),
    ("disabld", "disabled"),
    ("emial", "email"),
    ("expird", "expired"),
    ("fixd", "fixed"),
    ("hav", "have"),
    ("hw", "how"),
    ("invioce", "invoice"),
    ("invocie", "invoice"),
    ("montly", "monthly"),
    ("outstading", "outstanding"),
    ("outstandng", "outstanding"),
    ("ow", "owe"),
    ("passwrd", "password"),
    ("pasword", "password"),
    ("paymnet", "payment"),
    ("pyment", "payment"),
    ("recieve", "receive"),
    ("recieved", "received"),
    ("recieving", "receiving"),
    ("recipt", "receipt"),
    ("renw", "renew"),
    ("somthing", "something"),
    ("subcription", "subscription"),
    ("subsciption", "subscription"),
    ("subscriptoin", "subscription"),
    ("subscripton", "subscription"),
    ("thnk", "think"),
    ("tiket", "ticket"),
    ("totl", "total"),
    ("upgarde", "upgrade"),
    ("wiht", "with"),
];

/// The text with every [`RESPELT`] misspelling (a whole word, any case) spelled right; the text
/// itself when it has none.
pub fn respell(text: &str) -> std::borrow::Cow<'_, str> {
    let mut out = String::new();
    let mut copied = 0;
    // Where the word being read starts, and whether it is ASCII letters only so far (a word
    // with a digit or an accent is none of ours).
    let mut start: Option<(usize, bool)> = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        if c.is_alphanumeric() {
            let (_, letters) = start.get_or_insert((i, true));
            *letters &= c.is_ascii_alphabetic();
            continue;
        }
        let Some((from, true)) = start.take() else {
            continue;
        };
        let word = &text[from..i];
        let lower = word.bytes().map(|b| b.to_ascii_lowercase());
        if let Ok(k) = RESPELT.binary_search_by(|(w, _)| w.bytes().cmp(lower.clone())) {
            out.push_str(&text[copied..from]);
            out.push_str(RESPELT[k].1);
            copied = i;
        }
    }
    if copied == 0 {
        return std::borrow::Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    std::borrow::Cow::Owned(out)
}

/// Whether folded text says what the asker has been paying for, not for how long: "been
/// paying for Pro", not "been paying for two years" or "for a while" (a [`DURATIONS`] word
/// within three words).
fn pays_for_a_named_thing(folded: &str) -> bool {
    folded.match_indices(" been paying for ").any(|(at, p)| {
        let mut next = folded[at + p.len()..].split_whitespace().take(3).peekable();
        next.peek().is_some() && !next.any(|w| DURATIONS.contains(&w))
    })
}

/// Verbs of changing from one plan to another, without the word "plan": "I switched to Pro",
/// "ich hab auf Pro gewechselt".
const SWITCHED: &[&str] = &[
    "switched",
    "changed",
    "moved",
    "migrated",
    "gewechselt",
    "umgestiegen",
    "cambiato",
    "passato",
    "cambiado",
    "pasado",
    "passe",
    "overgestapt",
    "mudei",
    "mudamos",
];

/// Names plans commonly go by: "Pro", "Starter", "yearly".
const TIERS: &[&str] = &[
    "pro",
    "starter",
    "basic",
    "premium",
    "enterprise",
    "growth",
    "essentials",
    "annual",
    "yearly",
    "monthly",
    "annuel",
    "annuelle",
    "mensuel",
    "mensuelle",
    "anual",
    "mensual",
    "mensile",
    "maandelijks",
    "monatlich",
    "annuale",
    "jaarlijks",
    "jahrlich",
];

/// Whether folded text tells of a change to a named plan: a [`SWITCHED`] verb with a [`TIERS`]
/// word within four words after it ("switched to Pro", "passé à l'offre annuelle") or, as
/// German and Dutch put it, within three before it ("auf Pro gewechselt"), and a word for "to"
/// from just before the first of them to the last ("we moved our monthly meeting" is no plan).
pub(super) fn switched_tier(folded: &str) -> bool {
    any_word(folded, |words, i, w| {
        SWITCHED.contains(&w)
            && (i.saturating_sub(3)..(i + 5).min(words.len())).any(|k| {
                let (first, last) = (i.min(k), i.max(k));
                TIERS.contains(&words[k])
                    && words[first.saturating_sub(1)..=last]
                        .iter()
                        .any(|t| SWITCHED_TO.contains(t))
            })
    })
}

/// "To" after a verb of changing plans, in the eight languages.
const SWITCHED_TO: &[&str] = &[
    "to", "auf", "zu", "zum", "a", "al", "alla", "allo", "au", "op", "naar", "para",
];

/// Verbs of money leaving an account ("gone out of", "taken from").
const MONEY_LEFT: &[&str] = &[
    "gone",
    "went",
    "come",
    "came",
    "coming",
    "taken",
    "debited",
    "withdrawn",
];

/// Whether folded text says money left one of the asker's accounts: a [`MONEY_LEFT`] verb,
/// then "out of" (or "from" after a verb only money takes: "taken from", "debited from") and
/// "account" or "bank" within three words ([`RESTATED`] reads "bank account" as the bank):
/// "it came out of my account twice", "debited from the business account" ("the mail came
/// from my account" is no payment).
fn money_left_an_account(folded: &str) -> bool {
    any_word(folded, |words, i, w| {
        let after = match &words[i + 1..] {
            ["out", "of", after @ ..] if MONEY_LEFT.contains(&w) => after,
            ["from", after @ ..] if matches!(w, "taken" | "debited" | "withdrawn") => after,
            _ => return false,
        };
        after
            .iter()
            .take(3)
            .any(|n| matches!(*n, "account" | "bank"))
    })
}

/// "Still open" in Dutch, which says money due unless cases are what is open ("iets
/// openstaan", something still open, is money whatever else is asked).
const STILL_OPEN: &[&str] = &["nog openstaan", "nog open"];

/// Spans of time the asker has paid over ("for two years", "for a while").
pub(super) const DURATIONS: &[&str] = &[
    "year", "years", "month", "months", "week", "weeks", "decade", "decades", "ages", "while",
    // "we've been paying for 2 yrs".
    "yr", "yrs", "mths", "mos",
];

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

/// The folded text with every one of `phrases` taken out (as whole words): what is left once
/// the words that only set the scene, or only say how, are set aside.
pub(super) fn without_phrases(folded: &str, phrases: &[&str]) -> String {
    phrases
        .iter()
        .fold(folded.to_string(), |f, p| f.replace(&format!(" {p} "), " "))
}

/// Who sends a quote as the deal's ("your rep", "your sales team").
pub(super) const SALESPEOPLE: &[&str] = &[
    "rep",
    "sales rep",
    "sales team",
    "sales people",
    "salespeople",
    "sales department",
    "sales guys",
    "sales guy",
    "sales folks",
    "salesperson",
    "saleswoman",
    "salesman",
    "sales lady",
    "sales woman",
    "sales man",
    "sales manager",
    // "la ampliación que hablamos con ventas": the sales team by its department's name.
    "con ventas",
    "equipo de ventas",
    "departamento de ventas",
    "vertriebsteam",
    "service commercial",
    "equipe commerciale",
    "ufficio commerciale",
    "verkoopteam",
    "equipa de vendas",
    "equipe de vendas",
    // "Becky in sales", "did sales send me …": the team by its bare name, as who acts.
    "in sales",
    "from sales",
    "did sales",
    "has sales",
    "account manager",
    "vertrieb",
    "votre commercial",
    "vos commerciaux",
    "mon commercial",
    "son commercial",
    "le commercial",
    "notre commercial",
    "du commercial",
    "au commercial",
    "les commerciaux",
    "comercial",
    "commerciale",
    "verkoper",
    // "a proposta que o vendedor de vocês mandou": the vendor's own seller.
    "vendedor de voces",
    "vosso vendedor",
    "vuestro vendedor",
    "votre vendeur",
    "vostro venditore",
    "euer verkaufer",
    "営業",
];

/// The support team, as who writes or is written to.
const SUPPORT_TEAM: &[&str] = &[
    "support",
    "soporte",
    "suporte",
    "assistenza",
    "サポート",
    "helpdesk",
];

/// A support case named by the team's word ("mi solicitud de soporte"): a ticket.
const SUPPORT_CASE: &[&str] = &[
    "support request*",
    "support case*",
    // "Is anything still open with your support team?": a case open with us.
    "open with support",
    "open with the support team",
    "support ticket*",
    "help ticket*",
    "helpdesk ticket*",
    // "my bug report about the ticket printer": a case raised with us, whatever it is about.
    "bug report*",
    "ticket di assistenza",
    "ticket di supporto",
    "ticket de soporte",
    "ticket de suporte",
    "ticket de support",
    "solicitud de soporte",
    "caso de soporte",
    "peticion de soporte",
    "supportanfrage*",
    "supportfall",
    "supportfalle",
    "demande de support",
    "demande d assistance",
    "richiesta di assistenza",
    "richiesta di supporto",
    "supportverzoek*",
    "pedido de suporte",
    "solicitacao de suporte",
    "サポート依頼",
    "サポートチケット",
    // A case the asker opened with us: "do I have an open ticket about it?", "ho aperto un
    // ticket", "問い合わせたチケット".
    "open ticket*",
    "opened a ticket",
    "raised a ticket",
    "abierto un ticket",
    "ticket eroffnet",
    "ticket geoffnet",
    "ouvert un ticket",
    "aperto un ticket",
    "ticket aangemaakt",
    "abri um ticket",
    "問い合わせたチケット",
    // Open tickets in the other languages: "ho ticket aperti?", "offene Tickets".
    "ticket aperti",
    "ticket aperto",
    "ticket ancora aperti",
    "tickets abiertos",
    "ticket abierto",
    "tickets ouverts",
    "ticket ouvert",
    "offene tickets",
    "offenes ticket",
    "openstaande tickets",
    "tickets abertos",
    "ticket aberto",
    "tickets em aberto",
    "ticket em aberto",
    // "I opened a case about refunds" ("the case I raised" is read by
    // [`names_a_support_case`]).
    "opened a case",
    "raised a case",
    "logged a case",
    // A ticket about something is a case, whatever it is about: "il ticket sul problema della
    // stampante dei biglietti", "the ticket about guest emails landing in spam".
    "ticket about",
    "ticket regarding",
    "ticket sul",
    "ticket sulla",
    "ticket sui",
    "ticket sulle",
    "ticket sugli",
    "ticket riguardo",
    "ticket sobre",
    "ticket sur",
    "ticket concernant",
    "ticket zum",
    "ticket zur",
    "ticket uber",
    "ticket over",
];

/// The asker telling of a case they opened with us.
pub(super) const REPORTED_TO_US: &[&str] = &[
    "i reported",
    "we reported",
    "i raised",
    "we raised",
    "i logged",
    "we logged",
    "i opened",
    "we opened",
    // "3 problems logged with you": a case put on record with us.
    "raised with you",
    "i flagged",
    "we flagged",
    "ich habe gemeldet",
    "wir haben gemeldet",
    "reporte",
    "reportamos",
    "j ai signale",
    "nous avons signale",
    "ho segnalato",
    "abbiamo segnalato",
    "ik heb gemeld",
    "ik meldde",
    "we hebben gemeld",
    "eu reportei",
];

/// Whether the folded text names a case raised with us: a [`SUPPORT_CASE`] phrase, or a case
/// named by the asker's telling of it ("has the case I raised about refunds been closed?",
/// "the case we logged on Monday", "the TICKET I raised with you", whatever far subject is
/// beside it).
pub(super) fn names_a_support_case(folded: &str) -> bool {
    if any_match(folded, SUPPORT_CASE) {
        return true;
    }
    any_word(folded, |words, i, w| {
        matches!(
            w,
            "case"
                | "cases"
                | "ticket"
                | "tickets"
                | "request"
                | "requests"
                | "issue"
                | "issues"
                | "problems"
                | "probs"
        ) && REPORTED_TO_US.iter().any(|p| {
            let after = &words[i + 1..];
            let len = p.split(' ').count();
            // Not one raised with someone else: "the issue I raised with my bank".
            after.len() >= len
                && after.iter().zip(p.split(' ')).all(|(a, b)| *a == b)
                && !matches!(&after[len..], ["with" | "to", who, ..]
                        if !matches!(*who, "you" | "your" | "u" | "support"))
        })
    })
}

/// A file a password opens: "a zip with a password", "passwortgeschützt".
const LOCKED_FILES: &[&str] = &[
    "zip",
    "zipped",
    "rar",
    "7z",
    "password protected",
    "passwortgeschutzt",
    "passwortgeschutzte",
    "protegido con contrasena",
    "protegido com senha",
    "protege par mot de passe",
    "protetto da password",
    "beveiligd met wachtwoord",
    "met wachtwoord beveiligd",
    "パスワード付き",
];

/// A password-reset message, named as what a mail carries.
const RESET_MAIL: &[&str] = &[
    "reset link",
    "password reset",
    "reset email",
    "reset mail",
    "reset-mail",
    "resettare la password",
    "reimpostare la password",
    "restablecer la contrasena",
    "redefinir a senha",
    "redefinicao de senha",
    "passwort zurucksetzen",
    "reinitialiser le mot de passe",
    "reinitialisation du mot de passe",
    "wachtwoord resetten",
    "wachtwoord herstellen",
    "パスワード再設定",
    "パスワードリセット",
];
/// Being shut out of the account, beside which the account is asked about too.
const LOCKED_OUT: &[&str] = &[
    "locked",
    "lockout",
    "disabled",
    "blocked",
    "suspended",
    "can t log",
    "cannot log",
    "can t sign",
    "cannot sign",
    "can t get in",
    "no puedo entrar",
    "no puedo acceder",
    "no puedo iniciar sesion",
    "gesperrt",
    "nicht anmelden",
    "nicht einloggen",
    "komme nicht",
    "peux pas me connecter",
    "arrive pas a me connecter",
    "non riesco ad accedere",
    "non riesco a entrare",
    "kan niet inloggen",
    "kom er niet in",
    "nao consigo entrar",
    "nao consigo acessar",
    "bloque*",
    "bloccat*",
    "geblokkeerd",
    "ロック",
    "ログインできない",
    "ログインできません",
];

/// "Registered" in the sense of on file with us.
const ON_RECORD: &[&str] = &["登録", "cadastr*", "registr*", "register*", "inscri*"];
/// Wording that can only mean making an app account.
const MADE_AN_ACCOUNT: &[&str] = &[
    "sign up",
    "signed up",
    "signup",
    "joined",
    "member since",
    "account was created",
    "account created",
    "create an account",
    "created an account",
];

/// The app said to show everything in a language ("¿por qué me sale todo en inglés?"): the
/// language set on the asker's profile, not a request to translate.
pub(super) const APP_IN_LANGUAGE: [&str; 14] = [
    "everything in english",
    "everything is in english",
    "all in english",
    "todo en ingles",
    "sale en ingles",
    "aparece en ingles",
    "alles auf englisch",
    "alles in englisch",
    "tout en anglais",
    "tutto in inglese",
    "alles in het engels",
    "alles in engels",
    "tudo em ingles",
    "aparece em ingles",
];

/// Phrases whose words mean something else than the table reads in them, and what they mean:
/// "un cargo duplicado" is a charge, not a post ("mi cargo"); a van's range "on one charge" is
/// no payment; a "finance lead" is a colleague, not a CRM lead; "comment je vérifie …",
/// "¿puedes verificar …?" ask to check, not whether an address is verified.
const RESTATED: &[(&[&str], &str)] = &[
    // "Scaffold firm, skip hire, lead merchant": the metal, not a CRM lead; "one of my crew
    // leads": a colleague.
    (
        &[
            "lead merchant",
            "lead merchants",
            "lead flashing",
            "lead flashings",
            "lead work",
            "lead sheet",
            "lead pipes",
        ],
        "metal",
    ),
    (
        &[
            "crew lead",
            "crew leads",
            "team lead",
            "team leads",
            "shift lead",
            "shift leads",
            "site lead",
            "site leads",
        ],
        "colleague",
    ),
    // "I'm the account holder — is that case closed?": who the asker is, no record asked.
    (
        &[
            "i m the account holder",
            "i am the account holder",
            "i m the account owner",
            "i am the account owner",
            "as the account holder",
            "as account holder",
        ],
        "me",
    ),
    // "someone logged into our account from a new phone": a device, not a phone number.
    (
        &[
            "from a new phone",
            "from an unknown phone",
            "from a different phone",
            "on a new phone",
            "from a new device",
        ],
        "from a device",
    ),
    // "La mia banca mi ha bloccato il bonifico": the bank held a payment, no account of ours
    // was locked.
    (
        &[
            "banca mi ha bloccato",
            "banca ha bloccato",
            "bank blocked",
            "bank has blocked",
            "bank froze",
            "banco me bloqueo",
            "banco bloqueou",
            "banque a bloque",
            "bank hat gesperrt",
            "bank heeft geblokkeerd",
        ],
        "bank held",
    ),
    // "It keeps showing me an upgrade banner": what the app shows, no plan change asked.
    (&["upgrade banner", "upgrade banners"], "banner"),
    // "My invoice template looks amateur": the asker's own layout, which no record holds.
    (
        &["invoice template", "invoice templates", "invoice layout"],
        "template",
    ),
    // "What company name is on my billing profile?": the billing record, not the app's
    // profile.
    (
        &[
            "billing profile",
            "billing profiles",
            "profil de facturation",
        ],
        "billing details",
    ),
    // "What role does my profile have, admin or standard user?": the role the app gives the
    // asker, set on their profile, not their job title.
    (
        &[
            "role does my profile",
            "role on my profile",
            "role in the app",
            "role in your app",
            "my user role",
            "my app role",
            "admin or standard user",
            "admin or a standard user",
        ],
        "profile",
    ),
    (
        // "my new mobile sports massage business", "we went fully mobile": a trade that
        // travels to its clients, not a phone number.
        &[
            "fully mobile",
            "mobile business",
            "mobile practice",
            "mobile service",
            "mobile services",
            "mobile clinic",
            "mobile van",
            "mobile unit",
            "mobile team",
            "mobile staff",
            "mobile worker",
            "mobile workers",
            "mobile therapist",
            "mobile therapists",
            "mobile sports",
            "mobile massage",
            "mobile physio",
            "mobile locksmith",
            "mobile mechanic",
            "mobile groomer",
            "mobile grooming",
            "mobile catering",
            "mobile bar",
        ],
        "travelling trade",
    ),
    (
        // "phone barely worked", "I lost it when my phone died": the handset, not the number
        // we hold.
        &[
            "phone died",
            "phone barely worked",
            "phone wasn t working",
            "phone was dead",
            "phone is dead",
            "phone broke",
            "phone is broken",
            "phone was broken",
            "phone signal",
        ],
        "handset trouble",
    ),
    (
        // "Is my account in good standing? Any unpaid invoices?": standing with us is the
        // billing's, not the app account's.
        &["account in good standing", "accounts in good standing"],
        "billing in good standing",
    ),
    (
        // "Os lembretes chegam uma hora atrasados": hours late is a clock, not a bill overdue.
        &[
            "hour late",
            "hours late",
            "hora atrasados",
            "hora atrasadas",
            "horas atrasados",
            "horas atrasadas",
            "hora de retraso",
            "horas de retraso",
            "stunde zu spat",
            "stunden zu spat",
            "stunde verspatet",
            "heure en retard",
            "heures en retard",
            "ora in ritardo",
            "ore in ritardo",
            "uur te laat",
            "uur later",
        ],
        "clock shifted",
    ),
    (
        // "l'export des prises en charge": what an insurer covers, not a charge of ours.
        &["prise en charge", "prises en charge"],
        "couverture",
    ),
    (
        // "Did I get a reply to my cancellation email?", "was my complaint email received?":
        // the mail, named by what it said; whether the plan is cancelled or a ticket exists
        // is asked in words of its own ("… and is my subscription cancelled?").
        &[
            "cancellation email",
            "cancellation e mail",
            "cancellation mail",
            "cancellation message",
            "complaint email",
            "complaint e mail",
            "complaint mail",
        ],
        "email",
    ),
    (
        // "Did my email change go through?": the change of the address on file, not a mail.
        &[
            "email change",
            "email address change",
            "change of email",
            "change of email address",
        ],
        "address change",
    ),
    (
        // "Ignore the number in my email signature": the footer of the asker's mails.
        &["email signature", "e mail signature", "mail signature"],
        "signature block",
    ),
    (
        // "l'impression des registres de condoléances", "the guest register": a book kept,
        // not signing up with us.
        &[
            "registre de",
            "registres de",
            "registro de",
            "registros de",
            "registro di",
            "registri di",
            "guest register",
            "condolence register",
            "condolence book",
            // "It needs to match my VAT registration": a tax or company registry's record,
            // not signing up with us.
            "vat registration",
            "tax registration",
            "company registration",
            "business registration",
            "trade registration",
        ],
        "logbook",
    ),
    (
        // "The exam board never sent the entry ticket. Who do I contact?": whom to reach, a
        // verb, not the contact record we hold.
        &[
            "who do i contact",
            "who should i contact",
            "who can i contact",
            "who do we contact",
            "who should we contact",
            "who can we contact",
        ],
        "whom to reach",
    ),
    (
        // "Do I get the weekly summary?": mail the app sends on a setting of the asker's.
        &[
            "weekly summary",
            "daily summary",
            "monthly summary",
            "weekly digest",
            "daily digest",
            "weekly recap",
            "weekoverzicht",
            "wochenubersicht",
            "resumen semanal",
            "resume hebdomadaire",
            "recapitulatif hebdomadaire",
            "recap hebdomadaire",
            "riepilogo settimanale",
            "resumo semanal",
        ],
        "notifications",
    ),
    (
        // "the colour-profile issue I raised": a printing term, not the asker's profile.
        &[
            "colour profile",
            "color profile",
            "colour profiles",
            "color profiles",
            "icc profile",
            "icc profiles",
        ],
        "colour setup",
    ),
    (
        // "Qui s'occupe de notre compte chez vous ?": who looks after the customer.
        &[
            "s occupe de notre compte",
            "s occupe de mon compte",
            "handles our account",
            "handles my account",
            "handling our account",
            "handling my account",
            "looks after our account",
            "looks after my account",
            "se encarga de nuestra cuenta",
            "se encarga de mi cuenta",
            "cuida da nossa conta",
            "cuida da minha conta",
            "segue il nostro account",
            "kummert sich um unser konto",
            "kummert sich um mein konto",
        ],
        "point of contact",
    ),
    (&APP_IN_LANGUAGE, "language"),
    // "Did the money I sent on Monday reach you?": the asker's payment, not a mail.
    (
        &[
            "money i sent",
            "money we sent",
            "money i transferred",
            "money we transferred",
            "money i paid",
            "money we paid",
        ],
        "my payment",
    ),
    // "what did support send me about the import?": mail from our support team, not a case.
    (
        &[
            "did support send me",
            "did support send us",
            "did your support send me",
            "did your support team send me",
            "did the support team send me",
            "support sent me",
            "support sent us",
            "support emailed me",
            "support emailed us",
        ],
        "did you send me",
    ),
    // "¿Cuándo se debe podar un olivo?": when one should, not what is owed ("¿Cuándo se debe
    // pagar la factura?" still reads the invoice).
    (&["cuando se debe", "cuando se deben"], "cuando hay que"),
    (&["como se debe", "como se deben"], "como hay que"),
    (
        &["cada cuanto se debe", "cada cuanto se deben"],
        "cada cuanto hay que",
    ),
    // "My account of what happened on site differs from the client's": a telling, not the
    // app account.
    (
        &[
            "account of what happened",
            "account of what went on",
            "account of events",
            "account of the events",
        ],
        "version of events",
    ),
    // "the tracker app drains my phone battery": the device, not the number on file. "How do
    // I export the contacts from my phone?": the address book on it, not our CRM's contact.
    (
        &[
            "phone battery",
            "phone s battery",
            "phone screen",
            "phone storage",
            "contacts from my phone",
            "contacts on my phone",
            "contacts in my phone",
            "phone contacts",
            "phone s contacts",
        ],
        "handset",
    ),
    // "Are there two billing customers under my email? I think I signed up twice": the
    // address a record is under, and a duplicate billing customer, not mail or the login.
    (
        &[
            "under my email",
            "under my email address",
            "under my e mail",
            "with the same email",
            "with the same email address",
            // "I freelance for two agencies and use the same email for both": an address.
            "use the same email",
            "use the same email address",
            "using the same email",
            "under the same email",
        ],
        "under my address",
    ),
    (
        &[
            "signed up twice",
            "sign up twice",
            "signed up again",
            "set up twice",
            "registered twice",
            "two customer accounts",
            "two accounts with you",
        ],
        "two billing customers",
    ),
    // "Which club is my account linked to?": the business the asker's record is linked to.
    (
        &[
            "which club is my account linked to",
            "which club is our account linked to",
            "what club is my account linked to",
            "which club am i linked to",
            "which club are we linked to",
            "which business is my account linked to",
            "which organisation is my account linked to",
            "which organization is my account linked to",
        ],
        "which company is my account linked to",
    ),
    // "Is there a mobile app for the cellar team?": the app, not a phone number.
    (&["mobile app", "mobile apps"], "app"),
    // "are both companies still attached to me?": linked, not a mail's attachment.
    (
        &[
            "attached to me",
            "attached to my",
            "attached to us",
            "attached to our",
        ],
        "linked to me",
    ),
    // "Is my contact record attached to the right company?": linked, not a file.
    (
        &[
            "attached to the right",
            "attached to the wrong",
            "attached to the correct",
            "attached to the same",
        ],
        "linked to the right",
    ),
    // "Which company am I attached to in your system?": the record's company, not a file.
    (
        &["am i attached to", "are we attached to"],
        "am i linked to",
    ),
    (&["account attached to"], "account linked to"),
    // "the support requests I've logged": cases raised, not a login.
    (
        &[
            "requests i ve logged",
            "requests i have logged",
            "requests i logged",
            "tickets i ve logged",
            "tickets i have logged",
            "tickets i logged",
            "issues i ve logged",
            "issues i logged",
            "cases i ve logged",
            "cases i logged",
            "complaints i ve logged",
            "complaints i logged",
            "tickets have i logged",
            "requests have i logged",
            "issues have i logged",
            "cases have i logged",
        ],
        "tickets i raised",
    ),
    // "Is my account paused?": a paused subscription.
    (
        &["account paused", "account is paused", "account on pause"],
        "subscription paused",
    ),
    // "I logged a ticket in May": a case raised, not a login.
    (
        &[
            "logged a ticket",
            "logged a support ticket",
            "logged a case",
            "logged a support case",
            "logged an issue",
            "logged a complaint",
            "logged a request",
            "logged a bug",
            "logged the ticket",
            "logged the issue",
            "logged the bug",
        ],
        "raised a ticket",
    ),
    // "I can't remember what we signed up for", "the plan I signed up for was £149": the plan
    // chosen, not when the account was made.
    (
        &[
            "what we signed up for",
            "what i signed up for",
            "plan i signed up for",
            "plan we signed up for",
        ],
        "which plan we chose",
    ),
    // "What industry have you got listed for us?": what is on file, not mail received.
    (
        &[
            "have you got listed",
            "have you got on file",
            "have you got on record",
            "have you got recorded",
            "have you got stored",
            "have you got saved",
            "have you got down",
        ],
        "is on file",
    ),
    // "Reply with just yes or no: is my subscription cancelled?": how to answer, not a mail.
    (
        &[
            "reply with just",
            "reply with only",
            "reply only with",
            "reply with yes or no",
            "just reply",
            "reply in one word",
            "reply in one sentence",
        ],
        "answer",
    ),
    // "the storefront add-on deal": a deal about an add-on, not the subscription's add-on.
    (&["add on deal", "addon deal", "add on deals"], "deal"),
    (
        &[
            "cargo duplicado",
            "cargos duplicados",
            "doble cargo",
            "cargo doble",
            "cargo de mas",
            "cargo extra",
            "cargo indebido",
            "cargo no reconocido",
            "cargo en mi tarjeta",
            "cargo en la tarjeta",
        ],
        "charge",
    ),
    (
        &[
            "on one charge",
            "on a single charge",
            "on a full charge",
            "per full charge",
        ],
        "battery",
    ),
    (
        &[
            "finance lead",
            "team lead",
            "tech lead",
            "project lead",
            "engineering lead",
            "design lead",
            "ops lead",
            "operations lead",
            "product lead",
            "support lead",
            "dev lead",
            "qa lead",
            "data lead",
        ],
        "colleague",
    ),
    (
        &[
            "je verifie",
            "comment verifier",
            "verifier",
            "verifiez",
            "verifions",
            "verificar",
            "verifico",
            "verificare",
            "verifichi",
            "verificate",
            "verifica se",
            "verifica si",
            "verifique se",
            "verifique si",
        ],
        "check",
    ),
    (
        // Thanks for everything are no overview of everything.
        &[
            "thanks for everything",
            "thank you for everything",
            "gracias por todo",
            "danke fur alles",
            "merci pour tout",
            "grazie di tutto",
            "grazie per tutto",
            "bedankt voor alles",
            "obrigado por tudo",
            "obrigada por tudo",
        ],
        "thanks",
    ),
    (
        // "a payment to a new bank account": the asker's bank, not the app account; "die
        // Lastschrift ist bei uns auf dem Konto nie aufgetaucht", "auf dem Kontoauszug".
        &[
            "business bank account",
            "bank account",
            "bei uns auf dem konto",
            "bei mir auf dem konto",
            "bankkonto",
            "girokonto",
            "kontoauszug",
        ],
        "bank",
    ),
    (
        // "he saw some other company's invoices in our account": another business, not the
        // asker's company record.
        &[
            "other company s",
            "another company s",
            "other companies",
            "other companies s",
        ],
        "another business s",
    ),
    (
        // "Sorry for the long message: …": the message being written, no mail to search.
        &[
            "sorry for the long message",
            "sorry for the long email",
            "sorry for the long mail",
            "entschuldigung fur die lange nachricht",
            "entschuldigen sie die lange nachricht",
            "sorry voor het lange bericht",
            "desculpe a mensagem longa",
            "perdon por el mensaje largo",
            "scusate il messaggio lungo",
            "desole pour le long message",
        ],
        "sorry",
    ),
    (
        // "my Stripe payout to my business account": money paid into it makes it the bank
        // ("is our business account still active?" is the app account).
        &[
            "to my business account",
            "to our business account",
            "to the business account",
            "into my business account",
            "into our business account",
            "into the business account",
        ],
        "to the bank",
    ),
    (
        // "the ticket I logged about the login": a case put on record, not a sign-in.
        &[
            "ticket i logged",
            "ticket we logged",
            "tickets i logged",
            "tickets we logged",
            "case i logged",
            "case we logged",
            "complaint i logged",
            "complaint we logged",
        ],
        "ticket i opened",
    ),
    (
        // "we've been paying for a year": how long, not which plan.
        &["been paying for", "been paying you for", "been paying you"],
        "loyal",
    ),
    (
        // "my beginner piano course": the instrument, not the Italian "piano" (plan).
        &[
            "piano course",
            "piano courses",
            "piano lesson",
            "piano lessons",
            "piano teacher",
            "piano student",
            "piano students",
            "piano class",
            "piano classes",
            "beginner piano",
            "the piano",
            "play piano",
            "piano recital",
        ],
        "music",
    ),
    (
        // "Am I set up with Microsoft sign-in or with email and password?", "the login on
        // this email": how the asker signs in, not mail.
        &[
            "email and password",
            "email or password",
            "email plus password",
            "email password",
            "email address and password",
            "login on this email",
            "login for this email",
            "login with this email",
            "account on this email",
            "sign in with email",
            "log in with email",
            "login with email",
            // "did I sign up with Apple or with email?": the sign-in method.
            "sign up with email",
            "signed up with email",
            "or with email",
            "or with my email",
            "with apple or email",
            "with google or email",
            // "do i have a google login linked or just email": the other way in.
            "or just email",
            "or just an email",
            "or only email",
            "or just my email",
            "linked or email",
            // "Can you confirm I signed up with my company email and not my personal gmail?":
            // which of the asker's addresses the login is on.
            "signed up with my company email",
            "signed up with my work email",
            "signed up with my business email",
            "signed up with my personal email",
            "signed up with my personal gmail",
            "signed up with our company email",
            "registered with my company email",
            "registered with my work email",
            "registered with my personal email",
            "not my personal email",
            "not my personal gmail",
            "not my work email",
            "not my company email",
            // "my manager set up our login with my email": the address the login is on.
            "login with my email",
            "login with my e mail",
            "signed up with my email",
            "registered with my email",
            "set up with my email",
            "set up with my e mail",
            "created with my email",
        ],
        "password login",
    ),
    (
        // "did I turn off the weekly summary emails?": mail the app sends on a setting of the
        // asker's, not the mailbox.
        &[
            "summary emails",
            "summary email",
            "digest emails",
            "digest email",
            "notification emails",
            "notification email",
            "email notifications",
            "email notification",
            "email alerts",
            "reminder emails",
        ],
        "notifications",
    ),
    (
        // "¿Recibieron mi correo del lunes? Lo mandé a soporte con capturas.": the asker's
        // mail, sent to our support, as "I sent it to support" is.
        &[
            "lo mande a soporte",
            "lo envie a soporte",
            "lo mande al soporte",
            "lo envie al soporte",
            "mandei para o suporte",
            "enviei para o suporte",
            "mandei ao suporte",
            "enviei ao suporte",
            "l ho mandato all assistenza",
            "l ho inviato all assistenza",
            "je l ai envoye au support",
            "ich habe es an den support geschickt",
            "ik heb het naar support gestuurd",
        ],
        "i sent it to you",
    ),
    (
        // "Ho visto una mail ma l'ho cancellata per sbaglio": Italian "cancellare" is also
        // to delete; a mail deleted is no subscription cancelled.
        &[
            "l ho cancellata",
            "l ho cancellato",
            "cancellata per sbaglio",
            "cancellato per sbaglio",
            "cancellate per sbaglio",
            "cancellati per sbaglio",
            "ho cancellato la mail",
            "ho cancellato l email",
            "ho cancellato il messaggio",
        ],
        "deleted",
    ),
    (
        // "l'export du registre phytosanitaire": a register kept in the app, not signing up
        // ("registr*" is the sign-up in the other languages).
        &["registre", "registres"],
        "ledger",
    ),
    (
        // "nell'app vedo scritto Starter": what the app shows, not what anyone wrote.
        &["vedo scritto", "c e scritto"],
        "shows",
    ),
];

/// People who book with the asker's business, whose cancelling is theirs to do. Not "someone"
/// or "people": "someone cancelled our plan" may well be the asker's subscription.
const THE_BUSINESS_CUSTOMERS: &[&str] = &[
    "customers",
    "customer",
    "clients",
    "client",
    "learners",
    "learner",
    "students",
    "student",
    "patients",
    "patient",
    "guests",
    "guest",
    "members",
    "pupils",
    "pupil",
];

/// Cancellations, counted: the asker's bookings called off, not a subscription of theirs.
const BOOKINGS_CANCELLED: &[&str] = &[
    "cancellations",
    "cancelations",
    "cancelaciones",
    "stornierungen",
    "annulations",
    "cancellazioni",
    "annuleringen",
    "afzeggingen",
    "cancelamentos",
];

/// Whether the business's own customers cancel in `folded` ("when learners cancel", "if a
/// client cancels", "three cancellations before 9am": cancellations counted are bookings)
/// and nothing else in it names cancelling.
fn others_cancel(folded: &str) -> bool {
    let words: Vec<&str> = folded.split_whitespace().collect();
    let theirs = |i: usize| {
        (words[i].starts_with("cancel") && i > 0 && THE_BUSINESS_CUSTOMERS.contains(&words[i - 1]))
            || BOOKINGS_CANCELLED.contains(&words[i])
    };
    if !(0..words.len()).any(theirs) {
        return false;
    }
    let rest: Vec<&str> = (0..words.len())
        .filter(|&i| !theirs(i))
        .map(|i| words[i])
        .collect();
    !any_match(
        &format!(" {} ", rest.join(" ")),
        strong_words(Topic::Cancelled),
    )
}

/// "Account" joined to another thing asked: "… and my account", "…とアカウント".
const JOINED_ACCOUNT: &[&str] = &[
    "and account",
    "and my account",
    "and the account",
    "and our account",
    "y mi cuenta",
    "y la cuenta",
    "und mein konto",
    "und das konto",
    "et mon compte",
    "et le compte",
    "e il mio account",
    "e l account",
    "en mijn account",
    "en het account",
    "e a minha conta",
    "e minha conta",
    "とアカウント",
];

/// The topics named in a folded question: strong patterns, "pending" next to billing words,
/// weak patterns when nothing else matched, and arrival verbs next to a mail noun.
/// The sign-up as a time: "when I signed up", "since we first signed up".
const SIGN_UP_TIME: &[&str] = &[
    "when i signed up",
    "when we signed up",
    "when i first signed up",
    "when we first signed up",
    "since i signed up",
    "since we signed up",
    "after i signed up",
    "after we signed up",
    "when i registered",
    "when we registered",
    "since i registered",
    "since we registered",
];
/// Words before [`SIGN_UP_TIME`] that make it the question: "trying to remember when we
/// signed up", "tell me when I signed up".
const ASKS_WHEN: &[&str] = &[
    "remember",
    "recall",
    "know",
    "forgot",
    "forget",
    "tell",
    "find",
    "check",
    "exactly",
    "see",
    "wondering",
];

/// Whether every sign-up the folded text names is the time of something else.
fn signed_up_as_a_time(folded: &str) -> bool {
    let words: Vec<&str> = folded.split_whitespace().collect();
    let mut found = false;
    for p in SIGN_UP_TIME {
        let n = p.split_whitespace().count();
        for at in
            (0..words.len().saturating_sub(n - 1)).filter(|&i| words[i..i + n].join(" ") == *p)
        {
            if words[at.saturating_sub(3)..at]
                .iter()
                .any(|w| ASKS_WHEN.contains(w))
            {
                return false;
            }
            found = true;
        }
    }
    // Any other sign-up word left is still asked: "when did I sign up, and since I signed up
    // how many invoices …".
    found && {
        let rest = without_phrases(folded, SIGN_UP_TIME);
        !any_match(&rest, strong_words(Topic::SignedUp))
    }
}

/// The words that name `topic` on their own (its strong list in [`TOPICS`]).
fn strong_words(topic: Topic) -> &'static [&'static str] {
    TOPICS
        .iter()
        .find(|(t, _, _)| *t == topic)
        .map_or(&[][..], |(_, strong, _)| *strong)
}

pub(super) fn topics_of(folded: &str) -> BTreeSet<Topic> {
    let as_asked = folded;
    let restated;
    let folded = if RESTATED.iter().any(|(ps, _)| any_match(folded, ps)) {
        restated = RESTATED.iter().fold(folded.to_string(), |text, (ps, to)| {
            ps.iter().fold(text, |t, p| {
                t.replace(&format!(" {p} "), &format!(" {to} "))
            })
        });
        restated.as_str()
    } else {
        folded
    };
    let mut topics: BTreeSet<Topic> = TOPICS
        .iter()
        .filter(|(_, strong, _)| any_match(folded, strong))
        .map(|(t, _, _)| *t)
        .collect();
    // "I've been paying for Pro since January": what the asker has paid for, named after
    // "been paying for" ([`RESTATED`] reads "we've been paying for two years" as how long).
    if pays_for_a_named_thing(as_asked) || switched_tier(folded) {
        topics.insert(Topic::Plan);
    }
    // A case raised with us, however it is named ("Supportanfragen", "richiesta di
    // assistenza", "サポート依頼"), is a ticket.
    if names_a_support_case(folded) {
        topics.insert(Topic::Tickets);
    }
    // "Staat de offerte nog open?": a quote still open is a deal's, not money due.
    if any_match(folded, PENDING)
        && !any_match(folded, QUOTES)
        && (topics.is_empty() || topics.contains(&Topic::Invoices) || topics.contains(&Topic::Owed))
    {
        topics.insert(if topics.contains(&Topic::Invoices) {
            Topic::Unpaid
        } else {
            Topic::Owed
        });
    }
    // "Hoeveel tickets hebben we nog openstaan bij jullie support?": what is still open,
    // asked of cases, is the cases, not money due.
    if topics.contains(&Topic::Tickets)
        && topics.contains(&Topic::Owed)
        && any_match(folded, STILL_OPEN)
        && !topics_of(&without_phrases(folded, STILL_OPEN)).contains(&Topic::Owed)
    {
        topics.remove(&Topic::Owed);
    }
    // "Two lots of £189 have gone out of the business account": money gone from the asker's
    // bank account is a payment taken, not the app account.
    if money_left_an_account(folded) {
        topics.insert(Topic::Invoices);
    }
    if topics.is_empty() {
        topics = TOPICS
            .iter()
            .filter(|(_, _, weak)| any_match(folded, weak))
            .map(|(t, _, _)| *t)
            .collect();
    } else if any_match(folded, JOINED_ACCOUNT) {
        // "Check the payment status and the account", "支払い状況とアカウント": the account
        // joined to what else is asked is asked too, though "account" alone is vague.
        topics.insert(Topic::Account);
    }
    // "私の会社はどのように登録されていますか", "a empresa no meu cadastro": a company
    // "registered" with us is the company on file, not when an app account was made.
    if topics.iter().any(|t| {
        matches!(
            t,
            Topic::Company | Topic::JobTitle | Topic::Phone | Topic::Contact | Topic::Lifecycle
        )
    }) && any_match(folded, ON_RECORD)
        && !any_match(folded, MADE_AN_ACCOUNT)
    {
        topics.remove(&Topic::SignedUp);
    }
    // "Did I get a welcome email when I signed up?", "the currency I asked for when we signed
    // up": the sign-up as when something else happened, not asked about ("trying to remember
    // when we signed up" still asks it).
    if topics.contains(&Topic::SignedUp) && signed_up_as_a_time(folded) {
        topics.remove(&Topic::SignedUp);
    }
    // "I miss the alerts when learners cancel": their bookings, not the asker's subscription.
    if topics.contains(&Topic::Cancelled) && others_cancel(folded) {
        topics.remove(&Topic::Cancelled);
    }
    // "Is there a mail from you with my password reset link?": the mail is what is asked
    // about; a password named only as what the mail carries says nothing of the account.
    if topics.iter().any(|t| t.is_mail())
        && any_match(folded, RESET_MAIL)
        && !any_match(folded, LOCKED_OUT)
    {
        topics.remove(&Topic::Disabled);
    }
    // "Mandei num zip com password, a password segue noutro email", "the PDF is password
    // protected": a password that opens a file sent is no login.
    if topics.contains(&Topic::Disabled)
        && any_match(folded, LOCKED_FILES)
        && !any_match(folded, LOCKED_OUT)
    {
        topics.remove(&Topic::Disabled);
    }
    // "What did support tell me in their last mail?": the support team as who wrote or was
    // written to is the mailbox, not a ticket; a ticket, a bug or a complaint named beside it
    // still is one.
    if topics.contains(&Topic::Tickets) && topics.iter().any(|t| t.is_mail()) {
        let without_team = SUPPORT_TEAM
            .iter()
            .fold(folded.to_string(), |text, w| text.replace(w, " "));
        if !any_match(&without_team, strong_words(Topic::Tickets)) && !names_a_support_case(folded)
        {
            topics.remove(&Topic::Tickets);
        }
    }
    // "Has anyone from sales emailed me since?", "the discount your sales rep promised in his
    // email": our sales people as who wrote are the mailbox, not a deal or whose account it
    // is. A deal, a quote, an offer or who the rep is, named beside them, still is ("is the
    // sales team still holding the discount they offered?"); so is a rep the asker wrote to
    // ("the sales rep I emailed about …"). The senders: any salesperson but an account
    // manager, whom the asker may ask about ("who's my account manager, and have they emailed
    // me?"), and "sales" alone.
    if topics.iter().any(|t| t.is_mail())
        && !any_match(folded, QUOTES)
        && !any_match(folded, &["offered", "offering"])
    {
        let senders = || {
            SALESPEOPLE
                .iter()
                .copied()
                .filter(|p| *p != "account manager")
                .chain(["sales"])
        };
        let written_to = senders()
            .any(|p| matches(folded, &format!("{p} i")) || matches(folded, &format!("{p} we")));
        if !written_to {
            let without_team =
                senders().fold(folded.to_string(), |f, p| f.replace(&format!(" {p} "), " "));
            for topic in [Topic::Deals, Topic::Owner] {
                if !any_match(&without_team, strong_words(topic)) {
                    topics.remove(&topic);
                }
            }
        }
    }
    // "Did you receive my bank transfer?", "Avez-vous reçu mon virement ?": a payment that
    // arrived is the billing's, unless a mail or what proves it is named ("the transfer
    // confirmation").
    if topics.contains(&Topic::Invoices)
        && topics.contains(&Topic::MailReceived)
        && !topics.contains(&Topic::Mail)
        && names_own_payment(folded)
        && !any_match(folded, PROOFS)
        && !any_match(folded, DOCUMENTS)
    {
        topics.remove(&Topic::MailReceived);
    }
    if any_match(folded, ARRIVAL) && any_match(folded, DOCUMENTS) {
        topics.insert(Topic::Mail);
    }
    if any_match(folded, ARRIVAL) && topics.contains(&Topic::Mail) {
        topics.insert(Topic::MailReceived);
    }
    // "Could you proofread my email to the council?", "my email to a patient bounced", "mon
    // mail pour mes élèves": mail the asker wrote to someone else is not in our mailbox, unless mail is named otherwise
    // too ("did you get my email, and my email to the accountant?").
    if topics.iter().any(|t| t.is_mail())
        && MAIL_TO.iter().any(|p| folded.contains(p))
        && let Some(rest) = without_mail_to_others(folded)
        && !any_match(&rest, strong_words(Topic::Mail))
    {
        topics.retain(|t| !t.is_mail());
    }
    // "How do I stop spam reaching my inbox?", "how do I keep my inbox tidy?": upkeep of the
    // asker's own mailbox, advice; asked of us ("can you stop your newsletters reaching my
    // inbox?") it is ours.
    if topics.iter().any(|t| t.is_mail())
        && any_match(folded, MAILBOX_UPKEEP)
        && !addresses_us(folded)
    {
        topics.retain(|t| !t.is_mail());
    }
    // "¿Cómo configuro la verificación en dos pasos en mi correo?", "two-factor on my email
    // account": the security of the asker's own mailbox, advice (not "codes sent to my email").
    if any_match(folded, TWO_STEP) && any_match(folded, ON_OWN_MAILBOX) && !addresses_us(folded) {
        topics.clear();
    }
    topics
}

/// Whether folded text speaks to us in English ("you", "your", "u", "yours"): advice about the
/// asker's own things, asked of us, is ours.
pub(super) fn addresses_us(folded: &str) -> bool {
    folded
        .split_whitespace()
        .any(|w| matches!(w, "you" | "your" | "u" | "yours"))
}

/// Signing in in two steps, in the eight languages.
const TWO_STEP: &[&str] = &[
    "2fa",
    "mfa",
    "two factor",
    "two step",
    "2 step verification",
    "zwei faktor*",
    "zweifaktor*",
    "doble factor",
    "verificacion en dos pasos",
    "deux facteurs",
    "verification en deux etapes",
    "due fattori",
    "verifica in due passaggi",
    "tweestaps*",
    "twee factor*",
    "dois fatores",
    "verificacao em duas etapas",
    "二段階認証",
];

/// The asker's own mailbox as where a setting is made: "on my email", "en mi correo".
const ON_OWN_MAILBOX: &[&str] = &[
    "on my email",
    "on my email account",
    "for my email account",
    "on my mailbox",
    "en mi correo",
    "en mi cuenta de correo",
    "sulla mia email",
    "sulla mia mail",
    "sulla mia casella",
    "sur ma messagerie",
    "sur mon adresse mail",
    "sur ma boite mail",
    "fur mein e mail konto",
    "fur mein e mail postfach",
    "in meinem e mail konto",
    "op mijn e mail",
    "op mijn mailbox",
    "no meu email",
    "no meu e mail",
    "na minha conta de email",
    "メールアカウントの二段階",
];

/// Keeping one's own mailbox in order, in the eight languages: "stop spam", "keep my inbox
/// tidy", "spam blockieren".
const MAILBOX_UPKEEP: &[&str] = &[
    // "My own emails to customers keep landing in their spam": the asker's mail in their
    // recipients' spam.
    "in their spam",
    "into their spam",
    "in their junk",
    "in hun spam",
    "in ihrem spam",
    "dans leurs spams",
    "dans leur spam",
    "en su spam",
    "nel loro spam",
    "no spam deles",
    // "How do I back up my own email account?"
    "back up my email*",
    "back up my own email*",
    "backup my email*",
    "back up my inbox",
    "archive my email*",
    "stop spam",
    "block spam",
    "filter spam",
    "filter out spam",
    "reduce spam",
    "prevent spam",
    "avoid spam",
    "less spam",
    "fewer spam",
    "spam reaching",
    "spam from reaching",
    "stop junk",
    "block junk",
    "keep my inbox",
    "tidy my inbox",
    "clean my inbox",
    "clean up my inbox",
    "organise my inbox",
    "organize my inbox",
    "declutter my inbox",
    "inbox zero",
    "evitar el spam",
    "bloquear el spam",
    "evitar spam",
    "bloquear spam",
    "spam blockieren",
    "spam vermeiden",
    "spam filtern",
    "bloquer les spams",
    "bloquer le spam",
    "eviter les spams",
    "eviter le spam",
    "bloccare lo spam",
    "evitare lo spam",
    "spam blokkeren",
    "spam tegenhouden",
    "spam voorkomen",
    // "Mijn Gmail-wachtwoord heb ik net gewijzigd": the password of the asker's own mailbox.
    "gmail password",
    "gmail passwort",
    "gmail wachtwoord",
    "password di gmail",
    "password gmail",
    "mot de passe gmail",
    "contrasena de gmail",
    "senha do gmail",
    // "My Gmail inbox says it's full. How do I free up space?": the asker's own mailbox.
    "free up space",
    "is full",
    "it s full",
    "esta cheio",
    "esta lleno",
    "ist voll",
    "est plein",
    "e pieno",
    "is vol",
    "liberar espacio",
    "liberar espaco",
    "liberto espaco",
    "liberer de l espace",
    "liberare spazio",
    "speicherplatz freigeben",
    "ruimte vrijmaken",
];

/// A payment the asker sends, in the eight languages: "my bank transfer", "mon virement".
pub(super) const PAYMENTS_SENT: &[&str] = &[
    "payment",
    "transfer",
    "paiement",
    "virement",
    "pago",
    "transferencia",
    "zahlung",
    "uberweisung",
    "pagamento",
    "bonifico",
    "betaling",
    "overboeking",
    "振込",
];

/// Whether the folded clause names a payment as the asker's ("my bank transfer", "mon
/// virement", "il mio bonifico"), not one told of ("a failed card payment").
fn names_own_payment(folded: &str) -> bool {
    any_word(folded, |words, i, w| {
        PAYMENTS_SENT.contains(&w) && words.before(i, 3).iter().any(|m| MINE.contains(m))
    })
}

/// What proves a payment, sent by mail: "the transfer confirmation", "le justificatif".
const PROOFS: &[&str] = &[
    "confirmation",
    "proof",
    "remittance",
    "justificatif",
    "preuve",
    "justificante",
    "comprobante",
    "beleg",
    "nachweis",
    "ricevuta",
    "bewijs",
    "comprovativo",
    "comprovante",
];

/// First-person possessives: they name the asker's records when a record word follows.
pub(super) const MINE: &[&str] = &[
    "my", "our", "mine", "ours", "mi", "mis", "nuestro", "nuestra", "nuestros", "nuestras", "mein",
    "meine", "meinen", "meinem", "meiner", "meines", "unser", "unsere", "unseren", "unserem",
    "unserer", "mon", "ma", "mes", "notre", "nos", "mio", "mia", "miei", "mie", "nostro", "nostra",
    "nostri", "nostre", "mijn", "onze", "ons", "meu", "minha", "meus", "minhas", "nosso", "nossa",
    "nossos", "nossas",
];

/// A mail the asker writes, in the eight languages: "my email", "mon mail", "mi correo".
const MAIL_WRITTEN: &[&str] = &[
    "email",
    "mail",
    "message",
    "letter",
    "courriel",
    "lettre",
    "correo",
    "mensaje",
    "carta",
    "mensagem",
    "nachricht",
    "brief",
    "bericht",
];

/// Whom a mail is written to or for: "to", "à", "para", "pour", "per", "an", "aan", "für"
/// (padded, as folded text is, for a plain search before the words are split).
const MAIL_TO: &[&str] = &[
    " to ", " a ", " an ", " aan ", " naar ", " for ", " pour ", " para ", " per ", " voor ",
    " fur ",
];

/// Of [`MAIL_TO`], those that also say what a mail is for ("my email for the renewal"): whom
/// must then be the asker's own ("mon mail pour mes élèves").
const MAIL_FOR: &[&str] = &["for", "pour", "para", "per", "voor", "fur"];

/// An article or possessive before whom a mail is written to ("the", "mes", "los", "meine",
/// "i miei", "os").
const MAIL_TO_WHOM: &[&str] = &[
    "a", "an", "the", "my", "our", "mes", "mon", "ma", "la", "le", "les", "un", "une", "mis", "mi",
    "el", "los", "las", "una", "meine", "meinen", "meiner", "den", "die", "der", "einen", "eine",
    "mijn", "onze", "de", "het", "een", "i", "il", "gli", "miei", "mie", "mio", "mia", "os", "as",
    "o", "um", "uma", "meus", "minhas", "nuestros", "nuestras", "nos",
];

/// Whom a mail to us is written to: "to you", "à votre service", "an euren Support", "to your
/// billing desk".
const US_AS_RECIPIENT: &[&str] = &[
    "you",
    "your",
    "us",
    "team",
    "sales",
    "billing",
    "vous",
    "votre",
    "vos",
    "vosotros",
    "ustedes",
    "vuestro",
    "vuestra",
    "euch",
    "eure",
    "euren",
    "jullie",
    "uw",
    "voi",
    "vostro",
    "vostra",
    "voces",
    "facturacion",
    "facturation",
    "comptabilite",
    "buchhaltung",
    "abrechnung",
    "fatturazione",
    "amministrazione",
    "facturatie",
    "boekhouding",
    "faturacao",
    "cobranca",
    "atencion",
    "servicio",
    "service",
    "servizio",
    "kundendienst",
    "kundenservice",
    "klantenservice",
    "atendimento",
];

/// The folded text without "my email to the council" and its like (a mail word of the
/// asker's, "to" or "for", an article or possessive, and whom; "mon mail pour mes élèves", "la
/// mia mail per i miei allievi", "o meu e-mail para os pais"), when whom is not us ("my email
/// to the support team", "… to your billing desk", "mon mail à votre service"); `None` when
/// there is none. (Whether someone else got a mail, "did my client get my email?", is
/// `scope::mail_to_another`.)
fn without_mail_to_others(folded: &str) -> Option<String> {
    let words: Vec<&str> = folded.split_whitespace().collect();
    let mut kept = Vec::with_capacity(words.len());
    let mut found = false;
    let mut i = 0;
    while i < words.len() {
        // "e-mail" folds to two words; Italian puts an article before the possessive ("per i
        // miei allievi").
        let noun = i + 1 + usize::from(words.get(i + 1) == Some(&"e"));
        let article = usize::from(
            words
                .get(noun + 2)
                .is_some_and(|w| MAIL_TO_WHOM.contains(w))
                && words.get(noun + 3).is_some_and(|w| MINE.contains(w)),
        );
        let to_others = noun + 3 + article < words.len()
            && MINE.contains(&words[i])
            && MAIL_WRITTEN.contains(&words[noun])
            && MAIL_TO.iter().any(|p| p.trim() == words[noun + 1])
            && (MINE.contains(&words[noun + 2 + article])
                || (MAIL_TO_WHOM.contains(&words[noun + 2])
                    && !MAIL_FOR.contains(&words[noun + 1])))
            && !words[noun + 2..(noun + 6).min(words.len())]
                .iter()
                .any(|w| SUPPORT_TEAM.contains(w) || US_AS_RECIPIENT.contains(w));
        if to_others {
            found = true;
            i = noun + 4 + article;
        } else {
            kept.push(words[i]);
            i += 1;
        }
    }
    found.then(|| format!(" {} ", kept.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`respell`] finds misspellings by binary search, so [`RESPELT`] must stay sorted.
    #[test]
    fn misspellings_are_sorted() {
        assert!(
            RESPELT
                .windows(2)
                .all(|p| p[0].0.as_bytes() < p[1].0.as_bytes())
        );
    }
}
