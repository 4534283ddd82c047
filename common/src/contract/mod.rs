//! The typed seam between the orchestrator and the services: every service, every tool, and
//! the input and output of each tool, defined once and used by both sides.
//!
//! A service registers a tool with [`crate::kit::Toolbox::serve`]`::<T>` (name, description,
//! annotations and JSON schemas all come from `T`); a caller invokes it with
//! [`crate::client::ServiceClient::call`]`::<T>(input)` and gets `T::Output` back. Renaming a
//! tool or a field is a compile error on both sides, not an outage.
//!
//! ```
//! use common::contract::{Tool, ToolName, chargebee::ListInvoices};
//! assert_eq!(ListInvoices::NAME, ToolName::ListInvoices);
//! assert_eq!(ListInvoices::NAME.as_str(), "list_invoices");
//! assert_eq!(ListInvoices::NAME.service().as_str(), "chargebee");
//! ```

pub mod chargebee;
pub mod classification;
pub mod firebase;
pub mod gmail;
pub mod hubspot;
pub mod llm_agent;
mod money;
mod text;

use std::time::Duration;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

pub use money::{Money, exponent as currency_exponent};
pub use text::Text;

/// Every service of the product.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Service {
    Orchestrator,
    Chargebee,
    Hubspot,
    Firebase,
    Gmail,
    Classification,
    LlmAgent,
}

impl Service {
    /// The services the orchestrator calls (everything but itself).
    pub const CALLED: [Service; 6] = [
        Self::Chargebee,
        Self::Hubspot,
        Self::Firebase,
        Self::Gmail,
        Self::Classification,
        Self::LlmAgent,
    ];

    /// The services that hold a person's data: the ones `/query` plans over.
    pub const DATA: [Service; 4] = [Self::Chargebee, Self::Hubspot, Self::Firebase, Self::Gmail];

    /// The wire name (`llm-agent`), also the binary and log name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Orchestrator => "orchestrator",
            Self::Chargebee => "chargebee",
            Self::Hubspot => "hubspot",
            Self::Firebase => "firebase",
            Self::Gmail => "gmail",
            Self::Classification => "classification",
            Self::LlmAgent => "llm-agent",
        }
    }

    /// The service of a wire name (`llm_agent` is accepted for `llm-agent`: models write it).
    pub fn parse(raw: &str) -> Option<Self> {
        let raw = raw.trim();
        [Self::Orchestrator]
            .into_iter()
            .chain(Self::CALLED)
            .find(|s| s.as_str() == raw || s.as_str().replace('-', "_") == raw)
    }

    /// The conventional local port (ARCHITECTURE.md).
    pub fn default_port(self) -> u16 {
        match self {
            Self::Orchestrator => 8080,
            Self::Chargebee => 8101,
            Self::Hubspot => 8102,
            Self::Firebase => 8103,
            Self::Gmail => 8104,
            Self::Classification => 8105,
            Self::LlmAgent => 8106,
        }
    }

    /// The tools this service serves.
    pub fn tools(self) -> impl Iterator<Item = ToolName> {
        ToolName::ALL
            .iter()
            .copied()
            .filter(move |t| t.service() == self)
    }
}

impl std::fmt::Display for Service {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! tool_names {
    ($($variant:ident => ($service:ident, $name:literal)),+ $(,)?) => {
        /// Every tool of every service.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum ToolName {
            $($variant),+
        }

        impl ToolName {
            /// Every tool, grouped by service.
            pub const ALL: &'static [ToolName] = &[$(Self::$variant),+];

            /// The MCP tool name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $name),+
                }
            }

            /// The service that serves it.
            pub fn service(self) -> Service {
                match self {
                    $(Self::$variant => Service::$service),+
                }
            }
        }
    };
}

