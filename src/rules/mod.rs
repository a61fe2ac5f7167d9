//! The rule engine: rule metadata, the context a check reports through, and
//! the one registry of every rule.

use crate::finding::Severity;
use crate::model::{Schema, Spec, SpecVersion};
use crate::source::{Node, Span};

mod additional_properties_open;
mod additional_properties_unbounded;
mod admin_security_shared;
mod api_key_in_url;
mod api_version_sprawl;
mod array_unbounded;
mod authorization_header_parameter;
mod callback_insecure;
mod cors_wildcard_origin;
mod credentials_in_parameter;
mod deprecated_operation;
mod error_responses_undefined;
mod external_ref_insecure;
mod forbidden_response_undefined;
mod http_basic_auth;
mod http_insecure_scheme;
mod integer_format_undefined;
mod integer_unbounded;
mod markdown_unsafe_content;
mod mass_assignment_risk;
mod numeric_resource_id;
mod oauth2_implicit_flow;
mod oauth2_insecure_url;
mod oauth2_no_refresh_url;
mod oauth2_password_flow;
mod operation_unauthenticated;
mod pagination_limit_unbounded;
mod password_not_write_only;
mod path_parameter_mismatch;
mod pattern_unanchored;
mod rate_limit_headers_undefined;
mod rate_limit_response_undefined;
mod request_content_type_wildcard;
mod response_schema_undefined;
mod retry_after_undefined;
mod schema_unconstrained;
mod scheme_plain_http;
mod scope_method_mismatch;
mod security_optional;
mod security_scheme_unknown;
mod security_schemes_undefined;
mod security_scope_undefined;
mod sensitive_field_exposed;
mod server_audience_undeclared;
mod server_credentials_in_url;
mod server_error_response_undefined;
mod server_non_production;
mod server_plain_http;
mod servers_undefined;
mod shared;
mod spec_structure;
mod spec_version_outdated;
mod string_unbounded;
mod string_unrestricted;
mod unauthorized_response_undefined;
mod upload_unbounded;
mod url_input_ssrf;
mod xml_request_body;

/// Every rule oasguard knows, in the order `oasguard rules` lists them.
pub static REGISTRY: &[&Rule] = &[
    &operation_unauthenticated::RULE,
    &security_optional::RULE,
    &security_schemes_undefined::RULE,
    &security_scheme_unknown::RULE,
    &security_scope_undefined::RULE,
    &http_basic_auth::RULE,
    &http_insecure_scheme::RULE,
    &api_key_in_url::RULE,
    &credentials_in_parameter::RULE,
    &oauth2_implicit_flow::RULE,
    &oauth2_password_flow::RULE,
    &oauth2_insecure_url::RULE,
    &oauth2_no_refresh_url::RULE,
    &authorization_header_parameter::RULE,
    &admin_security_shared::RULE,
    &scope_method_mismatch::RULE,
    &numeric_resource_id::RULE,
    &unauthorized_response_undefined::RULE,
    &forbidden_response_undefined::RULE,
    &server_plain_http::RULE,
    &scheme_plain_http::RULE,
    &server_credentials_in_url::RULE,
    &external_ref_insecure::RULE,
    &error_responses_undefined::RULE,
    &server_error_response_undefined::RULE,
    &cors_wildcard_origin::RULE,
    &request_content_type_wildcard::RULE,
    &xml_request_body::RULE,
    &markdown_unsafe_content::RULE,
    &LOADER_DUPLICATE_KEY,
    &rate_limit_response_undefined::RULE,
    &rate_limit_headers_undefined::RULE,
    &retry_after_undefined::RULE,
    &string_unbounded::RULE,
    &string_unrestricted::RULE,
    &pattern_unanchored::RULE,
    &array_unbounded::RULE,
    &integer_unbounded::RULE,
    &integer_format_undefined::RULE,
    &pagination_limit_unbounded::RULE,
    &upload_unbounded::RULE,
    &additional_properties_open::RULE,
    &additional_properties_unbounded::RULE,
    &sensitive_field_exposed::RULE,
    &password_not_write_only::RULE,
    &mass_assignment_risk::RULE,
    &response_schema_undefined::RULE,
    &schema_unconstrained::RULE,
    &url_input_ssrf::RULE,
    &callback_insecure::RULE,
    &deprecated_operation::RULE,
    &api_version_sprawl::RULE,
    &spec_version_outdated::RULE,
    &server_non_production::RULE,
    &servers_undefined::RULE,
    &server_audience_undeclared::RULE,
    &spec_structure::RULE,
    &path_parameter_mismatch::RULE,
    &LOADER_PARSE_ERROR,
    &LOADER_NOT_OPENAPI,
    &LOADER_REF_UNRESOLVED,
    &ENGINE_UNUSED_SUPPRESSION,
];

