//! An error, in the ui's own words for its code.

use yew::prelude::*;

use crate::backend::BackendError;
use crate::hooks::use_tr;
use crate::i18n;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub error: BackendError,
}

#[component]
pub fn ErrorBox(props: &Props) -> Html {
    let tr = use_tr();
    let offline = matches!(props.error, BackendError::Offline);
    html! {
        <div class={classes!("alert", if offline { "alert-warn" } else { "alert-error" })} role="alert">
            { i18n::error(tr.0, &props.error) }
        </div>
    }
}

/// A message the ui composed itself (a form check before sending).
#[derive(Properties, PartialEq)]
pub struct NoteProps {
    pub text: AttrValue,
    #[prop_or_default]
    pub ok: bool,
}

#[component]
pub fn Note(props: &NoteProps) -> Html {
    html! {
        <div class={classes!("alert", if props.ok { "alert-ok" } else { "alert-error" })} role="alert">
            { props.text.clone() }
        </div>
    }
}
