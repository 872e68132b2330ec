//! Atomic output: a single file is written to a hidden temporary file beside
//! it and renamed over the target ([`write_atomic`]); a run's folder is
//! written whole into a hidden temporary folder beside the destination and
//! swapped in at the end ([`RunFolder`]). A reader, a planner after Ctrl-C,
//! or two runs into one folder at once see one run's files, never a mix.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};

use crate::base::error::Error;

/// Temporary files and folders being written right now, for [`abandon_writes`].
static IN_FLIGHT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Tells apart the temporary folders of one process.
static SEQUENCE: AtomicU32 = AtomicU32::new(0);

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

/// Removes every temporary file and folder this process is writing and keeps
/// any other thread from starting a new one: for a Ctrl-C or SIGTERM handler
/// that exits right after. Returns how many it removed. A folder being
/// swapped in finishes its swap first (the swap holds the same lock).
///
/// The lock is held (leaked) on purpose: a writer that has not yet
/// registered its temporary file blocks until the process exits.
pub fn abandon_writes() -> usize {
    let mut files = lock();
    let removed = files
        .drain(..)
        .filter(|t| {
            if t.is_dir() {
                std::fs::remove_dir_all(t).is_ok()
            } else {
                std::fs::remove_file(t).is_ok()
            }
        })
        .count();
    std::mem::forget(files);
    removed
}

/// A run's output folder being written. Files go into a hidden temporary
/// folder beside the destination (`.NAME.tmp-PID-N`); [`RunFolder::commit`]
/// swaps it in whole, so the destination always holds exactly one run's
/// files. Dropped without a commit, it removes what it wrote and leaves the
/// destination as it was.
pub struct RunFolder {
    dest: PathBuf,
    tmp: PathBuf,
    known: Known,
    committed: bool,
}

impl RunFolder {
    /// Starts a run folder for `dest`, which may hold only files whose names
    /// are `known` (files an earlier run wrote): any other file or folder is
    /// the user's, and is never deleted, so the run is refused.
    pub fn create(dest: &Path, known: Known) -> Result<Self, Error> {
        let fail = |source| Error::Write {
            path: dest.to_path_buf(),
            source,
        };
        let dest = &destination(dest)?;
        let (parent, name) = split(dest);
        std::fs::create_dir_all(&parent).map_err(fail)?;
        check_destination(dest, known)?;
        let mut in_flight = lock();
        let turn = DirLock::take(&parent);
        sweep_stale(&parent, &name, dest);
        drop(turn);
        let n = SEQUENCE.fetch_add(1, Ordering::Relaxed);
        let tmp = parent.join(format!(".{name}.tmp-{}-{n}", std::process::id()));
        std::fs::create_dir(&tmp).map_err(fail)?;
        in_flight.push(tmp.clone());
        Ok(RunFolder {
            dest: dest.to_path_buf(),
            tmp,
            known,
            committed: false,
        })
    }

    /// Writes one file of the run; returns where it will be once committed.
    pub fn write(&mut self, name: &str, bytes: &[u8]) -> Result<PathBuf, Error> {
        self.write_with(name, |w| w.write_all(bytes))
    }

