//! What the server logs, captured for the tests that check a failure is loud: every warning and
//! error of every app in this process goes to one buffer, and a test finds its own lines by the
//! request id the error answer gave it.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

static LOG: OnceLock<Buffer> = OnceLock::new();

/// Starts capturing (once per process; later calls do nothing).
pub fn capture() {
    LOG.get_or_init(|| {
        let buffer = Buffer::default();
        let writer = buffer.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::WARN)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        // Another subscriber may already be set by a test that wants its own; then nothing is
        // captured, and the tests that read the log say so.
        let _ = tracing::subscriber::set_global_default(subscriber);
        buffer
    });
}

/// The captured log lines that mention `needle` (a request id).
pub fn lines_with(needle: &str) -> Vec<String> {
    let buffer = LOG.get().expect("capture() runs when an app is built");
    let bytes = buffer.0.lock().unwrap_or_else(PoisonError::into_inner);
    String::from_utf8_lossy(&bytes)
        .lines()
        .filter(|l| l.contains(needle))
        .map(str::to_owned)
        .collect()
}
