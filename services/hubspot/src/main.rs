//! `hubspot` binary: load settings once, serve until SIGTERM.

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    hubspot::run(hubspot::Settings::load()?).await
}
