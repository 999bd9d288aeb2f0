//! Input rules shared by the panel (to explain a problem before sending) and
//! the reference server (to refuse what the vendor's server would refuse).
//! A rule failure is data — field plus [`Problem`] — and becomes words only
//! through [`FieldError::message`], in the language the panel is showing.

mod messages;
mod phone;
mod rules;

use std::fmt;

pub use messages::field_label;
pub use phone::{normalize_mainland_mobile, normalize_phone, PhoneError};
pub use rules::{
    add_manual_task_before_add_friend_server_msg, add_manual_task_server_msg, is_ymd, limits,
};

/// The panel's languages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    ZhCn,
    ZhTw,
    En,
}

/// What is wrong with a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Required,
    /// Longer than `max` characters (Unicode scalar values, as people count).
    TooLong {
        max: usize,
    },
    Phone(PhoneError),
    /// Not `1..=max` ASCII digits.
    NotDigits {
        max: usize,
    },
    /// Not a real `YYYY-MM-DD` calendar date.
    InvalidDate,
    /// Not one of the documented codes.
    NotOneOf,
    /// Only allowed with appointment type 1 (surgery).
    OnlyForSurgery,
    /// An end time before its start time.
    BeforeStart,
    /// This field or `other` must be given.
    EitherRequired {
        other: &'static str,
    },
    /// A number outside `min..=max`.
    OutOfRange {
        min: i64,
        max: i64,
    },
}

/// One failed rule, named by the field's wire name (`customerPhone`), so the
/// panel can put the message next to the right input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: &'static str, problem: Problem) -> Self {
        FieldError { field, problem }
    }

    pub fn message(&self, lang: Lang) -> String {
        messages::message(self, lang)
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for FieldError {}

/// All messages of a failed validation, joined for a one-line notice.
pub fn join_messages(errors: &[FieldError], lang: Lang) -> String {
    join_where(errors, lang, |_| true)
}

/// The messages about one field, joined as [`join_messages`] does: what a
/// form shows next to that field (empty when it has none).
pub fn field_messages(errors: &[FieldError], field: &str, lang: Lang) -> String {
    join_where(errors, lang, |e| e.field == field)
}

fn join_where(errors: &[FieldError], lang: Lang, keep: impl Fn(&FieldError) -> bool) -> String {
    let sep = if lang == Lang::En { "; " } else { "；" };
    errors
        .iter()
        .filter(|e| keep(e))
        .map(|e| e.message(lang))
        .collect::<Vec<_>>()
        .join(sep)
}
