//! The embedded font (IPAex Gothic: Latin and Japanese), and text measured,
//! fitted and drawn from its glyph outlines, so that charts need no system
//! font at build or run time and look the same in SVG and PNG.

use std::sync::LazyLock;

use ab_glyph::{Font, FontRef, GlyphId, OutlineCurve, ScaleFont};

/// IPAex Gothic, IPA Font License v1.0 (assets/fonts/).
static FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/ipaexg.ttf");

static FONT: LazyLock<FontRef<'static>> = LazyLock::new(|| {
    // The bytes are part of the binary; a test loads them.
    FontRef::try_from_slice(FONT_BYTES).expect("the embedded font parses")
});

/// Horizontal placement of text relative to its anchor point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HAlign {
    Left,
    Center,
    Right,
}

/// Vertical placement of text relative to its anchor point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VAlign {
    Top,
    Middle,
    Baseline,
}

/// Whether the font has a glyph for every character of `s`.
pub fn covers(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_whitespace() || FONT.glyph_id(c) != GlyphId(0))
}

fn glyphs(s: &str, size: f32) -> impl Iterator<Item = (GlyphId, f32)> + '_ {
    let font = FONT.as_scaled(size);
    let mut x = 0.0;
    let mut prev: Option<GlyphId> = None;
    s.chars().map(move |c| {
        let id = font.glyph_id(c);
        if let Some(p) = prev {
            x += font.kern(p, id);
        }
        let at = x;
        x += font.h_advance(id);
        prev = Some(id);
        (id, at)
    })
}

/// Width of `s` at `size` px.
pub fn width(s: &str, size: f32) -> f32 {
    let font = FONT.as_scaled(size);
    glyphs(s, size)
        .last()
        .map_or(0.0, |(id, x)| x + font.h_advance(id))
}

