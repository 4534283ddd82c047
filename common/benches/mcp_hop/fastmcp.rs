//! 3. The same tool on FastMCP 4.0.10 under uvicorn (2 worker processes), in a venv kept
//!    under the target directory and made on first run.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const FASTMCP: &str = "4.0.10";
/// uvicorn worker processes: as many as the Rust servers' actix workers.
pub const WORKERS: usize = 2;

/// The running uvicorn, stopped (its whole process group) when dropped.
pub struct FastMcp {
    child: Child,
    pub url: String,
}

impl FastMcp {
    /// uvicorn's supervisor: the leader of the process group its workers run in.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for FastMcp {
    fn drop(&mut self) {
        // SIGTERM to the group lets uvicorn's supervisor stop its workers; SIGKILL if not.
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.wait();
    }
}

/// `$CARGO_TARGET_DIR`, or the target directory this bench executable was built into
/// (`<target>/release/deps/mcp_hop-…`).
fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    let exe = std::env::current_exe().expect("current exe");
    exe.ancestors()
        .nth(3)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("target"))
}

/// The venv's python with FastMCP installed, making the venv if needed; `Err` says why not.
fn python() -> Result<PathBuf, String> {
    let venv = target_dir().join("bench-venv");
    let python = venv.join("bin").join("python");
    let has_fastmcp = |p: &Path| {
        Command::new(p)
            .args(["-c", "import fastmcp, uvicorn; print(fastmcp.__version__)"])
            .output()
            .is_ok_and(|o| {
                o.status.success() && String::from_utf8_lossy(&o.stdout).trim() == FASTMCP
            })
    };
    if has_fastmcp(&python) {
        return Ok(python);
    }
    println!(
        "   (making {} with fastmcp=={FASTMCP} uvicorn …)",
        venv.display()
    );
    run(Command::new("python3").arg("-m").arg("venv").arg(&venv))?;
    run(Command::new(&python).args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        &format!("fastmcp=={FASTMCP}"),
        "uvicorn",
    ]))?;
    if has_fastmcp(&python) {
        Ok(python)
    } else {
        Err(format!(
            "fastmcp {FASTMCP} does not import from {}",
            venv.display()
        ))
    }
}

fn run(cmd: &mut Command) -> Result<(), String> {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{cmd:?}: {e}"))?;
    if out.status.success() {
        return Ok(());
    }
    let err = String::from_utf8_lossy(&out.stderr);
    let last = err
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    Err(format!("{cmd:?} failed ({}): {last}", out.status))
}

/// Starts uvicorn on a free loopback port and waits (at most 60 s) until `/mcp` answers.
pub async fn start(http: &reqwest::Client) -> Result<FastMcp, String> {
    let python = python()?;
    // A port the OS just handed out; free again when uvicorn binds it a moment later.
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| e.to_string())?
        .port();
    let app_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/mcp_hop");
    let child = std::os::unix::process::CommandExt::process_group(
        Command::new(&python)
            .args(["-m", "uvicorn", "fastmcp_server:app", "--app-dir"])
            .arg(&app_dir)
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .args(["--workers", &WORKERS.to_string()])
            .args(["--log-level", "warning", "--no-access-log"])
            // No __pycache__ left in the source tree.
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null()),
        0,
    )
    .spawn()
    .map_err(|e| format!("uvicorn: {e}"))?;
    let mut server = FastMcp {
        child,
        url: format!("http://127.0.0.1:{port}/mcp"),
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(Some(status)) = server.child.try_wait() {
            return Err(format!("uvicorn exited ({status}) before answering"));
        }
        // Any HTTP answer means a worker is up (a bare GET on a stateless endpoint is 405).
        if http.get(&server.url).send().await.is_ok() {
            return Ok(server);
        }
        if Instant::now() > deadline {
            return Err("uvicorn did not answer within 60 s".into());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
