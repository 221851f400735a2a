//! Where emails go: the configured SMTP server (`smtp_url`), or nowhere (kept in the database).
//! The URL is read once at start-up; a URL that does not read stops the server with a message
//! that says what to write instead.

use std::time::Duration;

use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::Config;

/// How long one SMTP conversation may take; far inside the job's lease.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

const URL_FORMS: &str = "write it as smtp://USER:PASSWORD@HOST:587?tls=starttls, \
    smtp://HOST:25?tls=none (a relay on this machine or network) or smtps://USER:PASSWORD@HOST:465";

/// A mail setting that cannot be used, worded for the operator.
#[derive(Debug, thiserror::Error)]
pub enum MailConfigError {
    #[error("smtp_url (COACHBOOK_SMTP_URL) is not usable: {0}; {URL_FORMS}")]
    SmtpUrl(String),
    #[error(
        "email_from (COACHBOOK_EMAIL_FROM) {0:?} is not an email address; write it as \
         bookings@example.com or \"Coachbook <bookings@example.com>\""
    )]
    From(String),
    #[error(
        "smtp_url is set but email_from is not: set email_from (COACHBOOK_EMAIL_FROM) to the \
         address emails come from, e.g. bookings@example.com"
    )]
    NoFrom,
}

/// How an SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// Plain connection, upgraded with STARTTLS (required).
    StartTls,
    /// TLS from the first byte (`smtps://`).
    Tls,
    /// No encryption (`?tls=none`): only for a relay you trust.
    None,
}

/// A parsed `smtp_url`.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpUrl {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub user: Option<String>,
    pub password: Option<String>,
}

impl std::fmt::Debug for SmtpUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

impl SmtpUrl {
    pub fn parse(raw: &str) -> Result<Self, MailConfigError> {
        let bad = |why: String| MailConfigError::SmtpUrl(why);
        let url = url::Url::parse(raw.trim()).map_err(|e| bad(format!("{e}")))?;
        let mut tls = None;
        for (k, v) in url.query_pairs() {
            match k.as_ref() {
                "tls" => tls = Some(v.to_ascii_lowercase()),
                other => return Err(bad(format!("unknown parameter {other:?}"))),
            }
        }
        let security = match (url.scheme(), tls.as_deref()) {
            ("smtp", None | Some("starttls" | "required")) => Security::StartTls,
            ("smtp", Some("none")) => Security::None,
            ("smtps", None | Some("tls" | "wrapper")) => Security::Tls,
            ("smtp" | "smtps", Some(other)) => {
                return Err(bad(format!(
                    "tls={other} is not one of starttls, none (smtp://) or tls (smtps://)"
                )))
            }
            (scheme, _) => return Err(bad(format!("the scheme {scheme:?} is not smtp or smtps"))),
        };
        let host = url
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| bad("it names no host".into()))?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        if url.path().len() > 1 {
            return Err(bad(format!("it has a path ({:?}); remove it", url.path())));
        }
        let port = url.port().unwrap_or(match security {
            Security::StartTls => 587,
            Security::Tls => 465,
            Security::None => 25,
        });
        let decode = |s: &str| -> Result<String, MailConfigError> {
            url::form_urlencoded::parse(format!("x={}", s.replace('+', "%2B")).as_bytes())
                .next()
                .map(|(_, v)| v.into_owned())
                .ok_or_else(|| bad("the user name or password does not decode".into()))
        };
        let user = (!url.username().is_empty())
            .then(|| decode(url.username()))
            .transpose()?;
        let password = url.password().map(decode).transpose()?;
        if password.is_some() && user.is_none() {
            return Err(bad("it has a password but no user name".into()));
        }
        Ok(Self {
            host,
            port,
            security,
            user,
            password,
        })
    }

    /// The server without its password, for logs and pages.
    pub fn describe(&self) -> String {
        let scheme = if self.security == Security::Tls {
            "smtps"
        } else {
            "smtp"
        };
        let user = self
            .user
            .as_deref()
            .map(|u| format!("{u}@"))
            .unwrap_or_default();
        let tls = match self.security {
            Security::StartTls => "?tls=starttls",
            Security::None => "?tls=none",
            Security::Tls => "",
        };
        format!("{scheme}://{user}{}:{}{tls}", self.host, self.port)
    }
}

/// The mail settings every node's workers send with. Without an SMTP server, emails are kept.
#[derive(Clone)]
pub struct Mailer {
    transport: Option<(AsyncSmtpTransport<Tokio1Executor>, SmtpUrl)>,
    from: Address,
    public_url: String,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("smtp", &self.transport.as_ref().map(|(_, u)| u.describe()))
            .field("from", &self.from.to_string())
            .finish()
    }
}

impl Default for Mailer {
    /// No SMTP server: emails are kept in the database.
    fn default() -> Self {
        Self::keep(&Config::default().public_url())
    }
}

impl Mailer {
    /// Keeps every email in the database; links in them start with `public_url`.
    pub fn keep(public_url: &str) -> Self {
        let public_url = public_url.trim_end_matches('/').to_owned();
        Self {
            transport: None,
            from: default_from(&public_url),
            public_url,
        }
    }

