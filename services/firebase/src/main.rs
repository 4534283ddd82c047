//! `firebase` binary: load settings, start logging, serve until SIGTERM.

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    let server: common::config::ServerSettings = common::config::load()?;
    common::telemetry::init(firebase::INFO.name, server.log_format);
    let settings: firebase::Settings = common::config::load()?;
    let kit = firebase::kit(&settings).await?;
    let app = common::Application::build(kit, &server, |_| {})?;
    app.run_until_stopped().await?;
    Ok(())
}
