//! The firebase service, driven over HTTP: Identity Toolkit contract tests against the
//! sandbox, the task queue against the real Firestore emulator, bad input, MCP interop.

mod helpers;
mod identity;
mod profiles;
mod tasks;
mod tools;
