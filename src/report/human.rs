//! Compiler-style diagnostics with a code frame, rendered by miette.
//!
//! miette is handed a small excerpt (the line and one line of context either
//! side), never the whole file: a finding in 13 MB of minified JSON prints a
//! cropped window around its column, not the line.

use std::fmt;
use std::io::{self, Write};

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::{Run, Style, severity_counts};
use crate::finding::{Finding, Severity};

/// Characters of a long line shown around the finding.
const WINDOW: usize = 120;
/// Of those, how many come before the finding's column.
const LEAD: usize = 40;

pub fn write(run: &Run, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_context_lines(1)
        .with_width(120);
    for finding in &run.findings {
        let excerpt = run
            .sources
            .get(&finding.path)
            .map(|text| Excerpt::new(finding, text))
            .unwrap_or_else(|| Excerpt::empty(finding));
        let diagnostic = FindingDiagnostic { finding, excerpt };
        let mut rendered = String::new();
        handler
            .render_report(&mut rendered, &diagnostic)
            .map_err(|_| io::Error::other("cannot render a diagnostic"))?;
        writeln!(out, "{rendered}")?;
    }
    let files = run.files.len();
    let files = if files == 1 {
        "1 file".to_owned()
    } else {
        format!("{files} files")
    };
    if run.findings.is_empty() {
        writeln!(out, "no problems found in {files}")
    } else {
        let total = run.findings.len();
        let problems = if total == 1 { "problem" } else { "problems" };
        writeln!(
            out,
            "{total} {problems} ({}) in {files}",
            severity_counts(run)
        )
    }
}

struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    excerpt: Excerpt,
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
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
        Some(Box::new(format!(
            "{} (oasguard explain {})",
            rule.help, rule.id
        )))
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
            name: finding.path.display().to_string(),
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

    fn new(finding: &Finding, text: &str) -> Excerpt {
        let line_no = finding.start.line;
        let lines: Vec<&str> = text.lines().collect();
        if line_no == 0 || line_no > lines.len().max(1) {
            return Excerpt::empty(finding);
        }
        let first = line_no.saturating_sub(2);
        let last = (line_no + 1).min(lines.len());
        let column = finding.start.column - 1;
        // The same character window on every line keeps them aligned.
        let window_start = if lines[line_no - 1].chars().count() > WINDOW {
            column.saturating_sub(LEAD)
        } else {
            0
        };
        let mut excerpt = String::new();
        let mut label = SourceSpan::from((0, 0));
        for (index, line) in lines.iter().enumerate().take(last).skip(first) {
            let (shown, shift) = crop(line, window_start);
            if index + 1 == line_no {
                let start_char = column - window_start + shift;
                let start = excerpt.len() + byte_of_char(&shown, start_char);
                let width = if finding.end.line == line_no {
                    finding.end.column.saturating_sub(finding.start.column)
                } else {
                    shown.chars().count().saturating_sub(start_char)
                };
                let end_char =
                    (start_char + width.max(1)).min(shown.chars().count().max(start_char));
                let end = excerpt.len() + byte_of_char(&shown, end_char);
                label = SourceSpan::from((start, end - start));
            }
            excerpt.push_str(&shown);
            excerpt.push('\n');
        }
        Excerpt {
            name: finding.path.display().to_string(),
            text: excerpt,
            first_line: first,
            line_count: last - first,
            label,
            at: (line_no - 1, column),
        }
    }
}

/// The window of `line` from character `from`, with `…` where it was cut;
/// returns the text and how many characters the leading `…` adds.
fn crop(line: &str, from: usize) -> (String, usize) {
    let total = line.chars().count();
    if total <= WINDOW && from == 0 {
        return (line.to_owned(), 0);
    }
    let mut shown = String::new();
    let mut shift = 0;
    if from > 0 {
        shown.push('…');
        shift = 1;
    }
    shown.extend(line.chars().skip(from).take(WINDOW));
    if from + WINDOW < total {
        shown.push('…');
    }
    (shown, shift)
}

fn byte_of_char(text: &str, index: usize) -> usize {
    text.char_indices()
        .nth(index)
        .map_or(text.len(), |(i, _)| i)
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
