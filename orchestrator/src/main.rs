//! `orchestrator` binary: load settings once, serve until SIGTERM.

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    orchestrator::run(orchestrator::Settings::load()?).await
}
