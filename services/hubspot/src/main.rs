//! `hubspot` binary: load settings, start logging, serve until SIGTERM.

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    let settings: hubspot::Settings = common::config::load()?;
    common::telemetry::init(hubspot::INFO.name, settings.server.log_format);
    let app = common::Application::build(hubspot::kit(&settings), &settings.server, |_| {})?;
    app.run_until_stopped().await?;
    Ok(())
}
