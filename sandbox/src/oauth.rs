//! Stand-in for the oauth API. (Routes arrive with the work that needs them.)

use actix_web::web;

pub fn configure(_cfg: &mut web::ServiceConfig) {}
