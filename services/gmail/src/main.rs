//! `gmail` binary: load settings, start logging, serve until SIGTERM.

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    let server: common::config::ServerSettings = common::config::load()?;
    let settings: gmail::GmailSettings = common::config::load()?;
    common::telemetry::init(gmail::INFO.name, server.log_format);
    let kit = gmail::kit(&settings)?;
    let app = common::Application::build(kit, &server, |_| {})?;
    app.run_until_stopped().await?;
    Ok(())
}
