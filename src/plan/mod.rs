//! A plan as data: who serves how much of each workload, and the figures
//! that measure it (shares, concentration, cost, the stages reached).

pub mod allocation;
pub mod cost;
pub mod limits;
pub mod metrics;
