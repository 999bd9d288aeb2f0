//! Icons: Lucide's drawings (MIT) through `leptos_icons`, inline SVG so they take the text
//! colour and scale with the font, never an icon font. Only the glyphs re-exported in
//! [`glyph`] are linked into the wasm, so adding one here is the whole cost of using it.
//!
//! An icon is always decoration: the control beside it carries the words (a visible label or
//! an `aria-label`), so the drawing is hidden from screen readers.

use leptos::prelude::*;

/// One of the glyphs below.
pub type Glyph = icondata_core::Icon;

/// The glyphs the panel uses, named for what they mean here rather than for their shape.
pub mod glyph {
    pub use icondata_lu::{
        LuCalendarSearch as GO_TO_DATE, LuChevronDown as MORE_DOWN, LuChevronDown as NEXT,
        LuChevronUp as PREVIOUS, LuCopy as COPY, LuDownload as DOWNLOAD, LuEllipsis as MORE,
        LuFunnel as FILTER, LuLoaderCircle as LOADING, LuMapPin as LOCATION, LuMenu as MENU,
        LuMessageSquare as CHAT, LuPencil as EDIT, LuPhone as PHONE, LuPhoneCall as CALL,
        LuPlus as ADD, LuSearch as SEARCH, LuStar as STAR, LuTrash2 as DELETE, LuUser as PERSON,
        LuUsers as PEOPLE, LuX as CLOSE,
    };
}

#[component]
pub fn Icon(glyph: Glyph) -> impl IntoView {
    view! {
        <span class="icon" aria-hidden="true">
            <leptos_icons::Icon icon=glyph/>
        </span>
    }
}
