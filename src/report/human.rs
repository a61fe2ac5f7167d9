//! Compiler-style diagnostics with a code frame, rendered by miette.
//!
//! miette is handed a small excerpt (the line and one line of context either
//! side), never the whole file: a finding in 13 MB of minified JSON prints a
//! cropped window around its column, not the line.

use std::fmt;
use std::io::{self, Write};

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents, ThemeStyles,
};

use super::{ReportOptions, Run, escape, plural};
use crate::finding::{Finding, Severity};

/// The gutter and frame around a source line: the rest of the width is the
/// line's text.
const GUTTER: usize = 12;
/// Fewest characters of a long line shown, however narrow the terminal.
const MIN_WINDOW: usize = 40;

pub fn write(run: &Run, options: &ReportOptions, out: &mut dyn Write) -> io::Result<()> {
    let shown = triage_order(run, options.min_shown);
    let frames = Frames::new(options);
    let limit = options.max_findings.unwrap_or(usize::MAX);
    let fold_after = options.fold_after.unwrap_or(usize::MAX);
    let mut printed = 0;
    for group in shown.chunk_by(|a, b| a.rule == b.rule && a.severity == b.severity) {
        if printed == limit {
            break;
        }
        let take = group.len().min(fold_after).min(limit - printed);
        for finding in &group[..take] {
            frames.render(run, finding, out)?;
        }
        printed += take;
        if take == fold_after && group.len() > take {
            let more = group.len() - take;
            writeln!(
                out,
                "  … and {more} more like this ({}); `--all` shows them\n",
                group[0].rule
            )?;
        }
    }
    if printed < shown.len() {
        let limits: Vec<String> = [
            options.fold_after.map(|n| format!("at most {n} per rule")),
            options.max_findings.map(|n| format!("{n} in all")),
        ]
        .into_iter()
        .flatten()
        .collect();
        writeln!(
            out,
            "{printed} of {} shown: {}\n\
             `--all` shows every one; `--max-findings N` moves the cap\n",
            plural(shown.len(), "finding"),
            limits.join(" and ")
        )?;
    }
    rule_table(&shown, options, out)?;
    writeln!(out, "{}", super::summary_line(run))?;
    if let Some(score) = super::score_line(run) {
        writeln!(out, "{score}")?;
    }
    if !shown.is_empty() {
        writeln!(
            out,
            "`oasguard explain <rule>`: what a rule checks and how to fix it\n\
             `--format statistics`: counts per rule; `--format compact`: a line per finding"
        )?;
    }
    Ok(())
}

/// The findings to print, most severe first, then by rule, then by place:
/// the order in which to fix them.
fn triage_order(run: &Run, min_shown: Option<Severity>) -> Vec<&Finding> {
    let mut shown: Vec<&Finding> = run
        .active()
        .filter(|f| min_shown.is_some_and(|min| f.severity >= min))
        .collect();
    // Stable: within a rule, the run's order (file, then position) stays.
    shown.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.rule.cmp(b.rule)));
    shown
}

/// Findings per rule and severity, most severe then most frequent first,
/// and the rule to start with.
fn rule_table(shown: &[&Finding], options: &ReportOptions, out: &mut dyn Write) -> io::Result<()> {
    let mut rows: Vec<(Severity, usize, &str)> = Vec::new();
    for group in shown.chunk_by(|a, b| a.rule == b.rule && a.severity == b.severity) {
        rows.push((group[0].severity, group.len(), group[0].rule));
    }
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
    // One rule needs no table: its frames said it all.
    let [(_, _, first), _, ..] = rows[..] else {
        return Ok(());
    };
    let width = rows.iter().map(|r| r.2.len()).max().unwrap_or(0);
    let count_width = rows
        .iter()
        .map(|r| r.1.to_string().len())
        .max()
        .unwrap_or(0);
    writeln!(out, "findings by rule:")?;
    for (severity, count, id) in rows {
        let summary = crate::rules::find(id).map_or("", |r| r.summary);
        writeln!(
            out,
            "  {}  {count:>count_width$}  {id:<width$}  {summary}",
            super::paint(
                severity,
                &format!("{:<7}", severity.as_str()),
                options.color
            )
        )?;
    }
    writeln!(out, "start with {first}: `oasguard explain {first}`\n")
}

/// One renderer per severity: the label under a frame takes its colour.
struct Frames {
    error: GraphicalReportHandler,
    warning: GraphicalReportHandler,
    info: GraphicalReportHandler,
    /// Characters of a long line shown around a finding.
    window: usize,
}

impl Frames {
    fn new(options: &ReportOptions) -> Frames {
        let handler = |label_style: fn(&mut ThemeStyles)| {
            let mut theme = if options.color {
                GraphicalTheme::unicode()
            } else {
                GraphicalTheme::unicode_nocolor()
            };
            label_style(&mut theme.styles);
            GraphicalReportHandler::new_themed(theme)
                .with_links(false)
                .with_context_lines(1)
                .with_width(options.width)
        };
        Frames {
            error: handler(|s| s.highlights = vec![s.error]),
            warning: handler(|s| s.highlights = vec![s.warning]),
            info: handler(|s| s.highlights = vec![s.advice]),
            window: options.width.saturating_sub(GUTTER).max(MIN_WINDOW),
        }
    }

