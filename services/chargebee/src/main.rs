//! `chargebee` binary: load settings, start logging, serve until SIGTERM.

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    let server: common::config::ServerSettings = common::config::load()?;
    common::telemetry::init(chargebee::INFO.name, server.log_format);
    let app = common::Application::build(chargebee::kit(), &server, |_| {})?;
    app.run_until_stopped().await?;
    Ok(())
}
