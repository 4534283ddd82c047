//! The labels on the wire: the contract's categories, priorities and engines.

pub use common::contract::classification::{Category, Engine, EngineHint, Priority};
