//! Routes from `ecab_protocol::ops`: each handler is mounted at its operation's method and
//! path, and the operation's OpenAPI entry (parameters, body, answers) is made from the same
//! description, so the two cannot disagree.

use axum::handler::Handler;
use axum::routing::{MethodFilter, on};
use ecab_protocol::ops::{Caller, Input, Method, OpInfo, Operation, Output, ParamKind};
use utoipa::openapi::path::{HttpMethod, OperationBuilder, ParameterBuilder, ParameterIn};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type};
use utoipa::openapi::security::SecurityRequirement;
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr, Required, ResponseBuilder};
use utoipa::{PartialSchema, ToSchema};
use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub trait OpRouter {
    /// Mount `handler` as operation `O` (the operation's unit value: `ops::SetInvitees`).
    fn op<O, H, T>(self, operation: O, handler: H) -> Self
    where
        O: Operation,
        H: Handler<T, AppState>,
        T: 'static;
}

impl OpRouter for OpenApiRouter<AppState> {
    fn op<O, H, T>(self, _: O, handler: H) -> Self
    where
        O: Operation,
        H: Handler<T, AppState>,
        T: 'static,
    {
        let info = &O::INFO;
        let mut router = self.route(info.path, on(filter(info.method), handler));
        describe::<O>(router.get_openapi_mut());
        router
    }
}

fn filter(m: Method) -> MethodFilter {
    match m {
        Method::Get => MethodFilter::GET,
        Method::Post => MethodFilter::POST,
        Method::Put => MethodFilter::PUT,
        Method::Patch => MethodFilter::PATCH,
        Method::Delete => MethodFilter::DELETE,
    }
}

fn http_method(m: Method) -> HttpMethod {
    match m {
        Method::Get => HttpMethod::Get,
        Method::Post => HttpMethod::Post,
        Method::Put => HttpMethod::Put,
        Method::Patch => HttpMethod::Patch,
        Method::Delete => HttpMethod::Delete,
    }
}

fn param_schema(kind: ParamKind) -> Schema {
    let b = ObjectBuilder::new();
    match kind {
        ParamKind::Uuid => b.schema_type(Type::String).format(Some(SchemaFormat::KnownFormat(KnownFormat::Uuid))),
        ParamKind::Index => b.schema_type(Type::Integer).minimum(Some(0)),
        ParamKind::Sha256 => b.schema_type(Type::String).pattern(Some("^[0-9a-f]{64}$")),
    }
    .into()
}

/// A type's schema for a body: a reference to its component (registered here with those it
/// names) when it is a named object, else inline.
fn body_schema<T: ToSchema>(doc: &mut OpenApi) -> RefOr<Schema> {
    let components = doc.components.get_or_insert_with(Default::default);
    let mut named = Vec::new();
    T::schemas(&mut named);
    for (name, schema) in named {
        components.schemas.entry(name).or_insert(schema);
    }
    match T::schema() {
        RefOr::T(schema @ Schema::Object(_)) | RefOr::T(schema @ Schema::OneOf(_)) => {
            let name = T::name().into_owned();
            components.schemas.entry(name.clone()).or_insert(RefOr::T(schema));
            RefOr::Ref(Ref::from_schema_name(name))
        }
        other => other,
    }
}

fn describe<O: Operation>(doc: &mut OpenApi) {
    let info: &OpInfo = &O::INFO;
    let mut op = OperationBuilder::new().operation_id(Some(info.name)).tag(info.tag).summary(Some(info.summary.trim()));
    for (name, kind) in info.params().zip(info.param_kinds) {
        op = op.parameter(
            ParameterBuilder::new()
                .name(name)
                .parameter_in(ParameterIn::Path)
                .required(Required::True)
                .schema(Some(param_schema(*kind))),
        );
    }
    match info.input {
        Input::Nothing => {}
        Input::Query => {
            if let RefOr::T(Schema::Object(query)) = <O::Request as PartialSchema>::schema() {
                for (name, schema) in query.properties {
                    let required = if query.required.contains(&name) { Required::True } else { Required::False };
                    let description = match &schema {
                        RefOr::T(Schema::Object(o)) => o.description.clone(),
                        _ => None,
                    };
                    op = op.parameter(
                        ParameterBuilder::new()
                            .name(name)
                            .parameter_in(ParameterIn::Query)
                            .required(required)
                            .description(description)
                            .schema(Some(schema)),
                    );
                }
            }
        }
        Input::Json => {
            let schema = body_schema::<O::Request>(doc);
            op = op.request_body(Some(
                RequestBodyBuilder::new()
                    .required(Some(Required::True))
                    .content("application/json", ContentBuilder::new().schema(Some(schema)).build())
                    .build(),
            ));
        }
        Input::Multipart => {
            let meta = body_schema::<O::Request>(doc);
            let form = ObjectBuilder::new()
                .property("meta", meta)
                .property(
                    "file",
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary))),
                )
                .required("meta")
                .required("file");
            op = op.request_body(Some(
                RequestBodyBuilder::new()
                    .required(Some(Required::True))
                    .content("multipart/form-data", ContentBuilder::new().schema(Some(form)).build())
                    .build(),
            ));
        }
    }
    let success = ResponseBuilder::new().description(info.summary.trim());
    let success = match info.output {
        Output::Empty => success,
        Output::Json => {
            let schema = body_schema::<O::Response>(doc);
            success.content("application/json", ContentBuilder::new().schema(Some(schema)).build())
        }
        Output::Bytes(content_types) => content_types.iter().fold(success, |success, content_type| {
            success.content(
                *content_type,
                ContentBuilder::new()
                    .schema(Some(
                        ObjectBuilder::new()
                            .schema_type(Type::String)
                            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary))),
                    ))
                    .build(),
            )
        }),
    };
    let error = body_schema::<ecab_protocol::ApiError>(doc);
    let failure = |text: &str| {
        ResponseBuilder::new()
            .description(text)
            .content("application/json", ContentBuilder::new().schema(Some(error.clone())).build())
            .build()
    };
    op = op
        .response(info.status.to_string(), success.build())
        .response("4XX", failure("Refused: an `ApiError` with a stable `code`"))
        .response("5XX", failure("The server failed: an `ApiError`"));
    if info.caller == Caller::Anyone {
        op = op.security(SecurityRequirement::default());
    }
    doc.paths.add_path_operation(info.path, vec![http_method(info.method)], op.build());
}
