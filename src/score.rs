//! The security score of a linted file, 0 (worst) to 100 (nothing found).
//!
//! Each rule with findings costs `weight(severity) × weight(category) ×
//! (1 − ½ⁿ)` for its `n` findings: the first finding costs half the rule's
//! weight, each further one half of what remains, so a rule can never cost
//! more than its weight — one noisy rule cannot zero the score, while many
//! different problems do add up. A root-cause finding counts as the places
//! it stands for ([`Finding::places`](crate::finding::Finding::places)).
//!
//! | severity | weight |   | category | weight |
//! |---|---|---|---|---|
//! | error | 20 | | API1, API2, API5 (authentication, authorization) | 1.5 |
//! | warning | 6 | | others | 1.0 |
//! | info | 1 | | | |

use crate::finding::{Finding, Severity, tally};

fn severity_weight(severity: Severity) -> f64 {
    match severity {
        Severity::Error => 20.0,
        Severity::Warning => 6.0,
        Severity::Info => 1.0,
    }
}

fn category_weight(rule: &str) -> f64 {
    match crate::rules::find(rule) {
        Some(r) if r.owasp.is_access_control() => 1.5,
        _ => 1.0,
    }
}

/// Scores the active findings of one linted file (and the files it reaches).
pub fn score<'a>(findings: impl Iterator<Item = &'a Finding>) -> u8 {
    let penalty: f64 = tally(findings)
        .into_iter()
        .map(|(rule, (count, severity))| {
            let count = i32::try_from(count).unwrap_or(i32::MAX);
            severity_weight(severity) * category_weight(rule) * (1.0 - 0.5f64.powi(count))
        })
        .sum();
    (100.0 - penalty).round().clamp(0.0, 100.0) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: &'static str, severity: Severity) -> Finding {
        Finding::at_file_start(
            rule,
            severity,
            std::path::Path::new("a.yaml").into(),
            String::new(),
        )
    }

    #[test]
    fn nothing_found_is_100() {
        assert_eq!(score(std::iter::empty()), 100);
    }

    #[test]
    fn one_noisy_rule_saturates() {
        let many: Vec<Finding> = (0..1000)
            .map(|_| finding("string-unbounded", Severity::Warning))
            .collect();
        assert_eq!(score(many.iter()), 94);
        let one = [finding("string-unbounded", Severity::Warning)];
        assert_eq!(score(one.iter()), 97);
    }

    /// One finding for a whole document that protects nothing weighs as
    /// the per-operation findings it replaces, not as one.
    #[test]
    fn a_root_cause_weighs_as_the_places_it_stands_for() {
        let per_operation: Vec<Finding> = (0..4)
            .map(|_| finding("operation-unauthenticated", Severity::Error))
            .collect();
        let mut root = finding("operation-unauthenticated", Severity::Error);
        root.places = 4;
        assert_eq!(score([root].iter()), score(per_operation.iter()));
    }

    #[test]
    fn authentication_errors_weigh_more() {
        let auth = [finding("operation-unauthenticated", Severity::Error)];
        let transport = [finding("server-plain-http", Severity::Error)];
        assert_eq!(score(auth.iter()), 85);
        assert_eq!(score(transport.iter()), 90);
    }
}
