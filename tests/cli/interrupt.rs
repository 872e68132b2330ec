//! An interrupted run leaves the output folder as one run's: tayoka is
//! stopped (SIGTERM, then SIGKILL) at several points of a municipal-size run
//! (while solving, as its temporary folder appears, while it writes), over
//! the folder of an earlier run; afterwards the folder is the earlier run's
//! whole, or the new run's whole, never a mix.
#![cfg(unix)]

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{files, scenarios};

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

/// What a run leaves beside its folder while it works: `.out.tmp-*`, `.out.old-*`.
fn leftovers(out: &Path) -> Vec<String> {
    let parent = out.parent().unwrap();
    std::fs::read_dir(parent)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".out."))
        .collect()
}

/// When to stop the run.
#[derive(Debug, Clone, Copy)]
enum Point {
    /// This long after the start: it is loading or solving.
    Solving(u64),
    /// This long after its temporary folder appears: it is writing.
    Writing(u64),
}

/// Sends `signal` at `point`; false when the run finished first.
fn interrupt(child: &mut Child, out: &Path, point: Point, signal: libc::c_int) -> bool {
    let start = Instant::now();
    let mut seen: Option<Instant> = None;
    loop {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        let due = match point {
            Point::Solving(ms) => start.elapsed() >= Duration::from_millis(ms),
            Point::Writing(ms) => {
                if seen.is_none() && leftovers(out).iter().any(|n| n.contains(".tmp-")) {
                    seen = Some(Instant::now());
                }
                seen.is_some_and(|t| t.elapsed() >= Duration::from_millis(ms))
            }
        };
        if due {
            let pid = libc::pid_t::try_from(child.id()).unwrap();
            // SAFETY: kill(2) on our own child's pid; no memory is shared.
            assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
            return true;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
}

struct Setup {
    _tmp: tempfile::TempDir,
    out: PathBuf,
    old: BTreeMap<String, Vec<u8>>,
    new: BTreeMap<String, Vec<u8>>,
    old_dir: PathBuf,
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let (old_dir, new_dir) = (tmp.path().join("old"), tmp.path().join("new"));
    assert!(run(&old_dir, Some("cost")).status().unwrap().success());
    assert!(run(&new_dir, None).status().unwrap().success());
    let (old, new) = (files(&old_dir), files(&new_dir));
    assert_ne!(old["plan.json"], new["plan.json"]);
    Setup {
        out: tmp.path().join("runs").join("out"),
        _tmp: tmp,
        old,
        new,
        old_dir,
    }
}

impl Setup {
    /// `out` holds the earlier run's folder again, and nothing is beside it.
    fn reset(&self) {
        let parent = self.out.parent().unwrap();
        let _ = std::fs::remove_dir_all(parent);
        std::fs::create_dir_all(&self.out).unwrap();
        for name in self.old.keys() {
            std::fs::copy(self.old_dir.join(name), self.out.join(name)).unwrap();
        }
    }

    /// The folder is one run's, whole: the earlier one's or the new one's.
    fn assert_one_run(&self, when: &str) {
        let now = files(&self.out);
        assert!(
            now == self.old || now == self.new,
            "{when}: the folder mixes runs or holds half a file: {:?}",
            now.keys().collect::<Vec<_>>()
        );
    }
}

const POINTS: [Point; 5] = [
    Point::Solving(150),
    Point::Writing(0),
    Point::Writing(5),
    Point::Writing(30),
    Point::Writing(120),
];

#[test]
fn sigterm_at_any_point_leaves_one_run_and_nothing_beside_it() {
    let s = setup();
    let mut writing = 0;
    for point in POINTS.into_iter().cycle().take(15) {
        s.reset();
        let mut child = run(&s.out, None).spawn().unwrap();
        let signalled = interrupt(&mut child, &s.out, point, libc::SIGTERM);
        let status = child.wait().unwrap();
        s.assert_one_run(&format!("SIGTERM at {point:?}"));
        assert!(
            leftovers(&s.out).is_empty(),
            "SIGTERM at {point:?} left {:?}",
            leftovers(&s.out)
        );
        if signalled && status.code() == Some(130) {
            assert_eq!(
                files(&s.out),
                s.old,
                "an interrupted run replaced the folder"
            );
            writing += usize::from(matches!(point, Point::Writing(_)));
        }
    }
    assert!(
        writing > 0,
        "never stopped a run while it was writing; the test proved nothing"
    );
}

#[test]
fn sigkill_at_any_point_leaves_one_run_and_the_next_run_sweeps_up() {
    let s = setup();
    let mut left_something = false;
    for point in POINTS {
        s.reset();
        let mut child = run(&s.out, None).spawn().unwrap();
        let signalled = interrupt(&mut child, &s.out, point, libc::SIGKILL);
        let status = child.wait().unwrap();
        s.assert_one_run(&format!("SIGKILL at {point:?}"));
        if signalled && status.code().is_none() {
            left_something |= !leftovers(&s.out).is_empty();
        }
        // The next run completes the folder and removes what the killed one left.
        assert!(run(&s.out, None).status().unwrap().success());
        assert!(
            leftovers(&s.out).is_empty(),
            "after SIGKILL at {point:?}, the next run left {:?}",
            leftovers(&s.out)
        );
        assert_eq!(files(&s.out), s.new, "after SIGKILL at {point:?}");
    }
    assert!(
        left_something,
        "no killed run left a temporary folder; the sweep was not tested"
    );
}
