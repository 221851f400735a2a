//! The tests' Python: a virtual environment made once per target directory, holding the real
//! peers and independent checkers the tests run on loopback: `aiosmtpd` (an SMTP server),
//! `icalendar` (an iCalendar parser that is not ours), `radicale` (a CalDAV server) and
//! `standardwebhooks` (the reference signature check for webhooks).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;

/// What the venv holds, pinned. Changing it changes the directory name, so an old venv is never
/// used with a new list.
pub const PACKAGES: &[&str] = &[
    "aiosmtpd==1.4.6",
    "icalendar==7.3.2",
    "radicale==3.9.0",
    "standardwebhooks==1.3.0",
];

const DIR: &str = "py-venv-2";

/// The venv's python, made on first use: `python3 -m venv` and `pip install` [`PACKAGES`] into
/// a staging directory of this process, renamed into place in one step (a process that loses
/// the race uses the winner's).
pub fn python() -> Result<PathBuf, String> {
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(DIR);
    let python = dir.join("bin/python");
    if dir.join(".ready").is_file() {
        return Ok(python);
    }
    let staging = dir.with_file_name(format!("{DIR}.staging-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    let run = |cmd: &mut Command, what: &str| -> Result<(), String> {
        let out = cmd
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run {what}: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(format!(
                "{what} failed: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ))
        }
    };
    let made = run(
        Command::new("python3").args(["-m", "venv"]).arg(&staging),
        "python3 -m venv (install Debian's python3-venv)",
    )
    .and_then(|()| {
        run(
            Command::new(staging.join("bin/python"))
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                ])
                .args(PACKAGES),
            &format!("pip install {}", PACKAGES.join(" ")),
        )
    })
    .and_then(|()| {
        std::fs::write(staging.join(".ready"), "").map_err(|e| e.to_string())?;
        match std::fs::rename(&staging, &dir) {
            Ok(()) => Ok(()),
            Err(_) if dir.join(".ready").is_file() => Ok(()),
            Err(e) => Err(format!("cannot move the venv into {}: {e}", dir.display())),
        }
    });
    let _ = std::fs::remove_dir_all(&staging);
    made.map(|()| python)
}