    fn render(&self, run: &Run, finding: &Finding, out: &mut dyn Write) -> io::Result<()> {
        let excerpt = run
            .sources
            .get(&*finding.path)
            .map(|text| Excerpt::new(finding, text, self.window))
            .unwrap_or_else(|| Excerpt::empty(finding));
        let diagnostic = FindingDiagnostic { finding, excerpt };
        let handler = match finding.severity {
            Severity::Error => &self.error,
            Severity::Warning => &self.warning,
            Severity::Info => &self.info,
        };
        let mut rendered = String::new();
        handler
            .render_report(&mut rendered, &diagnostic)
            .map_err(|_| io::Error::other("cannot render a diagnostic"))?;
        writeln!(out, "{rendered}")
    }
}

struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    excerpt: Excerpt,
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escape::line(&self.finding.message))
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escape::line(&self.finding.message))
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.finding.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let rule = crate::rules::find(self.finding.rule)?;
        Some(Box::new(rule.help))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.excerpt)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let label = LabeledSpan::new_primary_with_span(
            Some(self.finding.severity.as_str().to_owned()),
            self.excerpt.label,
        );
        Some(Box::new(std::iter::once(label)))
    }
}

/// The lines around a finding, cropped, with the finding's place in them.
struct Excerpt {
    name: String,
    text: String,
    /// 0-based number of the excerpt's first line in the file.
    first_line: usize,
    line_count: usize,
    label: SourceSpan,
    /// 0-based line and column of the finding, for the frame's header.
    at: (usize, usize),
}

impl Excerpt {
    fn empty(finding: &Finding) -> Excerpt {
        Excerpt {
            name: escape::path(&finding.path),
            text: String::new(),
            first_line: 0,
            line_count: 0,
            label: SourceSpan::from((0, 0)),
            at: (
                finding.start.line.saturating_sub(1),
                finding.start.column.saturating_sub(1),
            ),
        }
    }

    /// Cuts the excerpt out of `text` with bounded scans from the finding's
    /// offset, so thousands of findings in one huge file stay cheap.
    fn new(finding: &Finding, text: &str, window: usize) -> Excerpt {
        let at = floor_boundary(text, finding.byte_start);
        let bytes = text.as_bytes();
        let line = (line_start(bytes, at), line_end(bytes, at));
        let mut lines: Vec<(usize, usize)> = Vec::new();
        let mut focus = 0;
        match line {
            (Some(start), Some(end)) if text[start..end].chars().count() <= window => {
                if let Some(prev_start) = start.checked_sub(1).and_then(|p| line_start(bytes, p)) {
                    lines.push((prev_start, start - 1));
                    focus = 1;
                }
                lines.push((start, end));
                if end < bytes.len()
                    && let Some(next_end) = line_end(bytes, end + 1)
                {
                    lines.push((end + 1, next_end));
                }
            }
            // A long line (minified JSON): a window around the finding only.
            _ => {
                let start = text[..at]
                    .char_indices()
                    .rev()
                    .take(window / 3)
                    .last()
                    .map_or(at, |(i, _)| i);
                lines.push((start, line.1.unwrap_or(text.len())));
            }
        }
        let mut excerpt = String::new();
        let mut label = SourceSpan::from((0, 0));
        for (index, &(start, end)) in lines.iter().enumerate() {
            let line_text = text[start..end].trim_end_matches('\r');
            if index == focus && start > 0 && bytes[start - 1] != b'\n' {
                excerpt.push('…');
            }
            let kept = line_text
                .char_indices()
                .nth(window)
                .map_or(line_text.len(), |(i, _)| i);
            let kept = &line_text[..kept];
            // Escaping widens a character's bytes, not its column: the
            // label is measured on the escaped text.
            let shown = escape::frame_line(kept);
            if index == focus {
                let from = (at - start).min(kept.len());
                let to = if finding.end.line == finding.start.line {
                    floor_boundary(kept, finding.byte_end.saturating_sub(start)).max(from)
                } else {
                    kept.len()
                };
                let offset = excerpt.len() + escape::frame_line(&kept[..from]).len();
                let width = escape::frame_line(&kept[from..to]).len();
                label = SourceSpan::from((offset, width.max(1)));
            }
            excerpt.push_str(&shown);
            if kept.len() < line_text.len() {
                excerpt.push('…');
            }
            excerpt.push('\n');
        }
        Excerpt {
            name: escape::path(&finding.path),
            text: excerpt,
            first_line: finding.start.line.saturating_sub(1 + focus),
            line_count: lines.len(),
            label,
            at: (finding.start.line - 1, finding.start.column - 1),
        }
    }
}

/// How far a scan for a line break goes before calling the line long:
/// beyond any terminal's window, so a line that fits is never cropped.
const SCAN_LIMIT: usize = 4096;

fn line_start(bytes: &[u8], at: usize) -> Option<usize> {
    let from = at.saturating_sub(SCAN_LIMIT);
    match bytes[from..at].iter().rposition(|&b| b == b'\n') {
        Some(i) => Some(from + i + 1),
        None if from == 0 => Some(0),
        None => None,
    }
}

fn line_end(bytes: &[u8], at: usize) -> Option<usize> {
    let to = (at + SCAN_LIMIT).min(bytes.len());
    match bytes[at..to].iter().position(|&b| b == b'\n') {
        Some(i) => Some(at + i),
        None if to == bytes.len() => Some(to),
        None => None,
    }
}

fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        // miette asks for the label alone to title the frame `path:line:col`:
        // answer with the finding's real position, not the excerpt's.
        let (line, column) =
            if *span == self.label && context_lines_before == 0 && context_lines_after == 0 {
                self.at
            } else {
                (self.first_line, 0)
            };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            self.text.as_bytes(),
            SourceSpan::from((0, self.text.len())),
            line,
            column,
            self.line_count,
        )))
    }
}
