//! Embed mode's navigation: a side panel has no room for the sidebar, so the top bar has a
//! menu button that shows the same entries as a small list.

use leptos::prelude::*;

use crate::app::nav_links::NavLinks;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::tr::tr;
use crate::ui::icon::glyph;
use crate::ui::menu::Menu;

#[component]
pub fn EmbedMenu() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Menu id="embed-menu" class="embed-menu" glyph=glyph::MENU
            label=tr(i18n, |i| t_string!(i, nav_menu))>
            <nav aria-label=tr(i18n, |i| t_string!(i, nav_main))>
                <ul>
                    <NavLinks/>
                </ul>
            </nav>
        </Menu>
    }
}
