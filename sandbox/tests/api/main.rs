//! Sandbox stand-in tests: one binary, one module per upstream.

mod admin;
