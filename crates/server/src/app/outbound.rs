//! Every request this server makes to an address a coach typed in (a calendar URL, a CalDAV
//! server, a webhook endpoint) goes through here, so that none of them can be aimed at the
//! server's own network (SSRF).
//!
//! A URL must be `http` or `https` with a host. Its host is resolved by our own resolver, which
//! drops loopback, private, link-local and other non-public addresses unless the operator allows
//! them (`allow_private_outbound`), and the connection is made to the addresses that survived:
//! a name that resolves to a public address when checked and a private one when fetched (DNS
//! rebinding) cannot slip through, since there is only one resolution. A literal IP host is
//! checked the same way, and so is every redirect. Bodies are read up to a limit; every request
//! has a connect and a total timeout.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use url::Url;

/// How long connecting may take.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a whole request (headers and body) may take.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);
/// Redirects followed before giving up.
pub const MAX_REDIRECTS: usize = 5;

/// Why an address may not be used or a request failed; the text is shown to the coach.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutboundError {
    #[error("{0}")]
    BadUrl(String),
    #[error("{0} is a private or local address; only public addresses are allowed")]
    Private(String),
    #[error("could not connect: {0}")]
    Connect(String),
    #[error("the server took longer than {} seconds to answer", REQUEST_TIMEOUT.as_secs())]
    Timeout,
    #[error("the answer is larger than {limit} bytes")]
    TooLarge { limit: usize },
    #[error("{0}")]
    Http(String),
}

/// Whether `ip` is an address on the public internet.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.is_multicast()
                // Shared address space (carrier-grade NAT), 100.64.0.0/10.
                || (a == 100 && (64..128).contains(&b))
                // "This network" and reserved ranges.
                || a == 0
                || a >= 240
                // Benchmarking, 198.18.0.0/15.
                || (a == 198 && (b == 18 || b == 19)))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                // Unique local fc00::/7 and link-local fe80::/10.
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                // Documentation 2001:db8::/32.
                || (first == 0x2001 && v6.segments()[1] == 0x0db8))
        }
    }
}

/// The policy on where requests may go: only public addresses, unless the operator allows
/// private ones (a calendar server on the office network; the tests' servers on loopback).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub allow_private: bool,
}

impl Policy {
    pub fn permits(self, ip: IpAddr) -> bool {
        self.allow_private || is_public(ip)
    }

    /// Resolves `host:port` to the addresses the policy permits; an error when none is left.
    pub async fn resolve(self, host: &str, port: u16) -> Result<Vec<SocketAddr>, OutboundError> {
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let found: Vec<SocketAddr> = tokio::net::lookup_host((host, port))
            .await
            .map_err(|e| OutboundError::Connect(format!("{host}: {e}")))?
            .collect();
        let permitted: Vec<SocketAddr> = found
            .iter()
            .copied()
            .filter(|a| self.permits(a.ip()))
            .collect();
        if permitted.is_empty() {
            return Err(match found.first() {
                Some(_) => OutboundError::Private(host.to_owned()),
                None => OutboundError::Connect(format!("{host} has no address")),
            });
        }
        Ok(permitted)
    }

    /// Checks a URL a person typed: `http` or `https`, a host, no credentials in it, and (for a
    /// literal IP) an address the policy permits. Names are checked when they are resolved.
    pub fn check_url(self, raw: &str) -> Result<Url, OutboundError> {
        // The URL parser would quietly drop or encode these; an address with one was not typed
        // as meant.
        if raw.chars().any(|c| c.is_control()) {
            return Err(OutboundError::BadUrl(
                "the address holds an invisible control character; type or paste it again".into(),
            ));
        }
        let url = Url::parse(raw.trim()).map_err(|e| {
            OutboundError::BadUrl(format!("not a web address ({e}); it starts with https://"))
        })?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(OutboundError::BadUrl(format!(
                "the address must start with https:// or http://, not {}://",
                url.scheme()
            )));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(OutboundError::BadUrl(
                "put the user name and password in their own fields, not in the address".into(),
            ));
        }
        match url.host() {
            None => return Err(OutboundError::BadUrl("the address has no host".into())),
            Some(url::Host::Ipv4(ip)) if !self.permits(IpAddr::V4(ip)) => {
                return Err(OutboundError::Private(ip.to_string()))
            }
            Some(url::Host::Ipv6(ip)) if !self.permits(IpAddr::V6(ip)) => {
                return Err(OutboundError::Private(ip.to_string()))
            }
            Some(_) => {}
        }
        Ok(url)
    }
}

/// reqwest's resolver under the policy.
struct Resolver(Policy);