tool_names! {
    Query => (Orchestrator, "query"),
    RunPipeline => (Orchestrator, "run_pipeline"),
    GetStatus => (Orchestrator, "get_status"),
    ListFailedMessages => (Orchestrator, "list_failed_messages"),
    RequeueMessages => (Orchestrator, "requeue_messages"),
    ForgetCustomer => (Orchestrator, "forget_customer"),
    GetCustomer => (Chargebee, "get_customer"),
    ListSubscriptions => (Chargebee, "list_subscriptions"),
    ListInvoices => (Chargebee, "list_invoices"),
    BillingSummary => (Chargebee, "billing_summary"),
    GetContact => (Hubspot, "get_contact"),
    GetCompany => (Hubspot, "get_company"),
    ListDeals => (Hubspot, "list_deals"),
    ListTickets => (Hubspot, "list_tickets"),
    GetUser => (Firebase, "get_user"),
    GetProfile => (Firebase, "get_profile"),
    CreateTask => (Firebase, "create_task"),
    ListTasks => (Firebase, "list_tasks"),
    UpdateTask => (Firebase, "update_task"),
    ListMessages => (Gmail, "list_messages"),
    GetMessage => (Gmail, "get_message"),
    SearchMessages => (Gmail, "search_messages"),
    ClassifyEmail => (Classification, "classify_email"),
    ProcessEmail => (LlmAgent, "process_email"),
}

impl ToolName {
    /// The tool `name` of `service`, if there is one.
    pub fn parse(service: Service, name: &str) -> Option<Self> {
        let name = name.trim();
        service.tools().find(|t| t.as_str() == name)
    }

    /// The tool of this name on any service (tool names are unique across the product).
    pub fn find(name: &str) -> Option<Self> {
        let name = name.trim();
        Self::ALL.iter().copied().find(|t| t.as_str() == name)
    }
}

impl std::fmt::Display for ToolName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The arguments of tools that need only a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ByEmail {
    /// The person's email address.
    pub email: crate::Email,
}

impl ByEmail {
    pub fn new(email: crate::Email) -> Self {
        Self { email }
    }
}

/// What calling a tool does to the world (MCP's tool annotations).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Reads only: safe to repeat and to cache.
    Read,
    /// Changes state; `idempotent` when repeating the same call has no further effect.
    Write { idempotent: bool },
}

/// One tool: its name, what it does, its typed input and output.
pub trait Tool: Send + Sync + 'static {
    const NAME: ToolName;
    /// Shown to MCP clients and to the planning model.
    const DESCRIPTION: &'static str;
    const EFFECT: Effect;
    type Input: Serialize + DeserializeOwned + JsonSchema + Send + Sync + 'static;
    type Output: Serialize + DeserializeOwned + JsonSchema + Send + Sync + 'static;
}

/// A read tool about one person, whose only required argument is that person's email: what
/// `/query` may plan. The orchestrator, not the planner, fills in the email.
pub trait PersonTool: Tool {
    /// How long a result stays fresh (sent as the MCP `ttlMs` cache hint).
    const FRESHNESS: Duration;
}

/// A tool's facts as data, for catalogs and prompts.
#[derive(Debug, Clone)]
pub struct ToolInfo {
    pub name: ToolName,
    pub description: &'static str,
    pub effect: Effect,
    /// The freshness of a [`PersonTool`]'s results; `None` for other tools.
    pub freshness: Option<Duration>,
    /// JSON Schema of the input (generated from the Rust type).
    pub input_schema: serde_json::Value,
}

impl ToolInfo {
    pub fn of<T: Tool>() -> Self {
        Self {
            name: T::NAME,
            description: T::DESCRIPTION,
            effect: T::EFFECT,
            freshness: None,
            input_schema: schema_of::<T::Input>(),
        }
    }

    pub fn of_person<T: PersonTool>() -> Self {
        Self {
            freshness: Some(T::FRESHNESS),
            ..Self::of::<T>()
        }
    }
}

/// The JSON Schema of `T` as MCP tool schemas carry it (an object schema, `$defs` inlined
/// where schemars puts them).
pub fn schema_of<T: JsonSchema>() -> serde_json::Value {
    let settings = schemars::generate::SchemaSettings::draft2020_12();
    let schema = settings.into_generator().into_root_schema_for::<T>();
    serde_json::to_value(schema).unwrap_or_default()
}

