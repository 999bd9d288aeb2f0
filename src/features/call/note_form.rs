//! The note added to the remarks without leaving the pop-up. The typed text lives in the
//! app-wide state, not in the field, so no answer arriving meanwhile, no redraw of the card
//! and no retry can wipe it.

use leptos::prelude::*;

use crate::features::call::result::I18n;
use crate::features::call::state::{use_call_pop, NoteState};
use crate::platform::i18n::t_string;
use crate::ui::button::{Button, Variant};
use crate::ui::error_view::describe;

/// A note added to the remarks without leaving the pop-up: saved or failed said in words,
/// and what was typed kept when it failed.
pub fn note_form(i18n: I18n) -> impl IntoView {
    let pop = use_call_pop();
    let saving = Signal::derive(move || pop.note_state.get() == NoteState::Saving);
    let said = move || {
        match pop.note_state.get() {
        NoteState::Idle | NoteState::Saving => None,
        NoteState::Saved => Some(view! {
            <span class="form-ok">{t_string!(i18n, call_note_saved)}</span>
        }.into_any()),
        NoteState::Empty => Some(view! {
            <span class="form-error">{t_string!(i18n, call_note_empty)}</span>
        }.into_any()),
        NoteState::Failed(e) => Some(view! {
            <span class="form-error">{format!("{} {}", t_string!(i18n, call_note_failed), describe(i18n, &e))}</span>
        }.into_any()),
    }
    };
    view! {
        <div class="call-note" role="group" aria-labelledby="call-note-label">
            <label id="call-note-label" for="call-note-input">{t_string!(i18n, call_note_label)}</label>
            <textarea id="call-note-input" rows="2" aria-describedby="call-note-said"
                bind:value=pop.note
                on:input=move |_| {
                    if !matches!(pop.note_state.get_untracked(), NoteState::Saving | NoteState::Failed(_)) {
                        pop.note_state.set(NoteState::Idle);
                    }
                }></textarea>
            <div class="call-note-foot">
                <Button variant=Variant::Primary small=true loading=saving attr:id="call-note-save"
                    on:click=move |_| pop.save_note()>
                    {t_string!(i18n, call_note_save)}
                </Button>
                <span id="call-note-said" role="status">{said}</span>
            </div>
        </div>
    }
}
