//! Deflates the labelled mail in `data/` into the build's output directory, from where the
//! training includes it (`model::Deflated`): about a quarter of the size in the tests and
//! examples that train. The service itself reads the trained model (`data/model.bin`).
use std::path::Path;
use std::{env, fs};

fn main() -> std::io::Result<()> {
    let out = env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    println!("cargo::rerun-if-changed=data");
    for entry in fs::read_dir("data")? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "jsonl") {
            let text = fs::read(&path)?;
            // Level 6, zlib's default: within a few per cent of the smallest, in a fraction of
            // the time of the highest levels (the build script runs unoptimised).
            let deflated = miniz_oxide::deflate::compress_to_vec(&text, 6);
            let name = path.file_name().expect("a directory entry has a name");
            fs::write(
                Path::new(&out).join(name).with_extension("jsonl.z"),
                deflated,
            )?;
        }
    }
    Ok(())
}