impl reqwest::dns::Resolve for Resolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let policy = self.0;
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let addrs = policy.resolve(&host, 0).await.map_err(|e| {
                Box::new(std::io::Error::other(e.to_string()))
                    as Box<dyn std::error::Error + Send + Sync>
            })?;
            Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// The one HTTP client for requests to addresses people typed.
#[derive(Debug, Clone)]
pub struct Outbound {
    policy: Policy,
    client: reqwest::Client,
}

impl Default for Outbound {
    fn default() -> Self {
        Self::new(false)
    }
}

/// One answer, its body read whole (up to the limit given).
#[derive(Debug, Clone)]
pub struct Fetched {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Outbound {
    pub fn new(allow_private: bool) -> Self {
        let policy = Policy { allow_private };
        let redirects = reqwest::redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() >= MAX_REDIRECTS {
                return attempt.error("too many redirects");
            }
            let literal_refused = match attempt.url().host() {
                Some(url::Host::Ipv4(ip)) => !policy.permits(IpAddr::V4(ip)),
                Some(url::Host::Ipv6(ip)) => !policy.permits(IpAddr::V6(ip)),
                _ => false,
            };
            if literal_refused || !matches!(attempt.url().scheme(), "http" | "https") {
                attempt.error("redirected to an address that is not allowed")
            } else {
                attempt.follow()
            }
        });
        let client = reqwest::Client::builder()
            .user_agent(concat!("Coachbook/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .redirect(redirects)
            .dns_resolver(Arc::new(Resolver(policy)))
            .no_proxy()
            .build()
            // Building fails only if the TLS backend cannot start, which no request could survive.
            .unwrap_or_else(|e| panic!("the HTTP client cannot start: {e}"));
        Self { policy, client }
    }

    pub fn policy(&self) -> Policy {
        self.policy
    }

    /// The client; build requests with it only for URLs that passed [`Policy::check_url`].
    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    /// Sends `request` and reads its body up to `limit` bytes.
    pub async fn fetch(
        &self,
        request: reqwest::RequestBuilder,
        limit: usize,
    ) -> Result<Fetched, OutboundError> {
        let mut response = request.send().await.map_err(describe)?;
        if response.content_length().is_some_and(|n| n > limit as u64) {
            return Err(OutboundError::TooLarge { limit });
        }
        let status = response.status();
        let headers = response.headers().clone();
        let mut body = BytesMut::new();
        while let Some(chunk) = response.chunk().await.map_err(describe)? {
            if body.len() + chunk.len() > limit {
                return Err(OutboundError::TooLarge { limit });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Fetched {
            status,
            headers,
            body: body.freeze(),
        })
    }
}

/// A reqwest error in words for the coach, the private-address refusal kept recognisable.
fn describe(e: reqwest::Error) -> OutboundError {
    if e.is_timeout() {
        return OutboundError::Timeout;
    }
    let mut text = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        text = s.to_string();
        source = s.source();
    }
    if text.contains("private or local address") {
        return OutboundError::Connect(text);
    }
    if e.is_connect() {
        OutboundError::Connect(text)
    } else {
        OutboundError::Http(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_addresses_are_public() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111"] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }

    #[test]
    fn a_url_must_be_web_with_a_public_literal_host_and_no_credentials() {
        let strict = Policy {
            allow_private: false,
        };
        assert!(strict
            .check_url("https://calendar.example.com/a.ics")
            .is_ok());
        assert!(matches!(
            strict.check_url("http://127.0.0.1:8080/hook"),
            Err(OutboundError::Private(_))
        ));
        assert!(matches!(
            strict.check_url("http://[::1]/hook"),
            Err(OutboundError::Private(_))
        ));
        assert!(matches!(
            strict.check_url("https://example.com/a\u{0}b.ics"),
            Err(OutboundError::BadUrl(_))
        ));
        assert!(matches!(
            strict.check_url("file:///etc/passwd"),
            Err(OutboundError::BadUrl(_))
        ));
        assert!(matches!(
            strict.check_url("https://me:pw@example.com/"),
            Err(OutboundError::BadUrl(_))
        ));
        let open = Policy {
            allow_private: true,
        };
        assert!(open.check_url("http://127.0.0.1:8080/hook").is_ok());
    }

    #[tokio::test]
    async fn a_name_that_resolves_only_to_loopback_is_refused() {
        let strict = Policy {
            allow_private: false,
        };
        assert!(matches!(
            strict.resolve("localhost", 80).await,
            Err(OutboundError::Private(_))
        ));
        let open = Policy {
            allow_private: true,
        };
        assert!(!open.resolve("localhost", 80).await.unwrap().is_empty());
    }
}
