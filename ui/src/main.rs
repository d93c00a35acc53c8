//! eCabinet's ui: one Yew app for browsers and (later) the desktop webview.
//! See `app.rs` for the routes and `backend/` for how data is reached.

mod annotate;
mod app;
mod backend;
mod components;
mod first_screen;
mod hooks;
mod i18n;
mod pages;
mod perf;
mod search;
mod state;
mod time;

fn main() {
    perf::mark("ecab:main");
    yew::Renderer::<app::App>::new().render();
}
