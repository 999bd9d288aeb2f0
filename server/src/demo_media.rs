//! Small demo media made on request, so the demo conversations show real
//! pictures, a playable voice note and an openable file without shipping or
//! downloading any: `GET /wechat_api/demo-media/{name}` where `name` is
//!
//! - `{kind}-{hue}.svg`: a coloured picture; `kind` sets its size and label
//!   (`image` 640×480, `thumb`/`video`/`article`/`mini` 120×90, `emoji` 120×120);
//! - `voice-{seconds}.wav`: a quiet tone of that length (1–60 s);
//! - `file-{n}.pdf`: a one-page PDF.
//!
//! Demo messages name these as root-relative paths; the panel resolves them
//! against its API base (docs/api.md, "Media URLs"). Public on purpose: an
//! `<img>` on another origin may not carry the session, and nothing here is
//! anyone's data.

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::error::ApiError;
use crate::state::AppState;

/// The path prefix, under the vendor prefix so a proxy that forwards the API
/// forwards these too.
pub const PREFIX: &str = "/wechat_api/demo-media";

pub fn routes() -> Router<AppState> {
    Router::new().route(&format!("{PREFIX}/{{name}}"), get(media))
}

/// The root-relative path of a demo picture.
pub fn svg_path(kind: &str, hue: u64) -> String {
    format!("{PREFIX}/{kind}-{hue}.svg")
}

async fn media(Path(name): Path<String>) -> Result<Response, ApiError> {
    let missing = || ApiError::not_found("文件不存在");
    let (stem, ext) = name.rsplit_once('.').ok_or_else(missing)?;
    let (kind, num) = stem.rsplit_once('-').ok_or_else(missing)?;
    let num: u64 = num.parse().map_err(|_| missing())?;
    let (mime, body): (&str, Vec<u8>) = match (kind, ext) {
        (_, "svg") => (
            "image/svg+xml",
            svg(kind, num).ok_or_else(missing)?.into_bytes(),
        ),
        ("voice", "wav") if (1..=60).contains(&num) => ("audio/wav", wav(num)),
        ("file", "pdf") => ("application/pdf", pdf(num)),
        _ => return Err(missing()),
    };
    Ok((
        [
            (header::CONTENT_TYPE, mime),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        body,
    )
        .into_response())
}

/// A picture of `kind`, coloured by `hue` (0–359).
fn svg(kind: &str, hue: u64) -> Option<String> {
    let (w, h, label) = match kind {
        "image" => (640, 480, "图片"),
        "thumb" => (120, 90, "图片"),
        "video" => (120, 90, "视频"),
        "article" => (120, 90, "文章"),
        "mini" => (120, 90, "小程序"),
        "emoji" => (120, 120, "表情"),
        "avatar" => (64, 64, "头像"),
        _ => return None,
    };
    let hue = hue % 360;
    let other = (hue + 40) % 360;
    let size = h / 6;
    Some(format!(
        "<svg xmlns='http://www.w3.org/2000/svg' width='{w}' height='{h}' viewBox='0 0 {w} {h}'>\
         <defs><linearGradient id='g' x2='1' y2='1'><stop offset='0' stop-color='hsl({hue},60%,72%)'/>\
         <stop offset='1' stop-color='hsl({other},60%,55%)'/></linearGradient></defs>\
         <rect width='{w}' height='{h}' fill='url(#g)'/>\
         <circle cx='{cx}' cy='{cy}' r='{r}' fill='rgba(255,255,255,.55)'/>\
         <text x='50%' y='{ty}' font-family='sans-serif' font-size='{size}' text-anchor='middle' fill='#fff'>{label} {hue}</text></svg>",
        cx = w * 3 / 4,
        cy = h / 4,
        r = h / 8,
        ty = h * 3 / 4,
    ))
}

/// 8 kHz 8-bit mono PCM: a soft 440 Hz tone, `seconds` long.
fn wav(seconds: u64) -> Vec<u8> {
    const RATE: u32 = 8_000;
    let samples = RATE * u32::try_from(seconds).unwrap_or(1);
    let mut out = Vec::with_capacity(44 + samples as usize);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + samples).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&RATE.to_le_bytes());
    out.extend_from_slice(&RATE.to_le_bytes()); // bytes per second
    out.extend_from_slice(&1u16.to_le_bytes()); // block align
    out.extend_from_slice(&8u16.to_le_bytes()); // bits per sample
    out.extend_from_slice(b"data");
    out.extend_from_slice(&samples.to_le_bytes());
    for i in 0..samples {
        let t = f64::from(i) / f64::from(RATE);
        let v = 128.0 + 24.0 * (t * 440.0 * std::f64::consts::TAU).sin();
        out.push(v as u8);
    }
    out
}

/// A one-page PDF saying which demo file it is; offsets computed so
/// viewers need no repair.
fn pdf(n: u64) -> Vec<u8> {
    let text = format!("BT /F1 24 Tf 72 720 Td (Demo quotation {n}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_owned(),
        format!("<< /Length {} >>\nstream\n{text}\nendstream", text.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{body}\nendobj\n", i + 1));
    }
    let xref = out.len();
    out.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for o in offsets {
        out.push_str(&format!("{o:010} 00000 n \n"));
    }
    out.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_have_their_size_and_no_script() {
        let s = svg("image", 400).unwrap_or_default();
        assert!(s.starts_with("<svg") && s.contains("width='640'") && s.contains("hsl(40,"));
        assert!(!s.contains("<script"));
        assert_eq!(svg("nope", 1), None);
        assert_eq!(svg_path("thumb", 7), "/wechat_api/demo-media/thumb-7.svg");
    }

    #[test]
    fn voice_is_a_wav_of_the_asked_length() {
        let w = wav(3);
        assert_eq!(&w[..4], b"RIFF");
        assert_eq!(&w[8..16], b"WAVEfmt ");
        assert_eq!(w.len(), 44 + 3 * 8_000);
    }

    #[test]
    fn pdf_xref_points_at_its_objects() {
        let p = String::from_utf8(pdf(12)).unwrap_or_default();
        assert!(p.starts_with("%PDF-1.4") && p.ends_with("%%EOF\n"));
        assert!(p.contains("Demo quotation 12"));
        let xref: usize = p
            .rsplit("startxref\n")
            .next()
            .and_then(|t| t.lines().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        assert!(p[xref..].starts_with("xref"));
        let second = p[xref..].lines().nth(4).unwrap_or_default();
        let at: usize = second[..10].parse().unwrap_or(0);
        assert!(p[at..].starts_with("2 0 obj"));
    }
}
