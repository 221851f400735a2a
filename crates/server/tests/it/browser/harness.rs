//! The browser-test harness: the real `coachbook` binary on a random port with a fresh SQLite
//! file, Debian's chromedriver on another, and a headless Chromium session driven through
//! fantoccini. Everything a journey starts is stopped when the journey is dropped, pass or fail.

use std::io::Write;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, OnceLock};
use std::time::Instant;

use base64::Engine as _;
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

use crate::harness::in_ci;

pub use crate::harness::{COACH_EMAIL, PASSWORD};
pub const COACH_NAME: &str = "Ana Okafor";
/// The demo practice's coach and client (`coachbook demo`, both with [`PASSWORD`]).
pub const DEMO_COACH_EMAIL: &str = "coach@demo.coachbook.test";
pub const DEMO_USER_EMAIL: &str = "sam@demo.coachbook.test";

use crate::harness::process::{free_port, wait_until_answers, Guarded, ServerProcess, POLL, WAIT};

const DEFAULT_CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const DEFAULT_CHROMIUM: &str = "/usr/bin/chromium";

/// Where screenshots go: `<workspace>/artifacts/screenshots` (git-ignored).
pub fn screenshot_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../artifacts/screenshots")
}

// ---------------------------------------------------------------------------------------------
// Bounded parallelism: each journey runs a server, a chromedriver and a Chromium. Cargo runs
// tests on as many threads as there are cores (or `--test-threads`); more than a couple of
// browsers at once only makes each slower and flakier, so journeys take a slot first.

struct Slots {
    used: Mutex<usize>,
    freed: Condvar,
}

static SLOTS: Slots = Slots {
    used: Mutex::new(0),
    freed: Condvar::new(),
};

fn max_browsers() -> usize {
    std::env::var("COACHBOOK_BROWSER_PARALLEL")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(2)
}

pub struct Slot;

impl Slot {
    /// Blocks until fewer than `max_browsers()` journeys run. Called before the journey starts
    /// anything, so blocking its (own) runtime thread holds up nothing else.
    fn take() -> Self {
        let mut used = SLOTS.used.lock().unwrap_or_else(|e| e.into_inner());
        while *used >= max_browsers() {
            used = SLOTS.freed.wait(used).unwrap_or_else(|e| e.into_inner());
        }
        *used += 1;
        Slot
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut used = SLOTS.used.lock().unwrap_or_else(|e| e.into_inner());
        *used -= 1;
        SLOTS.freed.notify_one();
    }
}

// ---------------------------------------------------------------------------------------------
// Tools: chromedriver and Chromium must both be there, or the journey skips (fails under CI).

struct Tools {
    chromedriver: PathBuf,
    chromium: PathBuf,
}

fn find_tools() -> Result<Tools, String> {
    let chromedriver = PathBuf::from(
        std::env::var("COACHBOOK_CHROMEDRIVER").unwrap_or_else(|_| DEFAULT_CHROMEDRIVER.to_owned()),
    );
    let chromium = PathBuf::from(
        std::env::var("COACHBOOK_CHROMIUM").unwrap_or_else(|_| DEFAULT_CHROMIUM.to_owned()),
    );
    let mut missing = Vec::new();
    if !chromedriver.is_file() {
        missing.push(format!(
            "chromedriver not found at {} (set COACHBOOK_CHROMEDRIVER)",
            chromedriver.display()
        ));
    }
    if !chromium.is_file() {
        missing.push(format!(
            "chromium not found at {} (set COACHBOOK_CHROMIUM)",
            chromium.display()
        ));
    }
    if missing.is_empty() {
        Ok(Tools {
            chromedriver,
            chromium,
        })
    } else {
        Err(format!(
            "{}; install Debian's `chromium chromium-driver` packages",
            missing.join("; ")
        ))
    }
}

/// Says the journey was skipped where a person sees it even when cargo captures test output
/// (direct writes to stderr bypass the capture), or fails it under CI.
pub fn skip(test: &str, why: &str) {
    assert!(
        !in_ci(),
        "browser journey {test} cannot run under CI=true: {why}"
    );
    let _ = writeln!(std::io::stderr(), "SKIPPED: browser journey {test}: {why}");
}

// ---------------------------------------------------------------------------------------------
// axe-core, for the accessibility checks. The version is pinned in `browser/axe/package-lock.json`;
// the harness takes the script from `COACHBOOK_AXE_JS` when set, or installs that lock with npm
// once per version into the target directory (a skip without npm, a failure under CI).

