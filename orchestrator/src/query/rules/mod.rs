//! The rules provider: a keyword planner and a template writer. The default when no model is
//! configured and the fallback whenever the model fails. Deterministic; answers only from data.

pub mod abstain;
mod facts;
pub mod intent;
mod plan;
mod scope;
mod topics;
mod words;
mod write;

pub use plan::{plan, plan_by_rules};
pub use write::write;
