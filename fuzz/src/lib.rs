//! The bodies of tayoka's fuzz targets, kept apart from libFuzzer so that
//! `tests/fuzz_corpus.rs` replays the committed corpus through the same code
//! in an ordinary `cargo test`.

pub mod bodies;
#[path = "../../tests/common/checker.rs"]
pub mod checker;
