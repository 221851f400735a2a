//! The languages people read Coachbook in: which there are ([`Locale`]), the message catalogues
//! (Fluent files embedded from `crates/server/locales/<code>/*.ftl`, every file of a locale loaded),
//! the locale of the task at hand (one per request or per email job, see [`scope`]) and [`Tr`],
//! the handle templates look messages up with. How to use it: `docs/i18n.md`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::future::Future;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use rust_embed::RustEmbed;
use unic_langid::LanguageIdentifier;

#[derive(RustEmbed)]
#[folder = "locales/"]
#[include = "*.ftl"]
struct Catalogues;

pub use coachbook_core::locale::{Locale, UnknownLocale};
use coachbook_core::validate::InvalidInput;

fn langid(locale: Locale) -> LanguageIdentifier {
    // Our codes are plain language subtags, which always parse.
    locale.code().parse().unwrap_or_default()
}

tokio::task_local! {
    static LOCALE: Locale;
}

/// The locale of the task at hand: the request's (set by the web layer for every page), the
/// email job's, or English outside any [`scope`].
pub fn current() -> Locale {
    LOCALE.try_with(|l| *l).unwrap_or_default()
}

/// Runs `f` with `locale` as [`current`] (a request, an email job, a feed answer).
pub async fn scope<F: Future>(locale: Locale, f: F) -> F::Output {
    LOCALE.scope(locale, f).await
}

/// [`scope`] for synchronous code (rendering one email in a given locale).
pub fn sync_scope<R>(locale: Locale, f: impl FnOnce() -> R) -> R {
    LOCALE.sync_scope(locale, f)
}

/// A day named in a field message's variable: in English the words the API has always used
/// (`english`, which the message's English text has too), in other languages the task's own date.
pub fn day_arg(day: jiff::civil::Date, english: impl FnOnce() -> String) -> String {
    match current() {
        Locale::En => english(),
        locale => super::dates::date_in(locale, day),
    }
}

/// The language a request is answered in: the person's own choice, else the first of our
/// languages their browser asks for, else the coach's default (the coach whose page `slug` names,
/// else the one the person is or is a client of, else the practice's first), else English.
pub async fn resolve(
    cx: &super::Ctx,
    user_id: Option<i64>,
    slug: Option<&str>,
    accept_language: Option<&str>,
) -> super::AppResult<Locale> {
    let browser = accept_language.and_then(Locale::from_accept_language);
    if user_id.is_none() {
        if let Some(locale) = browser {
            return Ok(locale);
        }
    }
    let (chosen, coach_default) =
        crate::store::users::locale_choice(cx.db.pool(), user_id, slug).await?;
    Ok(chosen.or(browser).or(coach_default).unwrap_or_default())
}

/// The language to write to one person in (an email, an invitation): their choice, else the
/// default of the coach `coach_id`. `user_id` is `None` for people without an account.
pub async fn for_recipient(
    cx: &super::Ctx,
    user_id: Option<i64>,
    coach_id: i64,
) -> super::AppResult<Locale> {
    let (chosen, coach_default) =
        crate::store::users::recipient_locale(cx.db.pool(), user_id, coach_id).await?;
    Ok(chosen.or(coach_default).unwrap_or_default())
}

/// One locale's catalogue, and what went wrong reading it (the suite asserts there is nothing).
pub struct Catalogue {
    bundle: FluentBundle<FluentResource>,
    pub problems: Vec<String>,
    /// Every message id, with the file it came from.
    pub ids: HashMap<String, String>,
}

fn load(locale: Locale) -> Catalogue {
    let mut bundle = FluentBundle::new_concurrent(vec![langid(locale)]);
    // The isolation marks Fluent puts around variables are for bidirectional text; in HTML and
    // plain-text emails in English and German they are only noise.
    bundle.set_use_isolating(false);
    let mut problems = Vec::new();
    let mut ids = HashMap::new();
    let prefix = format!("{}/", locale.code());
    let mut files: Vec<_> = Catalogues::iter()
        .filter(|p| p.starts_with(&prefix))
        .collect();
    files.sort();
    for path in files {
        let Some(file) = Catalogues::get(&path) else {
            continue;
        };
        let text = match String::from_utf8(file.data.into_owned()) {
            Ok(t) => t,
            Err(e) => {
                problems.push(format!("{path}: not UTF-8: {e}"));
                continue;
            }
        };
        let resource = match FluentResource::try_new(text) {
            Ok(r) => r,
            Err((r, errors)) => {
                for e in errors {
                    problems.push(format!("{path}: {e:?}"));
                }
                r
            }
        };
        for entry in resource.entries() {
            if let fluent_syntax::ast::Entry::Message(m) = entry {
                if let Some(other) = ids.insert(m.id.name.to_owned(), path.to_string()) {
                    problems.push(format!(
                        "{path}: message `{}` is also in {other}",
                        m.id.name
                    ));
                }
            }
        }
        if let Err(errors) = bundle.add_resource(resource) {
            for e in errors {
                problems.push(format!("{path}: {e:?}"));
            }
        }
    }
    for p in &problems {
        tracing::error!(locale = %locale, problem = %p, "a message catalogue has a fault");
    }
    Catalogue {
        bundle,
        problems,
        ids,
    }
}

