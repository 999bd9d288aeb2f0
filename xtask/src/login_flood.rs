//! `cargo xtask bench login-flood`: 300 clients guessing passwords at once
//! for 10 seconds, each from its own address (told to the server through
//! `--client-ip-header`, as a proxy would) and with a new username every
//! time, so neither backoff stops them and every guess that is let in costs
//! a full argon2. Meanwhile a signed-in user keeps asking for customerPage.
//! Prints the server's peak RSS, customerPage latency during the flood and
//! what the guesses were answered.

use std::collections::BTreeMap;
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use crate::bench::{free_port, http, login, ms, percentile, Server};

const ATTACKERS: usize = 300;
const FLOOD: Duration = Duration::from_secs(10);

pub fn run(root: &Path, server: &Path) -> Result<(), String> {
    let dir = crate::util::target_dir(root).join("bench");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let db = dir.join("bench-login-flood.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let port = free_port()?;
    let child = Command::new(server)
        .args(["--listen", &format!("127.0.0.1:{port}"), "--demo", "2000"])
        .args(["--client-ip-header", "X-Forwarded-For", "--db"])
        .arg(&db)
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", server.display()))?;
    let pid = child.id();
    let _server = Server(child);
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if started.elapsed() > Duration::from_secs(120) {
            return Err("server did not start within 2 minutes".into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let cookie = login(port)?;
    let page = format!(
        "GET /wechat_api/customer/customerPage?customerName=%E7%8E%8B&limit=20&pageNo=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"
    );
    let quiet = sample(port, &page, 100)?;
    let rss_before = rss_kb(pid, "VmRSS")?;

    let flooding = Arc::new(AtomicBool::new(true));
    let answers: Arc<Mutex<BTreeMap<u16, u64>>> = Arc::default();
    let barrier = Arc::new(Barrier::new(ATTACKERS + 1));
    let attackers: Vec<_> = (0..ATTACKERS)
        .map(|i| {
            let (flooding, answers, barrier) = (flooding.clone(), answers.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                let mut n = 0;
                while flooding.load(Ordering::Relaxed) {
                    n += 1;
                    let body = format!(r#"{{"username":"guess{i}x{n}","password":"wrong{n}"}}"#);
                    let req = format!(
                        "POST /wechat_api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-For: 10.{}.{}.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        i / 250,
                        i % 250,
                        body.len()
                    );
                    let status = http(port, &req).map(|(s, _)| s).unwrap_or(0);
                    if let Ok(mut a) = answers.lock() {
                        *a.entry(status).or_default() += 1;
                    }
                }
            })
        })
        .collect();
    barrier.wait();
    let flood_started = Instant::now();
    let mut during = Vec::new();
    while flood_started.elapsed() < FLOOD {
        during.extend(sample(port, &page, 1)?);
    }
    flooding.store(false, Ordering::Relaxed);
    for a in attackers {
        let _ = a.join();
    }
    let peak = rss_kb(pid, "VmHWM")?;
    during.sort();
    let answers = answers.lock().map(|a| a.clone()).unwrap_or_default();
    let answered: Vec<String> = answers.iter().map(|(s, n)| format!("{n}× {s}")).collect();
    println!();
    println!("| benchmark | result |");
    println!("|---|---|");
    println!(
        "| login flood: {ATTACKERS} concurrent wrong-password logins for {} s, 2,000 customers | peak RSS {} MB (idle before: {} MB); guesses answered {} |",
        FLOOD.as_secs(),
        peak / 1024,
        rss_before / 1024,
        answered.join(", ")
    );
    println!(
        "| customerPage (name filter) during the flood, {} requests | p50 {}, p95 {}, max {} (quiet: p95 {}) |",
        during.len(),
        ms(percentile(&during, 0.50)),
        ms(percentile(&during, 0.95)),
        ms(percentile(&during, 1.0)),
        ms(percentile(&quiet, 0.95)),
    );
    Ok(())
}

/// `count` customerPage requests one after another, sorted latencies.
fn sample(port: u16, request: &str, count: usize) -> Result<Vec<Duration>, String> {
    let mut times = Vec::with_capacity(count);
    for _ in 0..count {
        let t = Instant::now();
        let (status, text) = http(port, request)?;
        if status != 200 || !text.contains("\"code\":200") {
            return Err(format!("customerPage answered {status}"));
        }
        times.push(t.elapsed());
    }
    times.sort();
    Ok(times)
}

/// A `kB` line of /proc/PID/status (`VmRSS`, `VmHWM` = peak RSS).
fn rss_kb(pid: u32, field: &str) -> Result<u64, String> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .map_err(|e| format!("cannot read the server's memory use: {e}"))?;
    status
        .lines()
        .find_map(|l| {
            l.strip_prefix(field)?
                .trim_start_matches(':')
                .split_whitespace()
                .next()?
                .parse()
                .ok()
        })
        .ok_or_else(|| format!("no {field} in /proc/{pid}/status"))
}
