//! One typed configuration: defaults < TOML file (`--config`) < `COACHBOOK_*` environment < flags.

use std::fmt;
use std::net::SocketAddr;
use std::path::Path;

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// `sqlite://FILE` (created if missing) or `postgres://USER@HOST/DB`.
    pub database_url: Secret,
    /// Address the HTTP server listens on.
    pub bind: SocketAddr,
    /// The address people use to reach this server (e.g. `https://book.example.com`). Session
    /// cookies are marked Secure when it is https; links in emails and feeds start with it.
    pub public_url: Option<String>,
    /// Trust the `X-Forwarded-For` header for the client address (only behind your own proxy).
    pub trust_forwarded_for: bool,
    /// How long a browser session lasts without use, in days.
    pub session_idle_days: i64,
    /// Log format: `text` or `json`.
    pub log_format: LogFormat,
    /// Seconds a client has to send its request headers; an idle keep-alive connection is closed
    /// after the same time.
    pub header_timeout_secs: u64,
    /// Connections served at once; more wait until one closes. Lowered at start-up if the
    /// open-files limit cannot hold them.
    pub max_connections: usize,
    /// Job workers in this process (emails, reminders); 0 runs none (another node does the work).
    pub workers: usize,
    /// How often an idle worker looks for due jobs, in milliseconds (it is also woken at once when
    /// this node queues one).
    pub job_poll_ms: u64,
    /// How long a worker's claim on a job lasts, in seconds: a worker that dies holds its job
    /// this long before another takes it. Longer than any job runs (an SMTP exchange).
    pub job_lease_secs: u64,
    /// The SMTP server emails go through: `smtp://USER:PASSWORD@HOST:587?tls=starttls`,
    /// `smtp://HOST:25?tls=none` (a trusted relay) or `smtps://USER:PASSWORD@HOST:465`. Unset:
    /// emails are kept in the database (`coachbook emails list`, `/admin/emails`), not sent.
    pub smtp_url: Option<Secret>,
    /// The address emails come from (`bookings@example.com`); the coach's name is shown beside it
    /// and replies go to the coach. Required with `smtp_url`.
    pub email_from: Option<String>,
    /// Live-update event streams (`/api/coaches/{slug}/events`) this process serves at once;
    /// more are answered 503 with Retry-After. Each holds a connection: keep it below
    /// `max_connections`.
    pub max_event_streams: usize,
    /// Seconds after which the server ends an event stream; the browser reconnects at once
    /// (with `Last-Event-ID`, so nothing is repeated or missed), which spreads streams over
    /// nodes again after one restarts.
    pub event_stream_max_secs: u64,
    /// Let calendar URLs, CalDAV servers and webhook endpoints be on loopback or private
    /// addresses (a calendar server on the office network). Off: only public addresses, so a
    /// coach cannot aim the server at its own network.
    pub allow_private_outbound: bool,
    /// The bearer token `/metrics` asks for (`Authorization: Bearer TOKEN`). Unset: `/metrics`
    /// answers 404.
    pub metrics_token: Option<Secret>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            database_url: Secret("sqlite://coachbook.db".into()),
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            public_url: None,
            trust_forwarded_for: false,
            session_idle_days: 14,
            log_format: LogFormat::Text,
            header_timeout_secs: 30,
            max_connections: 1000,
            workers: 2,
            job_poll_ms: 1000,
            job_lease_secs: 300,
            smtp_url: None,
            email_from: None,
            max_event_streams: crate::app::live::MAX_STREAMS,
            event_stream_max_secs: 900,
            allow_private_outbound: false,
            metrics_token: None,
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

/// A value kept out of logs and `Debug` output (database URLs carry passwords).
#[derive(Clone, Serialize, Deserialize, PartialEq)]
#[serde(transparent)]
pub struct Secret(pub String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.split_once("://") {
            Some((scheme, _)) => write!(f, "{scheme}://***"),
            None => f.write_str("***"),
        }
    }
}

/// Values given on the command line; `None` leaves the lower layers in charge.
#[derive(Debug, Default, Serialize)]
pub struct Overrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bind: Option<SocketAddr>,
}

impl Config {
    pub fn load(file: Option<&Path>, overrides: &Overrides) -> Result<Self, Box<figment::Error>> {
        let mut fig = Figment::from(Serialized::defaults(Config::default()));
        if let Some(file) = file {
            if !file.exists() {
                return Err(Box::new(figment::Error::from(format!(
                    "config file {} does not exist",
                    file.display()
                ))));
            }
            fig = fig.merge(Toml::file(file));
        }
        fig = fig
            .merge(Env::prefixed("COACHBOOK_").only(&[
                "database_url",
                "bind",
                "public_url",
                "trust_forwarded_for",
                "session_idle_days",
                "log_format",
                "header_timeout_secs",
                "max_connections",
                "workers",
                "job_poll_ms",
                "job_lease_secs",
                "smtp_url",
                "email_from",
                "max_event_streams",
                "event_stream_max_secs",
                "allow_private_outbound",
                "metrics_token",
            ]))
            .merge(Serialized::defaults(overrides));
        fig.extract().map_err(Box::new)
    }

    /// Whether cookies must carry `Secure` (the server is reached over HTTPS).
    pub fn https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }

    pub fn public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.bind))
            .trim_end_matches('/')
            .to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_override_the_file_and_the_file_overrides_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("coachbook.toml");
        std::fs::write(
            &file,
            "bind = \"127.0.0.1:9000\"\ndatabase_url = \"sqlite://file.db\"\n",
        )
        .unwrap();
        let from_file = Config::load(Some(&file), &Overrides::default()).unwrap();
        assert_eq!(from_file.bind.port(), 9000);
        assert_eq!(from_file.database_url.expose(), "sqlite://file.db");
        let flagged = Config::load(
            Some(&file),
            &Overrides {
                bind: Some("127.0.0.1:9100".parse().unwrap()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(flagged.bind.port(), 9100);
    }

    #[test]
    fn unknown_keys_in_the_file_are_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("c.toml");
        std::fs::write(&file, "bnid = \"127.0.0.1:9000\"\n").unwrap();
        assert!(Config::load(Some(&file), &Overrides::default()).is_err());
    }

    #[test]
    fn database_passwords_stay_out_of_debug_output() {
        let s = Secret("postgres://me:hunter2@db/cb".into());
        assert_eq!(format!("{s:?}"), "postgres://***");
    }
}
