//! Exponential back-off, shared by the sync cycle and the outbox.

use chrono::TimeDelta;

/// The first retry waits this long; each failure doubles it, up to [`MAX_BACKOFF`].
pub const FIRST_BACKOFF: TimeDelta = TimeDelta::seconds(1);
pub const MAX_BACKOFF: TimeDelta = TimeDelta::seconds(60);

/// How long to wait before attempt `failures + 1`, after `failures` failures in a row.
pub fn backoff(failures: u32) -> TimeDelta {
    if failures == 0 {
        return TimeDelta::zero();
    }
    let factor = 1i32 << failures.saturating_sub(1).min(16);
    (FIRST_BACKOFF * factor).min(MAX_BACKOFF)
}
