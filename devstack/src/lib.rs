//! `mcp`: every component of MCP Orchestrator in one executable.
//!
//! `mcp <component>` runs one component in this process (what each Cloud Run service and each
//! compose container does, with the component as the container's argument); `mcp` or
//! `mcp stack` starts the whole local stack, each component a child process of this same
//! executable (see [`stack`]). One executable means one link in a release build and one
//! container image for every service.

use common::contract::Service;

#[cfg(feature = "sandbox")]
pub mod firestore;
#[cfg(feature = "sandbox")]
mod probe;
#[cfg(feature = "sandbox")]
pub mod stack;

/// What one `mcp` process runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Component {
    /// A service of the product, the orchestrator included.
    Service(Service),
    /// The stand-ins for every external API, with demo data (local runs and tests only).
    #[cfg(feature = "sandbox")]
    Sandbox,
}

impl Component {
    /// Every component of this build: the orchestrator, the six services, then the sandbox.
    pub fn all() -> Vec<Component> {
        let services = std::iter::once(Service::Orchestrator).chain(Service::CALLED);
        #[allow(unused_mut)]
        let mut all: Vec<Component> = services.map(Component::Service).collect();
        #[cfg(feature = "sandbox")]
        all.push(Component::Sandbox);
        all
    }

    /// The command-line name, also the log name: `orchestrator`, `llm-agent`, `sandbox`, ….
    pub fn name(self) -> &'static str {
        match self {
            Self::Service(s) => s.as_str(),
            #[cfg(feature = "sandbox")]
            Self::Sandbox => "sandbox",
        }
    }

    /// The component a command-line name means.
    pub fn parse(raw: &str) -> Option<Self> {
        Self::all().into_iter().find(|c| c.name() == raw)
    }

    /// The conventional local port (ARCHITECTURE.md), used when `PORT` is unset.
    pub fn default_port(self) -> u16 {
        match self {
            Self::Service(s) => s.default_port(),
            #[cfg(feature = "sandbox")]
            Self::Sandbox => sandbox::settings::DEFAULT_PORT,
        }
    }

    /// Runs the component in this process until SIGTERM: its settings are loaded once (from
    /// `.env` and the environment), then it serves on actix's runtime.
    pub fn run(self) -> anyhow::Result<()> {
        match self {
            Self::Service(Service::Orchestrator) => {
                orchestrator::serve(orchestrator::Settings::load()?)
            }
            Self::Service(Service::Chargebee) => chargebee::serve(chargebee::Settings::load()?),
            Self::Service(Service::Hubspot) => hubspot::serve(hubspot::Settings::load()?),
            Self::Service(Service::Firebase) => firebase::serve(firebase::Settings::load()?),
            Self::Service(Service::Gmail) => gmail::serve(gmail::Settings::load()?),
            Self::Service(Service::Classification) => {
                classification::serve(classification::Settings::load()?)
            }
            Self::Service(Service::LlmAgent) => llm_agent::serve(llm_agent::Settings::load()?),
            #[cfg(feature = "sandbox")]
            Self::Sandbox => sandbox::serve(sandbox::Settings::load()?),
        }
    }
}

/// What the command line asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Run one component.
    Run(Component),
    /// Start the whole local stack.
    #[cfg(feature = "sandbox")]
    Stack,
    /// Print the usage.
    Help,
    /// Print the version.
    Version,
}

impl Command {
    /// Parses the arguments after the program name. The error says what was wrong.
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let first = args.first().map(String::as_str);
        let command = match first {
            #[cfg(feature = "sandbox")]
            None | Some("stack") => Self::Stack,
            #[cfg(not(feature = "sandbox"))]
            None => return Err("name the component to run".into()),
            Some("help" | "-h" | "--help") => Self::Help,
            Some("version" | "-V" | "--version") => Self::Version,
            Some(name) => Self::Run(
                Component::parse(name).ok_or_else(|| format!("unknown component `{name}`"))?,
            ),
        };
        match args.get(1) {
            Some(extra) => Err(format!(
                "unexpected argument `{extra}`: settings come from the environment"
            )),
            None => Ok(command),
        }
    }
}

/// `mcp help`.
pub fn usage() -> String {
    let names: Vec<&str> = Component::all().into_iter().map(Component::name).collect();
    let stack = if cfg!(feature = "sandbox") {
        "  mcp [stack]      the whole local stack: the sandbox, the six services and the\n                   orchestrator on their conventional ports (`cargo run -p devstack`)\n"
    } else {
        ""
    };
    format!(
        "mcp {version}: MCP Orchestrator, every component in one executable.\n\n\
         Usage:\n{stack}  mcp <component>  one component, until SIGTERM; PORT, HOST and the rest of its\n                   settings come from the environment and .env (see .env.example)\n\n\
         Components: {names}\n",
        version = env!("CARGO_PKG_VERSION"),
        names = names.join(", "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn every_component_is_named_as_on_the_command_line() {
        for c in Component::all() {
            assert_eq!(Command::parse(&args(&[c.name()])), Ok(Command::Run(c)));
        }
        assert_eq!(
            Component::parse("llm-agent"),
            Some(Component::Service(Service::LlmAgent))
        );
        assert_eq!(Component::parse("gateway"), None);
    }

    #[test]
    fn no_argument_is_the_stack_and_extra_arguments_are_refused() {
        #[cfg(feature = "sandbox")]
        assert_eq!(Command::parse(&[]), Ok(Command::Stack));
        assert!(Command::parse(&args(&["chargebee", "--port=1"])).is_err());
        assert!(Command::parse(&args(&["nonsense"])).is_err());
        assert_eq!(Command::parse(&args(&["--help"])), Ok(Command::Help));
    }

    #[test]
    fn conventional_ports_match_the_architecture() {
        let ports: Vec<(&str, u16)> = Component::all()
            .into_iter()
            .map(|c| (c.name(), c.default_port()))
            .collect();
        assert_eq!(ports[0], ("orchestrator", 8080));
        assert!(ports.contains(&("llm-agent", 8106)));
        #[cfg(feature = "sandbox")]
        assert!(ports.contains(&("sandbox", 8200)));
    }
}
