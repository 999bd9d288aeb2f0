//! One chat message as the reader sees it. Everything from the server is put
//! in the DOM as text; links and media only for http(s) URLs.

use leptos::html;
use leptos::prelude::*;
use scrm_api::chat::{ChatMessage, Direction, MessageKind};

use crate::features::chat::content::{
    duration, file_size, highlight, is_http_url, linkify, map_url, media_url, Segment,
};
use crate::features::chat::history::clock;
use crate::platform::dom::wrap_tab;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::tr::tr;
use crate::ui::button::Button;
use crate::ui::icon::glyph;

/// Text with the search term marked; never parsed as HTML.
#[component]
pub fn Marked(#[prop(into)] text: String, needle: Signal<String>) -> impl IntoView {
    move || {
        needle.with(|n| {
            highlight(&text, n)
                .into_iter()
                .map(|(part, hit)| {
                    let part = part.to_owned();
                    if hit {
                        view! { <mark class="hit">{part}</mark> }.into_any()
                    } else {
                        part.into_any()
                    }
                })
                .collect_view()
        })
    }
}

/// Message text with http(s) links made clickable.
#[component]
fn RichText(text: String, needle: Signal<String>) -> impl IntoView {
    linkify(&text)
        .into_iter()
        .map(|seg| match seg {
            Segment::Text(s) => view! { <Marked text=s.to_owned() needle=needle/> }.into_any(),
            Segment::Link(url) => {
                let url = url.to_owned();
                let href = url.clone();
                view! {
                    <a href=href target="_blank" rel="noopener noreferrer">
                        <Marked text=url needle=needle/>
                    </a>
                }
                .into_any()
            }
        })
        .collect_view()
}

/// Only absolute http(s) addresses: what links such as a link card's
/// article use.
fn http(url: &Option<String>) -> Option<String> {
    url.as_deref()
        .filter(|u| is_http_url(u))
        .map(|u| u.trim().to_owned())
}

/// Where relative media paths point (see [`media_url`]): the API base made
/// absolute, provided by the conversation view.
#[derive(Clone)]
pub struct MediaBase(pub String);

/// A media field's address: absolute http(s), or a root-relative path
/// resolved against the API base; anything else is not loaded.
fn media(url: &Option<String>) -> Option<String> {
    let base = use_context::<MediaBase>().map(|b| b.0).unwrap_or_default();
    url.as_deref().and_then(|u| media_url(u, &base))
}

/// A lazily loaded thumbnail that opens the full picture in a modal
/// `<dialog>`: the browser keeps focus inside it and closes it on Esc;
/// focus then goes back to the thumbnail.
#[component]
fn Thumb(thumb: Option<String>, full: Option<String>, alt: String) -> impl IntoView {
    let large = RwSignal::new(false);
    let i18n = use_i18n();
    let Some(src) = thumb.clone().or_else(|| full.clone()) else {
        return view! { <span class="msg-media-missing">{alt}</span> }.into_any();
    };
    let full = full.unwrap_or_else(|| src.clone());
    let opener = NodeRef::<html::Button>::new();
    let dialog = NodeRef::<html::Dialog>::new();
    // The dialog exists only while open; show it modally once it is mounted.
    Effect::new(move |_| {
        if let Some(d) = dialog.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
        }
    });
    let closed = move || {
        large.set(false);
        if let Some(b) = opener.get_untracked() {
            let _ = b.focus();
        }
    };
    let close_alt = alt.clone();
    view! {
        <button type="button" class="msg-thumb" node_ref=opener aria-haspopup="dialog"
            aria-label=t_string!(i18n, chat_view_larger) on:click=move |_| large.set(true)>
            <img src=src alt=alt.clone() loading="lazy" width="120" height="90"/>
        </button>
        <Show when=move || large.get()>
            <dialog class="msg-image-dialog" node_ref=dialog aria-label=close_alt.clone()
                on:close=move |_| closed()
                on:keydown=move |ev: leptos::ev::KeyboardEvent| { if let Some(d) = dialog.get_untracked() { wrap_tab(&d, &ev) } }
                on:click=move |ev: leptos::ev::MouseEvent| {
                    // A click on the backdrop lands on the dialog itself.
                    let on_backdrop = ev.target().zip(dialog.get_untracked()).is_some_and(|(t, d)| {
                        let d: &web_sys::EventTarget = d.as_ref();
                        &t == d
                    });
                    if on_backdrop {
                        if let Some(d) = dialog.get_untracked() { d.close(); }
                    }
                }>
                <img class="msg-image-large" src=full.clone() alt=close_alt.clone()/>
                <Button icon=glyph::CLOSE class="msg-image-close" attr:autofocus=true
                    on:click=move |_| { if let Some(d) = dialog.get_untracked() { d.close(); } }>
                    {tr(i18n, |i| t_string!(i, close))}
                </Button>
            </dialog>
        </Show>
    }
    .into_any()
}

