//! Languages (issue 17): the catalogues are complete and well formed, and each person reads pages,
//! emails and calendar texts in their language (their choice, else their browser's, else their
//! coach's default).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use coachbook::app::i18n::{catalogue, Locale};

/// Every file under `dir` whose name ends in one of `exts`.
fn files(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source directory") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            files(&path, exts, out);
        } else if exts
            .iter()
            .any(|e| path.extension().is_some_and(|x| x == *e))
        {
            out.push(path);
        }
    }
}

/// The message ids the code and templates look up: `.t("id"`, `.t1("id"`, `.t2("id"`,
/// `.args("id"` and `msg("id")`.
fn ids_in_use() -> BTreeSet<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("src"), &["rs"], &mut paths);
    files(&root.join("templates"), &["html", "txt", "ics"], &mut paths);
    let mut ids = BTreeSet::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("a readable source file");
        for call in [".t(\"", ".t1(\"", ".t2(\"", ".args(\"", "msg(\""] {
            for (at, _) in text.match_indices(call) {
                let rest = &text[at + call.len()..];
                let Some(end) = rest.find('"') else { continue };
                let id = &rest[..end];
                let well_formed = !id.is_empty()
                    && id.starts_with(|c: char| c.is_ascii_lowercase())
                    && id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if well_formed {
                    ids.insert((id.to_owned(), path.display().to_string()));
                }
            }
        }
    }
    ids
}

#[test]
fn every_catalogue_file_parses_and_no_id_is_defined_twice() {
    for locale in Locale::ALL {
        let problems = &catalogue(locale).problems;
        assert!(problems.is_empty(), "{locale}: {problems:#?}");
        assert!(
            !catalogue(locale).ids.is_empty(),
            "{locale} has no messages"
        );
    }
}

#[test]
fn every_message_is_in_every_locale() {
    let en = &catalogue(Locale::En).ids;
    for locale in Locale::ALL {
        let other = &catalogue(locale).ids;
        let missing: BTreeSet<_> = en.keys().filter(|id| !other.contains_key(*id)).collect();
        let extra: BTreeSet<_> = other.keys().filter(|id| !en.contains_key(*id)).collect();
        assert!(missing.is_empty(), "missing in {locale}: {missing:?}");
        assert!(extra.is_empty(), "in {locale} but not in en: {extra:?}");
        // An id sits in the same file in every locale, so that areas stay apart.
        for (id, file) in en {
            let mine = &other[id];
            let same = mine.split_once('/').map(|p| p.1) == file.split_once('/').map(|p| p.1);
            assert!(same, "{id} is in {file} but in {mine} for {locale}");
        }
    }
}

#[test]
fn every_message_the_code_and_templates_use_exists() {
    let used = ids_in_use();
    assert!(used.len() > 20, "the scan found too few ids: {used:?}");
    for locale in Locale::ALL {
        let ids = &catalogue(locale).ids;
        let missing: Vec<_> = used
            .iter()
            .filter(|(id, _)| !ids.contains_key(id))
            .collect();
        assert!(missing.is_empty(), "used but not in {locale}: {missing:#?}");
    }
}
