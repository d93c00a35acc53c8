//! Reports the server makes of its own data (a poll's result, the chair's briefing),
//! fetched for the user to save. These need the network; nothing is kept.

use reqwest::Method;
use uuid::Uuid;

use crate::engine::Engine;
use crate::{ClientError, Result};

impl Engine {
    /// A report the server makes (see `ecab_protocol::ops::report`), for `id`, in `lang`:
    /// its PDF bytes. Needs the network.
    pub async fn report_pdf(&self, operation: &str, id: Uuid, lang: ecab_core::Lang) -> Result<Vec<u8>> {
        let op = ecab_protocol::ops::report(operation)
            .ok_or_else(|| ClientError::Protocol(format!("{operation} is not a report")))?;
        let path = op.fill(&[id.to_string()]).ok_or_else(|| ClientError::Protocol("bad report path".into()))?;
        let token = self.token()?;
        let api = &self.inner.api;
        let res = api.send(api.request(Method::GET, &format!("{path}?lang={}", lang.as_str()), Some(&token))).await?;
        Ok(res.bytes().await.map_err(crate::http::transport)?.to_vec())
    }
}
