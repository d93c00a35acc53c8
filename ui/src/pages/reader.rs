//! The reader: one page at a time as a server-rendered image sized to the screen,
//! a lazily loaded thumbnail strip, zoom and fit width, page jump, the keyboard
//! (←/→, PageUp/PageDown, Home/End) and search in the document's text.
//! Only what is on screen is fetched, so a 126-page report opens as fast as a 2-page one.

use std::rc::Rc;

use ecab_protocol::document::{Document, DocumentText};
use uuid::Uuid;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::backend::BackendError;
use crate::components::annotations::Annotator;
use crate::components::error_box::ErrorBox;
use crate::components::lazy_image::LazyImage;
use crate::hooks::{Load, use_backend, use_load, use_tr};
use crate::i18n::{self, T};
use crate::search::{self, Hit};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub meeting: Uuid,
    pub document: Uuid,
}

#[component]
pub fn Reader(props: &Props) -> Html {
    let tr = use_tr();
    let store = crate::hooks::use_store();
    let detail = use_load(props.meeting, |backend, id| async move { backend.meeting(id).await });
    // Opening a document tells the staff it was read (a delegate's app, once per opening;
    // queued offline in the desktop app).
    {
        let backend = use_backend();
        let store = store.clone();
        let report = match (&detail, store.user()) {
            (Load::Ready(d), Some(me)) => d
                .documents
                .iter()
                .find(|doc| doc.id == props.document)
                .filter(|doc| crate::state::rules::may_report_read(me, d, &store.directory, doc))
                .map(|doc| (doc.id, doc.current.version)),
            _ => None,
        };
        use_effect_with(report, move |report| {
            if let Some((id, version)) = *report {
                let req = ecab_protocol::attendance::ReportRead { version, at: crate::time::now() };
                wasm_bindgen_futures::spawn_local(async move {
                    let key = crate::backend::WriteKey::new();
                    let _ = backend.queue_write::<ecab_protocol::ops::ReportRead>(key, id, req).await;
                });
            }
        });
    }
    let back = html! {
        <Link<Route> to={Route::Meeting { id: props.meeting }} classes="back">{ tr.t(T::BackToMeeting) }</Link<Route>>
    };
    match detail {
        Load::Loading => html! { <p class="muted">{ tr.t(T::Loading) }</p> },
        Load::Failed(e) => html! { <>{ back }<ErrorBox error={e} /></> },
        Load::Ready(d) => match d.documents.iter().find(|doc| doc.id == props.document) {
            Some(doc) => {
                let may_export =
                    store.user().is_some_and(|me| crate::state::rules::may_export(me, &d, &store.directory, doc));
                html! { <Viewer document={Rc::new(doc.clone())} meeting={props.meeting} {may_export} /> }
            }
            None => html! {
                <>{ back }<ErrorBox error={BackendError::Server(ecab_protocol::ApiError {
                    code: ecab_protocol::ErrorCode::NotFound, message: String::new(), field: None, retry_after: None,
                })} /></>
            },
        },
    }
}

/// Zoom steps, as a fraction of the fitted width.
const ZOOMS: [f64; 8] = [0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0];
const FIT: usize = 3;
const THUMB_WIDTH: u32 = 160;
const THUMB_DISPLAY: u32 = 104;

#[derive(Clone, Debug, PartialEq)]
struct View {
    page: u32,
    count: u32,
    zoom: usize,
}

enum Nav {
    Go(u32),
    Next,
    Prev,
    First,
    Last,
    ZoomIn,
    ZoomOut,
    Fit,
}

