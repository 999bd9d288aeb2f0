//! The stylesheets hold what a user sees but no functional test notices.
//!
//! - Blocks are balanced. A lost `}` does not break the build: the browser
//!   silently nests every later rule inside the open block (once a
//!   `@media (max-width: 760px)` block), so whole pages lose their desktop
//!   layout while every functional test still passes.
//! - Colours, lengths and font values live in style/tokens.css only, so a
//!   theme (dark mode) changes one file, and every text/background pair the
//!   panel uses keeps WCAG AA contrast in light and dark.

const CSS: &str = include_str!("../style/main.css");

/// The CSS without comments and strings, where braces don't count.
fn code_only(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut prev = ' ';
                for c in chars.by_ref() {
                    if prev == '*' && c == '/' {
                        break;
                    }
                    prev = c;
                }
            }
            '"' | '\'' => {
                for d in chars.by_ref() {
                    if d == c {
                        break;
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

#[test]
fn every_block_of_the_stylesheet_is_closed_where_it_should_be() {
    let mut depth = 0i32;
    let mut open_media: Option<usize> = None;
    for (n, line) in code_only(CSS).lines().enumerate() {
        let line_no = n + 1;
        for c in line.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            assert!(
                depth >= 0,
                "style/main.css: a `}}` too many near line {line_no}"
            );
        }
        if line.trim_start().starts_with("@media") {
            open_media = Some(line_no);
        }
        // Rules are written one level deep at most (inside @media); a
        // top-level section comment or selector at depth 2 means a block
        // above was left open.
        assert!(
            depth <= 2,
            "style/main.css: blocks nested too deep at line {line_no} \
             (is the @media block from line {open_media:?} closed?)"
        );
    }
    assert_eq!(
        depth, 0,
        "style/main.css: {depth} block(s) left open at the end"
    );
}

#[test]
fn the_check_catches_a_lost_brace() {
    let broken = "@media (max-width: 760px) {\n  .a { color: red; }\n.b { color: blue; }\n";
    let code = code_only(broken);
    let depth: i32 = code
        .chars()
        .map(|c| match c {
            '{' => 1,
            '}' => -1,
            _ => 0,
        })
        .sum();
    assert_eq!(depth, 1);
    assert_eq!(
        code_only("/* { */ a { content: \"}\"; }")
            .matches('{')
            .count(),
        1
    );
}

const TOKENS: &str = include_str!("../style/tokens.css");

/// Each rule's declarations as (property, value), with its selector or
/// at-rule prelude; nested blocks (`@media`) yield their inner rules.
fn declarations(css: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut selectors: Vec<String> = Vec::new();
    let mut buf = String::new();
    for c in code_only(css).chars() {
        match c {
            '{' => {
                selectors.push(buf.trim().to_owned());
                buf.clear();
            }
            '}' => {
                let selector = selectors.pop().unwrap_or_default();
                for decl in buf.split(';') {
                    if let Some((prop, value)) = decl.split_once(':') {
                        out.push((
                            selector.clone(),
                            prop.trim().to_owned(),
                            value.trim().to_owned(),
                        ));
                    }
                }
                buf.clear();
            }
            _ => buf.push(c),
        }
    }
    out
}

/// The dark block's selector as `code_only` leaves it (quoted strings dropped).
const DARK: &str = ":root[data-theme=]";

/// The custom properties one block of the token file defines.
fn token_block(selector: &str) -> std::collections::BTreeMap<String, String> {
    declarations(TOKENS)
        .into_iter()
        .filter(|(s, p, _)| s == selector && p.starts_with("--"))
        .map(|(_, p, v)| (p, v))
        .collect()
}

/// Light tokens, or dark ones laid over them as the browser does.
fn theme(dark: bool) -> std::collections::BTreeMap<String, String> {
    let mut tokens = token_block(":root");
    if dark {
        tokens.extend(token_block(DARK));
    }
    tokens
}

fn resolve(tokens: &std::collections::BTreeMap<String, String>, name: &str) -> String {
    let mut value = tokens.get(name).cloned().unwrap_or_default();
    for _ in 0..8 {
        match value.strip_prefix("var(").and_then(|v| v.strip_suffix(')')) {
            Some(inner) => value = tokens.get(inner.trim()).cloned().unwrap_or_default(),
            None => break,
        }
    }
    value
}

/// WCAG 2 relative luminance of a `#rgb` or `#rrggbb` colour.
fn luminance(hex: &str) -> Option<f64> {
    let h = hex.strip_prefix('#')?;
    let full: String = match h.len() {
        3 => h.chars().flat_map(|c| [c, c]).collect(),
        6 => h.to_owned(),
        _ => return None,
    };
    let channel = |i: usize| -> Option<f64> {
        let c = f64::from(u8::from_str_radix(full.get(i..i + 2)?, 16).ok()?) / 255.0;
        Some(if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        })
    };
    Some(0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?)
}

fn contrast(a: &str, b: &str) -> Option<f64> {
    let (la, lb) = (luminance(a)?, luminance(b)?);
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    Some((hi + 0.05) / (lo + 0.05))
}

/// Every foreground/background pair style/main.css puts together, with the
/// WCAG AA minimum: 4.5 for text, 3 for control outlines and the focus ring.
const PAIRS: &[(&str, &str, f64)] = &[
    ("--color-text", "--color-bg", 4.5),
    ("--color-text", "--color-surface", 4.5),
    ("--color-text", "--color-brand-soft", 4.5),
    ("--color-text", "--color-surface-sunken", 4.5),
    ("--color-text", "--color-brand-softer", 4.5),
    ("--color-text", "--color-warning-soft", 4.5),
    ("--color-text", "--color-highlight", 4.5),
    ("--color-text-muted", "--color-surface", 4.5),
    ("--color-text-muted", "--color-bg", 4.5),
    ("--color-text-muted", "--color-surface-sunken", 4.5),
    ("--color-text", "--color-surface-sunken", 4.5),
    ("--color-text-muted", "--color-brand-soft", 4.5),
    ("--color-text-muted", "--color-brand-softer", 4.5),
    ("--color-link", "--color-surface", 4.5),
    ("--color-link", "--color-bg", 4.5),
    ("--color-link", "--color-brand-soft", 4.5),
    ("--color-link", "--color-brand-softer", 4.5),
    ("--color-on-brand", "--color-brand", 4.5),
    ("--color-on-brand", "--color-brand-hover", 4.5),
    ("--color-danger", "--color-surface", 4.5),
    ("--color-on-danger", "--color-danger-fill", 4.5),
    ("--color-success", "--color-surface", 4.5),
    ("--color-on-success", "--color-success-fill", 4.5),
    ("--color-warning", "--color-surface", 4.5),
    ("--color-nav-text", "--color-nav-bg", 4.5),
    ("--color-nav-text", "--color-nav-hover", 4.5),
    ("--color-nav-brand", "--color-nav-bg", 4.5),
    ("--color-toast-text", "--color-toast-bg", 4.5),
    ("--color-on-avatar", "--color-avatar", 4.5),
    ("--color-border-control", "--color-surface", 3.0),
    ("--color-focus", "--color-surface", 3.0),
    ("--color-focus", "--color-bg", 3.0),
];

#[test]
fn every_text_and_background_pair_meets_wcag_aa_in_light_and_dark() {
    let mut failures = Vec::new();
    for dark in [false, true] {
        let tokens = theme(dark);
        for &(fg, bg, min) in PAIRS {
            let (f, b) = (resolve(&tokens, fg), resolve(&tokens, bg));
            match contrast(&f, &b) {
                Some(ratio) if ratio >= min => {}
                Some(ratio) => failures.push(format!(
                    "{} {fg} {f} on {bg} {b}: {ratio:.2} < {min}",
                    if dark { "dark" } else { "light" }
                )),
                None => failures.push(format!("{fg} or {bg} is not a #hex colour: {f} / {b}")),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "contrast below WCAG AA:\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_contrast_check_knows_the_wcag_figures() {
    let black_on_white = contrast("#000", "#ffffff").unwrap_or(0.0);
    assert!((black_on_white - 21.0).abs() < 0.01);
    // The old success green on white, which failed AA.
    let green = contrast("#2ea121", "#fff").unwrap_or(0.0);
    assert!(green > 3.3 && green < 3.4, "{green}");
}

/// What a stylesheet other than the token file may not contain: literal
/// colours, pixel lengths, and font values that are not tokens.
fn literal_values(css: &str) -> Vec<String> {
    const NAMED: &[&str] = &[
        "white", "black", "red", "green", "blue", "gray", "grey", "orange", "yellow", "silver",
    ];
    let mut found = Vec::new();
    for (selector, prop, value) in declarations(css) {
        let v = value.to_ascii_lowercase();
        let words: Vec<&str> = v
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '#'))
            .filter(|w| !w.is_empty())
            .collect();
        let colour = v.contains('#')
            || ["rgb(", "rgba(", "hsl(", "hsla("]
                .iter()
                .any(|f| v.contains(f))
            || words.iter().any(|w| NAMED.contains(w));
        let pixels = words.iter().any(|w| {
            w.strip_suffix("px")
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == '.'))
        });
        let font = matches!(
            prop.as_str(),
            "font-size" | "font-weight" | "font-family" | "line-height"
        ) && !(v.starts_with("var(") || v == "inherit");
        if (colour || pixels || font) && !prop.starts_with("--") {
            found.push(format!("{selector} {{ {prop}: {value} }}"));
        }
    }
    found
}