/// axe-core's `axe.min.js`, read (and installed if need be) once per test process.
pub fn axe_source() -> Result<&'static str, String> {
    static AXE: OnceLock<Result<String, String>> = OnceLock::new();
    AXE.get_or_init(load_axe).as_deref().map_err(Clone::clone)
}

fn load_axe() -> Result<String, String> {
    if let Ok(path) = std::env::var("COACHBOOK_AXE_JS") {
        return std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read COACHBOOK_AXE_JS={path}: {e}"));
    }
    let package = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/browser/axe");
    let lock = std::fs::read_to_string(package.join("package-lock.json"))
        .map_err(|e| format!("cannot read {}/package-lock.json: {e}", package.display()))?;
    let version = serde_json::from_str::<Value>(&lock)
        .ok()
        .and_then(|v| {
            v["packages"]["node_modules/axe-core"]["version"]
                .as_str()
                .map(str::to_owned)
        })
        .ok_or_else(|| {
            format!(
                "no axe-core version in {}/package-lock.json",
                package.display()
            )
        })?;
    // One directory per version, shared by every test process built into this target directory.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("axe-core-{version}"));
    let script = dir.join("node_modules/axe-core/axe.min.js");
    if !script.is_file() {
        install_axe(&package, &dir)?;
    }
    std::fs::read_to_string(&script).map_err(|e| format!("cannot read {}: {e}", script.display()))
}

