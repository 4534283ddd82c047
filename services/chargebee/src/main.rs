//! `chargebee` binary: load settings once, serve until SIGTERM.

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    chargebee::run(chargebee::Settings::load()?).await
}
