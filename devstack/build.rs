//! Link flags of the `mcp` executable.
//!
//! On Linux with glibc, relative relocations are packed as RELR (`-z pack-relative-relocs`:
//! GNU ld ≥ 2.38 or lld to link, glibc ≥ 2.36 to run; the image builds and runs on Debian
//! 12). Unpacked, the dynamic loader reads 2.4 MB of `.rela.dyn` in every process at
//! start-up, and those pages stay in each component's resident memory
//! (`scripts/idle-rss.sh`: about 2 MB per component). The executable stays
//! position-independent, so ASLR is unchanged.
fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}
