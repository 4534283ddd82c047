//! The MCP service kit, driven over HTTP as clients see it: `/mcp` (with the official Python
//! SDK too), `/mcp/call`, `/mcp/tools`, `/health`, `/ready`, `/metrics`, and bad input of every kind.

mod bad_input;
mod capabilities;
mod direct;
mod helpers;
mod mcp_protocol;
mod rest;
mod service_auth;
