//! `sandbox`: serves every stand-in on one port (`PORT`, default 8200).

use std::net::TcpListener;

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    let settings: common::config::ServerSettings = common::config::load()?;
    common::telemetry::init("sandbox", settings.log_format);
    let host = if settings.host == "0.0.0.0" && std::env::var_os("HOST").is_none() {
        "127.0.0.1".to_string()
    } else {
        settings.host.clone()
    };
    let listener = TcpListener::bind((host.as_str(), settings.port.unwrap_or(8200)))?;
    let addr = listener.local_addr()?;
    tracing::info!(%addr, people = sandbox::data::people::people().len(), "sandbox listening");
    sandbox::Sandbox::new().serve(listener)?.await?;
    Ok(())
}
