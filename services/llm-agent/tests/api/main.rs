//! Integration tests of the llm-agent service: the rules path over realistic mails, the model
//! path with scripted replies from the sandbox (injection attempts, forbidden actions), bad
//! input, and the Python MCP interop check.

mod helpers;
mod interop;
mod mailbox;
mod model;
mod rules;
