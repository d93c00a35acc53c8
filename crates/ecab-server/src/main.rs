use std::io::BufRead;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use ecab_core::Role;
use ecab_server::{Config, default_worker, users};

/// eCabinet — Phòng họp không giấy: the central server.
#[derive(Parser)]
#[command(version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the server.
    Serve(Config),
    /// Manage accounts on this server's store.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Print the OpenAPI description.
    Openapi,
    /// (internal) A pdfium worker process, started by the server itself.
    #[command(hide = true)]
    PdfWorker,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add an account; the password is read from the first line of standard input.
    Add {
        #[arg(long)]
        username: String,
        #[arg(long)]
        full_name: String,
        /// admin, secretary, chief_of_office, chair, delegate or bridge_point.
        #[arg(long, default_value = "admin")]
        role: String,
        #[arg(long, default_value = "")]
        title: String,
        #[command(flatten)]
        config: Config,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::PdfWorker => ecab_pdf::worker_main(),
        Command::Openapi => match serde_json::to_string_pretty(&ecab_server::openapi()) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(e) => fail(e.into()),
        },
        Command::Serve(config) => {
            init_logs(config.log_json);
            run(async move {
                let state = ecab_server::start(config, default_worker()?, Vec::new()).await?;
                ecab_server::serve(state).await
            })
        }
        Command::User { command: UserCommand::Add { username, full_name, role, title, config } } => {
            init_logs(false);
            run(async move {
                let role = Role::parse(&role).ok_or_else(|| anyhow::anyhow!("unknown role {role}"))?;
                let mut password = String::new();
                std::io::stdin().lock().read_line(&mut password)?;
                std::fs::create_dir_all(&config.data_dir)?;
                let db = ecab_server::db::open(&config.database_path()).await?;
                let user =
                    users::NewUser { username: &username, full_name: &full_name, role, title: &title, unit_id: None };
                let id = users::add(&db, user, password.trim_end_matches(['\r', '\n'])).await?;
                println!("added {username} ({role}) with id {id}");
                Ok(())
            })
        }
    }
}

fn run(fut: impl std::future::Future<Output = anyhow::Result<()>>) -> ExitCode {
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => return fail(e.into()),
    };
    match rt.block_on(fut) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

fn fail(e: anyhow::Error) -> ExitCode {
    eprintln!("error: {e:#}");
    ExitCode::FAILURE
}

fn init_logs(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}
