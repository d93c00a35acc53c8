//! `KeyringSecretStore` against a real Secret Service: GNOME Keyring in a private D-Bus
//! session, with HOME and the XDG folders in a temporary directory. Fails (does not skip)
//! when the tools are missing: `apt-get install dbus gnome-keyring`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const CHECK: &str = env!("CARGO_BIN_EXE_ecab-keyring-check");

fn have(tool: &str) -> bool {
    Command::new("sh").arg("-c").arg(format!("command -v {tool}")).output().is_ok_and(|o| o.status.success())
}

/// Run `script` (bash) in a new D-Bus session with an unlocked GNOME Keyring.
fn in_session(home: &Path, script: &str) -> Output {
    let full =
        format!("echo -n keyring-test-pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null\n{script}");
    Command::new("dbus-run-session")
        .args(["--", "bash", "-c", &full])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_RUNTIME_DIR", home.join("runtime"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("CHECK", CHECK)
        .output()
        .expect("dbus-run-session runs")
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() { out.extend(files_under(&p)) } else { out.push(p) }
        }
    }
    out
}

fn text(o: &Output) -> String {
    format!("status {:?}\n{}{}", o.status, String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[test]
fn secrets_go_to_the_os_keyring_persist_across_sessions_and_are_in_no_plain_file() {
    assert!(
        have("dbus-run-session") && have("gnome-keyring-daemon"),
        "this test needs dbus-run-session and gnome-keyring-daemon (apt-get install dbus gnome-keyring)"
    );
    let home = tempfile::tempdir().expect("temp home");
    let h = home.path();
    for sub in ["runtime", "data", "config", "cache"] {
        std::fs::create_dir_all(h.join(sub)).expect("xdg folder");
    }
    let secret = format!("ecab-secret-{}", uuid::Uuid::new_v4().simple());

    let first = in_session(h, &format!(r#"set -e; "$CHECK" set {secret}; "$CHECK" get"#));
    assert!(first.status.success(), "{}", text(&first));
    assert_eq!(String::from_utf8_lossy(&first.stdout).trim(), secret);

    let keyrings = files_under(&h.join("data/keyrings"));
    assert!(
        keyrings.iter().any(|p| p.extension().is_some_and(|e| e == "keyring")),
        "the secret went to GNOME Keyring's store, not to a mock: {keyrings:?}"
    );
    for f in files_under(h) {
        let bytes = std::fs::read(&f).unwrap_or_default();
        assert!(
            !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "the secret is in clear in {}",
            f.display()
        );
    }

    // A new session (a new login) finds it; after deletion it is gone.
    let second =
        in_session(h, r#"set -e; "$CHECK" get; "$CHECK" delete; if "$CHECK" get; then exit 9; else test $? -eq 3; fi"#);
    assert!(second.status.success(), "{}", text(&second));
    assert_eq!(String::from_utf8_lossy(&second.stdout).trim(), secret);
}
