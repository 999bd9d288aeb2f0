//! Keeps the panel's relocations in its linked wasm: the route splitter
//! (`cargo xtask split`, run by trunk after each build) needs them to move
//! each lazy page's code into its own file. Only the panel binary gets the
//! flag: the XLSX workers have no split points, and leftover relocation
//! sections would only make their wasm bigger.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo::rustc-link-arg-bin=scrm-panel=--emit-relocs");
    }
    println!("cargo::rerun-if-changed=build.rs");
}
