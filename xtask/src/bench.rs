//! Benchmarks against the reference server over loopback. Results are
//! printed as Markdown rows for docs/performance.md; nothing here asserts a timing.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Name fragments searched for: common surnames and given-name characters,
/// so the filter hits a realistic spread of result sizes.
const NAMES: &[&str] = &[
    "王",
    "李",
    "张",
    "刘",
    "陈",
    "杨",
    "黄",
    "赵",
    "吴",
    "周",
    "徐",
    "孙",
    "马",
    "朱",
    "胡",
    "郭",
    "何",
    "林",
    "罗",
    "高",
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "王芳",
    "李伟",
    "张敏",
    "不存在的人",
];

pub struct Server(pub Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn free_port() -> Result<u16, String> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free port: {e}"))
}

/// One HTTP/1.1 exchange; returns (status, headers+body text).
pub fn http(port: u16, request: &str) -> Result<(u16, String), String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    s.write_all(request.as_bytes()).map_err(|e| e.to_string())?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    Ok((status, text))
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub fn login(port: u16) -> Result<String, String> {
    let body = r#"{"username":"demo","password":"demo123"}"#;
    let req = format!(
        "POST /wechat_api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let (status, text) = http(port, &req)?;
    if status != 200 {
        return Err(format!("login answered {status}"));
    }
    text.lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("set-cookie")
                .then(|| v.trim().split(';').next().unwrap_or_default().to_owned())
        })
        .ok_or_else(|| "login set no cookie".to_owned())
}

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(idx).copied().unwrap_or_default()
}

pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// customerPage with a name filter on 100,000 customers: p50/p95 latency
/// over loopback, one request at a time, plus the seeding time.
pub fn customer_page(root: &Path, server: &Path) -> Result<(), String> {
    let dir = crate::util::target_dir(root).join("bench");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let db = dir.join("bench-100k.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let port = free_port()?;
    let started = Instant::now();
    let _server = Server(
        Command::new(server)
            .args([
                "--listen",
                &format!("127.0.0.1:{port}"),
                "--demo",
                "100000",
                "--db",
            ])
            .arg(&db)
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", server.display()))?,
    );
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if started.elapsed() > Duration::from_secs(300) {
            return Err("server did not start within 5 minutes".into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let seeded = started.elapsed();
    let cookie = login(port)?;
    let request = |name: &str| -> Result<Duration, String> {
        let req = format!(
            "GET /wechat_api/customer/customerPage?customerName={}&limit=20&pageNo=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n",
            encode(name)
        );
        let t = Instant::now();
        let (status, text) = http(port, &req)?;
        let took = t.elapsed();
        if status != 200 || !text.contains("\"code\":200") {
            return Err(format!("customerPage answered {status}"));
        }
        Ok(took)
    };
    for name in NAMES.iter().take(10) {
        request(name)?;
    }
    let mut times = Vec::new();
    for i in 0..400 {
        times.push(request(NAMES[i % NAMES.len()])?);
    }
    times.sort();
    println!();
    println!("| benchmark | result |");
    println!("|---|---|");
    println!(
        "| `--demo 100000` seeding, server start to listening | {:.1} s |",
        seeded.as_secs_f64()
    );
    println!(
        "| customerPage, name filter, 100,000 customers, {} requests | p50 {}, p95 {}, max {} |",
        times.len(),
        ms(percentile(&times, 0.50)),
        ms(percentile(&times, 0.95)),
        ms(percentile(&times, 1.0)),
    );
    Ok(())
}
