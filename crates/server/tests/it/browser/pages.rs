//! Every page a coach or a client can reach in the demo practice (`coachbook demo`), at a phone's
//! 390×844 and a laptop's 1280×800 viewport (CSS pixels): nothing makes the page scroll sideways,
//! no control's label or clipping box hides part of its text, and axe-core finds no "serious" or
//! "critical" accessibility violation. Every page is checked at both sizes before the test fails,
//! with one list of everything found, and each leaves a full-page screenshot
//! `artifacts/screenshots/pages-NN-<width>-<page>.png`.
//!
//! The phone is Chromium's mobile mode (see [`Journey::device`]): the viewport meta tag applies
//! and scrollbars are drawn over the page, so the page is laid out across all 390 px, as on a
//! real phone. The laptop is a desktop browser, whose scrollbar takes its 15 px. Sideways
//! scrolling: the document may be no wider than the layout viewport (`scrollWidth <=
//! clientWidth` of `<html>`: 390 px on the phone; 1280 px, or 1265 beside a scrollbar, on the
//! laptop); each element that reaches past that edge further than its parent is listed.
//!
//! What counts as clipped: any displayed element whose computed `overflow-x` (or `overflow-y`) is
//! `hidden` or `clip` and whose content is wider (or taller) than its box, and any control
//! (button, `.button`, a link in `.actions` or `.tabs`, a tab, `summary`) whose label is wider or
//! taller than the control, whatever its overflow. `text-overflow: ellipsis` is accepted on
//! ordinary text (a long email in a table cell may end in "…": the truncation is deliberate and
//! shows), but not on a control: a button must say all of what it does. Boxes that scroll
//! (`overflow: auto`/`scroll`, such as a wide table's wrapper) are not clipping, and inline
//! elements, form fields (which scroll their own text), `.visually-hidden`, `.trap`,
//! `.skip-link`, anything not displayed and anything hidden the screen-reader-only way (a box of
//! at most 1×1 px that clips, like `.visually-hidden`) are left out.

use std::io::Write;
use std::time::Instant;

use serde_json::{json, Value};

use super::harness::{
    axe_source, skip, Journey, Seed, DEMO_COACH_EMAIL, DEMO_USER_EMAIL, PASSWORD,
};
use crate::harness::process::{POLL, WAIT};

/// The viewports every page is checked at, in CSS pixels: a phone, then a laptop.
const SIZES: [(u32, u32); 2] = [(390, 844), (1280, 800)];

/// The axe-core impacts that fail the test (it also reports "moderate" and "minor" ones).
const FAILING_IMPACTS: [&str; 2] = ["serious", "critical"];

/// At most this many elements are listed per finding; the rest are counted.
const LIST_AT_MOST: usize = 10;

/// Measures the page in the browser: how wide the document is against the layout viewport, the
/// elements that stick out past its right edge (only where the overflow starts: each listed one
/// reaches further than its parent, outside any box that scrolls or clips), and the clipped
/// elements as described in the module's comment.
const LAYOUT_JS: &str = r##"
const root = document.documentElement;
const edge = root.clientWidth;
// Screen-reader-only boxes found so far (the walk meets ancestors before their descendants).
const srOnly = [];
const exempt = (el) =>
  el.closest(".visually-hidden, .trap, .skip-link") || srOnly.some((h) => h.contains(el));
const shown = (el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
const name = (el) => {
  let s = el.tagName.toLowerCase();
  if (el.id) s += "#" + el.id;
  for (const c of el.classList) s += "." + c;
  return s;
};
// The element and up to three of its ancestors inside <body>: "main > section.card > table".
const where = (el) => {
  const parts = [];
  for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
    parts.unshift(name(e));
  }
  return parts.join(" > ");
};
const text = (el) =>
  (el.innerText || el.textContent || "").replace(/\s+/g, " ").trim().slice(0, 50);
