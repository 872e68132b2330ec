//! Any bytes as a scenario file: loading, validation, every variant and
//! eligibility must give a plan input or a located error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| tayoka_fuzz::bodies::load_validate(data));
