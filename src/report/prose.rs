//! Text for the terminal: lines of prose broken between words, at the
//! width the output must fit.

use comfy_table::Table;

/// The width the terminal output must fit: `COLUMNS` when set, else the
/// terminal's own; none when the output is piped.
pub fn terminal_width() -> Option<usize> {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&c| c >= 20)
        .or_else(|| Table::new().width().map(usize::from))
}

/// `text` broken between words into lines of at most `width` characters (a
/// longer word stands alone on its line).
pub fn wrap(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
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
}