    /// Writes one file of the run as `fill` streams it (a file too large to
    /// hold in memory first); returns where it will be once committed.
    pub fn write_with(
        &mut self,
        name: &str,
        fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<PathBuf, Error> {
        let path = self.tmp.join(name);
        let result = std::fs::File::create(&path).and_then(|f| {
            let mut w = std::io::BufWriter::new(f);
            fill(&mut w)?;
            w.into_inner().map_err(|e| e.into_error())?.sync_all()
        });
        result.map_err(|source| Error::Write {
            path: self.dest.join(name),
            source,
        })?;
        Ok(self.dest.join(name))
    }

    /// Swaps the run's folder in for the destination's. Runs into one
    /// destination at once take turns here: the last to commit wins whole.
    pub fn commit(mut self) -> Result<(), Error> {
        let fail = |source| Error::Write {
            path: self.dest.clone(),
            source,
        };
        let (parent, name) = split(&self.dest);
        // A Ctrl-C handler waits for the swap (it takes this lock too).
        let mut in_flight = lock();
        let _turn = DirLock::take(&parent);
        check_destination(&self.dest, self.known)?;
        if self.dest.exists() {
            let n = SEQUENCE.fetch_add(1, Ordering::Relaxed);
            let old = parent.join(format!(".{name}.old-{}-{n}", std::process::id()));
            std::fs::rename(&self.dest, &old).map_err(fail)?;
            if let Err(e) = std::fs::rename(&self.tmp, &self.dest) {
                let _ = std::fs::rename(&old, &self.dest);
                return Err(fail(e));
            }
            let _ = std::fs::remove_dir_all(&old);
        } else {
            std::fs::rename(&self.tmp, &self.dest).map_err(fail)?;
        }
        in_flight.retain(|t| t != &self.tmp);
        self.committed = true;
        Ok(())
    }
}

impl Drop for RunFolder {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.tmp);
            lock().retain(|t| t != &self.tmp);
        }
    }
}

/// The folder a path is in, and its last component.
fn split(path: &Path) -> (PathBuf, String) {
    let parent = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| ".".into());
    (parent, name)
}

/// The most names a refusal lists.
const LISTED: usize = 8;

/// Which file names a kind of run folder holds (files an earlier run of
/// the same kind wrote).
pub type Known = fn(&str) -> bool;

/// A destination may be missing, or a folder of files tayoka writes (whose
/// names are `known`); anything else is refused, listing what is in the way.
/// [`RunFolder`] checks again when it swaps; checking before long work fails
/// fast.
pub fn check_destination(dest: &Path, known: Known) -> Result<(), Error> {
    let dest = &destination(dest)?;
    let meta = match std::fs::symlink_metadata(dest) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(Error::Read {
                path: dest.to_path_buf(),
                source,
            });
        }
    };
    if !meta.is_dir() {
        return Err(Error::NotAFolder(dest.to_path_buf()));
    }
    if let Some(why) = not_writable(dest, &meta) {
        return Err(Error::ReadOnly {
            dir: dest.to_path_buf(),
            why,
        });
    }
    let entries = std::fs::read_dir(dest).map_err(|source| Error::Read {
        path: dest.to_path_buf(),
        source,
    })?;
    let mut foreign: Vec<String> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let is_file = e.file_type().is_ok_and(|t| t.is_file());
            let ours = is_file && (known(&name) || is_old_temporary(&name));
            (!ours).then(|| {
                let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
                if is_dir { format!("{name}/") } else { name }
            })
        })
        .collect();
    if foreign.is_empty() {
        return Ok(());
    }
    foreign.sort();
    if foreign.len() > LISTED {
        let more = foreign.len() - LISTED;
        foreign.truncate(LISTED);
        foreign.push(format!("and {more} more"));
    }
    Err(Error::NotOurs {
        dir: dest.to_path_buf(),
        files: foreign,
    })
}

