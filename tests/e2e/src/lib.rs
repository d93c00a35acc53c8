//! End-to-end scenarios across processes live in `tests/`; this library is empty.
