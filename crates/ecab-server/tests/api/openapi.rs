//! The OpenAPI description is made from `ecab_protocol::ops`, the same list the routes are
//! mounted from: every operation is described with its parameters, every route answers,
//! and an independent validator accepts the description.

use ecab_protocol::ops::{ALL, Caller, ParamKind};
use reqwest::StatusCode;
use serde_json::Value;

use crate::common::Server;

/// The variable naming the validator's command (`cargo xtask test` installs it).
const VALIDATOR_ENV: &str = "ECAB_OPENAPI_VALIDATOR";

async fn description(s: &Server) -> Value {
    s.http.get(s.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap()
}

#[tokio::test]
async fn every_operation_is_described_with_its_parameters_and_nothing_else_is() {
    let s = Server::start().await;
    let doc = description(&s).await;
    let paths = doc["paths"].as_object().expect("paths");
    let mut described = 0;
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            described += 1;
            let id = op["operationId"].as_str().unwrap_or_default();
            let known =
                ALL.iter().find(|o| o.name == id).unwrap_or_else(|| panic!("{method} {path} is not in the list"));
            assert_eq!((known.path, known.method.as_str()), (path.as_str(), method.to_uppercase().as_str()));
        }
    }
    assert_eq!(described, ALL.len(), "every operation once");
    for op in ALL {
        let entry = &paths[op.path][op.method.as_str().to_lowercase()];
        let params = entry["parameters"].as_array().cloned().unwrap_or_default();
        for name in op.params() {
            let p = params
                .iter()
                .find(|p| p["name"] == name && p["in"] == "path")
                .unwrap_or_else(|| panic!("{}: path parameter {name} is not declared", op.name));
            assert_eq!(p["required"], true, "{}: {name}", op.name);
        }
        let open = entry
            .get("security")
            .is_some_and(|s| s.as_array().is_some_and(|a| a.iter().all(|r| r == &serde_json::json!({}))));
        assert_eq!(open, op.caller == Caller::Anyone, "{}: who may call it", op.name);
    }
    assert!(doc["components"]["schemas"]["ErrorCode"].is_object());
}

/// A value of the right shape for a path parameter (nothing it names exists).
fn sample(kind: ParamKind) -> String {
    match kind {
        ParamKind::Uuid => "0190f0f0-0000-7000-8000-000000000000".into(),
        ParamKind::Index => "0".into(),
        ParamKind::Sha256 => "0".repeat(64),
    }
}

#[tokio::test]
async fn every_described_operation_is_mounted() {
    let s = Server::start().await;
    for op in ALL {
        let values: Vec<String> = op.param_kinds.iter().map(|k| sample(*k)).collect();
        let path = op.fill(&values).expect("fills");
        let method = reqwest::Method::from_bytes(op.method.as_str().as_bytes()).unwrap();
        let res = s.http.request(method, s.url(&path)).send().await.unwrap();
        let status = res.status();
        let body: Value = res.json().await.unwrap_or(Value::Null);
        match op.caller {
            // Without a token the route answers 401 before anything else.
            Caller::SignedIn => assert_eq!(status, StatusCode::UNAUTHORIZED, "{} {path}: {body}", op.name),
            // Open routes answer, but never the router's "no such route".
            Caller::Anyone => assert!(
                !(status == StatusCode::NOT_FOUND || status == StatusCode::METHOD_NOT_ALLOWED),
                "{} {path}: {status} {body}",
                op.name
            ),
        }
    }
}

#[tokio::test]
async fn an_independent_validator_accepts_the_description() {
    let validator = std::env::var_os(VALIDATOR_ENV).unwrap_or_else(|| {
        panic!("{VALIDATOR_ENV} names no validator: run the tests with `cargo xtask test`, which installs openapi-spec-validator")
    });
    let s = Server::start().await;
    let doc = description(&s).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("openapi.json");
    std::fs::write(&file, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
    let out = std::process::Command::new(&validator).arg(&file).output().expect("the validator runs");
    assert!(
        out.status.success(),
        "the description is not valid OpenAPI:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
