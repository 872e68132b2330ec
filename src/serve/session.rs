//! Sessions: a page's newer what-if supersedes its older one still being
//! solved, so a moving slider costs one solve at a time, not one per step.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::model::Stop;

/// The solves under way, the newest of each session.
#[derive(Default)]
pub(super) struct Sessions {
    newest: Mutex<HashMap<String, (u64, Stop)>>,
    count: AtomicU64,
}

/// One request's place in its session.
pub(super) struct Ticket {
    session: Option<String>,
    id: u64,
    /// Raised when a newer request of the session arrives.
    pub stop: Stop,
}

impl Sessions {
    /// A request begins: in a session, it is the newest, and the one before
    /// it is told to stop.
    pub fn begin(&self, session: Option<&str>) -> Ticket {
        let id = self.count.fetch_add(1, Ordering::Relaxed);
        let stop = Stop::new();
        if let Some(name) = session {
            let mut newest = self.lock();
            if let Some((_, older)) = newest.insert(name.to_string(), (id, stop.clone())) {
                older.raise();
            }
        }
        Ticket {
            session: session.map(str::to_string),
            id,
            stop,
        }
    }

    /// A request ends: whether it is still its session's newest (a request
    /// without a session always is). Only solves under way are remembered.
    pub fn end(&self, ticket: &Ticket) -> bool {
        let Some(name) = &ticket.session else {
            return true;
        };
        let mut newest = self.lock();
        match newest.get(name) {
            Some((id, _)) if *id == ticket.id => {
                newest.remove(name);
                true
            }
            _ => false,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, (u64, Stop)>> {
        // The map stays whole whatever a holder did: take it back.
        self.newest.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newer_request_supersedes_an_older_one_of_its_session_only() {
        let s = Sessions::default();
        let a1 = s.begin(Some("a"));
        let b1 = s.begin(Some("b"));
        let lone = s.begin(None);
        let a2 = s.begin(Some("a"));
        assert!(a1.stop.raised());
        assert!(!b1.stop.raised() && !a2.stop.raised() && !lone.stop.raised());
        assert!(!s.end(&a1));
        assert!(s.end(&a2));
        assert!(s.end(&b1));
        assert!(s.end(&lone));
        // Nothing is kept once its solves end.
        assert!(s.lock().is_empty());
    }
}
