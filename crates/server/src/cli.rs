//! The command line: `serve`, `migrate`, `coach add`, `token create`, `backup`, `demo`, `jobs`,
//! `emails`.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use clap::{Args, Parser, Subcommand};

use crate::app::accounts::{self, NewAccount};
use crate::app::{AppError, Ctx};
use crate::clock::Clock;
use crate::config::{Config, LogFormat, Overrides};
use crate::store::{self, Backend, Db};

/// `coachbook --version`: the release and the tz database it computes times with.
static VERSION: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "{} (tz database {})",
        env!("CARGO_PKG_VERSION"),
        coachbook_core::time::tzdb_version()
    )
});

#[derive(Debug, Parser)]
#[command(name = "coachbook", version = VERSION.as_str(), about = "Scheduling and client management for coaching practices.", long_about = None)]
pub struct Cli {
    /// A TOML file with settings (keys as in the README); flags and COACHBOOK_* variables win over it.
    #[arg(long, global = true, env = "COACHBOOK_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Database: sqlite://FILE (created if missing) or postgres://USER@HOST/DB [default: sqlite://coachbook.db]
    #[arg(
        long,
        global = true,
        env = "COACHBOOK_DATABASE_URL",
        value_name = "URL",
        hide_env_values = true
    )]
    pub database_url: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server (the default when no command is given).
    Serve(ServeArgs),
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage coach accounts.
    #[command(subcommand)]
    Coach(CoachCommand),
    /// Manage API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Write a consistent copy of a SQLite database, safe while the server runs.
    Backup {
        /// The file to write; it must not exist yet.
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
    },
    /// Load a small demo practice (safe to run twice).
    Demo,
    /// See and retry the background jobs (emails, reminders).
    #[command(subcommand)]
    Jobs(JobsCommand),
    /// See the emails: queued, sent, kept (no SMTP server configured) or failed.
    #[command(subcommand)]
    Emails(EmailsCommand),
    /// Load the reference dataset of the performance figures (docs/performance.md) into a fresh
    /// database: one coach, bench@coachbook.test, and N booked sessions.
    #[command(hide = true)]
    BenchData {
        /// How many sessions.
        #[arg(long)]
        sessions: usize,
        /// `past` (the reference year plus history before it) or `uniform` (spread over two years).
        #[arg(long, default_value = "past")]
        shape: crate::app::bench_data::Shape,
    },
}

#[derive(Debug, Args, Default)]
pub struct ServeArgs {
    /// Address to listen on [default: 127.0.0.1:8080]
    #[arg(long, env = "COACHBOOK_BIND", value_name = "ADDR")]
    pub bind: Option<SocketAddr>,
}

