//! `firebase` binary: load settings once, serve until SIGTERM.

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    firebase::run(firebase::Settings::load()?).await
}
