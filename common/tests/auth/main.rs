//! `common::auth` driven as services use it: real keys, real signatures, keys served over HTTP
//! by a tiny key server or the sandbox issuer.

mod audit;
mod authenticator;
mod helpers;
mod id_token;
mod keys;
mod middleware;
mod verification;
