//! Records the versions of the solver crates from Cargo.lock, so that every
//! plan's run record names the exact solver that produced it.

fn main() {
    println!("cargo:rerun-if-changed=Cargo.lock");
    let lock = std::fs::read_to_string("Cargo.lock").unwrap_or_default();
    for (krate, var) in [
        ("good_lp", "TAYOKA_GOOD_LP_VERSION"),
        ("microlp", "TAYOKA_MICROLP_VERSION"),
        ("highs-sys", "TAYOKA_HIGHS_VERSION"),
        ("clarabel", "TAYOKA_CLARABEL_VERSION"),
    ] {
        let version = locked_version(&lock, krate).unwrap_or_else(|| "unknown".into());
        println!("cargo:rustc-env={var}={version}");
    }
}

fn locked_version(lock: &str, krate: &str) -> Option<String> {
    let marker = format!("name = \"{krate}\"\nversion = \"");
    let start = lock.find(&marker)? + marker.len();
    let end = lock[start..].find('"')?;
    Some(lock[start..start + end].to_string())
}