// Inside a box (below <body>) that scrolls or clips sideways, an element cannot widen the page.
const boxed = (el) => {
  for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
    if (getComputedStyle(e).overflowX !== "visible") return true;
  }
  return false;
};
const controls = "button, .button, [role=button], [role=tab], .actions a, .tabs a, summary";
const sticking = [];
const clipped = [];
for (const el of document.querySelectorAll("*")) {
  if (exempt(el) || !shown(el)) continue;
  const cs = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const clipsX = cs.overflowX === "hidden" || cs.overflowX === "clip";
  const clipsY = cs.overflowY === "hidden" || cs.overflowY === "clip";
  if (r.width <= 1 && r.height <= 1 && (clipsX || cs.clip !== "auto" || cs.clipPath !== "none")) {
    srOnly.push(el);
    continue;
  }
  if (el !== root && el !== document.body) {
    const p = el.parentElement.getBoundingClientRect();
    if (r.right > edge + 0.5 && r.right > p.right + 0.5 && !boxed(el)) {
      sticking.push({
        el: where(el), right: Math.round(r.right), width: Math.round(r.width), text: text(el),
      });
    }
  }
  // Inline boxes have no scroll size of their own; form fields scroll their own text.
  if (cs.display === "inline" || cs.display === "contents") continue;
  if (el.matches("input, select, textarea")) continue;
  const control = el.matches(controls);
  if (!control && cs.textOverflow === "ellipsis") continue;
  const wide = (control || clipsX) && el.scrollWidth > el.clientWidth + 1;
  const tall = (control || clipsY) && el.scrollHeight > el.clientHeight + 1;
  if (wide || tall) {
    clipped.push({
      el: where(el), text: text(el), control,
      overflow: cs.overflowX + " " + cs.overflowY, ellipsis: cs.textOverflow === "ellipsis",
      content: [el.scrollWidth, el.scrollHeight], box: [el.clientWidth, el.clientHeight],
    });
  }
}
return { scrollWidth: root.scrollWidth, clientWidth: edge, sticking, clipped };
"##;

/// A page to check: what it is called in screenshots and messages, where it is, and whether the
/// BookSessionModal is opened on it before the checks.
struct Page {
    name: String,
    path: String,
    open_modal: bool,
}

