//! Work spread over the machine's cores, in order: what bulk `add`, `verify`, a restore and
//! the manifest's recomputation do per record (parse, personal-data check, seal, decrypt,
//! keyed hash) is independent from record to record, so it runs on every core while the
//! database is read or written on the calling thread.
//!
//! Plain scoped threads (as the list loader uses): results come back in input order, so a
//! caller that reports the first failure reports the same one as a serial loop would.
//! Small inputs run on the calling thread; a thread costs more than it saves there.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Items per unit of work handed to a thread.
pub const CHUNK: usize = 256;

/// At most this many threads: beyond it the database on the calling thread is the limit.
const MAX_WORKERS: usize = 8;

/// The number of threads worth starting on this machine.
pub fn workers() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, MAX_WORKERS)
}

/// `f` applied to every item on all cores; the results in the items' order.
pub fn map<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let workers = workers();
    if items.len() <= CHUNK || workers == 1 {
        return items.into_iter().map(f).collect();
    }
    let total = items.len();
    let mut chunks: Vec<Mutex<Option<Vec<T>>>> = Vec::new();
    let mut rest = items.into_iter();
    loop {
        let chunk: Vec<T> = rest.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        chunks.push(Mutex::new(Some(chunk)));
    }
    let results: Vec<Mutex<Option<Vec<R>>>> = chunks.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..workers.min(chunks.len()) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(slot) = chunks.get(i) else { break };
                    let chunk = slot.lock().map(|mut c| c.take()).unwrap_or_default().unwrap_or_default();
                    let out: Vec<R> = chunk.into_iter().map(&f).collect();
                    if let Ok(mut r) = results[i].lock() {
                        *r = Some(out);
                    }
                }
            });
        }
    });
    let mut out = Vec::with_capacity(total);
    for r in results {
        out.extend(r.into_inner().ok().flatten().unwrap_or_default());
    }
    out
}

/// Reads `source` on the calling thread in chunks of [`CHUNK`] and hands each chunk to `f`
/// on another core as reading goes on, so reading and the work overlap and at most a few
/// chunks are in memory at once. Returns `f`'s results in chunk order, or the first error
/// of `source` (reading stops there).
pub fn chunks<T: Send, R: Send, E>(
    source: impl Iterator<Item = Result<T, E>>,
    f: impl Fn(Vec<T>) -> R + Sync,
) -> Result<Vec<R>, E> {
    let mut source = source.peekable();
    let mut first = Vec::with_capacity(CHUNK);
    while first.len() < CHUNK {
        match source.next() {
            Some(item) => first.push(item?),
            None => break,
        }
    }
    let workers = workers();
    if source.peek().is_none() || workers == 1 {
        // Everything fits in one chunk, or one core: no thread.
        let mut out = vec![f(first)];
        let mut chunk = Vec::with_capacity(CHUNK);
        for item in source {
            chunk.push(item?);
            if chunk.len() == CHUNK {
                out.push(f(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK))));
            }
        }
        if !chunk.is_empty() {
            out.push(f(chunk));
        }
        return Ok(out);
    }
    // A bounded queue: reading waits when the workers are behind, so memory stays small.
    let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Vec<T>)>(workers * 2);
    let rx = Mutex::new(rx);
    let done: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let job = match rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => break,
                    };
                    let Ok((i, chunk)) = job else { break };
                    let r = f(chunk);
                    if let Ok(mut d) = done.lock() {
                        d.push((i, r));
                    }
                }
            });
        }
        let mut n = 0;
        let _ = tx.send((n, first));
        let mut chunk = Vec::with_capacity(CHUNK);
        let mut failed = None;
        for item in source {
            match item {
                Ok(item) => chunk.push(item),
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            }
            if chunk.len() == CHUNK {
                n += 1;
                let _ = tx.send((n, std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK))));
            }
        }
        if !chunk.is_empty() && failed.is_none() {
            n += 1;
            let _ = tx.send((n, chunk));
        }
        drop(tx);
        match failed {
            Some(e) => Err(e),
            None => Ok(()),
        }
    })?;
    let mut done = done.into_inner().unwrap_or_default();
    done.sort_by_key(|(i, _)| *i);
    Ok(done.into_iter().map(|(_, r)| r).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_keeps_order_at_every_size() {
        for n in [0, 1, CHUNK, CHUNK + 1, 10 * CHUNK + 7] {
            let items: Vec<usize> = (0..n).collect();
            let out = map(items, |i| i * 2);
            assert_eq!(out, (0..n).map(|i| i * 2).collect::<Vec<_>>(), "n = {n}");
        }
    }

    #[test]
    fn chunks_keep_order_and_stop_at_the_first_error() {
        for n in [0, 5, CHUNK, CHUNK + 1, 9 * CHUNK + 3] {
            let source = (0..n).map(Ok::<usize, String>);
            let out: Vec<usize> = chunks(source, |c| c).unwrap().into_iter().flatten().collect();
            assert_eq!(out, (0..n).collect::<Vec<_>>(), "n = {n}");
        }
        let seen = AtomicUsize::new(0);
        let source = (0..5 * CHUNK).map(|i| if i == 3 * CHUNK + 1 { Err(i) } else { Ok(i) });
        let err = chunks(source, |c| seen.fetch_add(c.len(), Ordering::Relaxed)).unwrap_err();
        assert_eq!(err, 3 * CHUNK + 1);
        // What was read before the error was handed out; nothing after it.
        assert!(seen.load(Ordering::Relaxed) <= 3 * CHUNK);
    }
}