/// Every read tool `/query` may plan, with its facts.
pub fn person_tools() -> Vec<ToolInfo> {
    use self::{chargebee as cb, firebase as fb, gmail as gm, hubspot as hs};
    vec![
        ToolInfo::of_person::<cb::GetCustomer>(),
        ToolInfo::of_person::<cb::ListSubscriptions>(),
        ToolInfo::of_person::<cb::ListInvoices>(),
        ToolInfo::of_person::<cb::BillingSummary>(),
        ToolInfo::of_person::<hs::GetContact>(),
        ToolInfo::of_person::<hs::GetCompany>(),
        ToolInfo::of_person::<hs::ListDeals>(),
        ToolInfo::of_person::<hs::ListTickets>(),
        ToolInfo::of_person::<fb::GetUser>(),
        ToolInfo::of_person::<fb::GetProfile>(),
        ToolInfo::of_person::<gm::SearchMessages>(),
    ]
}

/// How long results of the data tool `name` stay fresh; `None` for other tools.
pub fn freshness_of(name: ToolName) -> Option<Duration> {
    // Built once: `person_tools()` renders every tool's JSON schemas, and this is asked on
    // hot paths (each not-found answer of a data tool is cached for its freshness).
    static FRESHNESS: std::sync::OnceLock<Vec<(ToolName, Option<Duration>)>> =
        std::sync::OnceLock::new();
    FRESHNESS
        .get_or_init(|| {
            person_tools()
                .into_iter()
                .map(|t| (t.name, t.freshness))
                .collect()
        })
        .iter()
        .find(|(n, _)| *n == name)
        .and_then(|(_, f)| *f)
}

/// Implements [`Tool`] for a unit struct.
macro_rules! tool {
    ($(#[$doc:meta])* $ty:ident: $name:ident, $effect:expr, $input:ty => $output:ty, $desc:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub struct $ty;

        impl $crate::contract::Tool for $ty {
            const NAME: $crate::contract::ToolName = $crate::contract::ToolName::$name;
            const DESCRIPTION: &'static str = $desc;
            const EFFECT: $crate::contract::Effect = $effect;
            type Input = $input;
            type Output = $output;
        }
    };
}
pub(crate) use tool;

/// Implements [`PersonTool`] for tools declared with [`tool!`].
macro_rules! person_tool {
    ($ty:ident, $freshness_secs:expr) => {
        impl $crate::contract::PersonTool for $ty {
            const FRESHNESS: std::time::Duration = std::time::Duration::from_secs($freshness_secs);
        }
    };
}
pub(crate) use person_tool;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tool_names_are_unique_and_belong_to_one_service() {
        let mut names: Vec<&str> = ToolName::ALL.iter().map(|t| t.as_str()).collect();
        names.sort();
        let before = names.len();
        names.dedup();
        assert_eq!(names.len(), before, "two tools share a name");
        for t in ToolName::ALL {
            assert_eq!(ToolName::parse(t.service(), t.as_str()), Some(*t));
            assert_eq!(ToolName::find(t.as_str()), Some(*t));
            let wire = serde_json::to_value(t).unwrap();
            assert_eq!(wire, t.as_str());
        }
    }

    #[test]
    fn services_parse_from_their_wire_names() {
        for s in Service::CALLED {
            assert_eq!(Service::parse(s.as_str()), Some(s));
        }
        assert_eq!(Service::parse("llm_agent"), Some(Service::LlmAgent));
        assert_eq!(Service::parse("evil"), None);
    }

    #[test]
    fn every_person_tool_takes_an_email_and_reads_only() {
        for t in person_tools() {
            assert!(Service::DATA.contains(&t.name.service()), "{}", t.name);
            assert_eq!(t.effect, Effect::Read, "{}", t.name);
            assert!(
                t.input_schema["properties"]["email"].is_object(),
                "{} has no email: {}",
                t.name,
                t.input_schema
            );
            let required = t.input_schema["required"].as_array().unwrap();
            assert!(required.iter().any(|r| r == "email"), "{}", t.name);
        }
    }
}
