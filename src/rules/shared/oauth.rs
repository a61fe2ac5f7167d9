//! OAuth2 flows as rules point at them.

use crate::model::{Flow, FlowKind, SecurityScheme};
use crate::rules::Context;
use crate::source::Node;

/// Where a flow finding points: the 3.x flow's key under `flows`, or the 2.0
/// scheme's `flow` value (2.0 schemes hold a single flow).
pub fn flow_location<'a>(scheme: &SecurityScheme<'a>, flow: &Flow<'a>) -> Node<'a> {
    if flow.node == scheme.node {
        scheme.node.get("flow").unwrap_or(scheme.node)
    } else {
        flow.node
    }
}

/// Reports every flow of `kind`, naming it `what` in the message.
pub fn report_flows(cx: &mut Context<'_, '_>, kind: FlowKind, what: &str, why: &str) {
    let spec = cx.spec;
    for scheme in &spec.security_schemes {
        for flow in scheme.flows().iter().filter(|f| f.kind == kind) {
            cx.report(
                flow_location(scheme, flow),
                format!(
                    "OAuth2 scheme '{}' offers the {what} flow: {why}",
                    scheme.name
                ),
            );
        }
    }
}