fn body(m: ChatMessage, needle: Signal<String>) -> AnyView {
    let i18n = use_i18n();
    let content = m.content.clone().unwrap_or_default();
    match m.kind() {
        MessageKind::Text => view! { <RichText text=content needle=needle/> }.into_any(),
        MessageKind::Image => {
            let alt = t_string!(i18n, chat_image).to_string();
            view! { <Thumb thumb=media(&m.thumb_url) full=media(&m.media_url) alt=alt/> }.into_any()
        }
        MessageKind::Emoji => {
            let alt = t_string!(i18n, chat_emoji).to_string();
            view! { <Thumb thumb=media(&m.media_url) full=None alt=alt/> }.into_any()
        }
        MessageKind::Voice { duration_sec } => {
            let src = media(&m.media_url);
            view! {
                <span class="voice-info">{tr(i18n, |i| t_string!(i, chat_voice))} " " {duration_sec.map(duration)}</span>
                {src.map(|s| view! { <audio controls preload="none" src=s></audio> })}
            }
            .into_any()
        }
        MessageKind::Video { duration_sec } => {
            let alt = t_string!(i18n, chat_video).to_string();
            let video = media(&m.media_url);
            let poster = media(&m.thumb_url);
            view! {
                <span class="video-info">{tr(i18n, |i| t_string!(i, chat_video))} " " {duration_sec.map(duration)}</span>
                {poster.map(|src| view! { <img src=src alt=alt loading="lazy" width="120" height="90"/> })}
                {video.map(|href| view! {
                    <a href=href target="_blank" rel="noopener noreferrer">{tr(i18n, |i| t_string!(i, chat_open))}</a>
                })}
            }
            .into_any()
        }
        MessageKind::Link | MessageKind::MiniProgram => {
            let mini = matches!(m.kind(), MessageKind::MiniProgram);
            let title = m.title.clone().unwrap_or_default();
            let desc = m.description.clone().unwrap_or_default();
            let label = if mini {
                t_string!(i18n, chat_mini_program)
            } else {
                t_string!(i18n, chat_link)
            };
            let inner = view! {
                <strong class="card-title"><Marked text=title needle=needle/></strong>
                <span class="card-desc"><Marked text=desc needle=needle/></span>
                <span class="card-kind">{label}</span>
            };
            match http(&m.url) {
                Some(href) => view! {
                    <a class="msg-card" href=href target="_blank" rel="noopener noreferrer">{inner}</a>
                }
                .into_any(),
                None => view! { <div class="msg-card">{inner}</div> }.into_any(),
            }
        }
        MessageKind::File { name, size } => {
            let name = name.unwrap_or_default();
            let inner = view! {
                <span class="card-kind">{tr(i18n, |i| t_string!(i, chat_file))}</span>
                <strong class="file-name"><Marked text=name needle=needle/></strong>
                <span class="file-size">{size.map(file_size)}</span>
            };
            match media(&m.media_url) {
                Some(href) => view! {
                    <a class="msg-card msg-file" href=href target="_blank" rel="noopener noreferrer">{inner}</a>
                }
                .into_any(),
                None => view! { <div class="msg-card msg-file">{inner}</div> }.into_any(),
            }
        }
        MessageKind::ContactCard {
            name,
            wechat_id,
            avatar,
        } => {
            let avatar = media(&avatar);
            view! {
                <div class="msg-card msg-contact-card">
                    <span class="contact-card-person">
                        {match avatar {
                            Some(src) => view! {
                                <img class="avatar" src=src alt="" width="32" height="32" loading="lazy"
                                    referrerpolicy="no-referrer"/>
                            }.into_any(),
                            None => view! { <span class="avatar" aria-hidden="true"></span> }.into_any(),
                        }}
                        <strong class="contact-card-name"><Marked text=name.unwrap_or_default() needle=needle/></strong>
                    </span>
                    {wechat_id.map(|id| view! {
                        <span class="contact-card-id">
                            {tr(i18n, |i| t_string!(i, chat_wechat_id))} " " <Marked text=id needle=needle/>
                        </span>
                    })}
                    <span class="card-kind">{tr(i18n, |i| t_string!(i, chat_contact_card))}</span>
                </div>
            }
            .into_any()
        }
        MessageKind::Location { place, address, at } => {
            let place = place.unwrap_or_default();
            let map = at.map(|at| map_url(&at, &place));
            view! {
                <div class="msg-card msg-location">
                    <strong class="location-place"><Marked text=place needle=needle/></strong>
                    <span class="location-address"><Marked text=address.unwrap_or_default() needle=needle/></span>
                    <span class="card-kind">
                        {tr(i18n, |i| t_string!(i, chat_location))}
                        {map.map(|href| view! {
                            " · "
                            <a class="location-map" href=href target="_blank" rel="noopener noreferrer">
                                {tr(i18n, |i| t_string!(i, chat_open_map))}
                            </a>
                        })}
                    </span>
                </div>
            }
            .into_any()
        }
        MessageKind::System | MessageKind::Recalled => {
            view! { <Marked text=content needle=needle/> }.into_any()
        }
        MessageKind::Unsupported(code) => {
            format!("{} ({code})", t_string!(i18n, chat_unsupported)).into_any()
        }
    }
}

