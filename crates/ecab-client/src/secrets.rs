//! Where the engine keeps its secrets (the session token, the key of confidential blobs):
//! the OS credential store on a desktop, memory for tests and `--no-keyring`. Never a file.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::ClientError;

pub trait SecretStore: Send + Sync {
    fn get(&self, name: &str) -> Result<Option<String>, ClientError>;
    fn set(&self, name: &str, value: &str) -> Result<(), ClientError>;
    /// Deleting a secret that does not exist is not an error.
    fn delete(&self, name: &str) -> Result<(), ClientError>;
}

/// Secrets in this process's memory only: gone when it exits.
#[derive(Default)]
pub struct MemorySecretStore {
    values: Mutex<HashMap<String, String>>,
}

impl MemorySecretStore {
    pub fn new() -> Self {
        Self::default()
    }

    fn values(&self) -> std::sync::MutexGuard<'_, HashMap<String, String>> {
        self.values.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl SecretStore for MemorySecretStore {
    fn get(&self, name: &str) -> Result<Option<String>, ClientError> {
        Ok(self.values().get(name).cloned())
    }

    fn set(&self, name: &str, value: &str) -> Result<(), ClientError> {
        self.values().insert(name.to_owned(), value.to_owned());
        Ok(())
    }

    fn delete(&self, name: &str) -> Result<(), ClientError> {
        self.values().remove(name);
        Ok(())
    }
}

/// The OS credential store through `keyring` (Secret Service on Linux: GNOME Keyring,
/// KWallet). Entries are `service` + name. Built with the `sync-secret-service` feature:
/// without it `keyring` would silently keep secrets in memory.
pub struct KeyringSecretStore {
    service: String,
}

impl KeyringSecretStore {
    pub const DEFAULT_SERVICE: &'static str = "ecabinet";

    pub fn new(service: impl Into<String>) -> Self {
        KeyringSecretStore { service: service.into() }
    }

    fn entry(&self, name: &str) -> Result<keyring::Entry, ClientError> {
        keyring::Entry::new(&self.service, name).map_err(secret_error)
    }
}

impl Default for KeyringSecretStore {
    fn default() -> Self {
        Self::new(Self::DEFAULT_SERVICE)
    }
}

fn secret_error(e: keyring::Error) -> ClientError {
    ClientError::Secret(e.to_string())
}

impl SecretStore for KeyringSecretStore {
    fn get(&self, name: &str) -> Result<Option<String>, ClientError> {
        match self.entry(name)?.get_password() {
            Ok(v) => Ok(Some(v)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(secret_error(e)),
        }
    }

    fn set(&self, name: &str, value: &str) -> Result<(), ClientError> {
        self.entry(name)?.set_password(value).map_err(secret_error)
    }

    fn delete(&self, name: &str) -> Result<(), ClientError> {
        match self.entry(name)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(secret_error(e)),
        }
    }
}
