//! Finding the pdfium shared library at start-up.

use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::PdfError;

/// Environment variable naming the pdfium library (a file, or a folder holding it).
pub const LIBRARY_ENV: &str = "ECAB_PDFIUM_LIBRARY";

/// The file name of the pdfium library on this platform (`libpdfium.so` on Linux).
pub fn library_file_name() -> String {
    format!("{}pdfium{}", env::consts::DLL_PREFIX, env::consts::DLL_SUFFIX)
}

/// Where to find libpdfium: explicit path (config) → env `ECAB_PDFIUM_LIBRARY` → default
/// locations: `./.pdfium/libpdfium.so` (relative to the current directory),
/// `$XDG_DATA_HOME` (or `~/.local/share`) `/ecabinet/pdfium/libpdfium.so`,
/// `/usr/local/lib/ecabinet/libpdfium.so`, and the folder of the current executable.
///
/// An explicit path or the environment variable may name the file or the folder holding it.
/// When one of them is given it is the only place looked at: a wrong setting is reported
/// rather than silently replaced by another copy of the library.
pub fn find_library(explicit: Option<&Path>) -> Result<PathBuf, PdfError> {
    let env_value = env::var_os(LIBRARY_ENV).filter(|v| !v.is_empty());
    let searched = candidates(explicit, env_value, &Defaults::from_process());
    match searched.iter().find(|p| p.is_file()) {
        Some(found) => Ok(found.clone()),
        None => Err(PdfError::LibraryNotFound { searched }),
    }
}

/// The process facts the default locations are derived from.
#[derive(Debug, Default)]
struct Defaults {
    cwd: Option<PathBuf>,
    xdg_data_home: Option<PathBuf>,
    home: Option<PathBuf>,
    exe_dir: Option<PathBuf>,
}

impl Defaults {
    fn from_process() -> Self {
        let non_empty = |name: &str| env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
        Defaults {
            cwd: env::current_dir().ok(),
            xdg_data_home: non_empty("XDG_DATA_HOME"),
            home: non_empty("HOME"),
            exe_dir: env::current_exe().ok().and_then(|p| p.parent().map(Path::to_path_buf)),
        }
    }
}

/// A configured location: a folder means "the library inside it".
fn configured(path: &Path) -> PathBuf {
    if path.is_dir() { path.join(library_file_name()) } else { path.to_path_buf() }
}

fn candidates(explicit: Option<&Path>, env_value: Option<OsString>, d: &Defaults) -> Vec<PathBuf> {
    if let Some(path) = explicit {
        return vec![configured(path)];
    }
    if let Some(value) = env_value {
        return vec![configured(Path::new(&value))];
    }
    let name = library_file_name();
    let mut out = Vec::new();
    if let Some(cwd) = &d.cwd {
        out.push(cwd.join(".pdfium").join(&name));
    }
    let data_home = d.xdg_data_home.clone().or_else(|| d.home.as_ref().map(|h| h.join(".local/share")));
    if let Some(data_home) = data_home {
        out.push(data_home.join("ecabinet").join("pdfium").join(&name));
    }
    if cfg!(unix) {
        out.push(Path::new("/usr/local/lib/ecabinet").join(&name));
    }
    if let Some(exe_dir) = &d.exe_dir {
        out.push(exe_dir.join(&name));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> Defaults {
        Defaults {
            cwd: Some("/srv/app".into()),
            xdg_data_home: None,
            home: Some("/home/u".into()),
            exe_dir: Some("/opt/ecab/bin".into()),
        }
    }

    #[test]
    fn explicit_path_wins_and_is_the_only_candidate() {
        let got = candidates(Some(Path::new("/x/libpdfium.so")), Some("/env/lib.so".into()), &defaults());
        assert_eq!(got, vec![PathBuf::from("/x/libpdfium.so")]);
    }

    #[test]
    fn env_comes_before_defaults() {
        let got = candidates(None, Some("/env/libpdfium.so".into()), &defaults());
        assert_eq!(got, vec![PathBuf::from("/env/libpdfium.so")]);
    }

    #[test]
    fn default_locations_in_order() {
        let got = candidates(None, None, &defaults());
        let name = library_file_name();
        assert_eq!(
            got,
            vec![
                PathBuf::from("/srv/app/.pdfium").join(&name),
                PathBuf::from("/home/u/.local/share/ecabinet/pdfium").join(&name),
                PathBuf::from("/usr/local/lib/ecabinet").join(&name),
                PathBuf::from("/opt/ecab/bin").join(&name),
            ]
        );
    }

    #[test]
    fn xdg_data_home_replaces_home() {
        let d = Defaults { xdg_data_home: Some("/data".into()), ..defaults() };
        let got = candidates(None, None, &d);
        assert!(got.contains(&PathBuf::from("/data/ecabinet/pdfium").join(library_file_name())));
    }

    #[test]
    fn not_found_message_says_how_to_fix_it() {
        let err = PdfError::LibraryNotFound { searched: vec!["/a/libpdfium.so".into(), "/b/libpdfium.so".into()] };
        let msg = err.to_string();
        assert!(msg.contains("looked in: /a/libpdfium.so, /b/libpdfium.so"), "{msg}");
        assert!(msg.contains("cargo xtask install-pdfium"), "{msg}");
        assert!(msg.contains("ECAB_PDFIUM_LIBRARY"), "{msg}");
    }
}