/// The catalogue of `locale`, read once from the embedded files.
pub fn catalogue(locale: Locale) -> &'static Catalogue {
    static EN: OnceLock<Catalogue> = OnceLock::new();
    static DE: OnceLock<Catalogue> = OnceLock::new();
    match locale {
        Locale::En => EN.get_or_init(|| load(Locale::En)),
        Locale::De => DE.get_or_init(|| load(Locale::De)),
    }
}

/// Marks a message id kept in a table and looked up later (`tr.t(id)`), so that the suite's scan
/// for ids in use finds it. Returns `id`.
pub const fn msg(id: &str) -> &str {
    id
}

/// A value for a message variable: a number (which also picks the plural form) or text.
pub enum Arg<'a> {
    Num(i64),
    Text(Cow<'a, str>),
}

impl From<i64> for Arg<'_> {
    fn from(n: i64) -> Self {
        Arg::Num(n)
    }
}
impl From<i32> for Arg<'_> {
    fn from(n: i32) -> Self {
        Arg::Num(n.into())
    }
}
impl From<u32> for Arg<'_> {
    fn from(n: u32) -> Self {
        Arg::Num(n.into())
    }
}
impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
    }
}
// Templates hand fields over by reference.
impl From<&i64> for Arg<'_> {
    fn from(n: &i64) -> Self {
        Arg::Num(*n)
    }
}
impl From<&i32> for Arg<'_> {
    fn from(n: &i32) -> Self {
        Arg::Num((*n).into())
    }
}
impl From<&u32> for Arg<'_> {
    fn from(n: &u32) -> Self {
        Arg::Num((*n).into())
    }
}
impl From<&usize> for Arg<'_> {
    fn from(n: &usize) -> Self {
        (*n).into()
    }
}
impl<'a> From<&'a &'a String> for Arg<'a> {
    fn from(s: &'a &'a String) -> Self {
        Arg::Text(Cow::Borrowed(s.as_str()))
    }
}
impl From<&&i64> for Arg<'_> {
    fn from(n: &&i64) -> Self {
        Arg::Num(**n)
    }
}
impl<'a> From<&'a &'a str> for Arg<'a> {
    fn from(s: &'a &'a str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}
impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}
impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(s.as_str()))
    }
}
impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}

/// Looks messages up in one locale; what templates call (`{{ tr.t("nav-calendar") }}`). Cheap to
/// copy.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tr(pub Locale);

impl Tr {
    /// The locale of the task at hand (see [`current`]).
    pub fn current() -> Self {
        Tr(current())
    }

    pub fn locale(&self) -> Locale {
        self.0
    }

    /// The `lang` attribute of a page or email.
    pub fn lang(&self) -> &'static str {
        self.0.code()
    }

    /// A message without variables.
    pub fn t(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// A message with one variable, e.g. `tr.t1("count-sessions", "count", n)`.
    pub fn t1<'a>(&self, id: &str, name: &'a str, value: impl Into<Arg<'a>>) -> String {
        self.args(id, &[(name, value.into())])
    }

    /// A message with two variables.
    pub fn t2<'a>(
        &self,
        id: &str,
        name: &'a str,
        value: impl Into<Arg<'a>>,
        name2: &'a str,
        value2: impl Into<Arg<'a>>,
    ) -> String {
        self.args(id, &[(name, value.into()), (name2, value2.into())])
    }

    /// A message with three variables.
    #[expect(clippy::too_many_arguments, reason = "three name and value pairs")]
    pub fn t3<'a>(
        &self,
        id: &str,
        name: &'a str,
        value: impl Into<Arg<'a>>,
        name2: &'a str,
        value2: impl Into<Arg<'a>>,
        name3: &'a str,
        value3: impl Into<Arg<'a>>,
    ) -> String {
        self.args(
            id,
            &[
                (name, value.into()),
                (name2, value2.into()),
                (name3, value3.into()),
            ],
        )
    }

    /// A message with any number of variables.
    pub fn args(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            let value = match value {
                Arg::Num(n) => FluentValue::from(*n),
                Arg::Text(s) => FluentValue::from(s.to_string()),
            };
            fluent.set(name.to_string(), value);
        }
        self.format(id, Some(&fluent))
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let own = catalogue(self.0);
        let found = own
            .bundle
            .get_message(id)
            .and_then(|m| m.value())
            .map(|pattern| (pattern, own));
        let found = found.or_else(|| {
            // A key missing here (the suite says which) still reads, in English.
            let en = catalogue(Locale::En);
            en.bundle
                .get_message(id)
                .and_then(|m| m.value())
                .map(|p| (p, en))
        });
        let Some((pattern, from)) = found else {
            tracing::error!(locale = %self.0, id, "no such message in any catalogue");
            return id.to_owned();
        };
        let mut errors = Vec::new();
        let text = from
            .bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned();
        if !errors.is_empty() {
            tracing::error!(locale = %self.0, id, ?errors, "a message did not format cleanly");
        }
        text
    }

    /// A refused input as this reader reads it: its catalogue message with its variables when it
    /// has one (a variable that reads as a whole number is a number, for plurals), else its own
    /// (English) message. The one place an `InvalidInput` becomes words, for pages and the API.
    pub fn invalid(&self, e: &InvalidInput) -> String {
        let Some(key) = e.key else {
            return e.message.clone();
        };
        if !Tr(Locale::En).has(key) {
            tracing::error!(id = key, "a field message's id is in no catalogue");
            return e.message.clone();
        }
        let args: Vec<(&str, Arg<'_>)> = e
            .args
            .iter()
            .map(|(name, value)| {
                let value = match value.parse::<i64>() {
                    Ok(n) if n.to_string() == *value => Arg::Num(n),
                    _ => Arg::from(value.as_str()),
                };
                (*name, value)
            })
            .collect();
        self.args(key, &args)
    }

    /// Whether `id` is in this locale's catalogue (for tests).
    pub fn has(&self, id: &str) -> bool {
        catalogue(self.0).bundle.has_message(id)
    }
}

