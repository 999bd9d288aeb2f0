//! The page sizes every paged list offers (customers, manual entries), so
//! the pager and each list's URL reading agree on one set.

/// The page sizes the pager offers; a list reading another size from its URL
/// falls back to its own default.
pub const PAGE_SIZES: [i64; 5] = [10, 20, 50, 100, 200];

/// The page to show instead of `page` when it lies past the last of `pages`
/// (an old link, a list that shrank, `?page=999` typed by hand): the last
/// page, so the user sees rows rather than "999 / 6" over an empty table.
/// `None` when `page` is fine or nothing matches at all.
pub fn past_the_end(page: i64, count: i64, pages: i64) -> Option<i64> {
    (count > 0 && page > pages).then_some(pages.max(1))
}

#[cfg(test)]
mod tests {
    use super::past_the_end;

    #[test]
    fn only_a_page_past_the_last_moves_to_the_last() {
        assert_eq!(past_the_end(999, 60, 6), Some(6));
        assert_eq!(past_the_end(7, 60, 6), Some(6));
        assert_eq!(past_the_end(6, 60, 6), None);
        assert_eq!(past_the_end(1, 60, 6), None);
        assert_eq!(past_the_end(5, 0, 1), None, "nothing matches: stay");
    }
}
