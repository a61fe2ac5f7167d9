//! Servers: 3.x `servers` at root, path and operation level (3.2's `query`
//! and `additionalOperations` included); 2.0's
//! `schemes` + `host` + `basePath` seen as servers.

use crate::source::Node;

use super::Spec;

/// Combinations of server-variable values tried, at most.
const MAX_VARIANTS: usize = 64;

pub struct Server<'a> {
    /// The URL as written (2.0: assembled from host and basePath).
    pub url: String,
    /// Where findings point: the `url` value (2.0: the `host` value).
    pub node: Node<'a>,
    /// The server object (3.x), for its description and extensions.
    pub object: Option<Node<'a>>,
}

impl Server<'_> {
    pub fn description(&self) -> Option<&str> {
        self.object.and_then(|o| o.get_str("description"))
    }

    /// The URL with `{variables}` replaced by each combination of their
    /// `enum` values (or `default`), so a plain-http choice is not missed.
    pub fn expanded_urls(&self) -> Vec<String> {
        let mut urls = vec![self.url.clone()];
        let Some(vars) = self.object.and_then(|o| o.get("variables")) else {
            return urls;
        };
        for (name, var) in vars.entries() {
            let placeholder = format!("{{{}}}", name.name);
            if !self.url.contains(&placeholder) {
                continue;
            }
            let mut values: Vec<&str> = var
                .get("enum")
                .into_iter()
                .flat_map(|e| e.items())
                .filter_map(|v| v.as_str())
                .collect();
            values.extend(var.get_str("default"));
            values.dedup();
            if values.is_empty() {
                continue;
            }
            urls = urls
                .iter()
                .flat_map(|url| {
                    let placeholder = &placeholder;
                    values.iter().map(move |v| url.replace(placeholder, v))
                })
                .take(MAX_VARIANTS)
                .collect();
        }
        urls
    }
}

pub(super) fn collect<'a>(spec: &Spec<'a>) -> Vec<Server<'a>> {
    if spec.is_v2() {
        return swagger_host(spec).into_iter().collect();
    }
    let mut lists = vec![spec.root.get("servers")];
    if let Some(paths) = spec.get(spec.root, "paths") {
        for (_, item) in paths.entries() {
            let item = spec.resolve(item);
            lists.push(item.get("servers"));
            lists.extend(
                super::item_operations(spec, item)
                    .into_iter()
                    .map(|op| op.node.get("servers")),
            );
        }
    }
    let mut servers = Vec::new();
    for list in lists.into_iter().flatten() {
        for object in list.items() {
            let object = spec.resolve(object);
            let Some(url) = object.get("url") else {
                continue;
            };
            let Some(text) = url.as_str() else { continue };
            if servers.iter().any(|s: &Server<'_>| s.node == url) {
                continue;
            }
            servers.push(Server {
                url: text.to_owned(),
                node: url,
                object: Some(object),
            });
        }
    }
    servers
}

fn swagger_host<'a>(spec: &Spec<'a>) -> Option<Server<'a>> {
    let host = spec.root.get("host")?;
    let base_path = spec.root.get_str("basePath").unwrap_or("");
    Some(Server {
        url: format!("{}{base_path}", host.as_str()?),
        node: host,
        object: None,
    })
}
