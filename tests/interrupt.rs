//! An interrupted run leaves no half-written file: tayoka is stopped (SIGTERM,
//! then SIGKILL) while its temporary files are on disk, over the files of an
//! earlier run, and every file left is whole: the earlier run's or the new one.
#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use common::scenarios;

/// A long run: the municipal scenario writes a 24 MB plan.json.
fn run(out: &Path, variant: Option<&str>) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tayoka"));
    cmd.arg("solve")
        .arg(scenarios().join("japan-municipal-2027.toml"))
        .args(["--no-charts", "--quiet", "--out"])
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if let Some(v) = variant {
        cmd.args(["--variant", v]);
    }
    cmd
}

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.contains(".tmp-"))
                .collect()
        })
        .unwrap_or_default()
}

/// Waits until the run has a temporary file on disk (it is writing), then
/// sends `signal`. False when the run finished first.
fn interrupt_while_writing(child: &mut Child, dir: &Path, signal: libc::c_int) -> bool {
    loop {
        if !temporaries(dir).is_empty() {
            let pid = libc::pid_t::try_from(child.id()).unwrap();
            // SAFETY: kill(2) on our own child's pid; no memory is shared.
            assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
            return true;
        }
        if child.try_wait().unwrap().is_some() {
            return false;
        }
    }
}

/// Every file is the old run's or the new run's, whole.
fn assert_whole(
    dir: &Path,
    old: &BTreeMap<String, Vec<u8>>,
    new: &BTreeMap<String, Vec<u8>>,
) -> usize {
    let mut replaced = 0;
    for (name, bytes) in files(dir) {
        if name.contains(".tmp-") {
            continue;
        }
        if new.get(&name) == Some(&bytes) {
            replaced += usize::from(old.get(&name) != Some(&bytes));
        } else {
            assert_eq!(
                old.get(&name),
                Some(&bytes),
                "{name} is neither the old file nor the new one"
            );
        }
    }
    replaced
}

struct Setup {
    _tmp: tempfile::TempDir,
    old_dir: PathBuf,
    out: PathBuf,
    old: BTreeMap<String, Vec<u8>>,
    new: BTreeMap<String, Vec<u8>>,
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let (old_dir, new_dir) = (tmp.path().join("old"), tmp.path().join("new"));
    assert!(run(&old_dir, Some("cost")).status().unwrap().success());
    assert!(run(&new_dir, None).status().unwrap().success());
    let (old, new) = (files(&old_dir), files(&new_dir));
    assert_ne!(old["plan.json"], new["plan.json"]);
    Setup {
        out: tmp.path().join("out"),
        _tmp: tmp,
        old_dir,
        old,
        new,
    }
}

impl Setup {
    /// `out` holds the earlier run's files again.
    fn reset(&self) {
        let _ = std::fs::remove_dir_all(&self.out);
        std::fs::create_dir_all(&self.out).unwrap();
        for name in self.old.keys() {
            std::fs::copy(self.old_dir.join(name), self.out.join(name)).unwrap();
        }
    }
}

#[test]
fn sigterm_while_writing_leaves_whole_files_and_no_temporaries() {
    let s = setup();
    let mut caught = 0;
    for _ in 0..10 {
        s.reset();
        let mut child = run(&s.out, None).spawn().unwrap();
        let signalled = interrupt_while_writing(&mut child, &s.out, libc::SIGTERM);
        let status = child.wait().unwrap();
        assert!(
            temporaries(&s.out).is_empty(),
            "left {:?}",
            temporaries(&s.out)
        );
        assert_whole(&s.out, &s.old, &s.new);
        if signalled && status.code() == Some(130) {
            caught += 1;
            if caught == 3 {
                break;
            }
        }
    }
    assert!(
        caught > 0,
        "never stopped a run while it was writing; the test proved nothing"
    );
}

#[test]
fn sigkill_while_writing_leaves_whole_files_and_the_next_run_sweeps_up() {
    let s = setup();
    let mut caught = false;
    for _ in 0..10 {
        s.reset();
        let mut child = run(&s.out, None).spawn().unwrap();
        let signalled = interrupt_while_writing(&mut child, &s.out, libc::SIGKILL);
        let status = child.wait().unwrap();
        assert_whole(&s.out, &s.old, &s.new);
        if signalled && status.code().is_none() {
            caught = true;
            break;
        }
    }
    assert!(caught, "never killed a run while it was writing");
    // The next run completes every file and removes what the killed one left.
    assert!(run(&s.out, None).status().unwrap().success());
    assert!(
        temporaries(&s.out).is_empty(),
        "left {:?}",
        temporaries(&s.out)
    );
    for (name, bytes) in files(&s.out) {
        assert_eq!(Some(&bytes), s.new.get(&name), "{name}");
    }
}
