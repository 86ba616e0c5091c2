//! A small SVG writer for the report's charts: every chart is drawn in its own coordinate
//! space (a `viewBox`) and scales with the page, so one drawing reads at phone width, at
//! desktop width and in print. Text is escaped here and nowhere else; a chart carries a
//! `<title>` and a `<desc>` for assistive technology.

use std::fmt::Write;

/// Escape text for HTML or SVG content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A generous estimate of how wide `text` is at `size` (in the drawing's units): the widest
/// common sans-serif glyphs average about 0.6 em, so text sized by it stays inside its box.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.6
}

/// `text` cut (with an ellipsis) to fit `width` at `size`.
pub fn fit(text: &str, width: f64, size: f64) -> String {
    if text_width(text, size) <= width {
        return text.to_string();
    }
    let keep = ((width / (size * 0.6)).floor() as usize).saturating_sub(1);
    let mut out: String = text.chars().take(keep).collect();
    out = out.trim_end().to_string();
    out.push('…');
    out
}

/// `text` broken at spaces into lines that fit `width` at `size` (a word too long for a line
/// is cut to fit).
pub fn wrap(text: &str, width: f64, size: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if text_width(&candidate, size) <= width || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.into_iter().map(|l| fit(&l, width, size)).collect()
}

/// Where a text's x coordinate sits on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn name(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// A marker shape: lines are told apart by shape as well as colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Circle,
    Square,
    Triangle,
    Diamond,
}

impl Shape {
    pub const ALL: [Shape; 4] = [
        Shape::Circle,
        Shape::Square,
        Shape::Triangle,
        Shape::Diamond,
    ];

    /// The shape's name, for legends and text alternatives.
    pub fn name(self) -> &'static str {
        match self {
            Shape::Circle => "circle",
            Shape::Square => "square",
            Shape::Triangle => "triangle",
            Shape::Diamond => "diamond",
        }
    }
}

