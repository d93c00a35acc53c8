//! Soạn thảo / Trình duyệt / Đã duyệt / Đã phát hành … as a coloured badge.

use ecab_core::{MeetingStatus, ReviewStage};
use yew::prelude::*;

use crate::hooks::use_tr;
use crate::i18n;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub status: MeetingStatus,
    #[prop_or_default]
    pub stage: Option<ReviewStage>,
}

#[component]
pub fn StatusBadge(props: &Props) -> Html {
    let tr = use_tr();
    let class = format!("badge badge-{}", props.status.as_str());
    html! {
        <span class="badge-wrap">
            <span {class}>{ i18n::status(tr.0, props.status) }</span>
            if let Some(stage) = props.stage {
                <span class="badge-stage">{ i18n::review_stage(tr.0, stage) }</span>
            }
        </span>
    }
}
