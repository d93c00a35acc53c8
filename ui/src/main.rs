//! eCabinet's ui: one Yew app for browsers and (later) the desktop webview.
//! See `app.rs` for the routes and `backend/` for how data is reached.

mod app;
mod backend;
mod components;
mod hooks;
mod i18n;
mod pages;
mod search;
mod state;
mod time;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
