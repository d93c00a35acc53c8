//! A page image that is fetched only when it comes near the viewport (thumbnails of a
//! 126-page report cost nothing until scrolled to) or at once (`eager`, the page being
//! read). While a new page or zoom loads, the previous image stays, dimmed.

use uuid::Uuid;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};
use yew::prelude::*;

use crate::backend::BackendError;
use crate::hooks::{use_backend, use_tr};
use crate::i18n::T;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub document: Uuid,
    /// 0-based.
    pub page: u32,
    /// Pixels requested from the server.
    pub width: u32,
    /// CSS width in pixels.
    pub display_width: u32,
    pub alt: AttrValue,
    #[prop_or_default]
    pub eager: bool,
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

type Key = (Uuid, u32, u32);

#[component]
pub fn LazyImage(props: &Props) -> Html {
    let backend = use_backend();
    let tr = use_tr();
    let node = use_node_ref();
    let near = use_state(|| props.eager);
    let loaded = use_state(|| None::<(Key, Result<String, BackendError>)>);
    let key: Key = (props.document, props.page, props.width);
    let attempt = use_state(|| 0u32);

    {
        let near = near.clone();
        use_effect_with((node.clone(), props.eager), move |(node, eager)| {
            let mut keep = None;
            if !*eager && let Some(el) = node.cast::<Element>() {
                let on_seen = Closure::<dyn FnMut(js_sys::Array, IntersectionObserver)>::new(
                    move |entries: js_sys::Array, observer: IntersectionObserver| {
                        let seen =
                            entries.iter().any(|e| e.unchecked_into::<IntersectionObserverEntry>().is_intersecting());
                        if seen {
                            near.set(true);
                            observer.disconnect();
                        }
                    },
                );
                let init = IntersectionObserverInit::new();
                init.set_root_margin("600px");
                if let Ok(observer) = IntersectionObserver::new_with_options(on_seen.as_ref().unchecked_ref(), &init) {
                    observer.observe(&el);
                    keep = Some((observer, on_seen));
                }
            }
            move || {
                if let Some((observer, _closure)) = keep {
                    observer.disconnect();
                }
            }
        });
    }

    {
        let loaded = loaded.clone();
        use_effect_with((key, *near || props.eager, *attempt), move |(key, near, _)| {
            let want = *key;
            if *near && loaded.as_ref().map(|(k, _)| *k) != Some(want) {
                wasm_bindgen_futures::spawn_local(async move {
                    let result = backend.page_image(want.0, want.1, want.2).await;
                    loaded.set(Some((want, result)));
                });
            }
        });
    }

    let style = format!("width:{}px", props.display_width);
    let content = match &*loaded {
        Some((k, Ok(src))) => {
            let stale = *k != key;
            // An address the webview loads itself (the desktop's local renderer) reports a
            // failure only as an image error: ask the same address why, to say it.
            let onerror = {
                let (loaded, src, failed) = (loaded.clone(), src.clone(), *k);
                Callback::from(move |_: Event| {
                    let (loaded, src) = (loaded.clone(), src.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        let why = why_image_failed(&src).await;
                        loaded.set(Some((failed, Err(why))));
                    });
                })
            };
            html! {
                <img id={props.id.clone()} class={classes!("page-img", stale.then_some("stale"))}
                     src={src.clone()} alt={props.alt.clone()} data-page={(k.1 + 1).to_string()}
                     style={style.clone()} draggable="false" {onerror} />
            }
        }
        // A page pdfium cannot draw (a broken or hostile file, a crashed worker) says why and,
        // for the page being read, offers another try; the rest of the reader keeps working.
        Some((k, Err(e))) if *k == key => {
            let why = crate::i18n::error(tr.0, e);
            let retry = props.eager.then(|| {
                let (loaded, attempt) = (loaded.clone(), attempt.clone());
                let again = Callback::from(move |_| {
                    loaded.set(None);
                    attempt.set(*attempt + 1);
                });
                html! {
                    <button class="btn btn-small page-retry" onclick={again}>
                        { tr.t(T::TryAgain) }
                    </button>
                }
            });
            html! {
                <div class="page-placeholder page-failed" style={style.clone()} role="alert" title={why.clone()}>
                    if props.eager {
                        <strong>{ tr.t(T::PageFailed) }</strong>
                        <span class="page-failed-why">{ why }</span>
                    } else {
                        <span aria-label={tr.t(T::PageFailed)}>{ "⚠" }</span>
                    }
                    { for retry }
                </div>
            }
        }
        _ => html! {
            <div class="page-placeholder" style={style.clone()}>
                if props.eager { { tr.t(T::Loading) } }
            </div>
        },
    };
    html! { <div class="lazy" ref={node}>{ content }</div> }
}

/// Fetch an image address that failed to load and turn its answer into an error: the JSON
/// error the renderer sent, else what little is known.
async fn why_image_failed(src: &str) -> BackendError {
    use wasm_bindgen_futures::JsFuture;
    let Some(window) = web_sys::window() else { return BackendError::Unexpected("no window".into()) };
    let response = match JsFuture::from(window.fetch_with_str(src)).await {
        Ok(r) => r.unchecked_into::<web_sys::Response>(),
        Err(_) => return BackendError::Offline,
    };
    let status = response.status();
    let text = match response.text() {
        Ok(p) => JsFuture::from(p).await.ok().and_then(|v| v.as_string()).unwrap_or_default(),
        Err(_) => String::new(),
    };
    match serde_json::from_str::<ecab_protocol::ApiError>(&text) {
        Ok(e) => BackendError::Server(e),
        Err(_) => BackendError::Unexpected(format!("HTTP {status}")),
    }
}
