//! Sandbox stand-in tests: one binary, one module per upstream.

mod admin;
mod chargebee;
mod gmail;
mod hubspot;
mod identity;
mod issuer;
mod llm;
mod metadata;
mod oauth;
