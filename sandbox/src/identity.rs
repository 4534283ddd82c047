//! Stand-in for the identity API. (Routes arrive with the work that needs them.)

use actix_web::web;

pub fn configure(_cfg: &mut web::ServiceConfig) {}
