//! Data tables: a labelled table in a scroller whose header stays in view, rows that light up
//! under the pointer, a compact density for long lists, and cards of labelled lines on phones
//! (`stack`, with `data-label` on the cells). A `lead` column before the others holds
//! what acts on the rows themselves (the customer list's checkboxes): its header is a
//! control, not a title, and its cells are narrow. [`RowActions`] shows a row's first two actions
//! as icons with words and folds the rest into a "more" menu, so a row never grows a toolbar.

use leptos::prelude::*;

use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::tr::tr;
use crate::ui::icon::{glyph, Glyph, Icon};
use crate::ui::menu::{Menu, Opener};

/// How many of a row's actions are shown before the rest fold into "more".
const SHOWN: usize = 2;

#[component]
pub fn Table(
    #[prop(into)] id: String,
    /// What the table lists (read by screen readers, not shown).
    #[prop(into)]
    caption: TextProp,
    /// The column headers, in order.
    columns: Vec<TextProp>,
    /// A first column whose header is this control (select the page); each
    /// row then starts with its own `<td class="lead">`.
    #[prop(optional)]
    lead: Option<AnyView>,
    /// Less padding: long lists people scan.
    #[prop(optional)]
    compact: bool,
    /// Each row a card of labelled lines at phone widths (cells carry `data-label`).
    #[prop(optional)]
    stack: bool,
    /// A newer answer is on its way: the rows shown are dimmed.
    #[prop(into, optional)]
    busy: Signal<bool>,
    /// The body rows.
    children: Children,
) -> impl IntoView {
    let class = format!(
        "table{}{}",
        if compact { " compact" } else { "" },
        if stack { " stack-on-mobile" } else { "" }
    );
    view! {
        <div class="table-wrap sticky-head">
            <table id=id class=class aria-busy=move || busy.get().to_string()>
                <caption class="visually-hidden">{move || caption.get()}</caption>
                <thead>
                    <tr>
                        {lead.map(|l| view! { <th scope="col" class="lead">{l}</th> })}
                        {columns.into_iter().map(|c| view! { <th scope="col">{move || c.get()}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}

/// What a row action does.
#[derive(Clone)]
pub enum Act {
    /// Goes to an in-app address (already under the base path).
    Link(String),
    /// Runs here (opens a dialog, for instance).
    Run(Callback<()>),
}

/// One action of a row.
#[derive(Clone)]
pub struct RowAction {
    pub label: TextProp,
    pub glyph: Glyph,
    /// A class naming the action, for styles and tests (`row-edit`).
    pub class: &'static str,
    pub act: Act,
    /// Destroys data: drawn in the danger colour.
    pub danger: bool,
}

impl RowAction {
    pub fn link(
        label: impl Into<TextProp>,
        glyph: Glyph,
        class: &'static str,
        href: String,
    ) -> Self {
        RowAction {
            label: label.into(),
            glyph,
            class,
            act: Act::Link(href),
            danger: false,
        }
    }

    pub fn run(
        label: impl Into<TextProp>,
        glyph: Glyph,
        class: &'static str,
        run: Callback<()>,
    ) -> Self {
        RowAction {
            label: label.into(),
            glyph,
            class,
            act: Act::Run(run),
            danger: false,
        }
    }

    pub fn danger(self) -> Self {
        RowAction {
            danger: true,
            ..self
        }
    }
}

/// A row's actions: the first two as icons with words, the rest in a "more" menu.
#[component]
pub fn RowActions(
    /// Unique on the page (the row's id): the menu is `{id}-more`.
    #[prop(into)]
    id: String,
    actions: Vec<RowAction>,
) -> impl IntoView {
    let i18n = use_i18n();
    let mut shown = actions;
    let rest = if shown.len() > SHOWN {
        shown.split_off(SHOWN)
    } else {
        Vec::new()
    };
    let more = (!rest.is_empty()).then(|| {
        view! {
            <Menu id=format!("{id}-more") label=tr(i18n, |i| t_string!(i, ui_more_actions))
                glyph=glyph::MORE opener=Opener::IconOnly class="menu-end row-more">
                {rest.iter().cloned().map(action).collect_view()}
            </Menu>
        }
    });
    view! {
        <div class="row-actions">
            {shown.into_iter().map(action).collect_view()}
            {more}
        </div>
    }
}

/// One action as a link or a button with its icon and words.
fn action(a: RowAction) -> AnyView {
    let class = format!(
        "btn text small {}{}",
        a.class,
        if a.danger { " danger" } else { "" }
    );
    let label = a.label;
    match a.act {
        Act::Link(href) => view! {
            <a class=class href=href><Icon glyph=a.glyph/><span>{move || label.get()}</span></a>
        }
        .into_any(),
        Act::Run(run) => view! {
            <button type="button" class=class on:click=move |_| run.run(())>
                <Icon glyph=a.glyph/><span>{move || label.get()}</span>
            </button>
        }
        .into_any(),
    }
}
