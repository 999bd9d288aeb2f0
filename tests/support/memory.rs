//! What a page costs the machine in memory, read from Linux's /proc for the
//! Chromium processes a test drives: benchmarks only, never asserted.
//!
//! Peaks come from each process's own high-water mark (`VmHWM`), reset
//! through `clear_refs` when the watch starts, so a short spike between
//! two samples is not missed. Dedicated workers run in their page's
//! renderer process, so a renderer's figure includes its workers.

use std::collections::HashMap;
use std::fs;

/// Chromium's processes under the chromedriver process `root` (whose
/// children they are), with whether each is a renderer.
fn processes(root: u32) -> Vec<(u32, bool)> {
    let mut parent = HashMap::new();
    for entry in fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|s| s.parse::<u32>().ok())
        else {
            continue;
        };
        // `pid (comm) state ppid …`; comm may hold spaces and parentheses.
        let stat = fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let ppid = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse::<u32>().ok());
        if let Some(ppid) = ppid {
            parent.insert(pid, ppid);
        }
    }
    let under_root = |mut pid: u32| {
        while let Some(&up) = parent.get(&pid) {
            if up == root {
                return true;
            }
            pid = up;
        }
        false
    };
    parent
        .keys()
        .copied()
        .filter(|&pid| under_root(pid))
        .map(|pid| {
            let cmdline = fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            let renderer = String::from_utf8_lossy(&cmdline).contains("--type=renderer");
            (pid, renderer)
        })
        .collect()
}

/// A `kB` line of /proc/`pid`/status, in bytes.
fn status_bytes(pid: u32, key: &str) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    let kb: u64 = line
        .get(key.len()..)?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024)
}

/// Memory above a baseline, in MB.
#[derive(Clone, Copy, Debug)]
pub struct Peak {
    /// Renderer processes (the page and its workers).
    pub tab_mb: f64,
    /// Every Chromium process (browser, network, GPU and renderers).
    pub all_mb: f64,
}

/// Resident memory of the browser driven through chromedriver `root`, from
/// [`PeakWatch::start`] to [`PeakWatch::finish`].
pub struct PeakWatch {
    root: u32,
    baseline: HashMap<u32, u64>,
}

impl PeakWatch {
    /// Takes each process's resident size as its baseline and resets its
    /// high-water mark to it.
    pub fn start(root: u32) -> PeakWatch {
        let mut baseline = HashMap::new();
        for (pid, _) in processes(root) {
            fs::write(format!("/proc/{pid}/clear_refs"), "5")
                .unwrap_or_else(|e| panic!("cannot reset the peak of process {pid}: {e}"));
            baseline.insert(pid, status_bytes(pid, "VmRSS:").unwrap_or_default());
        }
        PeakWatch { root, baseline }
    }

    /// Each process's peak minus its baseline (a process started meanwhile
    /// counts whole), summed: an upper bound of the sum's own peak, as the
    /// processes need not peak at the same moment.
    pub fn finish(self) -> Peak {
        let mb = |b: u64| b as f64 / (1024.0 * 1024.0);
        let (mut tab, mut all) = (0, 0);
        for (pid, renderer) in processes(self.root) {
            let peak = status_bytes(pid, "VmHWM:").unwrap_or_default();
            let above = peak.saturating_sub(self.baseline.get(&pid).copied().unwrap_or_default());
            all += above;
            if renderer {
                tab += above;
            }
        }
        Peak {
            tab_mb: mb(tab),
            all_mb: mb(all),
        }
    }
}
