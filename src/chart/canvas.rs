//! One drawing surface for charts, two outputs: SVG (shapes as elements, text
//! as glyph paths) and PNG (plotters' bitmap backend for shapes, the embedded
//! font rasterised for text). Charts lay themselves out once, in logical px.

use plotters::backend::{BitMapBackend, DrawingBackend};
use plotters::style::{Color, RGBColor};

use super::font::{self, HAlign, VAlign, num};

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// The same colour with its hue turned by `degrees` (saturation and
    /// lightness kept), for neighbours of one family a reader tells apart.
    pub fn hue_turned(self, degrees: f32) -> Rgb {
        let [r, g, b] = [self.0, self.1, self.2].map(|c| f32::from(c) / 255.0);
        let (max, min) = (r.max(g).max(b), r.min(g).min(b));
        let l = (max + min) / 2.0;
        let d = max - min;
        if d == 0.0 {
            return self;
        }
        let s = d / (1.0 - (2.0 * l - 1.0).abs());
        let h = if max == r {
            60.0 * ((g - b) / d).rem_euclid(6.0)
        } else if max == g {
            60.0 * ((b - r) / d + 2.0)
        } else {
            60.0 * ((r - g) / d + 4.0)
        };
        let h = (h + degrees).rem_euclid(360.0);
        let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
        let x = c * (1.0 - ((h / 60.0).rem_euclid(2.0) - 1.0).abs());
        let m = l - c / 2.0;
        let (r, g, b) = match (h / 60.0) as u32 {
            0 => (c, x, 0.0),
            1 => (x, c, 0.0),
            2 => (0.0, c, x),
            3 => (0.0, x, c),
            4 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        let to = |v: f32| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
        Rgb(to(r), to(g), to(b))
    }

    /// Mixed with white (t > 0) or black (t < 0) by |t|.
    pub fn shade(self, t: f32) -> Rgb {
        let target = if t >= 0.0 { 255.0 } else { 0.0 };
        let t = t.abs().min(1.0);
        let mix = |c: u8| (f32::from(c) + (target - f32::from(c)) * t).round() as u8;
        Rgb(mix(self.0), mix(self.1), mix(self.2))
    }

    /// Relative luminance (WCAG), for choosing black or white text on it.
    pub fn luminance(self) -> f32 {
        let lin = |c: u8| {
            let c = f32::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// The same hue mixed with black or white until its relative luminance
    /// is `target` (to within rounding): how charts place a colour in a
    /// lightness band, so that it reads in greyscale too.
    pub fn with_luminance(self, target: f32) -> Rgb {
        let (mut lo, mut hi) = (-1.0_f32, 1.0_f32);
        for _ in 0..24 {
            let mid = (lo + hi) / 2.0;
            if self.shade(mid).luminance() < target {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        self.shade((lo + hi) / 2.0)
    }

    /// WCAG contrast ratio between two colours (1 to 21); graphics that a
    /// reader must tell apart need 3.
    pub fn contrast(self, other: Rgb) -> f32 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// Black or white, whichever reads better on this colour.
    pub fn text_on(self) -> Rgb {
        if self.luminance() > 0.32 {
            Rgb(0x1a, 0x1a, 0x1a)
        } else {
            Rgb(255, 255, 255)
        }
    }
}

/// A piece of text and where it goes.
#[derive(Debug, Clone)]
pub struct Text<'a> {
    pub s: &'a str,
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub color: Rgb,
    pub h: HAlign,
    pub v: VAlign,
}

impl<'a> Text<'a> {
    pub fn new(s: &'a str, x: f32, y: f32, size: f32) -> Self {
        Text {
            s,
            x,
            y,
            size,
            color: Rgb(0x1a, 0x1a, 0x1a),
            h: HAlign::Left,
            v: VAlign::Middle,
        }
    }

    pub fn color(mut self, c: Rgb) -> Self {
        self.color = c;
        self
    }

    pub fn align(mut self, h: HAlign, v: VAlign) -> Self {
        self.h = h;
        self.v = v;
        self
    }
}

/// What a chart draws on.
pub trait Canvas {
    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Rgb);
    fn line(&mut self, points: &[(f32, f32)], color: Rgb, width: f32, dashed: bool);
    fn polygon(&mut self, points: &[(f32, f32)], fill: Rgb);
    fn text(&mut self, t: &Text<'_>);
}

/// An SVG document built as a string. Text is drawn with glyph outlines,
/// each defined once in `<defs>` and placed with `<use>`.
pub struct SvgCanvas {
    width: f32,
    height: f32,
    /// Prefix of glyph ids, unique per chart so that several charts can be
    /// inlined in one HTML page.
    id_prefix: String,
    glyphs: std::collections::BTreeSet<u16>,
    body: String,
}

impl SvgCanvas {
    pub fn new(width: f32, height: f32, id_prefix: &str) -> Self {
        SvgCanvas {
            width,
            height,
            id_prefix: id_prefix.to_string(),
            glyphs: Default::default(),
            body: String::new(),
        }
    }

    /// The document; `title` becomes its accessible name and `desc` (the
    /// chart's key figures, when it has some) its description, for screen
    /// readers and search.
    pub fn finish(self, title: &str, desc: &str) -> String {
        let mut defs = String::from("<defs>\n");
        for g in &self.glyphs {
            defs.push_str(&format!(
                "<path id=\"{}{g}\" d=\"{}\"/>\n",
                self.id_prefix,
                font::glyph_path(*g)
            ));
        }
        defs.push_str("</defs>\n");
        let desc = if desc.is_empty() {
            String::new()
        } else {
            format!("<desc>{}</desc>\n", escape(desc))
        };
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{t}\">\n<title>{t}</title>\n{desc}{defs}<rect width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>\n{}</svg>\n",
            self.body,
            w = num(self.width),
            h = num(self.height),
            t = escape(title),
        )
    }
}

fn points(pts: &[(f32, f32)]) -> String {
    pts.iter()
        .map(|(x, y)| format!("{},{}", num(*x), num(*y)))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Canvas for SvgCanvas {
    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Rgb) {
        self.body.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n",
            num(x),
            num(y),
            num(w),
            num(h),
            fill.hex()
        ));
    }

    fn line(&mut self, pts: &[(f32, f32)], color: Rgb, width: f32, dashed: bool) {
        let dash = if dashed {
            " stroke-dasharray=\"5 3\""
        } else {
            ""
        };
        self.body.push_str(&format!(
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"{dash}/>\n",
            points(pts),
            color.hex(),
            num(width)
        ));
    }

    fn polygon(&mut self, pts: &[(f32, f32)], fill: Rgb) {
        self.body.push_str(&format!(
            "<polygon points=\"{}\" fill=\"{}\"/>\n",
            points(pts),
            fill.hex()
        ));
    }

    fn text(&mut self, t: &Text<'_>) {
        if t.s.trim().is_empty() {
            return;
        }
        let (placed, scale) = font::place(t.s, t.x, t.y, t.size, t.h, t.v);
        self.body.push_str(&format!(
            "<g aria-label=\"{}\" fill=\"{}\">",
            escape(t.s),
            t.color.hex()
        ));
        for (g, x, y) in placed {
            self.glyphs.insert(g);
            self.body.push_str(&format!(
                "<use href=\"#{}{g}\" transform=\"translate({} {}) scale({})\"/>",
                self.id_prefix,
                num(x),
                num(y),
                scale
            ));
        }
        self.body.push_str("</g>\n");
    }
}

