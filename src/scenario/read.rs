//! Reading the files a scenario names, with a size cap.

use std::path::Path;

/// A file's bytes, or `None` when it holds more than `cap` bytes. Reads at
/// most `cap + 1` bytes, so that a device or a pipe that never ends
/// (`/dev/zero`) is refused rather than read until memory runs out.
pub fn read_capped(path: &Path, cap: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(cap + 1)
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= cap).then_some(bytes))
}