/// The messages browser scripts write (ids starting `js-`, `locales/*/scripts.ftl`) in `locale`,
/// for the page's `<script type="text/plain" id="cb-messages">`: a JSON object of id and text,
/// each variable `{ $name }` written `{name}` for the script's `t()` to fill in, in base64. (In
/// base64 the page's HTML holds only the sentences it shows, so a search of a page for a
/// sentence, which the suite does everywhere, never finds the scripts' catalogue instead; and
/// nothing in it can close the element.) A message missing in `locale` comes in English. Built
/// once per locale. docs/i18n.md, "Scripts".
pub fn script_messages(locale: Locale) -> &'static str {
    static EN: OnceLock<String> = OnceLock::new();
    static DE: OnceLock<String> = OnceLock::new();
    let cell = match locale {
        Locale::En => &EN,
        Locale::De => &DE,
    };
    cell.get_or_init(|| {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(render_script_messages(locale))
    })
}

fn render_script_messages(locale: Locale) -> String {
    let en = catalogue(Locale::En);
    let mut ids: Vec<&String> = en.ids.keys().filter(|id| id.starts_with("js-")).collect();
    ids.sort();
    let mut out = serde_json::Map::new();
    for id in ids {
        let found = [catalogue(locale), en].into_iter().find_map(|c| {
            let pattern = c.bundle.get_message(id)?.value()?;
            Some((c, pattern))
        });
        let Some((from, pattern)) = found else {
            continue;
        };
        let mut names = Vec::new();
        if !script_variables(pattern, &mut names) {
            // A script cannot choose a variant: plurals are separate `-one`/`-other` messages.
            tracing::error!(locale = %locale, id, "a script message has a selector or a function");
            continue;
        }
        let mut args = FluentArgs::new();
        for name in names {
            args.set(name.to_owned(), FluentValue::from(format!("{{{name}}}")));
        }
        let mut errors = Vec::new();
        let text = from
            .bundle
            .format_pattern(pattern, Some(&args), &mut errors);
        if !errors.is_empty() {
            tracing::error!(locale = %locale, id, ?errors, "a script message did not format cleanly");
        }
        out.insert(id.clone(), serde_json::Value::String(text.into_owned()));
    }
    serde_json::Value::Object(out).to_string()
}

/// Collects the variables `pattern` uses; false when it has what a script cannot do (a selector,
/// a function).
fn script_variables<'a>(
    pattern: &fluent_syntax::ast::Pattern<&'a str>,
    names: &mut Vec<&'a str>,
) -> bool {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    fn inline<'a>(e: &InlineExpression<&'a str>, names: &mut Vec<&'a str>) -> bool {
        match e {
            InlineExpression::VariableReference { id } => {
                if !names.contains(&id.name) {
                    names.push(id.name);
                }
                true
            }
            InlineExpression::Placeable { expression } => match expression.as_ref() {
                Expression::Inline(i) => inline(i, names),
                Expression::Select { .. } => false,
            },
            InlineExpression::FunctionReference { .. } => false,
            _ => true,
        }
    }
    pattern.elements.iter().all(|element| match element {
        PatternElement::TextElement { .. } => true,
        PatternElement::Placeable {
            expression: Expression::Inline(i),
        } => inline(i, names),
        PatternElement::Placeable { .. } => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_take_variables_and_plurals() {
        let de = Tr(Locale::De);
        let en = Tr(Locale::En);
        assert_eq!(en.t1("count-sessions", "count", 1), "1 session");
        assert_eq!(en.t1("count-sessions", "count", 3), "3 sessions");
        assert_eq!(de.t1("count-sessions", "count", 1), "1 Termin");
        assert_eq!(de.t1("count-sessions", "count", 3), "3 Termine");
        assert_eq!(de.t("nav-calendar"), "Kalender");
    }

    #[test]
    fn the_task_locale_is_english_outside_a_scope() {
        assert_eq!(current(), Locale::En);
        assert_eq!(sync_scope(Locale::De, current), Locale::De);
    }
}
