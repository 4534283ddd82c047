//! `classification` binary: load settings, start logging, train the model, serve until SIGTERM.

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    let server: common::config::ServerSettings = common::config::load()?;
    let llm: common::llm::LlmSettings = common::config::load()?;
    let settings: classification::ClassificationSettings = common::config::load()?;
    common::telemetry::init(classification::INFO.name, server.log_format);
    let kit = classification::build(&llm, settings)?;
    let app = common::Application::build(kit, &server, |_| {})?;
    app.run_until_stopped().await?;
    Ok(())
}
