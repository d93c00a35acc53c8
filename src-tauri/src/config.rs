//! Where the server is: `ECAB_SERVER`, else `config.json` in the app's data folder
//! (`{"server": "https://ecabinet.example.vn"}`), else a server on this machine.

use std::path::Path;

pub const SERVER_ENV: &str = "ECAB_SERVER";
pub const DEFAULT_SERVER: &str = "http://127.0.0.1:8080";
pub const CONFIG_FILE: &str = "config.json";

#[derive(serde::Deserialize)]
struct ConfigFile {
    server: Option<String>,
}

pub fn server_url(data_dir: &Path) -> String {
    if let Some(url) = std::env::var(SERVER_ENV).ok().filter(|v| !v.trim().is_empty()) {
        return url.trim().to_owned();
    }
    let path = data_dir.join(CONFIG_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => match serde_json::from_str::<ConfigFile>(&text) {
            Ok(ConfigFile { server: Some(url) }) if !url.trim().is_empty() => return url.trim().to_owned(),
            Ok(_) => {}
            Err(e) => tracing::warn!(path = %path.display(), error = %e, "ignoring an unreadable config file"),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => tracing::warn!(path = %path.display(), error = %e, "ignoring an unreadable config file"),
    }
    DEFAULT_SERVER.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_file_names_the_server() {
        let dir = tempfile::tempdir().unwrap();
        if std::env::var_os(SERVER_ENV).is_some() {
            return; // the environment wins; nothing to check here
        }
        assert_eq!(server_url(dir.path()), DEFAULT_SERVER);
        std::fs::write(dir.path().join(CONFIG_FILE), r#"{"server": "https://ecab.example.vn"}"#).unwrap();
        assert_eq!(server_url(dir.path()), "https://ecab.example.vn");
    }
}
