//! chargebee service tests: the real client against the in-process sandbox.

mod breaker;
mod contract;
mod helpers;
mod tools;
