//! Which customers a bulk action works on. Either the ids ticked one by one
//! (on any page), or "everyone the filter matches" minus the ones unticked
//! since: the second is how a person says "all 2,000" without the panel
//! reading 2,000 ids first. Changing the filter empties it, as the old
//! choice described other people.

/// What is selected.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Selection {
    #[default]
    Nothing,
    /// Exactly these ids.
    Ids(Vec<i64>),
    /// Everyone the filter matched (`total` when chosen), except `except`.
    AllMatching { total: u64, except: Vec<i64> },
}

/// The page's header checkbox.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageCheck {
    None,
    /// Some rows of the page: drawn indeterminate.
    Some,
    All,
}

impl Selection {
    pub fn contains(&self, id: i64) -> bool {
        match self {
            Selection::Nothing => false,
            Selection::Ids(ids) => ids.contains(&id),
            Selection::AllMatching { except, .. } => !except.contains(&id),
        }
    }

    /// How many customers the action would touch.
    pub fn count(&self) -> u64 {
        match self {
            Selection::Nothing => 0,
            Selection::Ids(ids) => ids.len() as u64,
            Selection::AllMatching { total, except } => total.saturating_sub(except.len() as u64),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.count() == 0
    }

    pub fn is_all_matching(&self) -> bool {
        matches!(self, Selection::AllMatching { .. })
    }

    /// Ticks or unticks one row.
    pub fn set(&mut self, id: i64, on: bool) {
        match self {
            Selection::Nothing if on => *self = Selection::Ids(vec![id]),
            Selection::Nothing => {}
            Selection::Ids(ids) => {
                put(ids, id, on);
            }
            Selection::AllMatching { except, .. } => {
                put(except, id, !on);
            }
        }
        self.tidy();
    }

    /// The header checkbox: ticks or unticks every row of the page.
    pub fn set_page(&mut self, page: &[i64], on: bool) {
        for id in page {
            self.set(*id, on);
        }
    }

    /// Everyone the filter matches (`total` of them).
    pub fn select_all_matching(&mut self, total: u64) {
        *self = Selection::AllMatching {
            total,
            except: Vec::new(),
        };
        self.tidy();
    }

    pub fn clear(&mut self) {
        *self = Selection::Nothing;
    }

    /// The header checkbox's state for the ids on the page.
    pub fn page_check(&self, page: &[i64]) -> PageCheck {
        let on = page.iter().filter(|id| self.contains(**id)).count();
        match on {
            0 => PageCheck::None,
            n if n == page.len() => PageCheck::All,
            _ => PageCheck::Some,
        }
    }

    /// Drops customers that are gone (deleted here or elsewhere): they are
    /// not selected any more, and "all matching" counts them out.
    pub fn forget(&mut self, gone: &[i64]) {
        match self {
            Selection::Nothing => {}
            Selection::Ids(ids) => {
                ids.retain(|id| !gone.contains(id));
            }
            Selection::AllMatching { total, except } => {
                for id in gone {
                    // An unticked one that went was not counted anyway.
                    if except.contains(id) {
                        put(except, *id, false);
                    } else {
                        *total = total.saturating_sub(1);
                    }
                }
            }
        }
        self.tidy();
    }

    /// The ids to act on, given every id the filter matches now (read page
    /// by page for "all matching"; ignored for explicit ids).
    pub fn resolve(&self, matching: &[i64]) -> Vec<i64> {
        match self {
            Selection::Nothing => Vec::new(),
            Selection::Ids(ids) => ids.clone(),
            Selection::AllMatching { except, .. } => matching
                .iter()
                .copied()
                .filter(|id| !except.contains(id))
                .collect(),
        }
    }

    /// An empty choice is no choice: the selection bar goes.
    fn tidy(&mut self) {
        if self.count() == 0 {
            *self = Selection::Nothing;
        }
    }
}

/// Puts `id` in `ids` (once, in the order ticked) or takes it out. A list,
/// not a set: a selection is a page or a few, and the list's code is in
/// the first screen's wasm already, a tree's is not.
fn put(ids: &mut Vec<i64>, id: i64, on: bool) {
    let at = ids.iter().position(|x| *x == id);
    match (at, on) {
        (None, true) => ids.push(id),
        (Some(i), false) => {
            ids.remove(i);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticking_rows_counts_them_and_sets_the_header_checkbox() {
        let page = [1, 2, 3];
        let mut s = Selection::default();
        assert_eq!(s.page_check(&page), PageCheck::None);
        s.set(2, true);
        assert_eq!(s.count(), 1);
        assert_eq!(s.page_check(&page), PageCheck::Some);
        s.set_page(&page, true);
        assert_eq!(s.page_check(&page), PageCheck::All);
        assert_eq!(s.count(), 3);
        // Another page's rows stay selected when this page's are unticked.
        s.set(9, true);
        s.set(9, true);
        s.set_page(&page, false);
        assert_eq!(s.resolve(&[]), vec![9]);
        s.set(9, false);
        assert_eq!(s, Selection::Nothing, "nothing left: no selection");
    }

    #[test]
    fn all_matching_counts_the_total_less_the_unticked() {
        let mut s = Selection::default();
        s.select_all_matching(2000);
        assert_eq!(s.count(), 2000);
        assert!(s.contains(12345));
        s.set(7, false);
        assert_eq!(s.count(), 1999);
        assert_eq!(s.page_check(&[7, 8]), PageCheck::Some);
        assert_eq!(s.resolve(&[6, 7, 8]), vec![6, 8]);
        s.set(7, true);
        assert_eq!(s.count(), 2000);
        s.select_all_matching(0);
        assert_eq!(s, Selection::Nothing);
    }

    #[test]
    fn what_is_gone_leaves_the_selection() {
        let mut s = Selection::Ids(vec![1, 2, 3]);
        s.forget(&[2, 5]);
        assert_eq!(s.resolve(&[]), vec![1, 3]);
        let mut all = Selection::default();
        all.select_all_matching(10);
        all.set(4, false);
        all.forget(&[4, 5, 6]);
        assert_eq!(all.count(), 8, "5 and 6 gone; 4 was not counted");
        let mut one = Selection::Ids(vec![1]);
        one.forget(&[1]);
        assert!(one.is_empty());
    }
}
