//! A real SMTP server on loopback for the email tests: Python's `aiosmtpd`, run by
//! `smtp_sink.py` from a virtual environment made once per target directory, which writes every
//! message it accepts to a directory. The same script reads a message back with Python's own
//! `email` package and its invitation with the `icalendar` package: an independent parser.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

use crate::harness::in_ci;

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/emails/smtp_sink.py")
}

/// Skips the test (a `SKIPPED:` line) or, under CI, fails it.
pub fn unavailable(why: &str) {
    if in_ci() {
        panic!("the loopback SMTP server is needed under CI: {why}");
    }
    eprintln!("SKIPPED: no loopback SMTP server: {why}");
}

fn python() -> Result<PathBuf, String> {
    crate::harness::python::python()
}

/// A free port on 127.0.0.1 (nothing listens on it once this returns).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// The SMTP server; stopped when dropped.
pub struct Sink {
    pub port: u16,
    child: Child,
    dir: tempfile::TempDir,
    python: PathBuf,
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One message as it arrived.
#[derive(Debug)]
pub struct Received {
    /// `RCPT TO`s.
    pub rcpt_tos: Vec<String>,
    /// What `smtp_sink.py parse` read in it.
    pub parsed: Value,
    pub raw: String,
}

impl Received {
    /// The values of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Vec<String> {
        self.parsed["headers"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|h| h[0].as_str().is_some_and(|n| n.eq_ignore_ascii_case(name)))
            .map(|h| h[1].as_str().unwrap_or_default().to_owned())
            .collect()
    }
}

impl Sink {
    /// Starts the server on a free port; `None` (after [`unavailable`]) when it cannot be set up.
    pub async fn start() -> Option<Self> {
        Self::start_on(free_port(), &[]).await
    }

    /// Starts it on `port`, refusing RCPT TO the `reject`ed addresses for good.
    pub async fn start_on(port: u16, reject: &[&str]) -> Option<Self> {
        let reject: Vec<String> = reject.iter().map(|s| (*s).to_owned()).collect();
        let started = tokio::task::spawn_blocking(move || -> Result<Sink, String> {
            let python = python()?;
            let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
            let mut cmd = Command::new(&python);
            cmd.arg(script())
                .args(["serve", "--port", &port.to_string(), "--dir"])
                .arg(dir.path());
            for r in &reject {
                cmd.args(["--reject", r]);
            }
            let mut child = cmd
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::inherit())
                .spawn()
                .map_err(|e| format!("cannot start smtp_sink.py: {e}"))?;
            let stdout = child.stdout.take().ok_or("no stdout")?;
            let mut line = String::new();
            BufReader::new(stdout)
                .read_line(&mut line)
                .map_err(|e| e.to_string())?;
            if line.trim() != "READY" {
                let _ = child.kill();
                return Err(format!("smtp_sink.py did not start (said {line:?})"));
            }
            Ok(Sink {
                port,
                child,
                dir,
                python,
            })
        })
        .await
        .map_err(|e| e.to_string())
        .and_then(|r| r);
        match started {
            Ok(sink) => Some(sink),
            Err(why) => {
                unavailable(&why);
                None
            }
        }
    }

    /// `smtp://127.0.0.1:PORT?tls=none`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}?tls=none", self.port)
    }

    /// Every message received so far, in order, each read by the independent parser.
    pub fn messages(&self) -> Vec<Received> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(self.dir.path())
            .expect("read the sink's directory")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "eml"))
            .collect();
        names.sort();
        names
            .into_iter()
            .map(|eml| {
                let meta: Value = serde_json::from_str(
                    &std::fs::read_to_string(eml.with_extension("json")).expect("envelope"),
                )
                .expect("envelope JSON");
                let out = Command::new(&self.python)
                    .arg(script())
                    .arg("parse")
                    .arg(&eml)
                    .output()
                    .expect("run smtp_sink.py parse");
                assert!(
                    out.status.success(),
                    "parse failed: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                Received {
                    rcpt_tos: meta["rcptTos"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect(),
                    parsed: serde_json::from_slice(&out.stdout).expect("parse JSON"),
                    raw: std::fs::read_to_string(&eml).unwrap_or_default(),
                }
            })
            .collect()
    }
}

impl Sink {
    /// How many messages have arrived (cheap: no parsing), for waiting on a count.
    pub fn count(&self) -> usize {
        std::fs::read_dir(self.dir.path())
            .map(|d| {
                d.filter_map(Result::ok)
                    .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
                    .count()
            })
            .unwrap_or(0)
    }

    /// Each message's `RCPT TO`s and its `Message-ID` header, read without the parser (for
    /// counting many messages).
    pub fn envelopes(&self) -> Vec<(Vec<String>, String)> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(self.dir.path())
            .expect("read the sink's directory")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "eml"))
            .collect();
        names.sort();
        names
            .into_iter()
            .map(|eml| {
                let meta: Value = serde_json::from_str(
                    &std::fs::read_to_string(eml.with_extension("json")).expect("envelope"),
                )
                .expect("envelope JSON");
                let rcpt = meta["rcptTos"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect();
                let raw = std::fs::read_to_string(&eml).unwrap_or_default();
                let id = raw
                    .lines()
                    .take_while(|l| !l.is_empty())
                    .find(|l| l.to_ascii_lowercase().starts_with("message-id:"))
                    .map(|l| l["message-id:".len()..].trim().to_owned())
                    .unwrap_or_default();
                (rcpt, id)
            })
            .collect()
    }
}
