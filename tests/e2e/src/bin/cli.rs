//! The `ecab` CLI, built inside this package so the tests know its path.

fn main() -> std::process::ExitCode {
    ecab_client::cli::main()
}
