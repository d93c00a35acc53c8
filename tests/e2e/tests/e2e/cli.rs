//! The `ecab` CLI as a process: in memory only (`--no-keyring`), and with the real OS
//! keyring inside a private D-Bus session with GNOME Keyring.

use std::path::Path;
use std::process::Output;

use tokio::io::AsyncWriteExt;
use tokio::process::Command;

use crate::common::{PASSWORD, Server, closed_port_url, files_under};

const CLI: &str = env!("CARGO_BIN_EXE_ecab-e2e-cli");

async fn ecab(server: &str, data: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(CLI);
    cmd.arg("--server").arg(server).arg("--data").arg(data).args(args).env_remove("ECAB_PASSWORD");
    cmd.stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("the CLI starts");
    if let (Some(mut input), Some(text)) = (child.stdin.take(), stdin) {
        input.write_all(text.as_bytes()).await.expect("stdin");
    }
    child.wait_with_output().await.expect("the CLI ends")
}

/// How many meetings the server lists for `user`.
async fn meetings_on_server(s: &Server, user: &str) -> usize {
    let (_, list) = s.login(user).await.get("/api/v1/meetings").await;
    list["meetings"].as_array().expect("meetings").len()
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

#[tokio::test(flavor = "multi_thread")]
async fn the_cli_signs_in_and_syncs_in_one_run_then_reads_offline() {
    let s = Server::start().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let out =
        ecab(&s.base, &data, &["--no-keyring", "sync", "--username", "daibieu01"], Some(&format!("{PASSWORD}\n")))
            .await;
    assert!(out.status.success(), "{}", text(&out));
    let on_server = meetings_on_server(&s, "daibieu01").await;
    assert!(text(&out).contains(&format!("synced: {on_server} meetings")), "{}", text(&out));

    let offline = closed_port_url().await;
    let out = ecab(&offline, &data, &["--no-keyring", "meetings"], None).await;
    assert!(out.status.success(), "{}", text(&out));
    let listing = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(listing.lines().count(), on_server, "{listing}");
    let line = listing.lines().find(|l| l.contains("thường kỳ")).expect("the regular meeting is listed");
    let id = line.split_whitespace().next().expect("id");
    let out = ecab(&offline, &data, &["--no-keyring", "meeting", id], None).await;
    assert!(out.status.success(), "{}", text(&out));
    let detail: serde_json::Value = serde_json::from_slice(&out.stdout).expect("meeting JSON");
    assert_eq!(detail["meeting"]["id"], id);
    assert!(!detail["agenda"].as_array().expect("agenda").is_empty());

    // No token survives the run: a sync now must sign in again.
    let out = ecab(&s.base, &data, &["--no-keyring", "sync"], None).await;
    assert!(!out.status.success() && text(&out).contains("not signed in"), "{}", text(&out));
    let out = ecab(&s.base, &data, &["--no-keyring", "login", "daibieu01"], Some("wrong\n")).await;
    assert!(!out.status.success() && text(&out).contains("invalid_credentials"), "{}", text(&out));
}

/// Runs the CLI several times inside one private D-Bus session where GNOME Keyring is
/// unlocked, with HOME and the XDG folders in a temporary directory. (That secrets are in
/// no plain file is checked by `ecab-client`'s own keyring test, which knows the secret.)
#[tokio::test(flavor = "multi_thread")]
async fn with_the_os_keyring_the_token_outlives_the_process_until_logout() {
    let have = |tool: &str| {
        std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("command -v {tool}"))
            .output()
            .is_ok_and(|o| o.status.success())
    };
    assert!(
        have("dbus-run-session") && have("gnome-keyring-daemon"),
        "this test needs dbus-run-session and gnome-keyring-daemon (apt-get install dbus gnome-keyring)"
    );
    let s = Server::start().await;
    let home = tempfile::tempdir().expect("temp home");
    let h = home.path();
    for sub in ["runtime", "data", "config", "cache"] {
        std::fs::create_dir_all(h.join(sub)).expect("xdg folder");
    }
    let data = h.join("ecab");
    let script = r#"set -e
echo -n keyring-test-pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null
ecab() { "$CLI" --server "$SERVER" --data "$DATA" "$@"; }
echo "$PW" | ecab login daibieu01
ecab sync
ecab meetings | wc -l | tr -d ' ' > "$HOME/count"
ecab logout
if ecab sync 2>"$HOME/after-logout"; then exit 9; fi
"#;
    let out = Command::new("dbus-run-session")
        .arg("--")
        .arg("bash")
        .arg("-c")
        .arg(script)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", h)
        .env("XDG_RUNTIME_DIR", h.join("runtime"))
        .env("XDG_DATA_HOME", h.join("data"))
        .env("XDG_CONFIG_HOME", h.join("config"))
        .env("XDG_CACHE_HOME", h.join("cache"))
        .env("CLI", CLI)
        .env("SERVER", &s.base)
        .env("DATA", &data)
        .env("PW", PASSWORD)
        .output()
        .await
        .expect("dbus-run-session runs");
    assert!(out.status.success(), "{}", text(&out));
    let on_server = meetings_on_server(&s, "daibieu01").await;
    assert_eq!(std::fs::read_to_string(h.join("count")).expect("count").trim(), on_server.to_string());
    let after = std::fs::read_to_string(h.join("after-logout")).expect("stderr after logout");
    assert!(after.contains("not signed in"), "{after}");
    let keyrings = files_under(&h.join("data/keyrings"));
    assert!(
        keyrings.iter().any(|p| p.extension().is_some_and(|e| e == "keyring")),
        "GNOME Keyring stored the secrets on disk: {keyrings:?}"
    );
}