    /// From `smtp_url`, `email_from` and `public_url`; an unusable setting is an error that says
    /// what to fix.
    pub fn from_config(config: &Config) -> Result<Self, MailConfigError> {
        let public_url = config.public_url();
        let smtp = config
            .smtp_url
            .as_ref()
            .map(|s| s.expose().trim())
            .filter(|s| !s.is_empty())
            .map(SmtpUrl::parse)
            .transpose()?;
        let from = match config.email_from.as_deref().map(str::trim) {
            Some(raw) if !raw.is_empty() => {
                raw.parse::<Mailbox>()
                    .map_err(|_| MailConfigError::From(raw.to_owned()))?
                    .email
            }
            _ if smtp.is_some() => return Err(MailConfigError::NoFrom),
            _ => default_from(&public_url),
        };
        let transport = match smtp {
            Some(url) => Some((transport(&url, &public_url)?, url)),
            None => None,
        };
        Ok(Self {
            transport,
            from,
            public_url,
        })
    }

    /// The address emails come from (the coach's name goes beside it).
    pub fn from_address(&self) -> &Address {
        &self.from
    }

    pub fn public_url(&self) -> &str {
        &self.public_url
    }

    /// The host name of the public URL: the right-hand side of our Message-IDs and UIDs.
    pub fn host(&self) -> String {
        url::Url::parse(&self.public_url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "coachbook.invalid".into())
    }

    /// The SMTP server, described without its password; `None` when emails are kept.
    pub fn server(&self) -> Option<String> {
        self.transport.as_ref().map(|(_, u)| u.describe())
    }

    /// Hands `message` to the SMTP server; `None` when none is configured.
    pub async fn send(
        &self,
        message: Message,
    ) -> Option<Result<(), lettre::transport::smtp::Error>> {
        let (transport, _) = self.transport.as_ref()?;
        Some(transport.send(message).await.map(|_| ()))
    }
}

fn default_from(public_url: &str) -> Address {
    let host = url::Url::parse(public_url)
        .ok()
        .and_then(|u| u.domain().map(str::to_owned))
        .filter(|d| d.contains('.'))
        .unwrap_or_else(|| "localhost".into());
    Address::new("coachbook", &host)
        .or_else(|_| Address::new("coachbook", "localhost"))
        .unwrap_or_else(|_| unreachable_address())
}

/// `coachbook@localhost` is a valid address; this is only there to avoid a panic path.
fn unreachable_address() -> Address {
    "coachbook@localhost"
        .parse()
        .unwrap_or_else(|_| Address::new("a", "b.c").expect("a valid address"))
}

fn transport(
    url: &SmtpUrl,
    public_url: &str,
) -> Result<AsyncSmtpTransport<Tokio1Executor>, MailConfigError> {
    let tls = |host: &str| {
        TlsParameters::new(host.to_owned())
            .map_err(|e| MailConfigError::SmtpUrl(format!("TLS for {host}: {e}")))
    };
    let security = match url.security {
        Security::StartTls => Tls::Required(tls(&url.host)?),
        Security::Tls => Tls::Wrapper(tls(&url.host)?),
        Security::None => Tls::None,
    };
    let hello = url::Url::parse(public_url)
        .ok()
        .and_then(|u| u.domain().map(str::to_owned))
        .map_or_else(|| ClientId::Domain("localhost".into()), ClientId::Domain);
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(url.host.as_str())
        .port(url.port)
        .tls(security)
        .hello_name(hello)
        .timeout(Some(SMTP_TIMEOUT));
    if let (Some(user), Some(password)) = (&url.user, &url.password) {
        builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
    }
    Ok(builder.build())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_documented_forms_read() {
        let a = SmtpUrl::parse("smtp://me:p%40ss@mail.example.com:587?tls=starttls").unwrap();
        assert_eq!(
            (a.host.as_str(), a.port, a.security),
            ("mail.example.com", 587, Security::StartTls)
        );
        assert_eq!(
            (a.user.as_deref(), a.password.as_deref()),
            (Some("me"), Some("p@ss"))
        );
        assert_eq!(
            a.describe(),
            "smtp://me@mail.example.com:587?tls=starttls",
            "no password"
        );
        let b = SmtpUrl::parse("smtp://127.0.0.1:2525?tls=none").unwrap();
        assert_eq!((b.port, b.security, b.user), (2525, Security::None, None));
        let c = SmtpUrl::parse("smtps://me:pw@mail.example.com").unwrap();
        assert_eq!((c.port, c.security), (465, Security::Tls));
    }

    #[test]
    fn a_bad_url_says_what_to_write() {
        for bad in [
            "http://mail.example.com",
            "smtp://mail.example.com?tls=maybe",
            "smtp:///nohost",
            "mail.example.com:25",
            "smtp://mail.example.com?security=none",
        ] {
            let e = SmtpUrl::parse(bad).unwrap_err().to_string();
            assert!(
                e.contains("smtp://USER:PASSWORD@HOST:587?tls=starttls"),
                "{bad}: {e}"
            );
        }
    }

    #[test]
    fn smtp_without_a_sender_address_is_refused() {
        let config = Config {
            smtp_url: Some(crate::config::Secret("smtp://127.0.0.1:25?tls=none".into())),
            ..Config::default()
        };
        assert!(matches!(
            Mailer::from_config(&config),
            Err(MailConfigError::NoFrom)
        ));
        let kept = Mailer::from_config(&Config::default()).unwrap();
        assert!(kept.server().is_none());
    }
}