/// Escapes text for XML and HTML.
pub fn escape(s: &str) -> String {
    crate::base::text::markup(s)
}

/// An RGB pixel buffer drawn at `scale` x the logical size.
pub struct PngCanvas {
    width: u32,
    height: u32,
    scale: f32,
    pixels: Vec<u8>,
}

impl PngCanvas {
    pub fn new(width: f32, height: f32, scale: f32) -> Self {
        let (w, h) = (
            (width * scale).ceil() as u32,
            (height * scale).ceil() as u32,
        );
        PngCanvas {
            width: w,
            height: h,
            scale,
            pixels: vec![255; (w * h * 3) as usize],
        }
    }

    fn backend(&mut self) -> BitMapBackend<'_> {
        BitMapBackend::with_buffer(&mut self.pixels, (self.width, self.height))
    }

    fn at(&self, (x, y): (f32, f32)) -> (i32, i32) {
        (
            (x * self.scale).round() as i32,
            (y * self.scale).round() as i32,
        )
    }

    /// The encoded PNG (deterministic for the same drawing).
    pub fn finish(self) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut out, self.width, self.height);
            enc.set_color(png::ColorType::Rgb);
            enc.set_depth(png::BitDepth::Eight);
            // Writing into a Vec cannot fail for a buffer of the declared size.
            let mut w = enc.write_header().expect("PNG header into memory");
            w.write_image_data(&self.pixels)
                .expect("PNG data into memory");
        }
        out
    }
}

fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

impl Canvas for PngCanvas {
    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Rgb) {
        let (a, b) = (self.at((x, y)), self.at((x + w, y + h)));
        if b.0 <= a.0 || b.1 <= a.1 {
            return;
        }
        let style = rgb(fill).filled();
        // Drawing into an in-memory buffer has no failure mode to report.
        let _ = self
            .backend()
            .draw_rect(a, (b.0 - 1, b.1 - 1), &style, true);
    }

    fn line(&mut self, pts: &[(f32, f32)], color: Rgb, width: f32, dashed: bool) {
        let style = rgb(color).stroke_width((width * self.scale).round().max(1.0) as u32);
        let pixel_pts: Vec<(i32, i32)> = pts.iter().map(|p| self.at(*p)).collect();
        let mut backend = BitMapBackend::with_buffer(&mut self.pixels, (self.width, self.height));
        for seg in pixel_pts.windows(2) {
            if dashed {
                let (dx, dy) = ((seg[1].0 - seg[0].0) as f32, (seg[1].1 - seg[0].1) as f32);
                let len = (dx * dx + dy * dy).sqrt();
                let (on, off) = (5.0 * self.scale, 3.0 * self.scale);
                let mut t = 0.0;
                while t < len {
                    let e = (t + on).min(len);
                    let p = |s: f32| {
                        (
                            (seg[0].0 as f32 + dx * s / len) as i32,
                            (seg[0].1 as f32 + dy * s / len) as i32,
                        )
                    };
                    let _ = backend.draw_line(p(t), p(e), &style);
                    t = e + off;
                }
            } else {
                let _ = backend.draw_line(seg[0], seg[1], &style);
            }
        }
    }

    fn polygon(&mut self, pts: &[(f32, f32)], fill: Rgb) {
        let pixel_pts: Vec<(i32, i32)> = pts.iter().map(|p| self.at(*p)).collect();
        let _ = self.backend().fill_polygon(pixel_pts, &rgb(fill));
    }

    fn text(&mut self, t: &Text<'_>) {
        let (w, h, color) = (self.width as i32, self.height as i32, t.color);
        let pixels = &mut self.pixels;
        let (placed, _) = font::place(t.s, t.x, t.y, t.size, t.h, t.v);
        font::rasterize(&placed, t.size, self.scale, |x, y, cover| {
            if x < 0 || y < 0 || x >= w || y >= h || cover <= 0.0 {
                return;
            }
            let i = ((y * w + x) * 3) as usize;
            let a = cover.min(1.0);
            for (k, c) in [color.0, color.1, color.2].into_iter().enumerate() {
                let old = f32::from(pixels[i + k]);
                pixels[i + k] = (old + (f32::from(c) - old) * a).round() as u8;
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shades_and_contrast() {
        assert_eq!(Rgb(0, 114, 178).shade(1.0), Rgb(255, 255, 255));
        assert_eq!(Rgb(0, 114, 178).shade(-1.0), Rgb(0, 0, 0));
        assert_eq!(Rgb(0, 114, 178).text_on(), Rgb(255, 255, 255));
        assert_eq!(Rgb(240, 228, 66).text_on(), Rgb(0x1a, 0x1a, 0x1a));
        // WCAG's own figures: black on white is 21:1, and #767676 on white
        // is the grey that just meets 4.5:1.
        assert!((Rgb(0, 0, 0).contrast(Rgb(255, 255, 255)) - 21.0).abs() < 1e-3);
        assert!((Rgb(0x76, 0x76, 0x76).contrast(Rgb(255, 255, 255)) - 4.54).abs() < 0.01);
        let dark = Rgb(0, 114, 178).with_luminance(0.05);
        assert!((dark.luminance() - 0.05).abs() < 0.003, "{dark:?}");
    }

    #[test]
    fn png_canvas_draws_shapes_and_text() {
        let mut c = PngCanvas::new(40.0, 20.0, 2.0);
        c.rect(0.0, 0.0, 10.0, 10.0, Rgb(0, 0, 255));
        c.text(&Text::new("字", 20.0, 10.0, 12.0));
        let png = c.finish();
        assert_eq!(&png[1..4], b"PNG");
    }
}
