//! The layer over the page image: draws the page's annotations and turns the pointer into
//! new ones. With a text tool, a drag from one word to another selects the words between;
//! with the pen, each stroke is kept until "save"; with the note tool, a tap places a note.

use std::rc::Rc;

use ecab_core::{AnnotationColor, AnnotationKind};
use ecab_protocol::annotation::{Anchor, AnnotationEntry, Point};
use ecab_protocol::document::{PageText, Rect};
use yew::prelude::*;

use super::{Tool, point_of};
use crate::annotate;
use crate::hooks::use_tr;
use crate::i18n::T;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub tool: Tool,
    pub color: AnnotationColor,
    /// The page's text layer, once loaded.
    pub text: Option<Rc<PageText>>,
    /// The annotations on this page of this version.
    pub entries: Rc<Vec<AnnotationEntry>>,
    /// A new annotation: its kind, anchor and text.
    pub make: Callback<(AnnotationKind, Anchor, String)>,
}

/// Points closer than this (a fraction of the page) to the previous one are skipped.
const INK_STEP: f32 = 0.002;

const SCALE: f32 = 1000.0;

/// What the pointer is making.
#[derive(Default)]
struct Draft {
    /// Highlight or underline: the first word and the word under the pointer.
    selection: Option<(usize, usize)>,
    /// Ink: the stroke being drawn, and those drawn since the last save.
    stroke: Option<Vec<Point>>,
    strokes: Vec<Vec<Point>>,
}

fn rect_svg(r: &Rect, color: &str, underline: bool, key: String) -> Html {
    let (x, y, w, h) = (r.x * SCALE, r.y * SCALE, r.w * SCALE, r.h * SCALE);
    if underline {
        html! { <rect {key} class="annot-underline" x={x.to_string()} y={(y + h * 0.92).to_string()} width={w.to_string()}
        height={(h * 0.1).max(1.5).to_string()} fill={color.to_owned()} /> }
    } else {
        html! { <rect {key} class="annot-highlight" x={x.to_string()} y={y.to_string()} width={w.to_string()}
        height={h.to_string()} fill={color.to_owned()} fill-opacity="0.38" /> }
    }
}

fn path_of(points: &[Point]) -> String {
    points.iter().map(|p| format!("{:.1},{:.1}", p.x * SCALE, p.y * SCALE)).collect::<Vec<_>>().join(" ")
}

