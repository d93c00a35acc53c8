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
    let selection = use_state(|| None::<(usize, usize)>);
    let strokes = use_state(Vec::<Vec<Point>>::new);
    let drawing = use_state(|| None::<Vec<Point>>);
    let note_at = use_state(|| None::<Point>);
    let note_text = use_state(String::new);
    let open_pin = use_state(|| None::<uuid::Uuid>);

    // A new page or tool drops what was half made (saved ink goes first, below).
    {
        let (selection, note_at, drawing) = (selection.clone(), note_at.clone(), drawing.clone());
        let page = props.text.as_ref().map(|t| t.page);
        use_effect_with((page, props.tool), move |_| {
            selection.set(None);
            note_at.set(None);
            drawing.set(None);
        });
    }

    let text = props.text.clone();
    let tool = props.tool;
    let on_down = {
        let (node, selection, drawing, note_at, text) =
            (node.clone(), selection.clone(), drawing.clone(), note_at.clone(), text.clone());
        Callback::from(move |e: PointerEvent| {
            let Tool::Mark(kind) = tool else { return };
            let Some(el) = node.cast::<web_sys::Element>() else { return };
            e.prevent_default();
            let _ = el.set_pointer_capture(e.pointer_id());
            let p = point_of(&el, &e);
            match kind {
                AnnotationKind::Highlight | AnnotationKind::Underline => {
                    if let Some(i) = text.as_ref().and_then(|t| annotate::word_at(t, p)) {
                        selection.set(Some((i, i)));
                    }
                }
                AnnotationKind::Ink => drawing.set(Some(vec![p])),
                AnnotationKind::Note => note_at.set(Some(p)),
            }
        })
    };
    let on_move = {
        let (node, selection, drawing, text) = (node.clone(), selection.clone(), drawing.clone(), text.clone());
        Callback::from(move |e: PointerEvent| {
            let Some(el) = node.cast::<web_sys::Element>() else { return };
            let p = point_of(&el, &e);
            if let Some((start, _)) = *selection
                && let Some(i) = text.as_ref().and_then(|t| annotate::word_at(t, p))
                && Some((start, i)) != *selection
            {
                selection.set(Some((start, i)));
            }
            if let Some(stroke) = &*drawing {
                let far = stroke.last().is_none_or(|q| (q.x - p.x).abs() + (q.y - p.y).abs() > INK_STEP);
                if far {
                    let mut next = stroke.clone();
                    next.push(p);
                    drawing.set(Some(next));
                }
            }
        })
    };
    let on_up = {
        let (selection, drawing, strokes, text, make) =
            (selection.clone(), drawing.clone(), strokes.clone(), text.clone(), props.make.clone());
        Callback::from(move |_: PointerEvent| {
            if let (Some((a, b)), Some(t), Tool::Mark(kind)) = (*selection, text.as_ref(), tool) {
                let (start, len) = annotate::span(a, b);
                make.emit((kind, annotate::words_anchor(t, start, len), String::new()));
                selection.set(None);
            }
            if let Some(stroke) = &*drawing {
                if stroke.len() >= 2 {
                    let mut all = (*strokes).clone();
                    all.push(stroke.clone());
                    strokes.set(all);
                }
                drawing.set(None);
            }
        })
    };
    let save_ink = {
        let (strokes, text, make) = (strokes.clone(), text.clone(), props.make.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(t) = text.as_ref()
                && !strokes.is_empty()
            {
                make.emit((AnnotationKind::Ink, annotate::ink_anchor(t, (*strokes).clone()), String::new()));
                strokes.set(Vec::new());
            }
        })
    };
    let clear_ink = {
        let strokes = strokes.clone();
        Callback::from(move |_: MouseEvent| strokes.set(Vec::new()))
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
        Callback::from(move |e: InputEvent| note_text.set(e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value()))
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
                let rects: Html = a.anchor.rects.iter().enumerate().map(|(i, r)| rect_svg(r, &hex, underline, format!("{id}-{i}"))).collect();
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
    if let (Some((a, b)), Some(t)) = (*selection, text.as_ref()) {
        let (start, len) = annotate::span(a, b);
        let underline = props.tool == Tool::Mark(AnnotationKind::Underline);
        for (i, r) in annotate::line_boxes(t, start, len).iter().enumerate() {
            shapes.push(html! { <g key={format!("sel-{i}")} class="annot-selecting">{ rect_svg(r, &hex, underline, format!("s{i}")) }</g> });
        }
    }
    let drafts = strokes.iter().chain(drawing.as_ref()).enumerate().map(|(i, s)| html! {
        <polyline key={format!("draft-{i}")} class="ink-draft" points={path_of(s)} fill="none" stroke={hex.clone()}
                  stroke-width="2.5" vector-effect="non-scaling-stroke" stroke-linecap="round" />
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
            if !strokes.is_empty() {
                <div class="ink-actions">
                    <button id="ink-save" class="btn btn-small btn-primary" onclick={save_ink}>{ tr.t(T::SaveInk) }</button>
                    <button id="ink-clear" class="btn btn-small" onclick={clear_ink}>{ tr.t(T::ClearInk) }</button>
                </div>
            }
        </>
    }
}
