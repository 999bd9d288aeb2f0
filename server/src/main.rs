//! `scrm-server`: the reference API server as a program.

use scrm_server::options::{parse_args, Command, USAGE};

#[tokio::main]
async fn main() {
    let opts = match parse_args(std::env::args().skip(1)) {
        Ok(Command::Run(o)) => *o,
        Ok(Command::Help) => {
            print!("{USAGE}");
            return;
        }
        Err(e) => {
            eprintln!("scrm-server: {e}\n\n{USAGE}");
            std::process::exit(2);
        }
    };
    let demo = opts.demo.is_some();
    let running = match scrm_server::start(opts).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("scrm-server: {e}");
            std::process::exit(1);
        }
    };
    println!("scrm-server listening on {}", running.url());
    if demo {
        for (user, password, tenant) in scrm_server::demo::LOGINS {
            println!("  demo login: {user} / {password}  ({tenant})");
        }
    }
    stop_signal().await;
    println!("scrm-server: shutting down");
    running.shutdown().await;
}

/// Ctrl-C, or SIGTERM on Unix (what service managers and containers send).
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
                return;
            }
            Err(e) => eprintln!("scrm-server: cannot listen for SIGTERM: {e}"),
        }
    }
    if let Err(e) = tokio::signal::ctrl_c().await {
        eprintln!("scrm-server: cannot listen for Ctrl-C: {e}");
    }
}