#[derive(Debug, Subcommand)]
pub enum CoachCommand {
    /// Create a coach account. The password comes from COACHBOOK_PASSWORD, or is asked for on a terminal.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// IANA time zone of the coach's availability.
        #[arg(long, default_value = "UTC")]
        time_zone: String,
        /// Address of the public page, /c/{slug}; derived from the name when omitted.
        #[arg(long)]
        slug: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create an API token for an account; prints the token as the last line (only a hash is stored).
    Create {
        #[arg(long)]
        email: String,
        /// A label to recognise the token by.
        #[arg(long, default_value = "cli")]
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum EmailsCommand {
    /// The newest emails: id, status, kind, recipient, subject, and why one failed.
    List {
        /// Only emails of this status: queued, sent, kept or failed.
        #[arg(long)]
        status: Option<String>,
        /// How many to show.
        #[arg(long, default_value_t = 50)]
        limit: i64,
    },
    /// One email as it was written: its headers, text part and invitation.
    Show {
        /// The email's id, as `emails list` shows it.
        id: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum JobsCommand {
    /// The newest jobs: id, kind, status, attempts, when due, last error.
    List {
        /// Only the jobs that failed for good.
        #[arg(long)]
        failed: bool,
        /// How many to show.
        #[arg(long, default_value_t = 50)]
        limit: i64,
    },
    /// Queue a failed (or finished) job again, to run now with its attempts counted afresh.
    Retry {
        /// The job's id, as `jobs list` shows it.
        id: i64,
    },
}

impl Cli {
    pub fn config(&self) -> anyhow::Result<Config> {
        let bind = match &self.command {
            Some(Command::Serve(args)) => args.bind,
            _ => None,
        };
        let overrides = Overrides {
            database_url: self.database_url.clone(),
            bind,
        };
        Config::load(self.config.as_deref(), &overrides)
            .map_err(|e| anyhow::anyhow!("invalid configuration: {e}"))
    }
}

pub fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("COACHBOOK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tower_http=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stdout().is_terminal());
    match format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.init(),
    }
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = cli.config()?;
    init_logging(config.log_format);
    match cli.command.unwrap_or(Command::Serve(ServeArgs::default())) {
        Command::Serve(_) => serve(config).await,
        Command::Migrate => {
            let db = Db::connect(config.database_url.expose())
                .await
                .context("could not connect to the database")?;
            let applied = store::migrations::run(&db, Clock::system().now().into())
                .await
                .context("migration failed")?;
            println!(
                "Applied {} migration(s); the database is up to date.",
                applied.len()
            );
            Ok(())
        }
        Command::Coach(CoachCommand::Add {
            email,
            name,
            time_zone,
            slug,
        }) => {
            let cx = open(&config).await?;
            let password = password_from_env_or_terminal()?;
            let new = NewAccount {
                name,
                email,
                password,
                time_zone,
                slug,
            };
            let account = accounts::create_coach(&cx, &new).await.map_err(explain)?;
            let slug = account.practice.map(|(_, slug)| slug).unwrap_or_default();
            println!(
                "Created coach {} <{}>; public page /c/{slug}",
                account.name, account.email
            );
            Ok(())
        }
        Command::Token(TokenCommand::Create { email, name }) => {
            let cx = open(&config).await?;
            let (account, token) = accounts::create_token(&cx, &email, &name)
                .await
                .map_err(explain)?;
            eprintln!(
                "API token for {} (shown once; keep it secret):",
                account.email
            );
            println!("{token}");
            Ok(())
        }
        Command::Backup { to } => backup(&config, &to).await,
        Command::Demo => {
            let cx = open(&config).await?;
            crate::app::demo::load(&cx).await.map_err(explain)?;
            Ok(())
        }
        Command::Jobs(JobsCommand::List { failed, limit }) => {
            let cx = open(&config).await?;
            let status = failed.then_some(store::jobs::FAILED);
            let rows = store::jobs::list(cx.db.pool(), status, limit.clamp(1, 10_000))
                .await
                .context("could not read the jobs")?;
            if rows.is_empty() {
                println!("No {}jobs.", if failed { "failed " } else { "" });
            }
            for j in rows {
                let error = j.last_error.lines().next().unwrap_or("");
                println!(
                    "{:>6}  {:<14} {:<8} attempt {}/{}  due {}  {}",
                    j.id,
                    j.kind,
                    j.status,
                    j.attempts,
                    j.max_attempts,
                    j.run_at.timestamp(),
                    error
                );
            }
            Ok(())
        }
        Command::Emails(EmailsCommand::List { status, limit }) => {
            let status = match status.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(s @ ("queued" | "sent" | "kept" | "failed")) => Some(s.to_owned()),
                Some(other) => {
                    bail!("--status {other:?} is not one of queued, sent, kept or failed")
                }
            };
            let cx = open(&config).await?;
            let rows = store::emails::list(
                cx.db.pool(),
                None,
                status.as_deref(),
                limit.clamp(1, 10_000),
            )
            .await
            .context("could not read the emails")?;
            if rows.is_empty() {
                println!("No emails.");
            }
            for e in rows {
                let error = e.last_error.lines().next().unwrap_or("");
                println!(
                    "{:>6}  {:<7} {}  {:<24} {:<30} {}{}",
                    e.id,
                    e.status,
                    e.created_at,
                    e.kind,
                    e.to_email,
                    e.subject,
                    if error.is_empty() {
                        String::new()
                    } else {
                        format!("  [{error}]")
                    }
                );
            }
            Ok(())
        }
        Command::Emails(EmailsCommand::Show { id }) => {
            let cx = open(&config).await?;
            let e = match store::emails::get(cx.db.pool(), id).await {
                Ok(e) => e,
                Err(store::StoreError::NotFound) => {
                    bail!("there is no email {id}; `coachbook emails list` shows them")
                }
                Err(e) => return Err(e).context("could not read the email"),
            };
            println!(
                "Status:     {}{}",
                e.status,
                if e.last_error.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", e.last_error)
                }
            );
            println!("Kind:       {}", e.kind);
            println!("From:       {}", e.from_name);
            println!("Reply-To:   {} <{}>", e.reply_to_name, e.reply_to_email);
            println!("To:         {} <{}>", e.to_name, e.to_email);
            println!("Subject:    {}", e.subject);
            println!("Message-ID: {}", e.message_id);
            println!("Created:    {}", e.created_at);
            if let Some(at) = e.sent_at {
                println!("Sent/kept:  {at}");
            }
            println!("\n{}", e.text_body.trim_end());
            if let Some(ics) = &e.ics {
                println!(
                    "\n--- invitation ({}, sequence {}) ---\n{}",
                    e.ics_method.as_deref().unwrap_or(""),
                    e.ics_sequence.unwrap_or(0),
                    ics.replace("\r\n", "\n").trim_end()
                );
            }
            Ok(())
        }
        Command::Jobs(JobsCommand::Retry { id }) => {
            let cx = open(&config).await?;
            crate::app::jobs::retry(&cx, id).await.map_err(explain)?;
            println!("Job {id} is queued again; a running server's workers take it now.");
            Ok(())
        }
        Command::BenchData { sessions, shape } => {
            let cx = open(&config).await?;
            let loaded = crate::app::bench_data::load(&cx, sessions, shape)
                .await
                .map_err(explain)?;
            println!(
                "Loaded {} sessions ({} bookings) for {}, session type {}.",
                loaded.sessions, loaded.bookings, loaded.email, loaded.session_type_id
            );
            Ok(())
        }
    }
}

/// The database (migrated) and the system clock, for a command.
async fn open(config: &Config) -> anyhow::Result<Ctx> {
    let clock = Clock::system();
    let db = Db::open(config.database_url.expose(), clock.now().into())
        .await
        .context("could not open the database")?;
    // Emails a command writes (the demo's bookings) carry the configured public address in their
    // links and invitation UIDs, like the server's; the server's workers send them.
    let mail = crate::app::notify::email::mailer::Mailer::keep(&config.public_url());
    Ok(Ctx::new(db, clock).with_mail(mail))
}

/// Turns a use-case refusal into a message for the terminal.
fn explain(e: AppError) -> anyhow::Error {
    match e {
        AppError::Invalid(errors) => {
            let lines: Vec<String> = errors
                .iter()
                .map(|e| format!("  --{}: {}", kebab(e.field), e.message))
                .collect();
            anyhow::anyhow!("invalid input:\n{}", lines.join("\n"))
        }
        AppError::Internal(e) => e,
        AppError::Refused(r) => anyhow::anyhow!("{}", crate::web::words::refusal(&r)),
        other => anyhow::anyhow!("{other}"),
    }
}

fn kebab(field: &str) -> String {
    let mut out = String::new();
    for c in field.chars() {
        if c.is_ascii_uppercase() {
            out.push('-');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn password_from_env_or_terminal() -> anyhow::Result<String> {
    if let Ok(p) = std::env::var("COACHBOOK_PASSWORD") {
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        bail!("set COACHBOOK_PASSWORD, or run this on a terminal to be asked for the password");
    }
    let first = rpassword::prompt_password("Password (at least 10 characters): ")?;
    let second = rpassword::prompt_password("Same password again: ")?;
    if first != second {
        bail!("the two passwords differ; nothing was created");
    }
    Ok(first)
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let bind = config.bind;
    let (state, router) = crate::build(config, Clock::system()).await?;
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .with_context(|| format!("could not listen on {bind}"))?;
    let addr = listener.local_addr()?;
    tracing::info!("listening on http://{addr}");
    if let Some(code) = state.setup_code() {
        tracing::warn!(
            "no coach exists yet: open http://{addr}/setup and enter the setup code {code}"
        );
    }
    crate::serve(listener, state, router, shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "could not listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "could not listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down; finishing requests in flight");
}

async fn backup(config: &Config, to: &Path) -> anyhow::Result<()> {
    let url = config.database_url.expose();
    match Backend::from_url(url)? {
        Backend::Postgres => bail!(
            "backup copies SQLite databases only; for PostgreSQL use its own tools, e.g. `pg_dump --format=custom --file=coachbook.dump DBNAME`"
        ),
        Backend::Sqlite => {
            if to.exists() {
                bail!("{} already exists; choose a new file name", to.display());
            }
            let db = Db::connect(url).await.context("could not open the database")?;
            let target = to.to_str().context("the backup path must be valid UTF-8")?;
            sqlx::query(store::dialect::SQLITE_BACKUP).bind(target).execute(db.pool()).await.context("backup failed")?;
            println!("Wrote a consistent copy to {}", to.display());
            Ok(())
        }
    }
}