/// `s`, cut with an ellipsis to fit `max` px.
pub fn fit(s: &str, size: f32, max: f32) -> String {
    if width(s, size) <= max {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut n = chars.len();
    while n > 0 {
        let cut: String = chars[..n].iter().collect::<String>().trim_end().to_string() + "…";
        if width(&cut, size) <= max {
            return cut;
        }
        n -= 1;
    }
    "…".to_string()
}

/// `s` broken into at most `lines` lines of `max` px: at spaces where it has
/// them, anywhere in text without spaces (Japanese); the last line ends with
/// an ellipsis if text is left over.
pub fn wrap(s: &str, size: f32, max: f32, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = s.trim();
    while !rest.is_empty() && out.len() + 1 < lines {
        if width(rest, size) <= max {
            break;
        }
        // The longest prefix that fits, preferring to break after a space.
        let mut fit_end = 0;
        let mut space_end = None;
        for (i, c) in rest.char_indices() {
            let end = i + c.len_utf8();
            if width(&rest[..end], size) > max {
                break;
            }
            fit_end = end;
            if c == ' ' {
                space_end = Some(end);
            }
        }
        let end = space_end
            .unwrap_or(fit_end)
            .max(rest.chars().next().map_or(1, char::len_utf8));
        out.push(rest[..end].trim_end().to_string());
        rest = rest[end..].trim_start();
    }
    if !rest.is_empty() {
        out.push(fit(rest, size, max));
    }
    out
}

/// The baseline and left edge of `s` placed at (x, y) with the given alignment.
fn origin(s: &str, x: f32, y: f32, size: f32, h: HAlign, v: VAlign) -> (f32, f32) {
    let font = FONT.as_scaled(size);
    let left = match h {
        HAlign::Left => x,
        HAlign::Center => x - width(s, size) / 2.0,
        HAlign::Right => x - width(s, size),
    };
    // Middle centres the em box (ascent above, descent below the baseline).
    let baseline = match v {
        VAlign::Top => y + font.ascent(),
        VAlign::Middle => y + (font.ascent() + font.descent()) / 2.0,
        VAlign::Baseline => y,
    };
    (left, baseline)
}

/// Size at which glyph outlines are defined for SVG `<use>` (one decimal
/// of a 100 px em is finer than any chart needs).
pub const GLYPH_UNITS: f32 = 100.0;

/// The glyphs of `s` placed at (x, y) with the given alignment: each glyph's
/// id and the left end of its baseline, and the scale from [`GLYPH_UNITS`].
pub fn place(
    s: &str,
    x: f32,
    y: f32,
    size: f32,
    h: HAlign,
    v: VAlign,
) -> (Vec<(u16, f32, f32)>, f32) {
    let (left, baseline) = origin(s, x, y, size, h, v);
    let placed = glyphs(s, size)
        .filter(|(id, _)| FONT.outline(*id).is_some())
        .map(|(id, at)| (id.0, left + at, baseline))
        .collect();
    (placed, size / GLYPH_UNITS)
}

/// SVG path data of one glyph at [`GLYPH_UNITS`] px, baseline at y = 0
/// (closed contours; fill rule nonzero).
pub fn glyph_path(id: u16) -> String {
    let Some(outline) = FONT.outline(GlyphId(id)) else {
        return String::new();
    };
    let scale = FONT.as_scaled(GLYPH_UNITS).scale_factor();
    let pt = |p: ab_glyph::Point| (p.x * scale.horizontal, -p.y * scale.vertical);
    let n = |x: f32| {
        let s = format!("{x:.1}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        if s == "-0" {
            "0".to_string()
        } else {
            s.to_string()
        }
    };
    let mut d = String::new();
    let mut pen: Option<(f32, f32)> = None;
    for curve in &outline.curves {
        let (start, end) = match curve {
            OutlineCurve::Line(a, b) => (pt(*a), pt(*b)),
            OutlineCurve::Quad(a, _, c) => (pt(*a), pt(*c)),
            OutlineCurve::Cubic(a, _, _, d) => (pt(*a), pt(*d)),
        };
        if pen.is_none_or(|p| (p.0 - start.0).abs() > 1e-3 || (p.1 - start.1).abs() > 1e-3) {
            if pen.is_some() {
                d.push('Z');
            }
            d.push_str(&format!("M{} {}", n(start.0), n(start.1)));
        }
        match curve {
            OutlineCurve::Line(..) => d.push_str(&format!("L{} {}", n(end.0), n(end.1))),
            OutlineCurve::Quad(_, b, _) => {
                let b = pt(*b);
                d.push_str(&format!("Q{} {} {} {}", n(b.0), n(b.1), n(end.0), n(end.1)));
            }
            OutlineCurve::Cubic(_, b, c, _) => {
                let (b, c) = (pt(*b), pt(*c));
                d.push_str(&format!(
                    "C{} {} {} {} {} {}",
                    n(b.0),
                    n(b.1),
                    n(c.0),
                    n(c.1),
                    n(end.0),
                    n(end.1)
                ));
            }
        }
        pen = Some(end);
    }
    if pen.is_some() {
        d.push('Z');
    }
    d
}

/// Calls `plot(x, y, coverage)` for every pixel that glyphs placed by
/// [`place`] cover, at `scale` x the logical coordinates (for a PNG drawn
/// larger than the chart's layout).
pub fn rasterize(
    glyphs: &[(u16, f32, f32)],
    size: f32,
    scale: f32,
    mut plot: impl FnMut(i32, i32, f32),
) {
    let font = FONT.as_scaled(size * scale);
    for &(id, x, baseline) in glyphs {
        let glyph = GlyphId(id)
            .with_scale_and_position(font.scale(), ab_glyph::point(x * scale, baseline * scale));
        if let Some(outlined) = FONT.outline_glyph(glyph) {
            let b = outlined.px_bounds();
            outlined
                .draw(|gx, gy, c| plot(b.min.x as i32 + gx as i32, b.min.y as i32 + gy as i32, c));
        }
    }
}

/// A coordinate with at most two decimals, without trailing zeros.
pub fn num(x: f32) -> String {
    let s = format!("{:.2}", x);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_font_covers_latin_and_japanese() {
        assert!(covers(
            "Sakura Internet さくらインターネット 厚生労働省 デジタル庁 ①"
        ));
        assert!(width("厚生労働省", 14.0) > width("MHLW", 14.0));
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis_or_wrapped() {
        let long = "Vulnerability triage for critical infrastructure";
        let cut = fit(long, 12.0, 120.0);
        assert!(cut.ends_with('…') && width(&cut, 12.0) <= 120.0, "{cut}");
        let lines = wrap(long, 12.0, 160.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| width(l, 12.0) <= 160.0), "{lines:?}");
        assert!(lines[0].starts_with("Vulnerability"));
        // Japanese has no spaces: it breaks between characters.
        let jp = wrap("重要インフラ分野の脆弱性トリアージ支援", 12.0, 80.0, 2);
        assert_eq!(jp.len(), 2);
        assert!(jp.iter().all(|l| width(l, 12.0) <= 80.0), "{jp:?}");
        assert_eq!(wrap("short", 12.0, 160.0, 2), ["short"]);
    }

    #[test]
    fn text_becomes_placed_glyphs_with_closed_outlines() {
        let (placed, scale) = place("A 字", 10.0, 20.0, 14.0, HAlign::Left, VAlign::Baseline);
        // The space has no outline and is not placed.
        assert_eq!(placed.len(), 2);
        assert_eq!((placed[0].1, placed[0].2), (10.0, 20.0));
        assert!(placed[1].1 > placed[0].1);
        assert_eq!(scale, 0.14);
        let d = glyph_path(placed[1].0);
        assert!(d.starts_with('M') && d.ends_with('Z'), "{d}");
        let mut n = 0;
        let (a, _) = place("A", 0.0, 0.0, 14.0, HAlign::Left, VAlign::Top);
        rasterize(&a, 14.0, 2.0, |_, _, c| n += usize::from(c > 0.5));
        assert!(n > 20, "{n} pixels drawn");
    }
}
