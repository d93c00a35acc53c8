//! Start-up milestones as `performance.mark` entries ("ecab:…"), read by the start-up
//! benchmark (bench/desktop-start) and visible in any browser's performance panel.

/// Records a named milestone on the page's clock, the first time only: later reloads of
/// the same data do not pile entries up in the page's performance timeline.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance())
        && performance.get_entries_by_name(name).length() == 0
    {
        let _ = performance.mark(name);
    }
}