#[test]
fn no_colour_length_or_font_value_is_written_outside_the_token_file() {
    let found = literal_values(CSS);
    assert!(
        found.is_empty(),
        "style/main.css writes values that belong in style/tokens.css:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_value_check_catches_literals() {
    let css =
        ".a { color: #fff; }\n@media (max-width: 47.5em) { .b { padding: 4px var(--space-1); } }\n\
               .c { font-size: 1.2rem; background: white; border-color: rgba(0,0,0,.5); }\n\
               #id .d { color: var(--color-text); margin: 0 auto; }";
    let found = literal_values(css);
    assert_eq!(found.len(), 5, "{found:?}");
    assert!(found.iter().all(|f| !f.starts_with("#id")), "{found:?}");
}

#[test]
fn every_token_the_stylesheet_uses_is_defined_in_light_and_dark() {
    let (light, dark) = (theme(false), theme(true));
    let mut missing = Vec::new();
    for (selector, prop, value) in declarations(CSS) {
        let mut rest = value.as_str();
        while let Some(at) = rest.find("var(") {
            let name: String = rest[at + 4..]
                .chars()
                .take_while(|c| *c != ')' && *c != ',')
                .collect();
            let name = name.trim().to_owned();
            if !light.contains_key(&name) || !dark.contains_key(&name) {
                missing.push(format!("{selector} {{ {prop} }}: {name}"));
            }
            rest = &rest[at + 4..];
        }
    }
    assert!(
        missing.is_empty(),
        "undefined tokens:\n{}",
        missing.join("\n")
    );
    // Every colour token has a dark value of its own or is meant to share it.
    for (name, value) in token_block(":root") {
        if name.starts_with("--color-") {
            assert!(
                token_block(DARK).contains_key(&name),
                "{name} ({value}) has no dark-mode value"
            );
        }
    }
}