/// Numbers as SVG wants them: short, no exponent, no `-0`.
fn n(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == 0.0 {
        "0".into()
    } else if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

/// One drawing, `width` × `height` units.
#[derive(Debug, Clone)]
pub struct Svg {
    pub width: f64,
    pub height: f64,
    body: String,
}

impl Svg {
    pub fn new(width: f64, height: f64) -> Svg {
        Svg {
            width,
            height,
            body: String::new(),
        }
    }

    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, class: &str) {
        let _ = write!(
            self.body,
            r#"<rect x="{}" y="{}" width="{}" height="{}" class="{class}"/>"#,
            n(x),
            n(y),
            n(w.max(0.0)),
            n(h.max(0.0))
        );
    }

    pub fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, class: &str) {
        let _ = write!(
            self.body,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" class="{class}"/>"#,
            n(x1),
            n(y1),
            n(x2),
            n(y2)
        );
    }

    pub fn polyline(&mut self, points: &[(f64, f64)], class: &str) {
        let list: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{},{}", n(*x), n(*y)))
            .collect();
        let _ = write!(
            self.body,
            r#"<polyline points="{}" class="{class}"/>"#,
            list.join(" ")
        );
    }

    /// A marker of `shape` centred on (x, y), `r` units from its centre to its edge.
    pub fn marker(&mut self, shape: Shape, x: f64, y: f64, r: f64, class: &str) {
        match shape {
            Shape::Circle => {
                let _ = write!(
                    self.body,
                    r#"<circle cx="{}" cy="{}" r="{}" class="{class}"/>"#,
                    n(x),
                    n(y),
                    n(r)
                );
            }
            Shape::Square => self.rect(x - r, y - r, 2.0 * r, 2.0 * r, class),
            Shape::Triangle => self.path(
                &format!(
                    "M{} {}L{} {}L{} {}Z",
                    n(x),
                    n(y - r * 1.2),
                    n(x + r * 1.1),
                    n(y + r * 0.9),
                    n(x - r * 1.1),
                    n(y + r * 0.9)
                ),
                class,
            ),
            Shape::Diamond => self.path(
                &format!(
                    "M{} {}L{} {}L{} {}L{} {}Z",
                    n(x),
                    n(y - r * 1.3),
                    n(x + r * 1.3),
                    n(y),
                    n(x),
                    n(y + r * 1.3),
                    n(x - r * 1.3),
                    n(y)
                ),
                class,
            ),
        }
    }

    pub fn path(&mut self, d: &str, class: &str) {
        let _ = write!(self.body, r#"<path d="{d}" class="{class}"/>"#);
    }

    /// Text at (x, y) (its baseline), escaped.
    pub fn text(&mut self, x: f64, y: f64, anchor: Anchor, class: &str, text: &str) {
        let _ = write!(
            self.body,
            r#"<text x="{}" y="{}" text-anchor="{}" class="{class}">{}</text>"#,
            n(x),
            n(y),
            anchor.name(),
            escape(text)
        );
    }

    /// The finished `<svg>`: sized by its `viewBox` (the page's CSS sets its width), with a
    /// title and a description that name it for assistive technology. `id` must be unique
    /// in the page.
    pub fn finish(self, id: &str, title: &str, desc: &str) -> String {
        format!(
            r#"<svg viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="{id}-t {id}-d" class="chart"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>{}</svg>"#,
            escape(title),
            escape(desc),
            self.body,
            w = n(self.width),
            h = n(self.height),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_in_content_and_title() {
        let mut svg = Svg::new(100.0, 50.0);
        svg.text(1.0, 2.0, Anchor::Start, "t", "Alder & Finch <b>\"x\"");
        let out = svg.finish("c1", "A & B", "<desc>");
        assert!(
            out.contains("Alder &amp; Finch &lt;b&gt;&quot;x&quot;"),
            "{out}"
        );
        assert!(
            out.contains("<title id=\"c1-t\">A &amp; B</title>"),
            "{out}"
        );
        assert!(
            out.contains("<desc id=\"c1-d\">&lt;desc&gt;</desc>"),
            "{out}"
        );
        assert!(!out.contains("<b>"), "{out}");
    }

    #[test]
    fn a_drawing_is_sized_by_its_view_box_and_named_for_screen_readers() {
        let out = Svg::new(400.0, 180.5).finish("x", "t", "d");
        assert!(out.starts_with(r#"<svg viewBox="0 0 400 180.5""#), "{out}");
        assert!(out.contains(r#"aria-labelledby="x-t x-d""#), "{out}");
        assert!(out.contains(r#"role="img""#), "{out}");
    }

    #[test]
    fn numbers_are_short_and_never_negative_zero() {
        let mut svg = Svg::new(10.0, 10.0);
        svg.rect(-0.01, 1.25, 3.0, -4.0, "b");
        let out = svg.finish("r", "t", "d");
        assert!(
            out.contains(r#"<rect x="0" y="1.3" width="3" height="0" class="b"/>"#),
            "{out}"
        );
    }

    #[test]
    fn long_text_is_cut_to_fit_its_box() {
        let cut = fit("Harbor Freight Analytics of the Midwest", 120.0, 12.0);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(text_width(&cut, 12.0) <= 120.0, "{cut}");
        assert_eq!(fit("Acme", 120.0, 12.0), "Acme");
    }

    #[test]
    fn wrapped_lines_each_fit() {
        let lines = wrap("walk unless your leverage is non-existent", 100.0, 10.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(
            lines.iter().all(|l| text_width(l, 10.0) <= 100.0),
            "{lines:?}"
        );
        assert_eq!(lines.join(" "), "walk unless your leverage is non-existent");
    }

    #[test]
    fn each_shape_draws_something_different() {
        let drawn: Vec<String> = Shape::ALL
            .iter()
            .map(|s| {
                let mut svg = Svg::new(10.0, 10.0);
                svg.marker(*s, 5.0, 5.0, 2.0, "m");
                svg.finish("m", "", "")
            })
            .collect();
        for (i, a) in drawn.iter().enumerate() {
            for b in &drawn[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }
}
