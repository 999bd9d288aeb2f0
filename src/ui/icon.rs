//! Icons: Lucide's drawings (MIT, from `icondata_lu`), inline SVG so they take the text colour
//! and scale with the font, never an icon font. Only the glyphs re-exported in [`glyph`] are
//! linked into the wasm, so adding one here is the whole cost of using it. The drawing is
//! written once as markup rather than through `leptos_icons`' reactive component: an icon never
//! changes, and the component's per-attribute builders cost more wasm than the drawings.
//!
//! An icon is always decoration: the control beside it carries the words (a visible label or
//! an `aria-label`), so the drawing is hidden from screen readers.

use leptos::prelude::*;

/// One of the glyphs below.
pub type Glyph = icondata_core::Icon;

/// The glyphs the panel uses, named for what they mean here rather than for their shape.
pub mod glyph {
    pub use icondata_lu::LuCalendarSearch as GO_TO_DATE;
    pub use icondata_lu::LuChevronDown as LATER;
    pub use icondata_lu::LuChevronDown as MORE_DOWN;
    pub use icondata_lu::LuChevronLeft as PREVIOUS;
    pub use icondata_lu::LuChevronRight as NEXT;
    pub use icondata_lu::LuChevronUp as EARLIER;
    pub use icondata_lu::LuCopy as COPY;
    pub use icondata_lu::LuDownload as DOWNLOAD;
    pub use icondata_lu::LuEllipsis as MORE;
    pub use icondata_lu::LuFunnel as FILTER;
    pub use icondata_lu::LuLoaderCircle as LOADING;
    pub use icondata_lu::LuLogOut as SIGN_OUT;
    pub use icondata_lu::LuMapPin as LOCATION;
    pub use icondata_lu::LuMenu as MENU;
    pub use icondata_lu::LuMessageSquare as CHAT;
    pub use icondata_lu::LuPencil as EDIT;
    pub use icondata_lu::LuPhone as PHONE;
    pub use icondata_lu::LuPhoneCall as CALL;
    pub use icondata_lu::LuPlus as ADD;
    pub use icondata_lu::LuRotateCw as RETRY;
    pub use icondata_lu::LuSearch as SEARCH;
    pub use icondata_lu::LuStar as STAR;
    pub use icondata_lu::LuTrash2 as DELETE;
    pub use icondata_lu::LuUser as PERSON;
    pub use icondata_lu::LuUsers as PEOPLE;
    pub use icondata_lu::LuX as CLOSE;
}

#[component]
pub fn Icon(glyph: Glyph) -> impl IntoView {
    view! { <span class="icon" aria-hidden="true" inner_html=markup(glyph)></span> }
}

/// The `<svg>` for a glyph: the panel's own constant data, never text from elsewhere.
fn markup(glyph: Glyph) -> String {
    let attrs = [
        ("viewBox", glyph.view_box),
        ("stroke-linecap", glyph.stroke_linecap),
        ("stroke-linejoin", glyph.stroke_linejoin),
        ("stroke-width", glyph.stroke_width),
        ("stroke", glyph.stroke),
        ("fill", glyph.fill.or(Some("currentColor"))),
        ("style", glyph.style),
    ];
    let mut svg = String::with_capacity(glyph.data.len() + 200);
    svg.push_str(r#"<svg xmlns="http://www.w3.org/2000/svg" focusable="false""#);
    for (name, value) in attrs {
        if let Some(value) = value {
            svg.push_str(&format!(r#" {name}="{value}""#));
        }
    }
    svg.push('>');
    svg.push_str(glyph.data);
    svg.push_str("</svg>");
    svg
}
