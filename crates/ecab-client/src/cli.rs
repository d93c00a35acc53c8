//! The `ecab` command line: sign in, sync, read meetings from the local store.

use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use uuid::Uuid;

use crate::{ClientError, Engine, KeyringSecretStore, MemorySecretStore, Result, SecretStore};

#[derive(Parser, Debug)]
#[command(name = "ecab", version, about = "eCabinet client: sign in, sync, and read meetings offline")]
struct Cli {
    /// The server, e.g. https://ecabinet.example.vn
    #[arg(long, env = "ECAB_SERVER", default_value = "http://127.0.0.1:8080")]
    server: String,
    /// The local data folder: store and cached documents.
    #[arg(long, env = "ECAB_DATA")]
    data: PathBuf,
    /// Keep the token (and the key of confidential documents) in this process's memory
    /// only, not in the OS keyring. Sign in with `sync --username` in the same run.
    #[arg(long)]
    no_keyring: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Sign in. The password is read from ECAB_PASSWORD, else from one line of stdin.
    Login { username: String },
    /// Deliver queued writes, pull every change and download the documents.
    Sync {
        /// Sign in first (password as for `login`).
        #[arg(long)]
        username: Option<String>,
    },
    /// List the meetings in the local store.
    Meetings,
    /// Show one meeting (JSON) from the local store.
    Meeting { id: Uuid },
    /// Show the sync status (JSON).
    Status,
    /// Sign out and forget the token.
    Logout,
}

/// Entry point of the `ecab` binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("ecab: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e @ ClientError::Secret(_)) => {
            eprintln!("ecab: {e}\n(without a keyring service, use --no-keyring)");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("ecab: {e}");
            ExitCode::FAILURE
        }
    }
}

fn password() -> Result<String> {
    if let Ok(p) = std::env::var("ECAB_PASSWORD") {
        return Ok(p);
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let p = line.trim_end_matches(['\r', '\n']).to_owned();
    if p.is_empty() {
        return Err(ClientError::Protocol("no password given (ECAB_PASSWORD or one line on stdin)".into()));
    }
    Ok(p)
}

async fn run(cli: Cli) -> Result<()> {
    let secrets: Arc<dyn SecretStore> =
        if cli.no_keyring { Arc::new(MemorySecretStore::new()) } else { Arc::new(KeyringSecretStore::default()) };
    let engine = Engine::open(&cli.data, &cli.server, secrets).await?;
    let out = match cli.command {
        Command::Login { username } => {
            let res = engine.login(&username, &password()?).await?;
            if cli.no_keyring {
                eprintln!("ecab: signed in for this run only (--no-keyring): the token is not kept");
            }
            println!("signed in as {} ({})", res.user.username, res.user.full_name);
            Ok(())
        }
        Command::Sync { username } => {
            if let Some(u) = username {
                engine.login(&u, &password()?).await?;
            }
            let status = engine.sync_once().await?;
            let meetings = engine.meetings().await?.len();
            let done = status.downloads.iter().filter(|d| d.done).count();
            println!(
                "synced: {meetings} meetings, {done}/{} documents cached, {} writes pending",
                status.downloads.len(),
                status.pending_writes
            );
            if let Some(e) = status.last_error {
                eprintln!("ecab: warning: {} ({})", e.message, e.code.as_str());
            }
            Ok(())
        }
        Command::Meetings => {
            for m in engine.meetings().await? {
                let status = serde_json::to_value(m.status)?;
                let status = status.as_str().unwrap_or_default().to_owned();
                println!("{}  {}  {:<10}  {}", m.id, m.starts_at.format("%Y-%m-%d %H:%M UTC"), status, m.title);
            }
            Ok(())
        }
        Command::Meeting { id } => {
            println!("{}", serde_json::to_string_pretty(&engine.meeting(id).await?)?);
            Ok(())
        }
        Command::Status => {
            println!("{}", serde_json::to_string_pretty(&engine.status())?);
            Ok(())
        }
        Command::Logout => {
            engine.logout().await?;
            println!("signed out");
            Ok(())
        }
    };
    engine.close().await;
    out
}
