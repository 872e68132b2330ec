//! Values every layer uses: numbers and texts for people, the two languages,
//! errors, messages located in an input file, the diagnosis of a scenario
//! with no plan, writing files whole or not at all, and text safe to show.

pub mod atomic;
pub mod diagnosis;
pub mod error;
pub mod lang;
pub mod located;
pub mod text;
pub mod units;
