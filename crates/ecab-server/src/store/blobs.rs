//! Recording a validated blob: its row and the text of its pages.

use chrono::Utc;
use ecab_pdf::DocInfo;
use sqlx::SqliteConnection;

use crate::error::AppResult;

/// Insert the blob and its page text; content already recorded is left as it is.
pub async fn record(db: &mut SqliteConnection, sha256: &str, size: u64, info: &DocInfo) -> AppResult<()> {
    sqlx::query("INSERT OR IGNORE INTO blobs (sha256, size, page_count, created_at) VALUES (?, ?, ?, ?)")
        .bind(sha256)
        .bind(size as i64)
        .bind(info.page_count as i64)
        .bind(Utc::now())
        .execute(&mut *db)
        .await?;
    for (i, page) in info.pages.iter().enumerate() {
        sqlx::query("INSERT OR IGNORE INTO blob_pages (sha256, page, text) VALUES (?, ?, ?)")
            .bind(sha256)
            .bind(i as i64)
            .bind(&page.text)
            .execute(&mut *db)
            .await?;
    }
    Ok(())
}
