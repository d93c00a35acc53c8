//! One module per screen.

pub mod login;
pub mod meeting;
pub mod meetings;
pub mod new_meeting;
pub mod reader;
