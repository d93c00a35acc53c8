//! The server's HTTP API as the engine uses it: typed JSON calls, errors mapped to
//! [`ClientError`] (unreachable → `Offline`, an error answer → `Api` with its `ApiError`).

use std::time::Duration;

use ecab_protocol::{ApiError, ErrorCode};
use reqwest::{Method, RequestBuilder, Response};
use serde::de::DeserializeOwned;

use crate::sync::core::Failure;
use crate::{ClientError, Result};

#[derive(Clone)]
pub struct Api {
    pub http: reqwest::Client,
    /// Without a trailing slash, e.g. `https://ecabinet.example.vn`.
    pub base: String,
}

impl Api {
    pub fn new(base: &str) -> Result<Api> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .read_timeout(Duration::from_secs(60))
            .user_agent(concat!("ecab-client/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ClientError::Protocol(e.to_string()))?;
        Ok(Api { http, base: base.trim_end_matches('/').to_owned() })
    }

    pub fn request(&self, method: Method, path: &str, token: Option<&str>) -> RequestBuilder {
        let req = self.http.request(method, format!("{}{}", self.base, path));
        match token {
            Some(t) => req.bearer_auth(t),
            None => req,
        }
    }

    /// Send, and turn a non-2xx answer into `ClientError::Api`.
    pub async fn send(&self, req: RequestBuilder) -> Result<Response> {
        let res = req.send().await.map_err(transport)?;
        if res.status().is_success() || res.status() == reqwest::StatusCode::PARTIAL_CONTENT {
            return Ok(res);
        }
        Err(answer_error(res).await)
    }

    pub async fn json<T: DeserializeOwned>(&self, req: RequestBuilder) -> Result<T> {
        let res = self.send(req).await?;
        res.json().await.map_err(transport)
    }
}

/// A failed request: unreachable (or cut) is `Offline`, anything else a protocol error.
pub fn transport(e: reqwest::Error) -> ClientError {
    if e.is_connect() || e.is_timeout() || e.is_request() || e.is_body() {
        ClientError::Offline(e.to_string())
    } else {
        ClientError::Protocol(e.to_string())
    }
}

/// The `ApiError` of an error answer (or one made up from its status).
pub async fn answer_error(res: Response) -> ClientError {
    let status = res.status().as_u16();
    let text = res.text().await.unwrap_or_default();
    let error = serde_json::from_str::<ApiError>(&text).unwrap_or_else(|_| ApiError {
        code: if status >= 500 { ErrorCode::Internal } else { ErrorCode::BadRequest },
        message: format!("HTTP {status}"),
        field: None,
        retry_after: None,
    });
    ClientError::Api { status, error }
}

/// The core's view of an error.
pub fn failure(e: &ClientError) -> Failure {
    Failure { offline: e.is_offline(), error: e.to_api_error() }
}
