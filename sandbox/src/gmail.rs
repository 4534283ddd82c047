//! Stand-in for the Gmail API v1. (Routes arrive with the mail-services work.)

use actix_web::web;

/// Mutable mailbox state (messages added by tests).
#[derive(Default)]
pub struct GmailState {}

pub fn configure(_cfg: &mut web::ServiceConfig) {}
