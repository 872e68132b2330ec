//! Text from a scenario or the command line made safe to show: on a
//! terminal, in SVG and in HTML, a name can neither obey as an escape
//! sequence nor reorder the text around it, and every file stays
//! well-formed whatever the input holds.

use std::borrow::Cow;

/// The characters that reorder the text around them (an embedded U+202E
/// RIGHT-TO-LEFT OVERRIDE makes `cost 001` read `100 tsoc`).
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// Whether `c` is shown as an escape rather than written as itself: control
/// characters other than newline and tab (ESC, BEL, NUL, CR, C1 controls,
/// none of which XML 1.0 allows), bidirectional controls, and the two
/// non-characters XML forbids.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || is_bidi_control(c)
        || c == '\u{fffe}'
        || c == '\u{ffff}'
}

/// `text` with every [`is_unsafe`] character written as its escape, such as
/// `\u{1b}`: seen, not obeyed.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` for SVG or HTML, as character data or an attribute value: the
/// markup characters as entities, and every [`is_unsafe`] one as its
/// escape, so that the document parses as XML whatever the text.
pub fn markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in printable(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        assert_eq!(printable("plain\ttext\n"), "plain\ttext\n");
        assert_eq!(printable("a\x1b[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(printable("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(printable("bell\x07"), "bell\\u{7}");
        assert_eq!(printable("日本\r"), "日本\\u{d}");
        assert_eq!(printable("a\u{202e}b"), "a\\u{202e}b");
        assert_eq!(printable("情報\u{2067}"), "情報\\u{2067}");
    }

    #[test]
    fn markup_is_well_formed_xml_whatever_the_text() {
        let hostile = "a<b>&\"c\0\x07\x1b]0;x\x07\u{202e}\u{fffe}d";
        let doc = format!("<svg><text title=\"{0}\">{0}</text></svg>", markup(hostile));
        let parsed = roxmltree::Document::parse(&doc).expect("well-formed");
        let text = parsed.root_element().first_child().unwrap().text().unwrap();
        assert_eq!(
            text,
            "a<b>&\"c\\u{0}\\u{7}\\u{1b}]0;x\\u{7}\\u{202e}\\u{fffe}d"
        );
    }
}
