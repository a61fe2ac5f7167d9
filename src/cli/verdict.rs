//! The exit status of a lint, and the one line that says why.

use super::args::FailOn;
use super::{EXIT_CLEAN, EXIT_FINDINGS, EXIT_TOOL_ERROR};
use crate::finding::{Severity, SuppressionKind};
use crate::report::{Run, escape, plural};

/// What fails a run, from the flags and the config.
pub(super) struct Gates {
    /// The fail-on level every config shares; `None` when they differ.
    pub(super) fail_on: Option<FailOn>,
    /// Findings at or above the fail-on level of the config covering them.
    pub(super) over: usize,
    pub(super) min_score: Option<u8>,
    pub(super) max_warnings: Option<usize>,
}

pub(super) struct Verdict {
    pub(super) code: u8,
    /// `exit 1: 3 findings at or above fail-on error`.
    pub(super) reason: String,
}

pub(super) fn judge(run: &Run, gates: &Gates, tool_error: bool) -> Verdict {
    let mut failed = Vec::new();
    let mut passed = Vec::new();
    match gates.fail_on.map(FailOn::threshold) {
        Some(None) => passed.push("fail-on never".to_owned()),
        level => {
            let gate = match level.flatten() {
                Some(threshold) => format!("fail-on {}", threshold.as_str()),
                None => "the fail-on of each config".to_owned(),
            };
            if gates.over > 0 {
                failed.push(format!(
                    "{} at or above {gate}",
                    plural(gates.over, "finding")
                ));
            } else {
                passed.push(format!("no finding at or above {gate}"));
            }
        }
    }
    if let Some(min) = gates.min_score {
        // A file with no score (not OpenAPI, or broken) does not pass: `None`
        // is the lowest.
        match run.files.iter().min_by_key(|f| f.score) {
            Some(lowest) if lowest.score.is_none_or(|s| s < min) => failed.push(match lowest.score {
                Some(score) => format!(
                    "score {score}/100 of {} below min-score {min}",
                    escape::path(&lowest.path)
                ),
                None => format!(
                    "{} has no score (not an OpenAPI document oasguard could read) for min-score {min}",
                    escape::path(&lowest.path)
                ),
            }),
            _ => passed.push(format!("every score at or above min-score {min}")),
        }
    }
    if let Some(max) = gates.max_warnings {
        let warnings = run.count(Severity::Warning);
        let counted = format!("{} ", plural(warnings, "warning"));
        if warnings > max {
            failed.push(format!("{counted}over max-warnings {max}"));
        } else {
            passed.push(format!("{counted}within max-warnings {max}"));
        }
    }
    let (code, reasons) = if tool_error {
        (
            EXIT_TOOL_ERROR,
            vec!["a path could not be read (see the errors above)".to_owned()],
        )
    } else if failed.is_empty() {
        (EXIT_CLEAN, passed)
    } else {
        (EXIT_FINDINGS, failed)
    };
    Verdict {
        code,
        reason: format!("exit {code}: {}{}", reasons.join("; "), hidden(run)),
    }
}

/// ` (4 findings hidden by the baseline)`: what did not count, and why.
fn hidden(run: &Run) -> String {
    let by = |kind: SuppressionKind| {
        run.findings
            .iter()
            .filter(|f| f.suppression.as_ref().is_some_and(|s| s.kind == kind))
            .count()
    };
    let parts: Vec<String> = [
        (by(SuppressionKind::External), "the baseline"),
        (by(SuppressionKind::InSource), "x-oasguard-ignore"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, by)| format!("{} hidden by {by}", plural(n, "finding")))
    .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}
