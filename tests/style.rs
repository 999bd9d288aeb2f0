//! The stylesheet's blocks are balanced. A lost `}` does not break the build:
//! the browser silently nests every later rule inside the open block (once
//! a `@media (max-width: 760px)` block), so whole pages lose their desktop
//! layout while every functional test still passes.

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