/// `npm ci` of the pinned lock into a staging directory of this process, then renamed into place
/// in one step: a process that loses the race finds the winner's copy and drops its own.
fn install_axe(package: &Path, dir: &Path) -> Result<(), String> {
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    let staging = dir.with_file_name(format!("{name}.staging-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging)
        .map_err(|e| format!("cannot create {}: {e}", staging.display()))?;
    for file in ["package.json", "package-lock.json"] {
        std::fs::copy(package.join(file), staging.join(file))
            .map_err(|e| format!("cannot copy {file} to {}: {e}", staging.display()))?;
    }
    let out = Command::new("npm")
        .args([
            "ci",
            "--no-audit",
            "--no-fund",
            "--ignore-scripts",
            "--prefix",
        ])
        .arg(&staging)
        .current_dir(&staging)
        .env("npm_config_update_notifier", "false")
        .stdin(Stdio::null())
        .output();
    let installed = match out {
        Err(e) => Err(format!(
            "cannot run npm to install axe-core ({e}); install Debian's `npm` package or set \
             COACHBOOK_AXE_JS to an axe.min.js"
        )),
        Ok(out) if !out.status.success() => Err(format!(
            "npm ci of axe-core failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )),
        Ok(_) => match std::fs::rename(&staging, dir) {
            Ok(()) => Ok(()),
            Err(_) if dir.join("node_modules/axe-core/axe.min.js").is_file() => Ok(()),
            Err(e) => Err(format!("cannot move axe-core into {}: {e}", dir.display())),
        },
    };
    let _ = std::fs::remove_dir_all(&staging);
    installed
}

// ---------------------------------------------------------------------------------------------
// Child processes.

/// What the database holds before the server starts.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Seed {
    /// Nothing: the server starts in first-run setup and prints a setup code.
    Empty,
    /// One coach, created with `coachbook coach add` ([`COACH_EMAIL`], [`PASSWORD`], Europe/London).
    Coach,
    /// The demo practice, loaded with `coachbook demo`: [`DEMO_COACH_EMAIL`] with packages,
    /// session types, clients, applications and bookings, and [`DEMO_USER_EMAIL`], a client's
    /// account; both sign in with [`PASSWORD`].
    Demo,
    /// [`Seed::Coach`] and a second coach of the same installation, Bo Chen (`bo@example.com`,
    /// page `bo-chen`), for co-hosted sessions.
    TwoCoaches,
}

/// Runs `coachbook <args>` on `db_url` (with [`PASSWORD`] for any account it creates) and
/// fails unless it succeeds.
fn run_cli(db_url: &str, args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_coachbook"))
        .args(args)
        .env("COACHBOOK_DATABASE_URL", db_url)
        .env("COACHBOOK_PASSWORD", PASSWORD)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("run coachbook {}: {e}", args.join(" ")));
    assert!(
        out.status.success(),
        "coachbook {} failed: {}{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The real binary, serving a fresh SQLite database.
pub struct Server {
    pub base: String,
    pub setup_code: Option<String>,
    _process: ServerProcess,
    _dir: tempfile::TempDir,
}

impl Server {
    async fn start(seed: Seed) -> Self {
        let dir = tempfile::tempdir().expect("temp dir for the database");
        let db_url = format!("sqlite://{}", dir.path().join("cb.db").display());
        match seed {
            Seed::Empty => {}
            Seed::Coach | Seed::TwoCoaches => run_cli(
                &db_url,
                &[
                    "coach",
                    "add",
                    "--email",
                    COACH_EMAIL,
                    "--name",
                    COACH_NAME,
                    "--time-zone",
                    "Europe/London",
                    "--slug",
                    "ana",
                ],
            ),
            Seed::Demo => run_cli(&db_url, &["demo"]),
        }
        if seed == Seed::TwoCoaches {
            run_cli(
                &db_url,
                &[
                    "coach",
                    "add",
                    "--email",
                    "bo@example.com",
                    "--name",
                    "Bo Chen",
                    "--time-zone",
                    "Europe/London",
                    "--slug",
                    "bo-chen",
                ],
            );
        }
        let process = ServerProcess::start(&db_url, seed == Seed::Empty, &[]).await;
        Self {
            base: process.base.clone(),
            setup_code: process.setup_code.clone(),
            _process: process,
            _dir: dir,
        }
    }
}

/// chromedriver on a free port, with a headless Chromium session.
struct Browser {
    client: Client,
    _driver: Guarded,
    _profile: tempfile::TempDir,
}

impl Browser {
    async fn start(tools: &Tools) -> Self {
        let port = free_port();
        let mut cmd = Command::new(&tools.chromedriver);
        cmd.arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0);
        if let Ok(log) = std::env::var("COACHBOOK_CHROMEDRIVER_LOG") {
            cmd.arg(format!("--log-path={log}-{port}.log"))
                .arg("--verbose");
        }
        let child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", tools.chromedriver.display()));
        let mut driver = Guarded { child, group: true };
        let url = format!("http://127.0.0.1:{port}");
        wait_until_answers(
            "chromedriver",
            &format!("{url}/status"),
            |body| {
                serde_json::from_str::<Value>(body)
                    .is_ok_and(|v| v["value"]["ready"] == json!(true))
            },
            &mut driver.child,
        )
        .await;

        let profile = tempfile::tempdir().expect("temp dir for the Chromium profile");
        let args = vec![
            "--headless=new".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--disable-quic".to_owned(),
            "--no-first-run".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            format!("--user-data-dir={}", profile.path().display()),
            "--window-size=1280,900".to_owned(),
        ];
        let mut caps = Capabilities::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert("pageLoadStrategy".into(), json!("normal"));
        caps.insert(
            "goog:chromeOptions".into(),
            json!({ "binary": tools.chromium, "args": args }),
        );
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&url)
            .await
            .unwrap_or_else(|e| {
                panic!("could not start a Chromium session through chromedriver: {e}")
            });
        Self {
            client,
            _driver: driver,
            _profile: profile,
        }
    }
}

/// A Chrome DevTools Protocol command, sent through chromedriver's `goog/cdp/execute`.
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (axum::http::Method, Option<String>) {
        let body = json!({ "cmd": self.cmd, "params": self.params });
        (axum::http::Method::POST, Some(body.to_string()))
    }
}

// ---------------------------------------------------------------------------------------------
// A journey: one test's server, browser and screenshots, with the steps tests are written in.

pub struct Journey {
    pub name: &'static str,
    pub server: Server,
    pub client: Client,
    step: AtomicUsize,
    // Dropped last, in this order: browser (kills chromedriver and Chromium), then the slot.
    _browser: Browser,
    _slot: Slot,
}

impl Journey {
    /// Starts a server (seeded as asked) and a browser, or returns `None` after printing a
    /// `SKIPPED:` note when Chromium or chromedriver is missing (a failure under `CI=true`).
    pub async fn start(name: &'static str, seed: Seed) -> Option<Self> {
        let tools = match find_tools() {
            Ok(tools) => tools,
            Err(why) => {
                skip(name, &why);
                return None;
            }
        };
        let slot = Slot::take();
        let server = Server::start(seed).await;
        let browser = Browser::start(&tools).await;
        let client = browser.client.clone();
        std::fs::create_dir_all(screenshot_dir()).expect("create artifacts/screenshots");
        Some(Self {
            name,
            server,
            client,
            step: AtomicUsize::new(0),
            _browser: browser,
            _slot: slot,
        })
    }

    /// Ends the WebDriver session cleanly (a failing journey is cleaned up by the drop).
    pub async fn finish(self) {
        let _ = self.client.clone().close().await;
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.server.base)
    }

    /// Saves a PNG of the viewport as `artifacts/screenshots/<journey>-<NN>-<step>.png`.
    pub async fn shot(&self, step: &str) -> PathBuf {
        let step_no = self.step.fetch_add(1, Ordering::Relaxed) + 1;
        let png = self
            .client
            .screenshot()
            .await
            .unwrap_or_else(|e| panic!("[{}] screenshot {step}: {e}", self.name));
        let path = screenshot_dir().join(format!("{}-{:02}-{step}.png", self.name, step_no));
        std::fs::write(&path, png).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        path
    }

    /// Fails the journey with `message`, after a screenshot of what the browser showed.
    pub async fn fail<T>(&self, message: impl AsRef<str>) -> T {
        let shot = self.shot("FAILED").await;
        let url = self
            .client
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_default();
        panic!(
            "[{}] {} (at {url}; screenshot {})",
            self.name,
            message.as_ref(),
            shot.display()
        );
    }

    /// Marks the document, so that [`Journey::check_same_page`] can tell it was not reloaded.
    pub async fn mark_page(&self) {
        self.js("window.__samePage = true;").await;
    }

    /// Fails with `message` unless the document marked by [`Journey::mark_page`] is still the
    /// one shown (the change happened in place, without a reload).
    pub async fn check_same_page(&self, message: &str) {
        let same = self.js("return window.__samePage === true;").await == json!(true);
        self.check(same, message).await;
    }

    pub async fn check(&self, ok: bool, message: impl AsRef<str>) {
        if !ok {
            self.fail::<()>(message).await;
        }
    }

    pub async fn goto(&self, path: &str) {
        let url = self.url(path);
        if let Err(e) = self.client.goto(&url).await {
            self.fail::<()>(format!("could not open {url}: {e}")).await;
        }
    }

    /// The path (and query) of the page the browser shows.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.expect("current url");
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        }
    }

    /// Waits until the browser shows `path` (and the page has loaded).
    pub async fn expect_path(&self, path: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let now = self.path().await;
            if now == path && self.loaded().await {
                return;
            }
            if Instant::now() > deadline {
                self.fail::<()>(format!(
                    "expected to be at {path}, but the browser stayed at {now}"
                ))
                .await;
            }
            tokio::time::sleep(POLL).await;
        }
    }

    async fn loaded(&self) -> bool {
        self.client
            .execute("return document.readyState", vec![])
            .await
            .is_ok_and(|v| v == json!("complete"))
    }

    /// Waits for an element, failing the journey if it never comes.
    pub async fn find(&self, css: &str) -> Element {
        match self
            .client
            .wait()
            .at_most(WAIT)
            .every(POLL)
            .for_element(Locator::Css(css))
            .await
        {
            Ok(el) => el,
            Err(e) => self.fail(format!("no element {css}: {e}")).await,
        }
    }

    /// The elements matching `css` right now (the page is already loaded).
    pub async fn all(&self, css: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("[{}] find_all {css}: {e}", self.name))
    }

    pub async fn text(&self, css: &str) -> String {
        let el = self.find(css).await;
        el.text()
            .await
            .unwrap_or_else(|e| panic!("[{}] text of {css}: {e}", self.name))
    }

    /// The texts of every element matching `css`.
    pub async fn texts(&self, css: &str) -> Vec<String> {
        let mut out = Vec::new();
        for el in self.all(css).await {
            out.push(el.text().await.unwrap_or_default().trim().to_owned());
        }
        out
    }

    /// The text content as written in the page (`text()` gives it as rendered, e.g. upper-cased
    /// by CSS).
    pub async fn content(&self, css: &str) -> String {
        text_content(&self.find(css).await).await
    }

    /// The text content of every element matching `css`.
    pub async fn content_all(&self, css: &str) -> Vec<String> {
        let mut out = Vec::new();
        for el in self.all(css).await {
            out.push(text_content(&el).await);
        }
        out
    }

    /// An attribute of every element matching `css` (resolved as the DOM property, so an `href`
    /// comes back absolute).
    pub async fn attrs(&self, css: &str, name: &str) -> Vec<String> {
        let mut out = Vec::new();
        for el in self.all(css).await {
            out.push(el.prop(name).await.ok().flatten().unwrap_or_default());
        }
        out
    }

    pub async fn value(&self, css: &str) -> String {
        let el = self.find(css).await;
        el.prop("value").await.ok().flatten().unwrap_or_default()
    }

    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        let el = self.find(css).await;
        el.attr(name).await.ok().flatten()
    }

    pub async fn displayed(&self, css: &str) -> bool {
        let el = self.find(css).await;
        el.is_displayed().await.unwrap_or(false)
    }

    /// Replaces a field's value by typing, as a person would.
    pub async fn fill(&self, css: &str, value: &str) {
        let el = self.find(css).await;
        el.clear()
            .await
            .unwrap_or_else(|e| panic!("[{}] clear {css}: {e}", self.name));
        if !value.is_empty() {
            el.send_keys(value)
                .await
                .unwrap_or_else(|e| panic!("[{}] type into {css}: {e}", self.name));
        }
        let now = el.prop("value").await.ok().flatten().unwrap_or_default();
        self.check(
            now == value,
            format!("{css} holds {now:?} after typing {value:?}"),
        )
        .await;
    }

    /// Clicks something that loads a new page (a submit button, a link) and waits until the new
    /// document has loaded: a marker set on the old page is gone and the new one is complete.
    pub async fn click_and_load(&self, css: &str) {
        self.client
            .execute("window.__coachbookOldPage = true;", vec![])
            .await
            .expect("mark the page");
        self.click(css).await;
        let deadline = Instant::now() + WAIT;
        loop {
            let fresh = self
                .client
                .execute("return window.__coachbookOldPage === undefined && document.readyState === 'complete';", vec![])
                .await
                .is_ok_and(|v| v == json!(true));
            if fresh {
                return;
            }
            if Instant::now() > deadline {
                self.fail::<()>(format!("clicking {css} did not load a new page"))
                    .await;
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Runs a script in the page and returns its result.
    pub async fn js(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("[{}] script failed: {e}", self.name))
    }

    /// Calls the JSON API from the signed-in page (the session cookie authenticates it) and
    /// returns `{status, body}`.
    pub async fn api(&self, method: &str, path: &str, body: Value) -> Value {
        let script = r#"
            const [method, path, body, done] = arguments;
            fetch(path, { method, headers: { "content-type": "application/json" },
                          body: method === "GET" ? undefined : JSON.stringify(body) })
              .then(async (r) => done({ status: r.status, body: await r.json().catch(() => null) }))
              .catch((e) => done({ status: 0, body: String(e) }));
        "#;
        self.client
            .execute_async(script, vec![json!(method), json!(path), body])
            .await
            .unwrap_or_else(|e| panic!("[{}] api {method} {path}: {e}", self.name))
    }

    /// Waits until the JavaScript expression `script` is true in the page.
    pub async fn until(&self, script: &str, what: &str) {
        let deadline = Instant::now() + WAIT;
        while self.js(&format!("return Boolean({script});")).await != json!(true) {
            if Instant::now() > deadline {
                self.fail::<()>(format!("waited for {what}")).await;
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Sets a field as a picker would (date and time inputs take typed keys by locale), firing
    /// `input` and `change`.
    pub async fn set(&self, css: &str, value: &str) {
        self.find(css).await;
        self.client
            .execute(
                "const el = document.querySelector(arguments[0]); el.value = arguments[1];
                 el.dispatchEvent(new Event('input', {bubbles: true}));
                 el.dispatchEvent(new Event('change', {bubbles: true}));",
                vec![json!(css), json!(value)],
            )
            .await
            .unwrap_or_else(|e| panic!("[{}] set {css}: {e}", self.name));
    }

    /// Presses `key` on whatever has the focus.
    pub async fn press(&self, key: Key) {
        let focused = self
            .client
            .active_element()
            .await
            .unwrap_or_else(|e| panic!("[{}] the focused element: {e}", self.name));
        focused
            .send_keys(&key)
            .await
            .unwrap_or_else(|e| panic!("[{}] press {key:?}: {e}", self.name));
    }

    /// Clicks the element `css` finds. A page's script may replace it between finding and
    /// clicking (the coach's page draws its server-rendered list again once its data arrives):
    /// a stale element is found again, until [`WAIT`] runs out.
    pub async fn click(&self, css: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            match self.find(css).await.click().await {
                Ok(()) => return,
                Err(e) if e.to_string().contains("stale element") && Instant::now() < deadline => {
                    tokio::task::yield_now().await;
                }
                Err(e) => {
                    self.fail::<()>(format!("could not click {css}: {e}")).await;
                    return;
                }
            }
        }
    }

    /// Shows pages as a phone (`phone`) or a desktop browser would, in a viewport of exactly
    /// `width`×`height` CSS pixels. A phone is Chromium's mobile mode (see [`Journey::mobile`]).
    /// Takes effect from the next page load.
    pub async fn device(&self, width: u32, height: u32, phone: bool) {
        // Measured as a desktop: in mobile mode a page wider than the phone widens `innerWidth`.
        self.mobile(false).await;
        self.resize(width, height).await;
        self.mobile(phone).await;
    }

    /// Sizes the window so the viewport is exactly `width`×`height` CSS pixels: whatever the
    /// window's frame takes (headless Chromium draws a toolbar's height) is measured and added.
    /// The renderer learns of a new size a frame or so later, so each try waits for that.
    pub async fn resize(&self, width: u32, height: u32) {
        let want = (i64::from(width), i64::from(height));
        let mut tries = 0;
        let inner = loop {
            let (outer_w, outer_h) = self.window_size().await;
            let inner = self.viewport().await;
            if inner == want || tries == 5 {
                break inner;
            }
            tries += 1;
            self.set_window(outer_w + want.0 - inner.0, outer_h + want.1 - inner.1)
                .await;
            self.settle().await;
        };
        if inner == want {
            return;
        }
        self.fail::<()>(format!(
            "could not size the viewport to {width}×{height}; it stays {}×{}",
            inner.0, inner.1
        ))
        .await;
    }

    /// The window's outer width and height.
    async fn window_size(&self) -> (i64, i64) {
        let (_, _, w, h) = self
            .client
            .get_window_rect()
            .await
            .unwrap_or_else(|e| panic!("[{}] window size: {e}", self.name));
        (
            i64::try_from(w).unwrap_or(i64::MAX),
            i64::try_from(h).unwrap_or(i64::MAX),
        )
    }

    async fn set_window(&self, width: i64, height: i64) {
        let (w, h) = (
            u32::try_from(width.max(1)).unwrap_or(u32::MAX),
            u32::try_from(height.max(1)).unwrap_or(u32::MAX),
        );
        self.client
            .set_window_rect(0, 0, w, h)
            .await
            .unwrap_or_else(|e| panic!("[{}] size the window to {w}×{h}: {e}", self.name));
    }

    /// The viewport's width and height in CSS pixels.
    async fn viewport(&self) -> (i64, i64) {
        let v = self
            .js("return [window.innerWidth, window.innerHeight]")
            .await;
        (v[0].as_i64().unwrap_or(0), v[1].as_i64().unwrap_or(0))
    }

    /// Chromium's mobile mode on or off (through the DevTools protocol; it holds across page
    /// loads): scrollbars are drawn over the page and take no room, so a page is laid out
    /// across the viewport's whole width (`scrollbar-gutter` or not), and the page's viewport
    /// meta tag applies, as on a phone. The window still sets the viewport's size.
    async fn mobile(&self, on: bool) {
        if on {
            // Zero width, height and scale: those stay the window's.
            let metrics =
                json!({ "width": 0, "height": 0, "deviceScaleFactor": 0, "mobile": true });
            self.cdp("Emulation.setDeviceMetricsOverride", metrics)
                .await;
        } else {
            self.cdp("Emulation.clearDeviceMetricsOverride", json!({}))
                .await;
        }
    }

    /// Sends a DevTools protocol command to the page and returns its result.
    async fn cdp(&self, cmd: &'static str, params: Value) -> Value {
        self.client
            .issue_cmd(Cdp { cmd, params })
            .await
            .unwrap_or_else(|e| panic!("[{}] DevTools {cmd}: {e}", self.name))
    }

    /// Like [`Journey::shot`], but of the whole page, as wide as the layout viewport and as
    /// long as the document (at most 4000 CSS pixels).
    pub async fn full_shot(&self, step: &str) -> PathBuf {
        const MAX_HEIGHT: f64 = 4000.0;
        let size = self
            .js("return [document.documentElement.clientWidth, document.documentElement.clientHeight,
                         document.documentElement.scrollHeight]")
            .await;
        let [width, height, page] = [0, 1, 2].map(|i| size[i].as_f64().unwrap_or(0.0));
        if page <= height {
            return self.shot(step).await;
        }
        let clip =
            json!({ "x": 0, "y": 0, "width": width, "height": page.min(MAX_HEIGHT), "scale": 1 });
        let png = self
            .cdp(
                "Page.captureScreenshot",
                json!({ "format": "png", "captureBeyondViewport": true, "clip": clip }),
            )
            .await;
        let png = base64::engine::general_purpose::STANDARD
            .decode(png["data"].as_str().unwrap_or_default())
            .unwrap_or_else(|e| panic!("[{}] full-page screenshot {step}: {e}", self.name));
        let step_no = self.step.fetch_add(1, Ordering::Relaxed) + 1;
        let path = screenshot_dir().join(format!("{}-{:02}-{step}.png", self.name, step_no));
        std::fs::write(&path, png).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        path
    }

    /// Waits until the page's fonts have loaded and its transitions and animations have ended
    /// (endless ones aside), then for two more frames, so measurements and screenshots see the
    /// page as a person would.
    pub async fn settle(&self) {
        let script = r#"
            const done = arguments[arguments.length - 1];
            const ending = document.getAnimations()
              .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
              .map((a) => a.finished.catch(() => null));
            Promise.all([document.fonts.ready, ...ending]).then(() =>
              requestAnimationFrame(() => requestAnimationFrame(() => done(true))));
        "#;
        self.client
            .execute_async(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("[{}] wait for the page to settle: {e}", self.name));
    }

    /// Runs axe-core (`source`, from [`axe_source`]) on the page and returns its violations,
    /// each as `{id, impact, help, nodes, targets}` (the first five nodes' selectors).
    pub async fn axe(&self, source: &str) -> Vec<Value> {
        if self.js("return typeof window.axe").await != json!("object") {
            self.js(source).await;
        }
        let script = r#"
            const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ["violations"] })
              .then((r) => done({ violations: r.violations.map((v) => ({
                  id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
                  targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
                })) }))
              .catch((e) => done({ error: String(e) }));
        "#;
        let result = self
            .client
            .execute_async(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("[{}] run axe-core: {e}", self.name));
        if let Some(error) = result.get("error") {
            self.fail::<()>(format!("axe-core failed: {error}")).await;
        }
        result["violations"].as_array().cloned().unwrap_or_default()
    }

    /// Signs in through the login page (the browser must be signed out).
    /// Through the API, from the page: a 60-minute "Coaching session" and weekday hours
    /// 09:00–17:00, checked; the session type's id.
    pub async fn coaching_week(&self) -> i64 {
        let t = self
            .api(
                "POST",
                "/api/session-types",
                json!({"name": "Coaching session", "durationMinutes": 60}),
            )
            .await;
        self.check(t["status"] == 201, format!("session type: {t}"))
            .await;
        let rules: Vec<Value> = (1..=5)
            .map(|d| json!({"weekday": d, "start": "09:00", "end": "17:00"}))
            .collect();
        let r = self
            .api("PUT", "/api/availability/rules", json!({ "rules": rules }))
            .await;
        self.check(r["status"] == 200, format!("rules: {r}")).await;
        t["body"]["id"].as_i64().unwrap_or_default()
    }

    pub async fn sign_in(&self, email: &str, password: &str) {
        self.goto("/login").await;
        self.expect_path("/login").await;
        self.fill("#email", email).await;
        self.fill("#password", password).await;
        self.click_and_load("form[action='/login'] button[type=submit]")
            .await;
    }
}

/// An element's text content, trimmed.
async fn text_content(el: &Element) -> String {
    el.prop("textContent")
        .await
        .ok()
        .flatten()
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// The first Monday at least two days ahead of today (the browser journeys run on the real
/// clock), as `YYYY-MM-DD`: inside the weekday hours of [`Journey::coaching_week`].
pub fn next_monday() -> String {
    let mut d = jiff::Zoned::now()
        .date()
        .tomorrow()
        .unwrap()
        .tomorrow()
        .unwrap();
    while d.weekday() != jiff::civil::Weekday::Monday {
        d = d.tomorrow().unwrap();
    }
    d.to_string()
}
