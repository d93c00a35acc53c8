//! `ecab`: the command-line client. Everything is in `ecab_client::cli`.

fn main() -> std::process::ExitCode {
    ecab_client::cli::main()
}