impl Reducible for View {
    type Action = Nav;
    fn reduce(self: Rc<Self>, action: Nav) -> Rc<Self> {
        let last = self.count.saturating_sub(1);
        let mut next = (*self).clone();
        match action {
            Nav::Go(p) => next.page = p.min(last),
            Nav::Next => next.page = (self.page + 1).min(last),
            Nav::Prev => next.page = self.page.saturating_sub(1),
            Nav::First => next.page = 0,
            Nav::Last => next.page = last,
            Nav::ZoomIn => next.zoom = (self.zoom + 1).min(ZOOMS.len() - 1),
            Nav::ZoomOut => next.zoom = self.zoom.saturating_sub(1),
            Nav::Fit => next.zoom = FIT,
        }
        if next == *self { self } else { Rc::new(next) }
    }
}

/// Pages are rendered in a few widths (`ecab_protocol::query::page_width`): ask for one.
fn render_width(css_px: f64) -> u32 {
    let dpr = web_sys::window().map(|w| w.device_pixel_ratio()).unwrap_or(1.0).max(1.0);
    ecab_protocol::query::page_width((css_px * dpr).ceil().min(u32::MAX as f64) as u32)
}

#[derive(Properties, PartialEq)]
struct ViewerProps {
    document: Rc<Document>,
    meeting: Uuid,
    /// The user may take the document away with their annotations (not a confidential one).
    may_export: bool,
}

