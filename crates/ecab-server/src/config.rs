//! Configuration: every option is a flag and an environment variable.

use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Clone, Debug, clap::Args)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "ECAB_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// Folder for the SQLite database and the blob store; created on first start.
    #[arg(long, env = "ECAB_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// Load the demo province, users and meetings into an empty database.
    #[arg(long, env = "ECAB_DEMO")]
    pub demo: bool,

    /// Largest document upload, in MiB.
    #[arg(long, env = "ECAB_MAX_UPLOAD_MB", default_value_t = 200)]
    pub max_upload_mb: u64,

    /// Path to libpdfium.so (otherwise ECAB_PDFIUM_LIBRARY or the install location).
    #[arg(long, env = "ECAB_PDFIUM")]
    pub pdfium: Option<PathBuf>,

    /// pdfium worker processes (default: one per core).
    #[arg(long, env = "ECAB_PDF_WORKERS")]
    pub pdf_workers: Option<usize>,

    /// How long a sign-in lasts, in hours.
    #[arg(long, env = "ECAB_SESSION_HOURS", default_value_t = 24 * 14)]
    pub session_hours: i64,

    /// Draw the reader's name over the page images of confidential documents
    /// (`--watermark-confidential false` turns it off).
    #[arg(long, env = "ECAB_WATERMARK_CONFIDENTIAL", default_value_t = true, action = clap::ArgAction::Set)]
    pub watermark_confidential: bool,

    /// Folder of the built web ui (trunk's `dist`), served at `/` for browsers.
    #[arg(long, env = "ECAB_UI_DIR")]
    pub ui_dir: Option<PathBuf>,

    /// Log as JSON lines instead of text.
    #[arg(long, env = "ECAB_LOG_JSON")]
    pub log_json: bool,
}

impl Config {
    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join("ecabinet.sqlite3")
    }

    pub fn blob_dir(&self) -> PathBuf {
        self.data_dir.join("blobs")
    }

    pub fn max_upload_bytes(&self) -> u64 {
        self.max_upload_mb.saturating_mul(1024 * 1024)
    }
}
