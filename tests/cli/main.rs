//! The command line as a user runs it: every command, its files, its errors,
//! its languages, signals and hostile input. One binary (one link) for all.

#[path = "../common/mod.rs"]
mod common;

mod analyses;
mod answers;
mod bounds;
mod browser;
mod cli;
mod contrast;
mod diagnosis;
mod economics;
mod errors;
mod folders;
mod headline;
mod help;
mod hostile;
mod http;
mod interrupt;
mod lang;
mod pathway;
mod promises;
mod readme;
mod report;
mod rules;
mod serve;
mod survivability;
mod tradeoff;
mod workbook;
