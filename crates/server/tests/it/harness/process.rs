//! The real `coachbook` binary as a child process: `coachbook serve` on a database URL and a
//! random port, its log forwarded to the test's output, killed when dropped (or with SIGKILL when
//! a test asks, as `kill -9` would). The browser journeys and the several-node tests use it.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long any one wait may take before the test fails. Generous: CI machines are slow and a
/// cold Chromium start can take seconds; a healthy run never gets near it.
pub const WAIT: Duration = Duration::from_secs(30);
/// How often a wait re-checks its condition.
pub const POLL: Duration = Duration::from_millis(50);

/// A child process that is killed (with its whole process group) when dropped.
pub struct Guarded {
    pub child: Child,
    pub group: bool,
}

impl Drop for Guarded {
    fn drop(&mut self) {
        if self.group {
            // chromedriver starts Chromium, which starts helpers; all share chromedriver's group.
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", self.child.id())])
                .stderr(Stdio::null())
                .status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    listener.local_addr().expect("local address").port()
}

/// Polls `url` until it answers 200 and `accept` likes the body, or fails after `WAIT`.
pub async fn wait_until_answers(
    what: &str,
    url: &str,
    accept: impl Fn(&str) -> bool,
    alive: &mut Child,
) {
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .expect("http client");
    let deadline = Instant::now() + WAIT;
    let mut last = String::from("no answer yet");
    loop {
        if let Ok(Some(status)) = alive.try_wait() {
            panic!("{what} exited with {status} before it was ready ({last})");
        }
        match http.get(url).send().await {
            Ok(res) if res.status().is_success() => {
                let body = res.text().await.unwrap_or_default();
                if accept(&body) {
                    return;
                }
                last = format!("answered {body:?}");
            }
            Ok(res) => last = format!("answered {}", res.status()),
            Err(e) => last = e.to_string(),
        }
        assert!(
            Instant::now() < deadline,
            "{what} was not ready at {url} within {WAIT:?}: {last}"
        );
        tokio::time::sleep(POLL).await;
    }
}

/// `coachbook serve` as its own process.
pub struct ServerProcess {
    pub base: String,
    /// The first-run setup code, when one was asked for.
    pub setup_code: Option<String>,
    process: Guarded,
}

impl ServerProcess {
    /// Starts `coachbook serve` on `db_url` with `envs` besides, and waits until it logs its
    /// address (and its setup code, when `setup_code` is true) and `/readyz` answers.
    pub async fn start(db_url: &str, setup_code: bool, envs: &[(&str, &str)]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_coachbook"))
            .args(["serve", "--bind", "127.0.0.1:0"])
            .env("COACHBOOK_DATABASE_URL", db_url)
            .env_remove("COACHBOOK_CONFIG")
            .env_remove("COACHBOOK_BIND")
            .env_remove("COACHBOOK_PUBLIC_URL")
            .env_remove("COACHBOOK_LOG_FORMAT")
            .env("COACHBOOK_LOG", "info,sqlx=warn,tower_http=warn")
            .envs(envs.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the coachbook binary");

        // The log goes to stdout. A thread forwards every line (and keeps draining the pipe, so
        // the server never blocks on a full one); the lines we need are read from it.
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = mpsc::channel::<String>();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                // Once nobody listens, sending fails; keep draining anyway.
                let _ = tx.send(line);
            }
        });
        let mut process = Guarded {
            child,
            group: false,
        };
        let deadline = Instant::now() + WAIT;
        let mut base = None;
        let mut code = None;
        let mut seen = Vec::new();
        while base.is_none() || (setup_code && code.is_none()) {
            let left = deadline.saturating_duration_since(Instant::now());
            let Ok(line) = rx.recv_timeout(left) else {
                let status = process.child.try_wait().ok().flatten();
                panic!("the server did not log its address and setup code within {WAIT:?} (exit: {status:?}); its log:\n{}", seen.join("\n"));
            };
            if let Some(rest) = line.split("listening on ").nth(1) {
                base = rest
                    .split_whitespace()
                    .next()
                    .map(|s| s.trim_end_matches('/').to_owned());
            }
            if let Some(rest) = line.split("enter the setup code ").nth(1) {
                code = rest.split_whitespace().next().map(str::to_owned);
            }
            seen.push(line);
        }
        let base = base.expect("address parsed");
        assert!(
            base.starts_with("http://127.0.0.1:"),
            "unexpected address in the log: {base}"
        );
        wait_until_answers(
            "the coachbook server",
            &format!("{base}/readyz"),
            |b| b.starts_with("ready"),
            &mut process.child,
        )
        .await;
        Self {
            base,
            setup_code: code,
            process,
        }
    }

    /// SIGKILL, as `kill -9` sends: no shutdown, no flush, connections cut mid-request.
    pub fn kill_9(&mut self) {
        let _ = self.process.child.kill();
        let _ = self.process.child.wait();
    }
}
