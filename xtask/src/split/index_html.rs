//! index.html for the split build: trunk's `modulepreload`/`preload` links
//! and start-up script name the unsplit pair; they get the new names and
//! `integrity` values, and the split loader (a static import of the main JS)
//! gets its own `modulepreload`, so it is fetched alongside rather than
//! after the main JS.

use std::path::Path;

use base64::Engine;
use sha2::{Digest, Sha384};

use super::names::{Renamed, Staged};

/// The `integrity` value trunk writes (SHA-384, its default).
fn sri(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

/// The `<link …>` tag whose `href` is `href`: its start and end in `html`.
fn link_tag(html: &str, href: &str) -> Option<(usize, usize)> {
    let at = html.find(&format!("href=\"{href}\""))?;
    let start = html[..at].rfind("<link")?;
    let end = at + html[at..].find('>')? + 1;
    Some((start, end))
}

/// The tag with its `href` and `integrity` (if it has one) for `new`.
fn retarget(tag: &str, old_href: &str, new_href: &str, new_sri: &str) -> String {
    let tag = tag.replace(old_href, new_href);
    match tag.find("integrity=\"") {
        Some(at) => {
            let value = at + "integrity=\"".len();
            match tag[value..].find('"') {
                Some(len) => format!("{}{new_sri}{}", &tag[..value], &tag[value + len..]),
                None => tag,
            }
        }
        None => tag,
    }
}

pub fn rewrite(
    staging: &Path,
    base: &str,
    staged: &Staged,
    renamed: &Renamed,
) -> Result<(), String> {
    let path = staging.join("index.html");
    let mut html = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let file = |name: &str| {
        std::fs::read(staging.join(name)).map_err(|e| format!("cannot read {name}: {e}"))
    };
    let js_sri = sri(&file(&renamed.js)?);
    let loader_sri = sri(&file(&renamed.loader)?);
    let wasm_sri = sri(&file(&renamed.wasm)?);

    for (old, new, new_sri) in [
        (&staged.wasm, &renamed.wasm, &wasm_sri),
        (&staged.js, &renamed.js, &js_sri),
    ] {
        let (old_href, new_href) = (format!("{base}{old}"), format!("{base}{new}"));
        let (start, end) = link_tag(&html, &old_href)
            .ok_or_else(|| format!("index.html has no <link href=\"{old_href}\">"))?;
        let mut tag = retarget(&html[start..end], &old_href, &new_href, new_sri);
        if old == &staged.js {
            // The loader's link: the JS's with the loader's name and integrity.
            let loader_href = format!("{base}{}", renamed.loader);
            tag.push_str(&retarget(
                &tag.clone(),
                &new_href,
                &loader_href,
                &loader_sri,
            ));
        }
        html.replace_range(start..end, &tag);
    }
    // The start-up script imports the JS and passes the wasm's URL.
    for (old, new) in [(&staged.js, &renamed.js), (&staged.wasm, &renamed.wasm)] {
        if !html.contains(old.as_str()) {
            return Err(format!("index.html's start-up script does not name {old}"));
        }
        html = html.replace(old.as_str(), new);
    }
    std::fs::write(&path, html).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_link_gets_the_new_name_and_integrity() {
        let html = r#"<head><link rel="modulepreload" href="/p/a-1.js" crossorigin="anonymous" integrity="sha384-old"></head>"#;
        let (start, end) = link_tag(html, "/p/a-1.js").unwrap();
        assert_eq!(
            retarget(&html[start..end], "/p/a-1.js", "/p/a-2.js", "sha384-new"),
            r#"<link rel="modulepreload" href="/p/a-2.js" crossorigin="anonymous" integrity="sha384-new">"#
        );
    }
}
