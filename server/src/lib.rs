//! Reference API server.
