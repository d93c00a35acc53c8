fn main() -> std::process::ExitCode {
    ecab_pdf::worker_main()
}
