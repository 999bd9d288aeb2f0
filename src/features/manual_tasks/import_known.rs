//! Which rows of an import the panel would skip, and why: a phone that
//! repeats an earlier row of the file, or one that is already known (a
//! customer, a manual entry, a clinic customer, as the call pop-up's
//! look-up answers). Each number is looked up once however many rows hold
//! it; what was found is kept by number, so a changed column mapping asks
//! only about numbers not seen yet. No browser here: tested natively.

use std::collections::{HashMap, HashSet};

use crate::core::known_phone::Known;

/// What the look-ups found so far: per number (digits), every place it is
/// known (empty: looked up, known nowhere). A number missing was not looked
/// up yet, or its look-up failed.
pub type Found = HashMap<String, Vec<Known>>;

/// The numbers still to look up among `phones` (per row, as
/// [`crate::features::manual_tasks::import_rows::Repeats`] keeps them), in
/// file order, each once.
pub fn to_look_up(phones: &[Option<String>], found: &Found) -> Vec<String> {
    let mut seen = HashSet::new();
    phones
        .iter()
        .flatten()
        .filter(|p| !found.contains_key(*p) && seen.insert(p.as_str()))
        .cloned()
        .collect()
}

/// What the user chose to skip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SkipChoice {
    pub repeats: bool,
    pub known: bool,
}

/// Why a row is skipped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skip<'a> {
    /// Its phone repeats the row at this line.
    Repeat(u64),
    /// Its phone is known in these places.
    Known(&'a [Known]),
}

/// Why row `i` is noted in the preview, skipped or not: its phone repeats
/// an earlier row (said only while repeats are skipped, as the row is
/// imported otherwise), else the places its phone is known.
pub fn note<'a>(
    i: usize,
    repeat_of: &[Option<u64>],
    phones: &[Option<String>],
    found: &'a Found,
    skip: SkipChoice,
) -> Option<Skip<'a>> {
    if let Some(line) = repeat_of.get(i).copied().flatten().filter(|_| skip.repeats) {
        return Some(Skip::Repeat(line));
    }
    let phone = phones.get(i)?.as_ref()?;
    found
        .get(phone)
        .filter(|k| !k.is_empty())
        .map(|k| Skip::Known(k))
}

/// Whether row `i` is skipped under `skip`.
pub fn skipped(
    i: usize,
    repeat_of: &[Option<u64>],
    phones: &[Option<String>],
    found: &Found,
    skip: SkipChoice,
) -> bool {
    match note(i, repeat_of, phones, found, skip) {
        Some(Skip::Repeat(_)) => true,
        Some(Skip::Known(_)) => skip.known,
        None => false,
    }
}

/// Per row, whether it is skipped: what an import run takes with it.
pub fn skipped_rows(
    repeat_of: &[Option<u64>],
    phones: &[Option<String>],
    found: &Found,
    skip: SkipChoice,
) -> Vec<bool> {
    (0..phones.len().max(repeat_of.len()))
        .map(|i| skipped(i, repeat_of, phones, found, skip))
        .collect()
}

/// How many rows hold a number already known (whether or not they are
/// skipped); a repeat of a known number counts too, as it is the same person.
pub fn known_rows(phones: &[Option<String>], found: &Found) -> usize {
    phones
        .iter()
        .flatten()
        .filter(|p| found.get(*p).is_some_and(|k| !k.is_empty()))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phones(v: &[&str]) -> Vec<Option<String>> {
        v.iter()
            .map(|p| (!p.is_empty()).then(|| (*p).to_owned()))
            .collect()
    }

    fn customer(name: &str) -> Known {
        Known::Customer {
            name: name.into(),
            edit: None,
        }
    }

    #[test]
    fn each_number_not_yet_looked_up_is_asked_once_in_file_order() {
        let rows = phones(&[
            "13900000002",
            "",
            "13900000001",
            "13900000002",
            "13900000003",
        ]);
        let mut found = Found::new();
        assert_eq!(
            to_look_up(&rows, &found),
            ["13900000002", "13900000001", "13900000003"]
        );
        found.insert("13900000001".into(), vec![]);
        found.insert("13900000002".into(), vec![customer("张三")]);
        assert_eq!(to_look_up(&rows, &found), ["13900000003"]);
    }

    #[test]
    fn known_numbers_and_repeats_are_skipped_as_the_user_chose() {
        // Rows: new, known, a repeat of the known row, refused, new.
        let rows = phones(&[
            "13900000001",
            "13800000001",
            "13800000001",
            "",
            "13900000002",
        ]);
        let repeat_of = [None, None, Some(3), None, None];
        let mut found = Found::new();
        found.insert("13900000001".into(), vec![]);
        found.insert("13800000001".into(), vec![customer("张三")]);
        let both = SkipChoice {
            repeats: true,
            known: true,
        };
        assert_eq!(
            skipped_rows(&repeat_of, &rows, &found, both),
            [false, true, true, false, false]
        );
        assert_eq!(
            note(2, &repeat_of, &rows, &found, both),
            Some(Skip::Repeat(3))
        );
        let known = [customer("张三")];
        assert_eq!(
            note(1, &repeat_of, &rows, &found, both),
            Some(Skip::Known(&known))
        );
        assert_eq!(note(0, &repeat_of, &rows, &found, both), None);
        assert_eq!(note(3, &repeat_of, &rows, &found, both), None);
        assert_eq!(known_rows(&rows, &found), 2);

        // Repeats kept: the repeat is still a known person, skipped as such.
        // Known people kept: only the repeat is skipped, and the known row
        // still says who it is.
        for (repeats, skipped, (row, said)) in [
            (
                false,
                [false, true, true, false, false],
                (2, Skip::Known(&known)),
            ),
            (
                true,
                [false, false, true, false, false],
                (1, Skip::Known(&known)),
            ),
        ] {
            let skip = SkipChoice {
                repeats,
                known: !repeats,
            };
            assert_eq!(skipped_rows(&repeat_of, &rows, &found, skip), skipped);
            assert_eq!(note(row, &repeat_of, &rows, &found, skip), Some(said));
        }
        let neither = SkipChoice {
            repeats: false,
            known: false,
        };
        assert!(!skipped_rows(&repeat_of, &rows, &found, neither).contains(&true));
    }

    #[test]
    fn a_number_not_looked_up_is_not_skipped() {
        let rows = phones(&["13800000001"]);
        let skip = SkipChoice {
            repeats: true,
            known: true,
        };
        assert_eq!(skipped_rows(&[None], &rows, &Found::new(), skip), [false]);
        assert_eq!(known_rows(&rows, &Found::new()), 0);
    }
}
