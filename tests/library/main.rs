//! The library itself: hand-derived optima, properties against an
//! independent checker, marginal values, scale, and the shape of the source.

#[path = "../common/mod.rs"]
mod common;

mod architecture;
mod binding;
mod interior;
mod model_files;
mod optima;
mod properties;
mod scale;
mod sourcing;