impl Page {
    fn new(name: impl Into<String>, path: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            path: path.into(),
            open_modal: false,
        }
    }

    fn with_modal(mut self) -> Self {
        self.open_modal = true;
        self.name.push_str("-modal");
        self
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_fits_a_phone_and_a_laptop_with_no_clipped_text_and_no_serious_axe_violations() {
    let axe = match axe_source() {
        Ok(source) => source,
        Err(why) => {
            skip("pages", &why);
            return;
        }
    };
    let Some(j) = Journey::start("pages", Seed::Demo).await else {
        return;
    };
    let started = Instant::now();
    let mut problems = Vec::new();
    let mut checked = 0;

    // The coach: every admin page, then the sign-out page, which signs out.
    j.sign_in(DEMO_COACH_EMAIL, PASSWORD).await;
    j.expect_path("/admin").await;
    let (coach, public) = discover(&j, &mut problems).await;
    for page in coach.iter().chain([&Page::new("logout", "/logout")]) {
        check_page(&j, axe, page, &mut problems).await;
        checked += 1;
    }
    j.goto("/logout").await;
    j.click_and_load("form[action='/logout'] button[type=submit]")
        .await;

    // Signed out.
    for page in &public {
        check_page(&j, axe, page, &mut problems).await;
        checked += 1;
    }

    // The client: the account page and whatever else their navigation offers.
    j.sign_in(DEMO_USER_EMAIL, PASSWORD).await;
    j.expect_path("/account").await;
    let mut client = vec![
        Page::new("account", "/account"),
        Page::new("client-notifications", "/notifications"),
        // The demo client is connected to Ana's practice: her page shows him his credits.
        Page::new("client-coach-page", "/c/ana-ruiz"),
    ];
    for path in links(&j, "#site-nav").await {
        if path != "/logout" && !client.iter().any(|p| p.path == path) {
            client.push(Page::new(name_of(&path), path));
        }
    }
    for page in &client {
        check_page(&j, axe, page, &mut problems).await;
        checked += 1;
    }

    j.finish().await;
    // Past cargo's capture, like a skip: how long the run took is worth seeing either way.
    let _ = writeln!(
        std::io::stderr(),
        "browser::pages checked {checked} pages at {} sizes in {:.0?}",
        SIZES.len(),
        started.elapsed()
    );
    assert!(
        problems.is_empty(),
        "{} of {checked} pages × {} sizes have problems:\n\n{}",
        problems.len(),
        SIZES.len(),
        problems.join("\n\n")
    );
}

/// Finds the pages to check by following links, as the coach: the admin pages (with the first
/// client, package and session type, each client tab, and anything else the navigation lists)
/// and the signed-out pages (with the coach's public page, from the slug in the settings).
/// Returns `(coach's pages, signed-out pages)`.
async fn discover(j: &Journey, problems: &mut Vec<String>) -> (Vec<Page>, Vec<Page>) {
    let nav = links(j, "#site-nav").await;
    let mut coach = vec![
        Page::new("dashboard", "/admin"),
        Page::new("bookings", "/admin/bookings"),
        Page::new("bookings", "/admin/bookings").with_modal(),
        Page::new("booking-new", "/admin/bookings/new"),
        Page::new("clients", "/admin/clients"),
    ];

    // The first client, and each tab of their page (a tab with a booking button also with the
    // BookSessionModal open, pre-filled for the client).
    j.goto("/admin/clients").await;
    match first_item(&links(j, "main").await, "/admin/clients") {
        None => problems.push("no link to a client on /admin/clients".to_owned()),
        Some(client) => {
            j.goto(&client).await;
            let tabs: Vec<String> = links(j, "main")
                .await
                .into_iter()
                .filter(|l| *l == client || l.starts_with(&format!("{client}?tab=")))
                .fold(Vec::new(), |mut tabs, l| {
                    if !tabs.contains(&l) {
                        tabs.push(l);
                    }
                    tabs
                });
            if tabs.len() < 2 {
                problems.push(format!("{client} links to fewer than two tabs: {tabs:?}"));
            }
            if !tabs.contains(&client) {
                coach.push(Page::new("client", client.clone()));
            }
            for tab in tabs {
                let name = match tab.split_once("?tab=") {
                    Some((_, key)) => format!("client-{key}"),
                    None => "client-overview".to_owned(),
                };
                j.goto(&tab).await;
                let books = !j.all("[data-book-session]").await.is_empty();
                coach.push(Page::new(&name, &tab));
                if books {
                    coach.push(Page::new(&name, &tab).with_modal());
                }
            }
        }
    }

    coach.push(Page::new("applications", "/admin/applications"));
    for (list, item) in [
        ("/admin/packages", "package"),
        ("/admin/session-types", "session-type"),
        ("/admin/emails", "email"),
    ] {
        coach.push(Page::new(name_of(list), list));
        j.goto(list).await;
        match first_item(&links(j, "main").await, list) {
            Some(path) => coach.push(Page::new(item, path)),
            None => problems.push(format!("no link to one {item} on {list}")),
        }
    }
    coach.push(Page::new("availability", "/admin/availability"));
    coach.push(Page::new("insights", "/admin/insights"));
    coach.push(Page::new("payments", "/admin/payments"));
    coach.push(Page::new("settings", "/admin/settings"));
    coach.push(Page::new("notifications", "/notifications"));
    coach.push(Page::new(
        "notification-settings",
        "/admin/settings/notifications",
    ));
    coach.push(Page::new("api-docs", "/api/docs"));

    // Admin pages added to the navigation later are covered without changing this test.
    for path in nav.into_iter().filter(|p| p.starts_with("/admin")) {
        if !coach.iter().any(|p| p.path == path) {
            coach.push(Page::new(name_of(&path), path));
        }
    }
    coach.push(Page::new("privacy", "/admin/settings/privacy"));
    coach.push(Page::new(
        "calendar-feeds",
        "/admin/settings/calendar-feeds",
    ));
    coach.push(Page::new(
        "busy-calendars",
        "/admin/settings/busy-calendars",
    ));
    coach.push(Page::new("webhooks", "/admin/settings/webhooks"));
    coach.push(Page::new("bulk-sessions", "/admin/sessions/bulk"));
    coach.push(Page::new("meeting-links", "/admin/settings/meeting-links"));
    coach.push(Page::new("not-found-signed-in", "/admin/packages/999999"));

    // The coach's public page, at the address the settings show.
    let mut public = vec![Page::new("login", "/login"), Page::new("signup", "/signup")];
    j.goto("/admin/settings").await;
    let slug = j
        .js("return document.querySelector('#slug')?.value ?? ''")
        .await;
    match slug.as_str().filter(|s| !s.is_empty()) {
        Some(slug) => {
            public.push(Page::new("coach-page", format!("/c/{slug}")));
            public.push(Page::new("apply", format!("/c/{slug}/apply")));
            public.push(Page::new("request", format!("/c/{slug}/request")));
            // The confirm form of the first open time the page lists.
            let calendar = j
                .api("GET", &format!("/api/coaches/{slug}/calendar"), json!(null))
                .await;
            let book = calendar["body"]["slots"][0]
                .as_object()
                .map(|slot| {
                    let start = slot["start"]
                        .as_str()
                        .unwrap_or_default()
                        .replace('+', "%2B");
                    json!(format!(
                        "/c/{slug}/book?sessionTypeId={}&start={start}",
                        slot["sessionTypeId"]
                    ))
                })
                .unwrap_or(json!(""));
            match book.as_str().filter(|s| !s.is_empty()) {
                Some(path) => public.push(Page::new("book", path)),
                None => problems.push(format!("no open time to book on /c/{slug}")),
            }
        }
        None => problems.push("no #slug on /admin/settings to find the public page".to_owned()),
    }
    public.push(Page::new("not-found", "/nope"));
    (coach, public)
}

/// The same-origin links inside `scope` (a CSS selector), as paths with their queries, in the
/// page's order.
async fn links(j: &Journey, scope: &str) -> Vec<String> {
    let found = j
        .client
        .execute(
            "return [...document.querySelectorAll(arguments[0])]
               .filter((a) => a.origin === location.origin)
               .map((a) => a.pathname + a.search);",
            vec![json!(format!("{scope} a[href]"))],
        )
        .await
        .unwrap_or_else(|e| panic!("[{}] links in {scope}: {e}", j.name));
    serde_json::from_value(found).unwrap_or_default()
}

/// The first link to one item of the list at `list`: `/admin/packages` → `/admin/packages/7`.
fn first_item(links: &[String], list: &str) -> Option<String> {
    links
        .iter()
        .find(|l| {
            l.strip_prefix(list)
                .and_then(|rest| rest.strip_prefix('/'))
                .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
        })
        .cloned()
}

/// A page's name from its path: `/admin/session-types` → `session-types`.
fn name_of(path: &str) -> String {
    let name = path
        .trim_start_matches("/admin")
        .trim_matches('/')
        .replace(['/', '?', '=', '&'], "-");
    if name.is_empty() {
        "dashboard".to_owned()
    } else {
        name
    }
}

/// Checks `page` at each of [`SIZES`], adding what is wrong to `problems` (one entry per page
/// and size, naming its screenshot).
async fn check_page(j: &Journey, axe: &str, page: &Page, problems: &mut Vec<String>) {
    for (width, height) in SIZES {
        let mut found = Vec::new();
        j.device(width, height, width < 600).await;
        j.goto(&page.path).await;
        let at = j.path().await;
        // A page may write its view into the address (the calendar's `?view=day` on a phone);
        // what matters is that it did not send the browser elsewhere.
        let same = at == page.path
            || (!page.path.contains('?') && at.split('?').next() == Some(page.path.as_str()));
        if !same {
            problems.push(format!(
                "{} ({}) at {width}px: the browser ended up at {at}",
                page.name, page.path
            ));
            continue;
        }
        j.settle().await;
        if page.open_modal {
            if let Err(why) = open_book_session(j).await {
                found.push(why);
            }
            j.settle().await;
        }

        let layout = j.js(LAYOUT_JS).await;
        let laid_out = layout["clientWidth"].as_i64().unwrap_or(0);
        if width < 600 && laid_out != i64::from(width) {
            found.push(format!(
                "laid out {laid_out}px wide on a {width}px phone (the viewport meta tag?)"
            ));
        }
        found.extend(overflow(&layout, width));
        found.extend(clipped(&layout));
        found.extend(
            j.axe(axe)
                .await
                .iter()
                .filter(|v| FAILING_IMPACTS.contains(&v["impact"].as_str().unwrap_or("")))
                .map(axe_violation),
        );

        // An open dialog covers the viewport and the page behind it is inert: a picture of
        // the viewport shows it as a person sees it; elsewhere, the whole page.
        let step = format!("{width}-{}", page.name);
        let shot = if page.open_modal {
            j.shot(&step).await
        } else {
            j.full_shot(&step).await
        };
        if !found.is_empty() {
            problems.push(format!(
                "{} ({}) at {width}px [{}]:\n  - {}",
                page.name,
                page.path,
                shot.file_name().unwrap_or_default().to_string_lossy(),
                found.join("\n  - ")
            ));
        }
    }
}

/// Clicks the first visible `[data-book-session]` and waits for `#book-session` to open.
async fn open_book_session(j: &Journey) -> Result<(), String> {
    let mut trigger = None;
    for el in j.all("[data-book-session]").await {
        if el.is_displayed().await.unwrap_or(false) {
            trigger = Some(el);
            break;
        }
    }
    let trigger = trigger.ok_or("no visible [data-book-session] to open the BookSessionModal")?;
    trigger
        .click()
        .await
        .map_err(|e| format!("could not click [data-book-session]: {e}"))?;
    let deadline = Instant::now() + WAIT;
    while j
        .js("return document.querySelector('#book-session')?.open === true")
        .await
        != json!(true)
    {
        if Instant::now() > deadline {
            return Err("clicking [data-book-session] did not open #book-session".to_owned());
        }
        tokio::time::sleep(POLL).await;
    }
    Ok(())
}

/// The finding for a page that scrolls sideways in a `viewport` px wide viewport, with the
/// elements that stick out.
fn overflow(layout: &Value, viewport: u32) -> Option<String> {
    let page = layout["scrollWidth"].as_i64().unwrap_or(0);
    let fits = layout["clientWidth"].as_i64().unwrap_or(0);
    let sticking = layout["sticking"].as_array().cloned().unwrap_or_default();
    if page <= fits && sticking.is_empty() {
        return None;
    }
    let room = if fits == i64::from(viewport) {
        format!("a {viewport}px viewport")
    } else {
        format!("the {fits}px a {viewport}px viewport leaves beside its scrollbar")
    };
    let list = listed(&sticking, |e| {
        format!(
            "`{}` reaches {}px ({}px wide) {:?}",
            str_of(&e["el"]),
            e["right"],
            e["width"],
            str_of(&e["text"])
        )
    });
    Some(if page > fits {
        format!("scrolls sideways: the page is {page}px wide in {room}; sticking out:{list}")
    } else {
        format!("elements stick out past the right edge of {room}, cut off:{list}")
    })
}

/// The finding for clipped elements, if any.
fn clipped(layout: &Value) -> Option<String> {
    let clipped = layout["clipped"].as_array().cloned().unwrap_or_default();
    if clipped.is_empty() {
        return None;
    }
    Some(format!(
        "clipped text:{}",
        listed(&clipped, |e| {
            let what = if e["control"] == json!(true) {
                "a control's label does not fit"
            } else {
                "overflow"
            };
            format!(
                "`{}` {:?}: content {}×{} in a {}×{} box ({what}: {}{})",
                str_of(&e["el"]),
                str_of(&e["text"]),
                e["content"][0],
                e["content"][1],
                e["box"][0],
                e["box"][1],
                str_of(&e["overflow"]),
                if e["ellipsis"] == json!(true) {
                    ", ellipsis"
                } else {
                    ""
                }
            )
        })
    ))
}

/// One axe-core violation: rule, impact, help, and the first few elements it found.
fn axe_violation(v: &Value) -> String {
    let targets: Vec<&str> = v["targets"]
        .as_array()
        .map(|t| t.iter().map(str_of).collect())
        .unwrap_or_default();
    format!(
        "axe {} ({}): {}; {} element(s): {}",
        str_of(&v["id"]),
        str_of(&v["impact"]),
        str_of(&v["help"]),
        v["nodes"],
        targets.join(" | ")
    )
}

/// `items` as indented lines (at most [`LIST_AT_MOST`], then how many more), or a note that
/// none was found.
fn listed(items: &[Value], line: impl Fn(&Value) -> String) -> String {
    if items.is_empty() {
        return " (no element found; look for margins, pseudo-elements or transforms)".to_owned();
    }
    let mut out: String = items
        .iter()
        .take(LIST_AT_MOST)
        .map(|e| format!("\n      {}", line(e)))
        .collect();
    if items.len() > LIST_AT_MOST {
        out.push_str(&format!(
            "\n      … and {} more",
            items.len() - LIST_AT_MOST
        ));
    }
    out
}

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}
