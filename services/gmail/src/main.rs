//! `gmail` binary: load settings once, serve until SIGTERM.

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    gmail::run(gmail::Settings::load()?).await
}