pub fn find(id: &str) -> Option<&'static Rule> {
    REGISTRY.iter().copied().find(|r| r.id == id)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Owasp {
    /// `API8:2023`
    pub code: &'static str,
    pub name: &'static str,
}

impl Owasp {
    pub const API1: Owasp = Owasp::new("API1:2023", "Broken Object Level Authorization");
    pub const API2: Owasp = Owasp::new("API2:2023", "Broken Authentication");
    pub const API3: Owasp = Owasp::new("API3:2023", "Broken Object Property Level Authorization");
    pub const API4: Owasp = Owasp::new("API4:2023", "Unrestricted Resource Consumption");
    pub const API5: Owasp = Owasp::new("API5:2023", "Broken Function Level Authorization");
    pub const API7: Owasp = Owasp::new("API7:2023", "Server Side Request Forgery");
    pub const API8: Owasp = Owasp::new("API8:2023", "Security Misconfiguration");
    pub const API9: Owasp = Owasp::new("API9:2023", "Improper Inventory Management");
    pub const API10: Owasp = Owasp::new("API10:2023", "Unsafe Consumption of APIs");

    const fn new(code: &'static str, name: &'static str) -> Owasp {
        Owasp { code, name }
    }

    /// Object, authentication and function-level authorization failures
    /// (API1, API2, API5): they open the API to anyone, so they weigh most
    /// in scores and code scanning severities.
    pub fn is_access_control(&self) -> bool {
        [Owasp::API1, Owasp::API2, Owasp::API5]
            .iter()
            .any(|o| o.code == self.code)
    }
}

pub const ALL_VERSIONS: &[SpecVersion] = &[
    SpecVersion::Swagger2,
    SpecVersion::OpenApi30,
    SpecVersion::OpenApi31,
    SpecVersion::OpenApi32,
];
pub const V3_ONLY: &[SpecVersion] = &[
    SpecVersion::OpenApi30,
    SpecVersion::OpenApi31,
    SpecVersion::OpenApi32,
];
pub const V2_ONLY: &[SpecVersion] = &[SpecVersion::Swagger2];
pub const V2_V30: &[SpecVersion] = &[SpecVersion::Swagger2, SpecVersion::OpenApi30];

/// How often a finding of the rule is a true positive (SARIF `precision`):
/// structural checks are `High`; name-based heuristics are `Medium`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    High,
    Medium,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::High => "high",
            Precision::Medium => "medium",
        }
    }
}

pub enum Check {
    /// Runs over the model of a spec.
    Spec(fn(&mut Context<'_, '_>)),
    /// Findings come from the pipeline itself: loading (parsing, `$ref`
    /// resolution) or the engine (suppressions).
    Pipeline,
}

pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub owasp: Owasp,
    pub cwe: u32,
    pub versions: &'static [SpecVersion],
    /// One line: what is wrong.
    pub summary: &'static str,
    /// One line: how to fix it.
    pub help: &'static str,
    /// `rules/<id>.md`, embedded for `explain` and SARIF help.
    pub doc: &'static str,
    pub enabled_by_default: bool,
    pub precision: Precision,
    pub check: Check,
}

/// Rules that report some findings at another severity than their default,
/// and how they split: listings say so rather than show the default alone.
const SPLIT_SEVERITIES: &[(&str, &str)] = &[(
    operation_unauthenticated::RULE.id,
    operation_unauthenticated::SEVERITIES,
)];