/// The folder a run replaces when it is told to write to `dest`: a link to a
/// folder is followed (the run replaces the folder, never the link), and a
/// path ending in `.` or `..` is the folder it names. A dangling link and
/// the root are refused.
pub fn destination(dest: &Path) -> Result<PathBuf, Error> {
    use std::path::Component;
    let is_link = std::fs::symlink_metadata(dest).is_ok_and(|m| m.file_type().is_symlink());
    let ends_in_dots = !matches!(dest.components().next_back(), Some(Component::Normal(_)));
    let resolved = if is_link || ends_in_dots {
        match std::fs::canonicalize(dest) {
            Ok(p) => p,
            Err(source) if is_link => {
                return Err(Error::Read {
                    path: dest.to_path_buf(),
                    source,
                });
            }
            // `new/..` of a folder not there yet: lexically, what it names.
            Err(_) => std::path::absolute(dest).map_err(|source| Error::Read {
                path: dest.to_path_buf(),
                source,
            })?,
        }
    } else {
        // `runs/x/.` and `runs/x/` are `runs/x`.
        dest.components().collect()
    };
    if resolved.parent().is_none() || resolved.file_name().is_none() {
        return Err(Error::Usage(format!(
            "`{}` names {}, which a run cannot replace: name a folder for the run's files with --out",
            dest.display(),
            resolved.display()
        )));
    }
    // The swap would leave whoever is in that folder (this run's own
    // shell) in a folder that is gone.
    let here = std::env::current_dir().and_then(std::fs::canonicalize);
    let there = std::fs::canonicalize(&resolved);
    if let (Ok(here), Ok(there)) = (here, there)
        && here.starts_with(&there)
    {
        return Err(Error::Usage(format!(
            "`{}` is the folder this run is in (or holds it): a run replaces its whole output folder, which would leave the shell in a folder that is gone; name a folder below it, such as --out output",
            dest.display()
        )));
    }
    Ok(resolved)
}

/// Why this process may not replace the folder `dir` (`meta` its metadata),
/// if it may not: a run swaps the whole folder, so a folder the user made
/// read-only, or one another user owns, is left alone rather than replaced
/// (which a writable parent would otherwise allow).
fn not_writable(dir: &Path, meta: &std::fs::Metadata) -> Option<String> {
    if meta.permissions().readonly() {
        return Some("the folder is read-only".into());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        if meta.uid() != me {
            return Some(format!(
                "the folder belongs to another user (uid {}, this run is uid {me})",
                meta.uid()
            ));
        }
        if me != 0 && meta.mode() & 0o200 == 0 {
            return Some("the folder is not writable by its owner".into());
        }
    }
    let files = std::fs::read_dir(dir).ok()?;
    files.flatten().find_map(|f| {
        let m = f.metadata().ok()?;
        (m.is_file() && m.permissions().readonly())
            .then(|| format!("`{}` in it is read-only", f.file_name().to_string_lossy()))
    })
}

/// `.NAME.tmp-PID`: a file temporary of a version that wrote file by file.
fn is_old_temporary(name: &str) -> bool {
    name.starts_with('.')
        && name
            .rsplit_once(".tmp-")
            .is_some_and(|(_, pid)| pid.parse::<u32>().is_ok())
}

/// Whether a process is gone, where that can be told (/proc).
fn dead(pid: u32) -> bool {
    Path::new("/proc/self").exists()
        && pid != std::process::id()
        && !Path::new(&format!("/proc/{pid}")).exists()
}

/// What runs killed with SIGKILL left beside `dest`: their temporary folders
/// are removed; a previous folder they had moved aside but not yet replaced
/// is put back when the destination is missing.
fn sweep_stale(parent: &Path, name: &str, dest: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file.strip_prefix(&format!(".{name}.")) else {
            continue;
        };
        let Some((kind, tail)) = rest.split_once('-') else {
            continue;
        };
        let Some(pid) = tail.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if !dead(pid) {
            continue;
        }
        match kind {
            "tmp" => {
                let _ = std::fs::remove_dir_all(entry.path());
            }
            "old" if !dest.exists() => {
                let _ = std::fs::rename(entry.path(), dest);
            }
            "old" => {
                let _ = std::fs::remove_dir_all(entry.path());
            }
            _ => {}
        }
    }
}

/// Runs into folders of one parent take turns swapping (an advisory lock on
/// the parent folder, where the platform can lock a folder).
struct DirLock(Option<std::fs::File>);

impl DirLock {
    fn take(parent: &Path) -> Self {
        let file = std::fs::File::open(parent)
            .ok()
            .filter(|f| f.lock().is_ok());
        DirLock(file)
    }
}

impl Drop for DirLock {
    fn drop(&mut self) {
        if let Some(f) = &self.0 {
            let _ = f.unlock();
        }
    }
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
