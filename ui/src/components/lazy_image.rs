//! A page image that is fetched only when it comes near the viewport (thumbnails of a
//! 126-page report cost nothing until scrolled to) or at once (`eager`, the page being
//! read). While a new page or zoom loads, the previous image stays, dimmed.

use uuid::Uuid;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlImageElement, IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};
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
    // The key this image shows now: an answer for an earlier key (the width changed while it
    // was on its way) must not overwrite the newer one's.
    let latest = use_mut_ref(|| key);
    *latest.borrow_mut() = key;

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
        let (loaded, backend, latest) = (loaded.clone(), backend.clone(), latest.clone());
        use_effect_with((key, *near || props.eager, *attempt), move |(key, near, _)| {
            let want = *key;
            if *near && loaded.as_ref().map(|(k, _)| *k) != Some(want) {
                wasm_bindgen_futures::spawn_local(async move {
                    let result = backend.page_image(want.0, want.1, want.2).await;
                    if *latest.borrow() == want {
                        loaded.set(Some((want, result)));
                    }
                });
            }
        });
    }

    // An address the webview loads itself (the desktop's local renderer) reports a failure
    // only as the image's `error` event, which does not bubble to Yew's listeners: listen on
    // the element, and ask the backend why, to say it.
    let img = use_node_ref();
    {
        let shown = loaded.as_ref().and_then(|(k, r)| r.as_ref().ok().map(|src| (*k, src.clone())));
        let (loaded, img, backend, latest) = (loaded.clone(), img.clone(), backend.clone(), latest.clone());
        use_effect_with(shown, move |shown| {
            let mut keep = None;
            if let (Some((failed, src)), Some(element)) = (shown.clone(), img.cast::<HtmlImageElement>()) {
                let has_src = !src.is_empty();
                let explain = move || {
                    let (loaded, backend, latest) = (loaded.clone(), backend.clone(), latest.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        let why = backend.page_problem(failed.0, failed.1, failed.2).await;
                        if *latest.borrow() == failed {
                            loaded.set(Some((failed, Err(why))));
                        }
                    });
                };
                if element.complete() && element.natural_width() == 0 && has_src {
                    explain(); // failed before we listened
                } else {
                    let on_error = Closure::<dyn FnMut(Event)>::new(move |_: Event| explain());
                    let _ = element.add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref());
                    keep = Some((element, on_error));
                }
            }
            move || {
                if let Some((element, on_error)) = keep {
                    let _ = element.remove_event_listener_with_callback("error", on_error.as_ref().unchecked_ref());
                }
            }
        });
    }

    let style = format!("width:{}px", props.display_width);
    let content = match &*loaded {
        Some((k, Ok(src))) => {
            let stale = *k != key;
            html! {
                <img id={props.id.clone()} class={classes!("page-img", stale.then_some("stale"))} ref={img.clone()}
                     src={src.clone()} alt={props.alt.clone()} data-page={(k.1 + 1).to_string()}
                     style={style.clone()} draggable="false" />
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
