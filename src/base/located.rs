//! Problems found in a planner's input, rendered like cargo's manifest errors:
//! `path:line:col`, the source line, a caret under the span, and what would be valid.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A text file read from disk, with the byte offsets where its lines start.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user gave it, for messages.
    pub path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col = self.text[start..offset].chars().count() + 1;
        (line + 1, col)
    }

    /// The byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len())
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.line_starts[line - 1];
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

/// Where a value came from.
#[derive(Debug, Clone)]
pub enum Origin {
    /// A span of a file.
    File { file: PathBuf, span: Range<usize> },
    /// A `--set PATH=VALUE` argument on the command line.
    Set(String),
    /// A built-in strategy preset such as `@sovereignty`.
    Preset(String),
    /// Nowhere in particular (the file as a whole).
    Whole(PathBuf),
}

/// One problem with the input.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub message: String,
    pub origin: Option<Origin>,
    pub help: Option<String>,
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn new(message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            origin: None,
            help: None,
            notes: Vec::new(),
        }
    }

    pub fn at(mut self, origin: Origin) -> Self {
        self.origin = Some(origin);
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// `file:line:col` where the origin is a file span.
    pub fn location(&self, sources: &[SourceFile]) -> Option<String> {
        match &self.origin {
            Some(Origin::File { file, span }) => {
                let source = find(sources, file)?;
                let (line, col) = source.line_col(span.start);
                Some(format!("{}:{line}:{col}", file.display()))
            }
            _ => None,
        }
    }

    /// Renders the problem with the source line and a caret under the span.
    pub fn render(&self, sources: &[SourceFile]) -> String {
        let mut out = format!("error: {}\n", self.message);
        match &self.origin {
            Some(Origin::File { file, span }) => match find(sources, file) {
                Some(source) => render_snippet(&mut out, source, span),
                None => out.push_str(&format!("  --> {}\n", file.display())),
            },
            Some(Origin::Set(arg)) => out.push_str(&format!("  --> from `--set {arg}`\n")),
            Some(Origin::Preset(name)) => out.push_str(&format!("  --> from preset `{name}`\n")),
            Some(Origin::Whole(file)) => out.push_str(&format!("  --> {}\n", file.display())),
            None => {}
        }
        for note in &self.notes {
            out.push_str(&format!("   = note: {note}\n"));
        }
        if let Some(help) = &self.help {
            out.push_str(&format!("   = help: {help}\n"));
        }
        out
    }
}

fn find<'a>(sources: &'a [SourceFile], file: &Path) -> Option<&'a SourceFile> {
    sources.iter().find(|s| s.path == file)
}

/// Characters of a source line shown around the caret.
const SNIPPET_WIDTH: usize = 120;

fn render_snippet(out: &mut String, source: &SourceFile, span: &Range<usize>) {
    let (line, col) = source.line_col(span.start);
    let full = source.line_text(line);
    let gutter = line.to_string().len();
    let pad = " ".repeat(gutter);
    // The caret covers the span on its first line (at least one character).
    let chars = full.chars().count();
    // The caret may sit at most just past the shown text: a span on a line
    // ending (such as a lone `\r` at the end of the file) is shown there.
    let at = col.min(chars + 1);
    let (end_line, end_col) = source.line_col(span.end);
    let last = if end_line == line { end_col } else { chars + 1 };
    let mut width = last.saturating_sub(at).max(1);
    // A very long line shows a window around the span, marked with ellipses.
    let (text, caret_at) = if chars > SNIPPET_WIDTH {
        let skip = at
            .saturating_sub(SNIPPET_WIDTH / 2)
            .min(chars - SNIPPET_WIDTH);
        let body: String = full.chars().skip(skip).take(SNIPPET_WIDTH).collect();
        let lead = if skip > 0 { "…" } else { "" };
        let tail = if skip + SNIPPET_WIDTH < chars {
            "…"
        } else {
            ""
        };
        width = width.min(SNIPPET_WIDTH + skip + 1 - at);
        (
            format!("{lead}{body}{tail}"),
            at - skip + usize::from(skip > 0),
        )
    } else {
        (full.to_string(), at)
    };
    out.push_str(&format!(
        "{pad}--> {}:{line}:{col}\n",
        source.path.display()
    ));
    out.push_str(&format!("{pad} |\n"));
    out.push_str(&format!("{line} | {text}\n"));
    out.push_str(&format!(
        "{pad} | {}{}\n",
        " ".repeat(caret_at - 1),
        "^".repeat(width.max(1))
    ));
}

