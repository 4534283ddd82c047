//! Stand-in for the GCE metadata server. (Routes arrive with the LLM-layer work.)

use actix_web::web;

/// Token settings (lifetime, issued count).
#[derive(Default)]
pub struct MetadataState {}

pub fn configure(_cfg: &mut web::ServiceConfig) {}
