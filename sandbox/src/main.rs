//! `sandbox` binary: load settings once, serve until SIGTERM.

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    sandbox::run(sandbox::Settings::load()?).await
}
