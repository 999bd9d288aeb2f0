//! Calling a number from anywhere in the panel: in embed mode the embedding page is asked to
//! dial (`scrm:dial`), otherwise a `tel:` link hands the number to the OS's softphone; and the
//! call pop-up opens on the number. The pop-up belongs to the call feature, so the app hands
//! its opener down as a context ([`CallOpener`]) and widgets never import a feature.

use leptos::prelude::*;

use crate::core::embed::Outbound;
use crate::platform::host_page;
use crate::platform::session::Session;

/// Opens the call pop-up on a number (provided by the app next to the pop-up's state).
#[derive(Clone, Copy)]
pub struct CallOpener(pub Callback<String>);

/// Opens the pop-up on `phone`, when the app provides an opener.
pub fn open_pop_up(phone: &str) {
    if let Some(CallOpener(open)) = use_context::<CallOpener>() {
        open.run(phone.to_owned());
    }
}

/// In embed mode, asks the embedding page to dial `phone` (digits). Answers whether the page
/// was asked; when it was not, the caller's `tel:` link does the dialling.
pub fn ask_host(session: &Session, phone: &str) -> bool {
    session.embed.get_untracked()
        && host_page::post(
            &session.config,
            &Outbound::Dial {
                phone: phone.to_owned(),
            },
        )
}
