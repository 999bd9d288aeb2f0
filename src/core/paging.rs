//! The page sizes every paged list offers (customers, manual entries), so
//! the pager and each list's URL reading agree on one set.

/// The page sizes the pager offers; a list reading another size from its URL
/// falls back to its own default.
pub const PAGE_SIZES: [i64; 4] = [10, 20, 50, 100];
