//! Start-up milestones as `performance.mark` entries ("ecab:…"), read by the start-up
//! benchmark (bench/desktop-start) and visible in any browser's performance panel.

/// Records a named milestone on the page's clock; free when nobody looks.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}