#[component]
fn Viewer(props: &ViewerProps) -> Html {
    let backend = use_backend();
    let tr = use_tr();
    let doc = props.document.clone();
    let count = doc.current.page_count;
    let view = use_reducer(|| View { page: 0, count, zoom: FIT });
    let stage_ref = use_node_ref();
    let strip_ref = use_node_ref();
    let stage_width = use_state(|| 800.0f64);
    let page_text = use_state(|| "1".to_string());
    let query = use_state(String::new);
    let text = use_state(|| None::<Rc<DocumentText>>);
    let hits = use_state(|| None::<Rc<Vec<Hit>>>);
    let search_error = use_state(|| None::<BackendError>);
    let searching = use_state(|| false);

    // Fit width: measure the page area now and whenever it changes size (window
    // resized, search results opened beside it).
    {
        let (stage_ref, stage_width) = (stage_ref.clone(), stage_width.clone());
        use_effect_with((), move |_| {
            let measure = {
                let stage_ref = stage_ref.clone();
                move || {
                    if let Some(el) = stage_ref.cast::<web_sys::HtmlElement>() {
                        // Leave room for the page's shadow and a vertical scroll bar; on a
                        // phone (no visible scroll bar) the page takes nearly all the width.
                        let inner = el.client_width() as f64;
                        let w = (inner - if inner < 480.0 { 8.0 } else { 40.0 }).max(240.0);
                        if (w - *stage_width).abs() > 1.0 {
                            stage_width.set(w);
                        }
                    }
                }
            };
            measure();
            let on_resize = Closure::<dyn FnMut()>::new(measure);
            let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
            if let (Some(o), Some(el)) = (&observer, stage_ref.cast::<web_sys::Element>()) {
                o.observe(&el);
            }
            move || {
                if let Some(o) = observer {
                    o.disconnect();
                }
                drop(on_resize);
            }
        });
    }

    // The keyboard turns pages, unless the user is typing in a field.
    {
        let dispatcher = view.dispatcher();
        use_effect_with((), move |_| {
            let on_key = Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
                let typing = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
                if typing || e.ctrl_key() || e.meta_key() || e.alt_key() {
                    return;
                }
                let nav = match e.key().as_str() {
                    "ArrowRight" | "PageDown" => Nav::Next,
                    "ArrowLeft" | "PageUp" => Nav::Prev,
                    "Home" => Nav::First,
                    "End" => Nav::Last,
                    _ => return,
                };
                e.prevent_default();
                dispatcher.dispatch(nav);
            });
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
            }
            move || {
                if let Some(w) = window {
                    let _ = w.remove_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
                }
            }
        });
    }

    let display = ((*stage_width) * ZOOMS[view.zoom]).round().max(120.0) as u32;
    let width = render_width(display as f64);

    // Keep the page box in step, bring the current thumbnail into view, fetch the next page ahead.
    {
        let (page_text, strip_ref, stage_ref, backend) =
            (page_text.clone(), strip_ref.clone(), stage_ref.clone(), backend.clone());
        let doc_id = doc.id;
        use_effect_with((view.page, width), move |(page, width)| {
            page_text.set((page + 1).to_string());
            if let Some(stage) = stage_ref.cast::<web_sys::Element>() {
                stage.set_scroll_top(0);
            }
            if let Some(strip) = strip_ref.cast::<web_sys::Element>()
                && let Ok(Some(thumb)) = strip.query_selector(&format!("[data-thumb='{}']", page + 1))
            {
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
                thumb.scroll_into_view_with_scroll_into_view_options(&opts);
            }
            let (next, width) = (*page + 1, *width);
            if next < count {
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = backend.page_image(doc_id, next, width).await;
                });
            }
        });
    }

    let go = |nav: fn() -> Nav| {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| view.dispatch(nav()))
    };
    let on_page_text = {
        let page_text = page_text.clone();
        Callback::from(move |e: InputEvent| {
            page_text.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value())
        })
    };
    let on_jump = {
        let (view, page_text) = (view.clone(), page_text.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match page_text.trim().parse::<u32>() {
                Ok(n) if n >= 1 => view.dispatch(Nav::Go(n - 1)),
                _ => page_text.set((view.page + 1).to_string()),
            }
        })
    };
    let on_query = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| query.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let on_search = {
        let (query, text, hits, search_error, searching, backend) =
            (query.clone(), text.clone(), hits.clone(), search_error.clone(), searching.clone(), backend.clone());
        let doc_id = doc.id;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let q = (*query).clone();
            if q.trim().is_empty() {
                hits.set(None);
                return;
            }
            if let Some(t) = &*text {
                hits.set(Some(Rc::new(search::find(&t.pages, &q))));
                return;
            }
            let (text, hits, search_error, searching, backend) =
                (text.clone(), hits.clone(), search_error.clone(), searching.clone(), backend.clone());
            searching.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let result = backend.document_text(doc_id).await;
                searching.set(false);
                match result {
                    Ok(t) => {
                        search_error.set(None);
                        hits.set(Some(Rc::new(search::find(&t.pages, &q))));
                        text.set(Some(Rc::new(t)));
                    }
                    Err(e) => search_error.set(Some(e)),
                }
            });
        })
    };

    let thumbs: Html = (0..count)
        .map(|n| {
            let view = view.clone();
            let current = view.page == n;
            html! {
                <button key={n} class={classes!("thumb", current.then_some("thumb-on"))} data-thumb={(n + 1).to_string()}
                        aria-label={i18n::page_of(tr.0, n + 1, count)} aria-current={current.then_some("page")}
                        onclick={Callback::from(move |_| view.dispatch(Nav::Go(n)))}>
                    <LazyImage document={doc.id} page={n} width={THUMB_WIDTH} display_width={THUMB_DISPLAY}
                               alt={AttrValue::from(String::new())} />
                    <span class="thumb-num">{ n + 1 }</span>
                </button>
            }
        })
        .collect();

    let results = hits.as_ref().map(|hits| {
        let rows: Html = hits
            .iter()
            .map(|h| {
                let view = view.clone();
                let page = h.page;
                html! {
                    <li key={h.page}>
                        <button class="hit" data-hit-page={(page + 1).to_string()}
                                onclick={Callback::from(move |_| view.dispatch(Nav::Go(page)))}>
                            <span class="hit-page">{ i18n::page_of(tr.0, page + 1, count) }</span>
                            <span class="hit-snippet">{ &h.snippet }</span>
                        </button>
                    </li>
                }
            })
            .collect();
        html! {
            <aside class="results" id="search-results">
                <div class="results-head">
                    { if hits.is_empty() { tr.t(T::NoMatches).to_string() } else { i18n::matches(tr.0, hits.len()) } }
                </div>
                <ul>{ rows }</ul>
            </aside>
        }
    });

    let go_to = {
        let view = view.clone();
        Callback::from(move |p: u32| view.dispatch(Nav::Go(p)))
    };
    let zoom_pct = format!("{}%", (ZOOMS[view.zoom] * 100.0).round());
    html! {
        <div class="reader">
            <div class="reader-bar">
                <Link<Route> to={Route::Meeting { id: props.meeting }} classes="back">{ tr.t(T::BackToMeeting) }</Link<Route>>
                <h1 class="reader-title" title={doc.title.clone()}>{ &doc.title }</h1>
                <div class="reader-tools">
                    <button class="btn btn-small nav-end" title={tr.t(T::FirstPage)} aria-label={tr.t(T::FirstPage)}
                            disabled={view.page == 0} onclick={go(|| Nav::First)}>{ "«" }</button>
                    <button id="prev-page" class="btn btn-small" title={tr.t(T::PrevPage)} aria-label={tr.t(T::PrevPage)}
                            disabled={view.page == 0} onclick={go(|| Nav::Prev)}>{ "◀" }</button>
                    <form class="page-jump" onsubmit={on_jump}>
                        <label for="page-input">{ tr.t(T::Page) }</label>
                        <input id="page-input" type="text" inputmode="numeric" size="4"
                               value={(*page_text).clone()} oninput={on_page_text} title={tr.t(T::GoToPage)} />
                        <span class="muted">{ format!("/ {count}") }</span>
                        <button id="page-go" class="btn btn-small" type="submit">{ tr.t(T::Go) }</button>
                    </form>
                    <button id="next-page" class="btn btn-small" title={tr.t(T::NextPage)} aria-label={tr.t(T::NextPage)}
                            disabled={view.page + 1 >= count} onclick={go(|| Nav::Next)}>{ "▶" }</button>
                    <button class="btn btn-small nav-end" title={tr.t(T::LastPage)} aria-label={tr.t(T::LastPage)}
                            disabled={view.page + 1 >= count} onclick={go(|| Nav::Last)}>{ "»" }</button>
                    <span class="sep"></span>
                    <button id="zoom-out" class="btn btn-small" title={tr.t(T::ZoomOut)} onclick={go(|| Nav::ZoomOut)}>{ "−" }</button>
                    <span class="zoom" id="zoom-level">{ zoom_pct }</span>
                    <button id="zoom-in" class="btn btn-small" title={tr.t(T::ZoomIn)} onclick={go(|| Nav::ZoomIn)}>{ "+" }</button>
                    <button id="fit-width" class="btn btn-small" onclick={go(|| Nav::Fit)}>{ tr.t(T::FitWidth) }</button>
                </div>
                <form class="search" onsubmit={on_search}>
                    <input id="search-input" type="search" placeholder={tr.t(T::SearchPlaceholder)}
                           value={(*query).clone()} oninput={on_query} />
                    <button id="search-go" class="btn btn-small" type="submit" disabled={*searching}>{ tr.t(T::Search) }</button>
                </form>
            </div>
            if let Some(e) = &*search_error { <ErrorBox error={e.clone()} /> }
            <div class="reader-body">
                <nav class="thumbs" ref={strip_ref} aria-label={tr.t(T::Thumbnails)}>{ thumbs }</nav>
                <div class="stage" ref={stage_ref}>
                    <div class="page-status" id="page-status">{ i18n::page_of(tr.0, view.page + 1, count) }</div>
                    <Annotator document={doc.clone()} page={view.page} go={go_to} may_export={props.may_export}>
                        <LazyImage id={Some(AttrValue::from("page-image"))} document={doc.id} page={view.page} {width}
                                   display_width={display} alt={AttrValue::from(i18n::page_of(tr.0, view.page + 1, count))}
                                   eager=true />
                    </Annotator>
                    <p class="muted hint">{ tr.t(T::KeyboardHint) }</p>
                </div>
                { for results }
            </div>
        </div>
    }
}
