//! Pieces shared by the pages.

pub mod agenda_editor;
pub mod annotations;
pub mod attendance;
pub mod error_box;
pub mod header;
pub mod invitees_editor;
pub mod lazy_image;
pub mod notifications;
pub mod polls;
pub mod questions;
pub mod report_button;
pub mod speakers;
pub mod status_badge;
pub mod upload_form;
pub mod workflow_bar;
