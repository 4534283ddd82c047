//! gmail service tests: one binary. The sandbox stands in for Gmail and Google's token endpoint.

mod breaker;
mod contract;
mod decoding;
mod helpers;
mod inputs;
mod interop;
mod mailbox;
