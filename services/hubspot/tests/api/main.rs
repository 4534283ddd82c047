//! hubspot service tests: the real client against the in-process sandbox.

mod contract;
mod helpers;
mod tools;
