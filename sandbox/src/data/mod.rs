pub mod people;
