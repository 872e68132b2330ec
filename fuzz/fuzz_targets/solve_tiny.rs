//! Bytes drive a generator of tiny scenarios (up to 4 providers and 4
//! workloads, every rule of the format); each is solved and its plan checked
//! by the independent rule checker.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| tayoka_fuzz::bodies::solve_tiny(data));
