//! Text for the terminal: lines of prose broken between words, and tables,
//! at the width the output must fit.

use comfy_table::{
    Cell, CellAlignment, ColumnConstraint, ContentArrangement, Table, Width, presets,
};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The width the terminal output must fit: `COLUMNS` when set, else the
/// terminal's own; none when the output is piped.
pub fn terminal_width() -> Option<usize> {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&c| c >= 20)
        .or_else(|| Table::new().width().map(usize::from))
}

/// A terminal table that fits the terminal's width (`COLUMNS` too), its
/// cells broken between words.
pub fn terminal_table(header: Vec<String>) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header);
    if let Some(width) = terminal_width().and_then(|w| u16::try_from(w).ok()) {
        t.set_width(width);
    }
    t
}

/// Keeps every word of `t` whole: each column is at least as wide as its
/// longest word (up to 24 columns), so that a narrow terminal breaks cells
/// between words, never inside one (`critical-dom|estic`).
pub fn keep_words(t: &mut Table) {
    let widths: Vec<usize> = t
        .column_iter()
        .enumerate()
        .map(|(i, _)| {
            t.column_cells_iter(i)
                .flatten()
                .flat_map(|c| {
                    c.content()
                        .split_whitespace()
                        .map(UnicodeWidthStr::width)
                        .collect::<Vec<_>>()
                })
                .max()
                .unwrap_or(0)
                .min(24)
        })
        .collect();
    for (i, w) in widths.into_iter().enumerate() {
        if let Some(col) = t.column_mut(i) {
            // The cell's padding (one each side) comes on top.
            let w = u16::try_from(w + 2).unwrap_or(u16::MAX);
            col.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(w)));
        }
    }
}

/// A terminal table with these column names.
pub fn header_table(header: &[&str]) -> Table {
    terminal_table(header.iter().map(|h| h.to_string()).collect())
}

/// The most workloads a terminal table lists (the largest by demand).
pub const TERMINAL_ROWS: usize = 50;

/// Lines broken at the terminal's width, the lines after the first indented.
pub fn wrapper() -> impl Fn(&str, &str) -> String {
    let width = crate::report::prose::terminal_width();
    move |text: &str, indent: &str| crate::report::prose::wrap_hanging(text, width, indent)
}

pub fn right(s: impl ToString) -> Cell {
    Cell::new(s).set_alignment(CellAlignment::Right)
}

/// Each line of `text` broken at the terminal's width; piped, unchanged.
pub fn to_terminal(text: &str) -> String {
    let width = terminal_width();
    text.lines()
        .map(|line| {
            // A continuation keeps the line's indent.
            let indent = &line[..line.len() - line.trim_start().len()];
            format!("{indent}{}", wrap_hanging(line.trim_start(), width, indent))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` broken at `width` columns (none: piped, one line), counting
/// `indent` before it, the lines after the first indented by it.
pub fn wrap_hanging(text: &str, width: Option<usize>, indent: &str) -> String {
    match width {
        Some(width) => wrap(text, width.saturating_sub(indent.len()).max(20))
            .replace('\n', &format!("\n{indent}")),
        None => text.to_string(),
    }
}

/// `text` with its first letter in upper case (a table heading).
pub fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Columns `text` takes in a terminal: two for a wide (Japanese) character.
pub fn columns(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Characters a line may not start with, and may not end with (Japanese
/// line-breaking rules, kinsoku).
const NO_START: &str = "、。，．・：；？！）」』】〕ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ%";
const NO_END: &str = "（「『【〔";

/// A word cut where a line may break inside it: between two characters
/// of which one is wide, unless a rule above forbids it.
fn pieces(word: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    for (i, c) in word.char_indices() {
        if let Some(p) = prev {
            let wide = |ch: char| UnicodeWidthChar::width(ch) == Some(2);
            if (wide(p) || wide(c)) && !NO_START.contains(c) && !NO_END.contains(p) {
                out.push(&word[start..i]);
                start = i;
            }
        }
        prev = Some(c);
    }
    out.push(&word[start..]);
    out
}

/// `text` broken into lines of at most `width` columns: between words, and
/// between Japanese characters (a longer word stands alone on its line).
pub fn wrap(text: &str, width: usize) -> String {
    if columns(text) <= width {
        return text.to_string();
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        for (k, piece) in pieces(word).into_iter().enumerate() {
            let space = k == 0 && !line.is_empty();
            let needed = columns(&line) + usize::from(space) + columns(piece);
            if !line.is_empty() && needed > width {
                lines.push(std::mem::take(&mut line));
            } else if space {
                line.push(' ');
            }
            line.push_str(piece);
        }
    }
    lines.push(line);
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_breaks_between_words_only() {
        assert_eq!(wrap("aa bb cc", 5), "aa bb\ncc");
        assert_eq!(wrap("a verylongword b", 4), "a\nverylongword\nb");
        assert_eq!(wrap("", 80), "");
        assert_eq!(wrap("two  spaces stay", 80), "two  spaces stay");
    }

    #[test]
    fn japanese_breaks_between_characters_by_columns() {
        // Each character takes two columns: three fit in 6.
        assert_eq!(wrap("予算が不足する", 6), "予算が\n不足す\nる");
        // No line starts with 、 or ends with （.
        assert_eq!(wrap("ああ、いい", 4), "あ\nあ、\nいい");
        assert_eq!(wrap("あ（いう）", 4), "あ\n（い\nう）");
        for line in wrap(
            "計画を決めている制約（段階ごとの限界値）と cost と 1% の関係",
            20,
        )
        .lines()
        {
            assert!(super::columns(line) <= 20 || !line.contains(' '), "{line}");
        }
    }
}
