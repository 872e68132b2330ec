//! Atomic output files: each file is written to a hidden temporary file in
//! the same folder and renamed over the target, so a reader (or a planner
//! after Ctrl-C) sees the old file or the new one, never half of one.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::Error;

/// Temporary files being written right now, for [`abandon_writes`].
static IN_FLIGHT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Writes a file through a temporary file in the same folder and a rename,
/// so that a reader never sees it half-written and an old copy survives a
/// failure. Temporary files a killed run left for this file are removed first.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let fail = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(fail)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    remove_stale(dir, &name);
    let tmp = dir.join(temp_name(&name, std::process::id()));
    lock().push(tmp.clone());
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    lock().retain(|t| t != &tmp);
    result.map_err(fail)
}

/// Removes every temporary file this process is writing and keeps any other
/// thread from starting a new one: for a Ctrl-C or SIGTERM handler that
/// exits right after. Returns how many it removed.
///
/// The lock is held (leaked) on purpose: a writer that has not yet
/// registered its temporary file blocks until the process exits.
pub fn abandon_writes() -> usize {
    let mut files = lock();
    let removed = files
        .drain(..)
        .filter(|t| std::fs::remove_file(t).is_ok())
        .count();
    std::mem::forget(files);
    removed
}

fn lock() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    // A writer that panicked leaves the list usable.
    IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner())
}

fn temp_name(name: &str, pid: u32) -> String {
    format!(".{name}.tmp-{pid}")
}

/// Removes `.NAME.tmp-PID` files whose process is gone (a run killed with
/// SIGKILL cannot clean up after itself). Only where a live process can be
/// told from a dead one (/proc); elsewhere they stay, hidden and harmless.
fn remove_stale(dir: &Path, name: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let prefix = temp_name(name, 0);
    let prefix = prefix.trim_end_matches('0');
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(pid) = file
            .to_str()
            .and_then(|f| f.strip_prefix(prefix))
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.json");
        std::fs::write(&path, b"old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn removes_temporaries_of_dead_runs_only() {
        if !Path::new("/proc/self").exists() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        // No process has pid 4294967295; this test's process is alive.
        let dead = dir.path().join(temp_name("plan.json", u32::MAX));
        let alive_pid = std::os::unix::process::parent_id();
        let alive = dir.path().join(temp_name("plan.json", alive_pid));
        let other = dir.path().join(temp_name("shares.csv", u32::MAX));
        for f in [&dead, &alive, &other] {
            std::fs::write(f, b"half").unwrap();
        }
        write_atomic(&dir.path().join("plan.json"), b"{}").unwrap();
        assert!(!dead.exists(), "a dead run's temporary is removed");
        assert!(alive.exists(), "a live run's temporary is kept");
        assert!(other.exists(), "only the file being written is swept");
    }
}
