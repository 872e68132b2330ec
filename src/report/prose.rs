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
/// longest word, header's too (up to 24 columns), so that a narrow terminal breaks cells
/// between words, never inside one (`critical-dom|estic`).
pub fn keep_words(t: &mut Table) {
    let widths: Vec<usize> = t
        .column_iter()
        .enumerate()
        .map(|(i, _)| {
            t.column_cells_iter(i)
                .flatten()
                .chain(t.header().and_then(|h| h.cell_iter().nth(i)))
                .flat_map(|c| unbreakable(&c.content()))
                .max()
                .unwrap_or(0)
                .min(24)
        })
        .collect();
    // Where the words cannot all stay whole, the columns with the longest
    // ones narrow (and break inside them), so that the table still fits.
    let mut widths = widths;
    if let Some(width) = terminal_width() {
        let used = |ws: &[usize]| 1 + ws.iter().map(|w| w + 3).sum::<usize>();
        while used(&widths) > width {
            match widths.iter_mut().filter(|w| **w > 4).max_by_key(|w| **w) {
                Some(widest) => *widest -= 1,
                None => break,
            }
        }
    }
    for (i, w) in widths.into_iter().enumerate() {
        if let Some(col) = t.column_mut(i) {
            // The cell's padding (one each side) comes on top.
            let w = u16::try_from(w + 2).unwrap_or(u16::MAX);
            col.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(w)));
        }
    }
}

/// The widths of the pieces of `text` a line may not break inside: words
/// between spaces, and Japanese split where a line may break between
/// characters around brackets and marks (`需要（千GPU時間／年）` into
/// `需要`, `（千GPU時間／`, `年）`), so that a katakana word such as シェア
/// stays whole.
fn unbreakable(text: &str) -> Vec<usize> {
    // Japanese may break between any two characters: a long name (さくら
    // インターネット) is kept whole only up to six characters.
    let piece_width = |p: &str| {
        let w = p.width();
        if w > p.chars().count() { w.min(12) } else { w }
    };
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        let mut piece = String::new();
        for ch in word.chars() {
            if "（「".contains(ch) && !piece.is_empty() {
                out.push(piece_width(&piece));
                piece.clear();
            }
            piece.push(ch);
            if "）」、。・／".contains(ch) {
                out.push(piece_width(&piece));
                piece.clear();
            }
        }
        out.push(piece_width(&piece));
    }
    out
}

/// A table of named rows and labelled columns (`corner` over the names)
/// for a terminal `width` columns wide (none: piped). It never splits a
/// word: when its columns do not fit, they come in blocks that do, each
/// with the row names, one table after another.
pub fn blocks_table(
    corner: &str,
    labels: &[String],
    rows: &[(String, Vec<String>)],
    width: Option<usize>,
) -> String {
    let name_width = rows
        .iter()
        .map(|(n, _)| columns(n))
        .fold(columns(corner), usize::max);
    let widths: Vec<usize> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            rows.iter()
                .map(|(_, c)| columns(&c[i]))
                .fold(columns(l), usize::max)
        })
        .collect();
    let mut out = String::new();
    for block in column_blocks(name_width, &widths, width) {
        let mut t = terminal_table(
            std::iter::once(corner.to_string())
                .chain(block.clone().map(|i| labels[i].clone()))
                .collect(),
        );
        t.set_content_arrangement(ContentArrangement::Disabled);
        for (name, cells) in rows {
            let mut row = vec![Cell::new(name)];
            row.extend(block.clone().map(|i| right(&cells[i])));
            t.add_row(row);
        }
        out.push_str(&format!("{t}\n\n"));
    }
    out
}

/// Consecutive ranges of columns (after a first column `first` wide) whose
/// table fits `width`; one range of all when it fits or there is no width.
/// Each column takes its content, two spaces of padding and a border.
fn column_blocks(
    first: usize,
    widths: &[usize],
    width: Option<usize>,
) -> Vec<std::ops::Range<usize>> {
    let Some(width) = width else {
        let all = 0..widths.len();
        return vec![all];
    };
    let mut blocks = Vec::new();
    let mut start = 0;
    let mut used = 1 + first + 3;
    for (i, w) in widths.iter().enumerate() {
        if i > start && used + w + 3 > width {
            blocks.push(start..i);
            start = i;
            used = 1 + first + 3;
        }
        used += w + 3;
    }
    blocks.push(start..widths.len());
    blocks
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

/// A result's answer as the terminal opens with it: its sentences as one
/// paragraph broken at the terminal's width, then a blank line (nothing
/// where there is no answer).
pub fn answer_block(sentences: &[String], lang: crate::base::lang::Lang) -> String {
    if sentences.is_empty() {
        return String::new();
    }
    format!("{}\n\n", to_terminal(&sentences.join(lang.sentence_gap())))
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

/// Whether a line may not break between `p` and `c` inside a figure: a
/// number keeps its unit (`386.8億円`, `2027年度`), and 億円 stays whole.
fn in_figure(p: char, c: char) -> bool {
    (p.is_ascii_digit() && UnicodeWidthChar::width(c) == Some(2))
        || ("兆億万".contains(p) && c == '円')
        || (p == '年' && c == '度')
}

/// A word cut where a line may break inside it: between two characters
/// of which one is wide, unless a rule above forbids it.
fn pieces(word: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    for (i, c) in word.char_indices() {
        if let Some(p) = prev {
            let wide = |ch: char| UnicodeWidthChar::width(ch) == Some(2);
            if (wide(p) || wide(c))
                && !NO_START.contains(c)
                && !NO_END.contains(p)
                && !in_figure(p, c)
            {
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
    fn a_figure_keeps_its_unit_on_its_line() {
        assert_eq!(
            wrap("総費用は386.8億円になる", 12),
            "総費用は\n386.8億円に\nなる"
        );
        assert_eq!(wrap("移行は2027年度から", 12), "移行は\n2027年度から");
    }

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
