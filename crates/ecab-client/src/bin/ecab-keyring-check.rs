//! Stores, reads and deletes one secret through `KeyringSecretStore`, to check that the OS
//! keyring really keeps it (keyring without its features silently keeps secrets in memory).
//!
//! `ecab-keyring-check set VALUE | get | delete`; `get` prints the value, or exits 3 when
//! there is none.

use std::process::ExitCode;

use ecab_client::{KeyringSecretStore, SecretStore};

const SERVICE: &str = "ecabinet-keyring-check";
const NAME: &str = "check";

fn main() -> ExitCode {
    let store = KeyringSecretStore::new(SERVICE);
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["set", value] => store.set(NAME, value).map(|()| None),
        ["get"] => store.get(NAME).map(|v| v.or(Some(String::new())).filter(|v| !v.is_empty())),
        ["delete"] => store.delete(NAME).map(|()| None),
        _ => {
            eprintln!("usage: ecab-keyring-check set VALUE | get | delete");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(Some(v)) => {
            println!("{v}");
            ExitCode::SUCCESS
        }
        Ok(None) if args[0] == "get" => ExitCode::from(3),
        Ok(None) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ecab-keyring-check: {e}");
            ExitCode::FAILURE
        }
    }
}
