//! `devstack`: runs the whole stack locally (arrives with the orchestrator work).

fn main() {
    eprintln!("devstack: not built yet");
    std::process::exit(2);
}
