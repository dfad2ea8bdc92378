//! Checking off the message loop: the loop queues a job per document and goes back to reading;
//! one thread waits out the debounce, checks the newest version only, and publishes its findings
//! unless a newer version arrived meanwhile (the last version wins, stale results are dropped).

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Instant;

use crossbeam_channel::Sender;
use lsp_server::Message;
use lsp_types::Uri;

use super::state::Shared;

/// A version of a document to check once `due` has passed.
#[derive(Debug, Clone)]
pub struct Job {
    pub uri: Uri,
    pub version: i32,
    pub text: Arc<String>,
    pub language_id: String,
    pub due: Instant,
}

#[derive(Default)]
struct Queue {
    jobs: HashMap<Uri, Job>,
    stopped: bool,
}

/// The checking thread and its queue.
pub struct Checker {
    queue: Arc<(Mutex<Queue>, Condvar)>,
    thread: Option<JoinHandle<()>>,
}

impl Checker {
    pub fn start(shared: Arc<Shared>, out: Sender<Message>) -> Self {
        let queue: Arc<(Mutex<Queue>, Condvar)> = Arc::default();
        let thread = {
            let queue = queue.clone();
            std::thread::Builder::new()
                .name("odplint-check".to_string())
                .spawn(move || work(&queue, &shared, &out))
                .ok()
        };
        Checker { queue, thread }
    }

    /// Queues a version; an older queued version of the same document is dropped unchecked.
    pub fn schedule(&self, job: Job) {
        let (lock, ready) = &*self.queue;
        let mut queue = lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        queue.jobs.insert(job.uri.clone(), job);
        ready.notify_one();
    }

    /// Stops the thread after the check it is running, dropping what is queued.
    fn stop_thread(&mut self) {
        {
            let (lock, ready) = &*self.queue;
            let mut queue = lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            queue.stopped = true;
            queue.jobs.clear();
            ready.notify_one();
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Checker {
    fn drop(&mut self) {
        self.stop_thread();
    }
}

fn work(queue: &(Mutex<Queue>, Condvar), shared: &Shared, out: &Sender<Message>) {
    let (lock, ready) = queue;
    loop {
        let job = {
            let mut queue = lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            loop {
                if queue.stopped {
                    return;
                }
                let now = Instant::now();
                let next = queue
                    .jobs
                    .values()
                    .min_by_key(|job| job.due)
                    .map(|job| (job.uri.clone(), job.due));
                match next {
                    Some((uri, due)) if due <= now => {
                        if let Some(job) = queue.jobs.remove(&uri) {
                            break job;
                        }
                    }
                    Some((_, due)) => {
                        queue = ready
                            .wait_timeout(queue, due - now)
                            .unwrap_or_else(|poisoned| poisoned.into_inner())
                            .0;
                    }
                    None => {
                        queue = ready
                            .wait(queue)
                            .unwrap_or_else(|poisoned| poisoned.into_inner());
                    }
                }
            }
        };
        if !shared.is_current(&job.uri, job.version) {
            continue;
        }
        let analysis = shared.analysis_of(&job.uri, job.version, &job.text, &job.language_id);
        // Publish only what is still the newest version; a newer one is queued or checking.
        if shared.is_current(&job.uri, job.version) {
            let params = shared.publish_params(&job.uri, &analysis);
            let notification = lsp_server::Notification::new(
                "textDocument/publishDiagnostics".to_string(),
                params,
            );
            if out.send(notification.into()).is_err() {
                return;
            }
        }
    }
}