#[component]
pub fn Layer(props: &Props) -> Html {
    let tr = use_tr();
    let node = use_node_ref();
    // What the pointer is making, read and changed by every pointer event at once (events
    // come faster than renders), and drawn by the render that follows.
    let draft = use_mut_ref(Draft::default);
    let redraw = use_force_update();
    let note_at = use_state(|| None::<Point>);
    let note_text = use_state(String::new);
    let open_pin = use_state(|| None::<uuid::Uuid>);

    // A new page or tool drops what was half made.
    {
        let (draft, note_at) = (draft.clone(), note_at.clone());
        let page = props.text.as_ref().map(|t| t.page);
        use_effect_with((page, props.tool), move |_| {
            *draft.borrow_mut() = Draft::default();
            note_at.set(None);
        });
    }

    let text = props.text.clone();
    let tool = props.tool;
    let on_down = {
        let (node, draft, redraw, note_at, text) =
            (node.clone(), draft.clone(), redraw.clone(), note_at.clone(), text.clone());
        Callback::from(move |e: PointerEvent| {
            let Tool::Mark(kind) = tool else { return };
            let Some(el) = node.cast::<web_sys::Element>() else { return };
            e.prevent_default();
            let _ = el.set_pointer_capture(e.pointer_id());
            let p = point_of(&el, &e);
            let mut d = draft.borrow_mut();
            match kind {
                AnnotationKind::Highlight | AnnotationKind::Underline => {
                    d.selection = text.as_ref().and_then(|t| annotate::word_at(t, p)).map(|i| (i, i));
                }
                AnnotationKind::Ink => d.stroke = Some(vec![p]),
                AnnotationKind::Note => note_at.set(Some(p)),
            }
            redraw.force_update();
        })
    };
    let on_move = {
        let (node, draft, redraw, text) = (node.clone(), draft.clone(), redraw.clone(), text.clone());
        Callback::from(move |e: PointerEvent| {
            let Some(el) = node.cast::<web_sys::Element>() else { return };
            let p = point_of(&el, &e);
            let mut d = draft.borrow_mut();
            let mut changed = false;
            if let Some((start, end)) = d.selection
                && let Some(i) = text.as_ref().and_then(|t| annotate::word_at(t, p))
                && i != end
            {
                d.selection = Some((start, i));
                changed = true;
            }
            if let Some(stroke) = &mut d.stroke
                && stroke.last().is_none_or(|q| (q.x - p.x).abs() + (q.y - p.y).abs() > INK_STEP)
            {
                stroke.push(p);
                changed = true;
            }
            if changed {
                redraw.force_update();
            }
        })
    };
    let on_up = {
        let (draft, redraw, text, make) = (draft.clone(), redraw.clone(), text.clone(), props.make.clone());
        Callback::from(move |_: PointerEvent| {
            let mut d = draft.borrow_mut();
            if let (Some((a, b)), Some(t), Tool::Mark(kind)) = (d.selection.take(), text.as_ref(), tool) {
                let (start, len) = annotate::span(a, b);
                make.emit((kind, annotate::words_anchor(t, start, len), String::new()));
            }
            if let Some(stroke) = d.stroke.take()
                && stroke.len() >= 2
            {
                d.strokes.push(stroke);
            }
            redraw.force_update();
        })
    };
    let save_ink = {
        let (draft, redraw, text, make) = (draft.clone(), redraw.clone(), text.clone(), props.make.clone());
        Callback::from(move |_: MouseEvent| {
            let strokes = std::mem::take(&mut draft.borrow_mut().strokes);
            if let Some(t) = text.as_ref()
                && !strokes.is_empty()
            {
                make.emit((AnnotationKind::Ink, annotate::ink_anchor(t, strokes), String::new()));
            }
            redraw.force_update();
        })
    };
    let clear_ink = {
        let (draft, redraw) = (draft.clone(), redraw.clone());
        Callback::from(move |_: MouseEvent| {
            draft.borrow_mut().strokes.clear();
            redraw.force_update();
        })
    };
    let save_note = {
        let (note_at, note_text, text, make) = (note_at.clone(), note_text.clone(), text.clone(), props.make.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let (Some(p), Some(t)) = (*note_at, text.as_ref()) {
                make.emit((AnnotationKind::Note, annotate::note_anchor(t, p), (*note_text).clone()));
                note_at.set(None);
                note_text.set(String::new());
            }
        })
    };
    let cancel_note = {
        let note_at = note_at.clone();
        Callback::from(move |_: MouseEvent| note_at.set(None))
    };
    let on_note_text = {
        let note_text = note_text.clone();
        Callback::from(move |e: InputEvent| {
            note_text.set(e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value())
        })
    };

    let mut shapes: Vec<Html> = Vec::new();
    let mut pins: Vec<Html> = Vec::new();
    for entry in props.entries.iter() {
        let a = &entry.annotation;
        let hex = a.color.hex();
        let id = a.id.to_string();
        match a.kind {
            AnnotationKind::Highlight | AnnotationKind::Underline => {
                let underline = a.kind == AnnotationKind::Underline;
                let rects: Html = a
                    .anchor
                    .rects
                    .iter()
                    .enumerate()
                    .map(|(i, r)| rect_svg(r, &hex, underline, format!("{id}-{i}")))
                    .collect();
                shapes.push(html! { <g key={id.clone()} class="annot" data-id={id.clone()} data-kind={a.kind.as_str()}
                data-pending={entry.pending.to_string()}>{ rects }</g> });
            }
            AnnotationKind::Ink => {
                let lines: Html = a.anchor.strokes.iter().enumerate().map(|(i, s)| html! {
                    <polyline key={i} points={path_of(s)} fill="none" stroke={hex.clone()} stroke-width="2.5"
                              vector-effect="non-scaling-stroke" stroke-linecap="round" stroke-linejoin="round" />
                }).collect();
                shapes.push(html! { <g key={id.clone()} class="annot" data-id={id.clone()} data-kind="ink"
                data-pending={entry.pending.to_string()}>{ lines }</g> });
            }
            AnnotationKind::Note => {
                let Some(p) = a.anchor.point else { continue };
                let open = *open_pin == Some(a.id);
                let toggle = {
                    let (open_pin, aid) = (open_pin.clone(), a.id);
                    Callback::from(move |e: MouseEvent| {
                        e.stop_propagation();
                        open_pin.set(if *open_pin == Some(aid) { None } else { Some(aid) });
                    })
                };
                pins.push(html! {
                    <div key={id.clone()} class="annot-pin-wrap" style={format!("left:{}%;top:{}%", p.x * 100.0, p.y * 100.0)}>
                        <button class="annot annot-pin" data-id={id.clone()} data-kind="note" data-pending={entry.pending.to_string()}
                                style={format!("background:{hex}")} title={a.note.clone()} aria-label={a.note.clone()}
                                onclick={toggle} onpointerdown={Callback::from(|e: PointerEvent| e.stop_propagation())}>{ "✎" }</button>
                        if open { <div class="annot-pin-text">{ &a.note }</div> }
                    </div>
                });
            }
        }
    }
    let hex = props.color.hex();
    let d = draft.borrow();
    if let (Some((a, b)), Some(t)) = (d.selection, text.as_ref()) {
        let (start, len) = annotate::span(a, b);
        let underline = props.tool == Tool::Mark(AnnotationKind::Underline);
        for (i, r) in annotate::line_boxes(t, start, len).iter().enumerate() {
            shapes.push(html! { <g key={format!("sel-{i}")} class="annot-selecting">{ rect_svg(r, &hex, underline, format!("s{i}")) }</g> });
        }
    }
    let drafts = d.strokes.iter().chain(d.stroke.as_ref()).enumerate().map(|(i, s)| {
        html! {
            <polyline key={format!("draft-{i}")} class="ink-draft" points={path_of(s)} fill="none" stroke={hex.clone()}
                      stroke-width="2.5" vector-effect="non-scaling-stroke" stroke-linecap="round" />
        }
    });
    shapes.extend(drafts);

    let active = props.tool != Tool::Read;
    let note_form = note_at.map(|p| html! {
        <form id="note-form" class="note-form" style={format!("left:{}%;top:{}%", (p.x * 100.0).min(60.0), p.y * 100.0)}
              onsubmit={save_note} onpointerdown={Callback::from(|e: PointerEvent| e.stop_propagation())}>
            <textarea id="note-text" rows="3" placeholder={tr.t(T::NoteText)} value={(*note_text).clone()} oninput={on_note_text} />
            <div class="row">
                <button id="note-save" class="btn btn-small btn-primary" type="submit">{ tr.t(T::Save) }</button>
                <button id="note-cancel" class="btn btn-small" type="button" onclick={cancel_note}>{ tr.t(T::Cancel) }</button>
            </div>
        </form>
    });
    html! {
        <>
            <div ref={node} id="annot-layer" class={classes!("annot-layer", active.then_some("annot-active"))}
                 data-tool={match props.tool { Tool::Read => "read", Tool::Mark(k) => k.as_str() }}
                 data-text-ready={text.is_some().to_string()}
                 onpointerdown={on_down} onpointermove={on_move} onpointerup={on_up.clone()} onpointercancel={on_up}>
                <svg class="annot-svg" viewBox="0 0 1000 1000" preserveAspectRatio="none">{ for shapes }</svg>
                { for pins }
                { for note_form }
            </div>
            if !d.strokes.is_empty() {
                <div class="ink-actions">
                    <button id="ink-save" class="btn btn-small btn-primary" onclick={save_ink}>{ tr.t(T::SaveInk) }</button>
                    <button id="ink-clear" class="btn btn-small" onclick={clear_ink}>{ tr.t(T::ClearInk) }</button>
                </div>
            }
        </>
    }
}
