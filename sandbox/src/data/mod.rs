pub mod chargebee;
pub mod hubspot;
pub mod mailbox;
pub mod people;
pub mod profiles;
