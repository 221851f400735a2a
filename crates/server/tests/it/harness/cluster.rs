//! Several nodes on one database: `coachbook serve` processes on the test's database behind a
//! small round-robin TCP proxy, as a load balancer would put them. The in-process app beside them
//! owns the database and sets things up; the nodes and the proxy are what the test talks to.
//!
//! Later capabilities extend the several-node tests through this: the nodes' environment (an SMTP
//! server, say) is passed to [`Cluster::start_with`].

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use tokio::net::{TcpListener, TcpStream};

use super::process::ServerProcess;
use super::{Backend, TestApp};

/// Forwards each connection it accepts to the next node in turn, skipping nodes that refuse
/// connections (a killed node): what a load balancer with a connect-time health check does.
pub struct Proxy {
    pub base: String,
    served: Arc<Vec<AtomicUsize>>,
    task: tokio::task::JoinHandle<()>,
}

impl Proxy {
    pub async fn start(backends: Vec<SocketAddr>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the proxy");
        let base = format!("http://{}", listener.local_addr().expect("proxy address"));
        let served: Arc<Vec<AtomicUsize>> =
            Arc::new(backends.iter().map(|_| AtomicUsize::new(0)).collect());
        let counts = Arc::clone(&served);
        let task = tokio::spawn(async move {
            let mut next = 0;
            loop {
                let Ok((inbound, _)) = listener.accept().await else {
                    continue;
                };
                let first = next;
                next = (next + 1) % backends.len();
                tokio::spawn(forward(
                    inbound,
                    backends.clone(),
                    first,
                    Arc::clone(&counts),
                ));
            }
        });
        Self { base, served, task }
    }

    /// How many connections node `i` has been given.
    pub fn served(&self, i: usize) -> usize {
        self.served[i].load(Ordering::SeqCst)
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn forward(
    mut inbound: TcpStream,
    backends: Vec<SocketAddr>,
    first: usize,
    served: Arc<Vec<AtomicUsize>>,
) {
    for i in 0..backends.len() {
        let k = (first + i) % backends.len();
        if let Ok(mut outbound) = TcpStream::connect(backends[k]).await {
            served[k].fetch_add(1, Ordering::SeqCst);
            let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
            return;
        }
    }
}

pub struct Cluster {
    pub nodes: Vec<ServerProcess>,
    pub proxy: Proxy,
    // Last: the database goes once the nodes have stopped.
    pub app: TestApp,
}

impl Cluster {
    /// `n` nodes on a fresh database of `backend`, behind a proxy.
    pub async fn start(backend: Backend, n: usize) -> Self {
        Self::start_with(backend, n, &[]).await
    }

    /// [`Cluster::start`] with `envs` in every node's environment.
    pub async fn start_with(backend: Backend, n: usize, envs: &[(&str, &str)]) -> Self {
        let app = TestApp::new(backend).await;
        let nodes = futures_util::future::join_all(
            (0..n).map(|_| ServerProcess::start(&app.db.url, false, envs)),
        )
        .await;
        let addrs = nodes
            .iter()
            .map(|node| {
                node.base
                    .trim_start_matches("http://")
                    .parse()
                    .expect("a node's address")
            })
            .collect();
        let proxy = Proxy::start(addrs).await;
        Self { nodes, proxy, app }
    }

    /// A client for the proxy whose every request opens a new connection, so that consecutive
    /// requests go to different nodes; it keeps cookies, and does not follow redirects.
    pub fn client() -> reqwest::Client {
        reqwest::Client::builder()
            .pool_max_idle_per_host(0)
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(super::process::WAIT)
            .build()
            .expect("client")
    }
}
