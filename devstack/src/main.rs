//! `mcp`: every component in one executable. `mcp <component>` runs one; `mcp` (or
//! `mcp stack`, what `cargo run -p devstack` runs) starts the whole local stack.

use std::process::ExitCode;

use devstack::{Command, usage};

fn main() -> ExitCode {
    // Before any component builds an HTTP client.
    common::tls::install();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match Command::parse(&args) {
        Ok(Command::Run(component)) => component.run(),
        #[cfg(feature = "sandbox")]
        Ok(Command::Stack) => devstack::stack::run(),
        Ok(Command::Help) => {
            print!("{}", usage());
            Ok(())
        }
        Ok(Command::Version) => {
            println!("mcp {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
        Err(why) => {
            eprint!("mcp: {why}\n\n{}", usage());
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mcp: {e:#}");
            ExitCode::FAILURE
        }
    }
}
