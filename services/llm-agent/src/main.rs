//! `llm-agent` binary: load settings once, serve until SIGTERM.

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    llm_agent::run(llm_agent::Settings::load()?).await
}
