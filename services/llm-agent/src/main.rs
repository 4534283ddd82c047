//! `llm-agent` binary: load settings, start logging, serve until SIGTERM.

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    let server: common::config::ServerSettings = common::config::load()?;
    let llm: common::llm::LlmSettings = common::config::load()?;
    let settings: llm_agent::AgentSettings = common::config::load()?;
    common::telemetry::init(llm_agent::INFO.name, server.log_format);
    let kit = llm_agent::build(&llm, &settings)?;
    let app = common::Application::build(kit, &server, |_| {})?;
    app.run_until_stopped().await?;
    Ok(())
}