impl Rule {
    /// The severity as `oasguard rules` and the README list it: the
    /// default, or how the findings split (`error (writes), warning (reads)`).
    pub fn severity_label(&self) -> &'static str {
        SPLIT_SEVERITIES
            .iter()
            .find(|(id, _)| *id == self.id)
            .map_or(self.severity.as_str(), |&(_, label)| label)
    }

    /// Whether some findings may carry another severity than the default.
    pub fn has_split_severity(&self) -> bool {
        SPLIT_SEVERITIES.iter().any(|(id, _)| *id == self.id)
    }

    pub fn versions_label(&self) -> String {
        self.versions
            .iter()
            .map(|v| v.label())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

macro_rules! pipeline_rule {
    ($name:ident, $id:literal, $severity:ident, $owasp:ident, $cwe:literal, $summary:literal, $help:literal) => {
        static $name: Rule = Rule {
            id: $id,
            severity: Severity::$severity,
            owasp: Owasp::$owasp,
            cwe: $cwe,
            versions: ALL_VERSIONS,
            summary: $summary,
            help: $help,
            doc: include_str!(concat!("../../rules/", $id, ".md")),
            enabled_by_default: true,
            precision: Precision::High,
            check: Check::Pipeline,
        };
    };
}

pipeline_rule!(
    LOADER_PARSE_ERROR,
    "parse-error",
    Error,
    API9,
    20,
    "The file is not valid YAML or JSON",
    "fix the syntax at the reported position"
);
pipeline_rule!(
    LOADER_NOT_OPENAPI,
    "not-openapi",
    Error,
    API9,
    20,
    "The file is not an OpenAPI document oasguard can read",
    "add `openapi: 3.1.0` (or 3.0.x, 3.2.x / `swagger: \"2.0\"`) at the top level"
);
pipeline_rule!(
    LOADER_REF_UNRESOLVED,
    "ref-unresolved",
    Error,
    API8,
    20,
    "A $ref cannot be resolved, is remote, or leaves the project root",
    "point the $ref at a file inside the project root and an existing JSON pointer"
);
pipeline_rule!(
    ENGINE_UNUSED_SUPPRESSION,
    "unused-suppression",
    Info,
    API9,
    1164,
    "An x-oasguard-ignore suppresses nothing",
    "remove the stale rule id from x-oasguard-ignore"
);
pipeline_rule!(
    LOADER_DUPLICATE_KEY,
    "duplicate-key",
    Error,
    API8,
    436,
    "A mapping repeats a key",
    "remove or rename the repeated key"
);

/// Options that change what rules look at.
#[derive(Clone, Debug, Default)]
pub struct RuleOptions {
    /// Schema rules also judge response schemas.
    pub output_schemas: bool,
}

/// A finding before it is located: the node, and the span inside it.
pub struct RawFinding<'a> {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub node: Node<'a>,
    pub span: Span,
    pub message: String,
    /// How many places the finding stands for (see [`Finding::places`](crate::finding::Finding::places)).
    pub places: u32,
}

/// What a check sees: the spec, the options, and a place to report.
pub struct Context<'s, 'a> {
    pub spec: &'s Spec<'a>,
    pub options: &'s RuleOptions,
    rule: &'static Rule,
    findings: &'s mut Vec<RawFinding<'a>>,
}

impl<'s, 'a> Context<'s, 'a> {
    pub fn new(
        spec: &'s Spec<'a>,
        options: &'s RuleOptions,
        rule: &'static Rule,
        findings: &'s mut Vec<RawFinding<'a>>,
    ) -> Self {
        Context {
            spec,
            options,
            rule,
            findings,
        }
    }

    /// Reports at the node's natural place (a scalar's value, a container's key).
    pub fn report(&mut self, node: Node<'a>, message: impl Into<String>) {
        self.report_with(node, self.rule.severity, message);
    }

    pub fn report_with(&mut self, node: Node<'a>, severity: Severity, message: impl Into<String>) {
        self.report_span(node, node.report_span(), severity, message);
    }

    /// Reports at the key that names `node` (for example `swagger:` rather
    /// than its value).
    pub fn report_key(&mut self, node: Node<'a>, message: impl Into<String>) {
        let span = node
            .parent_key()
            .map_or_else(|| node.report_span(), |k| k.span);
        self.report_span(node, span, self.rule.severity, message);
    }

    /// Reports at an explicit span of `node`'s file (a key, for example).
    pub fn report_span(
        &mut self,
        node: Node<'a>,
        span: Span,
        severity: Severity,
        message: impl Into<String>,
    ) {
        debug_assert!(
            severity == self.rule.severity || self.rule.has_split_severity(),
            "{} reports at another severity than its default without declaring how its findings split (SPLIT_SEVERITIES)",
            self.rule.id
        );
        self.findings.push(RawFinding {
            rule: self.rule,
            severity,
            node,
            span,
            message: message.into(),
            places: 1,
        });
    }

    /// Reports one root cause that stands for `places` findings it replaces
    /// ("none of the 1,223 operations requires authentication"), so that
    /// the score weighs it as those many.
    pub fn report_root_cause(
        &mut self,
        node: Node<'a>,
        span: Span,
        severity: Severity,
        places: usize,
        message: impl Into<String>,
    ) {
        self.report_span(node, span, severity, message);
        if let Some(last) = self.findings.last_mut() {
            last.places = u32::try_from(places).unwrap_or(u32::MAX);
        }
    }

    /// The schemas schema rules judge: input ones, and output ones when the
    /// options extend the rules to responses. A `readOnly` schema and
    /// everything below it are output, not input (the model decides that).
    pub fn schemas(&self) -> impl Iterator<Item = &'s Schema<'a>> + 's {
        let output = self.options.output_schemas;
        self.spec
            .schemas
            .iter()
            .filter(move |s| s.input || (output && s.output))
    }
}

/// What most rule files import.
pub(crate) mod prelude {
    pub use super::{
        ALL_VERSIONS, Check, Context, Owasp, Precision, Rule, V2_ONLY, V2_V30, V3_ONLY,
    };
    pub use crate::finding::Severity;
    pub use crate::model::{SchemaType, describe};
    pub use crate::source::Node;
}
