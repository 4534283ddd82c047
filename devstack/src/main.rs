//! `cargo run -p devstack`: build once, start the whole stack, stop it on Ctrl-C.

use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context, bail};
use devstack::{STAGES, banner, bin_dir, default_env, wait_healthy};
use tokio::process::{Child, Command};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    // Under `cargo run`, build every binary the stack needs with one cargo invocation.
    if let Some(cargo) = std::env::var_os("CARGO")
        && std::env::var_os("DEVSTACK_NO_BUILD").is_none()
    {
        let mut cmd = std::process::Command::new(cargo);
        cmd.arg("build").arg("--bins");
        for c in STAGES.iter().flat_map(|s| s.iter()) {
            cmd.arg("-p").arg(c.name);
        }
        if !cfg!(debug_assertions) {
            cmd.arg("--release");
        }
        eprintln!("devstack: building the stack's binaries…");
        if !cmd.status().context("running cargo build")?.success() {
            bail!("cargo build failed");
        }
    }
    let dir = bin_dir();
    let env = default_env()?;
    let mut children: Vec<(&str, Child)> = Vec::new();
    for stage in STAGES {
        for c in stage.iter() {
            let bin = dir.join(c.name);
            let mut cmd = Command::new(&bin);
            for (k, v) in &env {
                if std::env::var_os(k).is_none() {
                    cmd.env(k, v);
                }
            }
            cmd.env("PORT", c.port.to_string())
                .stdin(Stdio::null())
                .kill_on_drop(true);
            let child = cmd
                .spawn()
                .with_context(|| format!("starting {} (is it built? {})", c.name, bin.display()))?;
            children.push((c.name, child));
        }
        for c in stage.iter() {
            if !wait_healthy(c, Duration::from_secs(60)).await {
                stop(&mut children).await;
                bail!("{} did not become healthy on port {}", c.name, c.port);
            }
        }
    }
    let firestore = std::env::var("FIRESTORE_EMULATOR_HOST")
        .or_else(|_| std::env::var("FIRESTORE_PROJECT_ID"))
        .ok();
    let model = std::env::var("LLM_PROVIDER").unwrap_or_else(|_| "rules".into());
    println!("{}", banner(firestore.as_deref(), &model));

    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    let exited = async {
        // Any child exiting on its own ends the stack: a half-running stack misleads.
        loop {
            for (name, child) in children.iter_mut() {
                if let Ok(Some(status)) = child.try_wait() {
                    return format!("{name} exited ({status})");
                }
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    };
    let why = tokio::select! {
        _ = tokio::signal::ctrl_c() => "interrupted".to_string(),
        _ = term.recv() => "terminated".to_string(),
        why = exited => why,
    };
    eprintln!("devstack: {why}; stopping the stack");
    stop(&mut children).await;
    Ok(())
}

/// SIGTERM to every child (in reverse start order), then waits; SIGKILL after 10 s.
async fn stop(children: &mut [(&str, Child)]) {
    for (_, child) in children.iter().rev() {
        if let Some(pid) = child.id() {
            let _ = std::process::Command::new("kill")
                .args(["-TERM", &pid.to_string()])
                .status();
        }
    }
    for (name, child) in children.iter_mut().rev() {
        if tokio::time::timeout(Duration::from_secs(10), child.wait())
            .await
            .is_err()
        {
            eprintln!("devstack: {name} did not stop in time; killing it");
            let _ = child.kill().await;
        }
    }
}
