//! pdfium worker process for the server started by the end-to-end tests.

fn main() -> std::process::ExitCode {
    ecab_pdf::worker_main()
}