/// Every problem found in one pass over the input.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
    pub sources: Vec<SourceFile>,
}

impl Diagnostics {
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.items.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}", d.render(&self.sources))?;
        }
        if self.items.len() > 1 {
            write!(f, "\n{} problems found", self.items.len())?;
        }
        Ok(())
    }
}

/// The closest candidate to a mistyped name, if one is close enough to suggest.
/// Two swapped letters count as one slip (`cots` is one from `cost`).
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (edit_distance(name, c), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, c)| (d, c))
        .map(|(_, c)| c)
}

/// Insertions, deletions, substitutions and swaps of neighbouring letters
/// (the optimal string alignment distance).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // d[i][j]: distance between a[..i] and b[..j].
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let same = a[i - 1] == b[j - 1];
            let mut best = (d[i - 1][j - 1] + usize::from(!same))
                .min(d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// `a`, `b` and `c` as a readable list of backticked names.
pub fn one_of<S: AsRef<str>>(names: &[S]) -> String {
    names
        .iter()
        .map(|n| format!("`{}`", n.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_from_one() {
        let s = SourceFile::new("x.toml", "a = 1\nbé = 2\n".into());
        assert_eq!(s.line_col(0), (1, 1));
        assert_eq!(s.line_col(6), (2, 1));
        // 'é' is two bytes: the '=' after it is the fourth character.
        assert_eq!(s.line_col(10), (2, 4));
        assert_eq!(s.line_text(2), "bé = 2");
    }

    #[test]
    fn suggests_close_names_only() {
        let c = ["capacity", "price", "country"];
        assert_eq!(did_you_mean("capcity", c), Some("capacity"));
        assert_eq!(did_you_mean("prize", c), Some("price"));
        assert_eq!(did_you_mean("zzzzzz", c), None);
        // A swap is one slip, so even a short name finds its match.
        assert_eq!(
            did_you_mean("@cots", ["@cost", "@diversify"]),
            Some("@cost")
        );
        assert_eq!(did_you_mean("pirce", c), Some("price"));
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn renders_a_caret_under_the_span() {
        let s = SourceFile::new("m.toml", "[p]\ncapcity = 3\n".into());
        let d = Diagnostic::new("unknown field `capcity`")
            .at(Origin::File {
                file: "m.toml".into(),
                span: 4..11,
            })
            .with_help("did you mean `capacity`?");
        let r = d.render(&[s]);
        assert!(r.contains(" --> m.toml:2:1\n"), "{r}");
        assert!(r.contains("2 | capcity = 3\n  | ^^^^^^^\n"), "{r}");
        assert!(r.contains("= help: did you mean `capacity`?"), "{r}");
    }

    /// Found by fuzzing: a long line ending in a lone `\r` at the end of the
    /// file puts the span two columns past the shown text.
    #[test]
    fn a_span_past_the_line_text_is_drawn_at_its_end() {
        for len in [10, 137] {
            let text = format!("{}\r", "x".repeat(len));
            let end = text.len();
            let s = SourceFile::new("r.toml", text);
            let d =
                Diagnostic::new("carriage return must be followed by newline").at(Origin::File {
                    file: "r.toml".into(),
                    span: end..end,
                });
            let r = d.render(&[s]);
            assert!(r.contains(&format!(" --> r.toml:1:{}\n", len + 2)), "{r}");
            let caret = r.lines().last().unwrap();
            assert!(caret.ends_with(" ^"), "{r}");
        }
    }
}
