//! `classification` binary: load settings once, serve until SIGTERM.

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    classification::run(classification::Settings::load()?).await
}
