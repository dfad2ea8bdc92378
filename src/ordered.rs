//! Work over a list on every core, each result handed on in the list's order as soon as it and
//! all before it are ready. Workers take the items in order and never run further than a small
//! window ahead of the one awaited, so that at any time only a few finished results wait to be
//! handed on: a run over many large files holds about one file per worker, not all of them.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

/// How many threads work over a list: `RAYON_NUM_THREADS` when set to a number (as for the
/// other parallel work), else one per core. Asked without starting a thread pool, and once a
/// run: the standard library reads the control group's files each time it is asked for the
/// cores (nine system calls), and a large plan asks for each table and share of its rows.
pub fn threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| {
        std::env::var("RAYON_NUM_THREADS")
            .ok()
            .and_then(|value| value.trim().parse().ok())
            .filter(|&threads: &usize| threads > 0)
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
    })
}

thread_local! {
    /// Set on the workers of [`for_each_ordered`] when several work at once.
    static BESIDE_OTHERS: Cell<bool> = const { Cell::new(false) };
}

/// How many threads one item's work may use on this thread: one on a worker of
/// [`for_each_ordered`] when several work at once (the cores are theirs already: more threads
/// would only compete for them, and each thread allocates in an arena of its own, so that a run
/// over many files held more memory at once); else [`threads`].
pub fn threads_here() -> usize {
    if BESIDE_OTHERS.get() { 1 } else { threads() }
}

/// Calls `work` for every index below `count` on up to `threads` threads, and `emit` with each
/// result in index order on the calling thread. A panic in `work` is raised again here.
pub fn for_each_ordered<T: Send>(
    count: usize,
    threads: usize,
    work: impl Fn(usize) -> T + Sync,
    mut emit: impl FnMut(T),
) {
    let threads = threads.clamp(1, count.max(1));
    if threads == 1 {
        // One file, or one core: no thread is worth starting.
        for index in 0..count {
            emit(work(index));
        }
        return;
    }
    // How far beyond the awaited item a worker may start: enough to keep every worker busy
    // while one finishes a larger file.
    let window = threads * 2;
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // The index of the next result to hand on, and how many workers wait for it to move on
    // (so that it is only signalled when someone waits: a run over many small files hands on a
    // result every few hundred microseconds).
    let awaited = Mutex::new((0usize, 0usize));
    let moved_on = Condvar::new();
    let (sender, receiver) = mpsc::channel();
    let mut panic = None;
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let sender = sender.clone();
            let (work, next, stop, awaited, moved_on) = (&work, &next, &stop, &awaited, &moved_on);
            scope.spawn(move || {
                BESIDE_OTHERS.set(true);
                loop {
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    if index >= count {
                        break;
                    }
                    let mut at = awaited.lock().unwrap_or_else(|e| e.into_inner());
                    while index >= at.0 + window && !stop.load(Ordering::SeqCst) {
                        at.1 += 1;
                        at = moved_on.wait(at).unwrap_or_else(|e| e.into_inner());
                        at.1 -= 1;
                    }
                    drop(at);
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let result = catch_unwind(AssertUnwindSafe(|| work(index)));
                    let failed = result.is_err();
                    if sender.send((index, result)).is_err() || failed {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut pending = BTreeMap::new();
        let mut expected = 0;
        for (index, result) in receiver {
            match result {
                Ok(result) => {
                    pending.insert(index, result);
                }
                Err(payload) => {
                    panic = Some(payload);
                    break;
                }
            }
            while let Some(result) = pending.remove(&expected) {
                emit(result);
                expected += 1;
                let mut at = awaited.lock().unwrap_or_else(|e| e.into_inner());
                at.0 = expected;
                let waiting = at.1 > 0;
                drop(at);
                if waiting {
                    moved_on.notify_all();
                }
            }
        }
        if panic.is_some() {
            stop.store(true, Ordering::SeqCst);
            // Taken and released, so that no worker misses the wake-up between its check
            // and its wait.
            drop(awaited.lock().unwrap_or_else(|e| e.into_inner()));
            moved_on.notify_all();
        }
    });
    if let Some(payload) = panic {
        resume_unwind(payload);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn results_come_in_order_and_few_wait_at_once() {
        let waiting = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let mut seen = Vec::new();
        for_each_ordered(
            200,
            4,
            |index| {
                // Some items take longer, so later ones finish first.
                if index % 7 == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(2));
                }
                let now = waiting.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                index
            },
            |index| {
                waiting.fetch_sub(1, Ordering::SeqCst);
                seen.push(index);
            },
        );
        assert_eq!(seen, (0..200).collect::<Vec<_>>());
        // At most the window (2 x 4 workers) beyond the awaited one, plus it.
        assert!(most.load(Ordering::SeqCst) <= 9, "{most:?}");
    }

    #[test]
    fn a_panic_in_the_work_is_raised_again_without_a_hang() {
        let result = std::panic::catch_unwind(|| {
            for_each_ordered(
                100,
                2,
                |index| {
                    assert!(index != 3, "item 3 fails");
                    index
                },
                |_| {},
            );
        });
        assert!(result.is_err());
    }

    #[test]
    fn a_worker_beside_others_uses_one_thread() {
        let mut seen = Vec::new();
        for_each_ordered(10, 2, |_| threads_here(), |threads| seen.push(threads));
        assert_eq!(seen, [1; 10]);
        // One worker is the calling thread, which may use them all.
        for_each_ordered(2, 1, |_| threads_here(), |threads| seen.push(threads));
        assert_eq!(seen[10..], [threads(); 2]);
        assert_eq!(threads_here(), threads());
    }

    #[test]
    fn nothing_to_do_is_fine() {
        let mut calls = 0;
        for_each_ordered(0, 4, |index| index, |_| calls += 1);
        assert_eq!(calls, 0);
    }
}