fn kind_class(kind: &MessageKind) -> &'static str {
    match kind {
        MessageKind::Text => "text",
        MessageKind::Image => "image",
        MessageKind::Voice { .. } => "voice",
        MessageKind::Video { .. } => "video",
        MessageKind::Emoji => "emoji",
        MessageKind::Link => "link",
        MessageKind::File { .. } => "file",
        MessageKind::MiniProgram => "mini-program",
        MessageKind::ContactCard { .. } => "contact-card",
        MessageKind::Location { .. } => "location",
        MessageKind::System => "system",
        MessageKind::Recalled => "recalled",
        MessageKind::Unsupported(_) => "unsupported",
    }
}

/// A message row: the day separator when a new day starts, then the bubble
/// (or a centred notice for system and recalled messages).
#[component]
pub fn MessageRow(
    key: String,
    msg: ChatMessage,
    day: Option<String>,
    needle: Signal<String>,
    current: Signal<bool>,
    /// The customer's display name from the URL; "Customer" when absent.
    customer: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let kind = msg.kind();
    let time = clock(&msg).map(str::to_owned);
    let full_time = msg.create_time.as_ref().map(|t| t.display().to_owned());
    let notice = matches!(kind, MessageKind::System | MessageKind::Recalled);
    let sent = msg.direction() == Direction::Sent;
    let side = if notice {
        "notice"
    } else if sent {
        "sent"
    } else {
        "received"
    };
    let class = format!("msg msg-{side} msg-{}", kind_class(&kind));
    let name = if sent {
        t_string!(i18n, chat_me).to_string()
    } else {
        customer.unwrap_or_else(|| t_string!(i18n, chat_customer).to_string())
    };
    let initial: String = name.chars().take(1).collect();
    let body = body(msg, needle);
    view! {
        <div class="msg-row" data-key=key>
            {day.map(|d| view! { <div class="chat-day" role="separator"><span>{d}</span></div> })}
            <div class=class class:current-hit=move || current.get()>
                {(!notice).then(|| view! { <span class="avatar" aria-hidden="true">{initial}</span> })}
                <div class="msg-main">
                    {(!notice).then(|| view! {
                        <div class="msg-meta">
                            <span class="msg-name">{name}</span>
                            " "
                            <time datetime=full_time.clone()>{time.clone()}</time>
                        </div>
                    })}
                    <div class="bubble">{body}</div>
                </div>
            </div>
        </div>
    }
}
