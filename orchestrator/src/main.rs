//! `orchestrator` binary: load settings, start logging, serve until SIGTERM.

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    let settings = orchestrator::Settings::load()?;
    common::telemetry::init(orchestrator::INFO.name, settings.server.log_format);
    let app = orchestrator::build(settings).await?;
    app.run_until_stopped().await?;
    Ok(())
}
