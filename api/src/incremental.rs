//! Incremental appointment lists (placeholder; filled in step 4).
