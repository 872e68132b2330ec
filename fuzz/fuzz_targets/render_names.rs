//! Bytes become the names a plan shows: its charts must be well-formed XML
//! and its charts, report and terminal text free of raw control and
//! bidirectional characters, in both languages.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| tayoka_fuzz::bodies::render_names(data));
