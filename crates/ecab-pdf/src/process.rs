//! One worker child process as seen from the pool: spawn, exchange one request, stop.

use std::ffi::OsString;
use std::io;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};

use crate::PdfError;
use crate::library::LIBRARY_ENV;
use crate::protocol::{Request, Response, read_frame_async, write_frame_async};

/// How long a worker gets to exit after its input is closed before it is killed.
const STOP_GRACE: Duration = Duration::from_secs(2);

/// The command that starts a worker process, for example the host executable with a hidden
/// `pdf-worker` subcommand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkerCommand {
    pub program: PathBuf,
    pub args: Vec<OsString>,
}

impl WorkerCommand {
    /// `program` with `args`.
    pub fn new(program: impl Into<PathBuf>, args: impl IntoIterator<Item = impl Into<OsString>>) -> Self {
        WorkerCommand { program: program.into(), args: args.into_iter().map(Into::into).collect() }
    }

    /// The running executable with `args` (e.g. `["pdf-worker"]`).
    pub fn current_exe(args: impl IntoIterator<Item = impl Into<OsString>>) -> io::Result<Self> {
        Ok(WorkerCommand::new(std::env::current_exe()?, args))
    }
}

/// What a worker needs to start.
pub(crate) struct Spawn<'a> {
    pub command: &'a WorkerCommand,
    pub library: &'a std::path::Path,
    pub extra_env: &'a [(OsString, OsString)],
}

/// A running worker.
pub(crate) struct WorkerProcess {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    pid: u32,
}

impl WorkerProcess {
    /// Starts a worker; its stderr lines are forwarded to tracing.
    pub fn spawn(s: &Spawn<'_>) -> Result<WorkerProcess, PdfError> {
        let mut cmd = Command::new(&s.command.program);
        cmd.args(&s.command.args)
            .env(LIBRARY_ENV, s.library)
            .envs(s.extra_env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        let mut child = cmd.spawn().map_err(|e| {
            PdfError::Io(io::Error::new(
                e.kind(),
                format!("cannot start the PDF worker {}: {e}", s.command.program.display()),
            ))
        })?;
        let missing = || PdfError::Protocol("the worker's standard streams are not connected".into());
        let stdin = child.stdin.take().ok_or_else(missing)?;
        let stdout = BufReader::new(child.stdout.take().ok_or_else(missing)?);
        let pid = child.id().unwrap_or(0);
        if let Some(stderr) = child.stderr.take() {
            tokio::spawn(async move {
                let mut lines = BufReader::new(stderr).lines();
                while let Ok(Some(line)) = lines.next_line().await {
                    tracing::warn!(target: "ecab_pdf::worker", pid, "{line}");
                }
            });
        }
        tracing::debug!(pid, "PDF worker started");
        Ok(WorkerProcess { child, stdin, stdout, pid })
    }

    /// Sends one request and reads its answer. Cancel-safe only in the sense that a cancelled
    /// exchange leaves the worker unusable; the caller must then discard it.
    pub async fn exchange(&mut self, request: &Request) -> io::Result<(Response, Vec<u8>)> {
        write_frame_async(&mut self.stdin, request, &[]).await?;
        read_frame_async(&mut self.stdout).await
    }

    /// Kills the worker (if still running) and reaps it in the background, logging how it ended.
    pub fn discard(self, reason: &'static str) {
        let WorkerProcess { mut child, pid, .. } = self;
        let _ = child.start_kill();
        match tokio::runtime::Handle::try_current() {
            Ok(handle) => {
                handle.spawn(async move {
                    match child.wait().await {
                        Ok(status) => tracing::warn!(pid, %status, reason, "PDF worker discarded"),
                        Err(e) => tracing::warn!(pid, error = %e, reason, "PDF worker discarded"),
                    }
                });
            }
            // Outside a runtime the child is killed on drop and reaped by tokio later.
            Err(_) => drop(child),
        }
    }

    /// Closes the worker's input so it exits cleanly; kills it if it does not.
    pub async fn stop(self) {
        let WorkerProcess { mut child, stdin, stdout, pid } = self;
        drop(stdin);
        drop(stdout);
        match tokio::time::timeout(STOP_GRACE, child.wait()).await {
            Ok(Ok(status)) => tracing::debug!(pid, %status, "PDF worker stopped"),
            _ => {
                let _ = child.kill().await;
                tracing::warn!(pid, "PDF worker did not stop in time and was killed");
            }
        }
    }
}
