//! Integration tests of the classification service: the development set, the tool over HTTP,
//! the LLM path against the sandbox's scripted model, and the Python MCP interop check.

mod eval;
mod helpers;
mod interop;
mod llm;
mod mailbox;
mod tool;
