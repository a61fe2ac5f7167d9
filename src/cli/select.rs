//! `--select` and `--ignore` items: rule ids, OWASP categories (`API2`,
//! `API8:2023`) and `prefix-*` patterns, each expanded to the rule ids it
//! names.

use crate::config;
use crate::engine::Selection;
use crate::rules::{REGISTRY, Rule};

/// The rule ids `items` name, in registry order per item; blanks around an
/// item and empty items (`a, b,`) are ignored. An item that names no rule
/// is an error, with a suggestion.
pub(super) fn expand(flag: &str, items: &[String]) -> Result<Vec<String>, String> {
    let mut ids = Vec::new();
    for item in items.iter().map(|i| i.trim()).filter(|i| !i.is_empty()) {
        let item = item.to_ascii_lowercase();
        let matched: Vec<&Rule> = REGISTRY
            .iter()
            .copied()
            .filter(|rule| matches(&item, rule))
            .collect();
        if matched.is_empty() {
            let hint = config::did_you_mean(&item, REGISTRY.iter().map(|r| r.id));
            return Err(format!(
                "{flag} '{item}' names no rule{hint}: give a rule id, an OWASP category \
                 (API2, API8:2023) or a prefix pattern (oauth2-*)"
            ));
        }
        ids.extend(matched.iter().map(|r| r.id.to_owned()));
    }
    Ok(ids)
}

fn matches(item: &str, rule: &Rule) -> bool {
    if let Some(prefix) = item.strip_suffix('*') {
        return rule.id.starts_with(prefix);
    }
    if item == rule.id {
        return true;
    }
    // `api8` names `API8:2023`; `api8:2023` names it exactly.
    let code = rule.owasp.code.to_ascii_lowercase();
    item.starts_with("api") && (code == item || code.split(':').next() == Some(item))
}

/// A selection that runs no rule would report "no problems" about nothing.
pub(super) fn check_not_empty(selection: &Selection) -> Result<(), String> {
    if REGISTRY.iter().any(|rule| selection.enables(rule)) {
        Ok(())
    } else {
        Err(
            "the rule selection is empty: --select, --ignore and the config leave no rule to run"
                .to_owned(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(items: &[&str]) -> Result<Vec<String>, String> {
        let items: Vec<String> = items.iter().map(|s| s.to_string()).collect();
        expand("--select", &items)
    }

    #[test]
    fn items_are_trimmed_and_blanks_dropped() {
        assert_eq!(
            ids(&["server-plain-http", " oauth2-implicit-flow", ""]).unwrap(),
            ["server-plain-http", "oauth2-implicit-flow"]
        );
    }

    #[test]
    fn categories_and_prefixes_expand_to_their_rules() {
        let oauth2: Vec<&str> = REGISTRY
            .iter()
            .map(|r| r.id)
            .filter(|id| id.starts_with("oauth2-"))
            .collect();
        assert!(oauth2.len() > 1);
        assert_eq!(ids(&["oauth2-*"]).unwrap(), oauth2);
        let api7: Vec<&str> = REGISTRY
            .iter()
            .filter(|r| r.owasp.code == "API7:2023")
            .map(|r| r.id)
            .collect();
        assert!(!api7.is_empty());
        assert_eq!(ids(&["API7"]).unwrap(), api7);
        assert_eq!(ids(&["api7:2023"]).unwrap(), api7);
        assert!(ids(&["API7:2019"]).is_err());
    }

    #[test]
    fn an_unknown_item_suggests_the_nearest_rule() {
        let message = ids(&["server-plain-htp"]).unwrap_err();
        assert!(
            message.starts_with(
                "--select 'server-plain-htp' names no rule (did you mean 'server-plain-http'?)"
            ),
            "{message}"
        );
        assert!(ids(&["nothing-*"]).is_err());
    }
}
