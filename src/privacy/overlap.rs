//! Overlap resolution between the detectors' candidate spans.

use std::cmp::Reverse;

use super::{Kind, Span};

/// Tie-break when two overlapping spans are equally long: checksummed and strongly shaped
/// kinds win over the heuristic ones.
fn specificity(kind: Kind) -> u8 {
    match kind {
        Kind::Iban => 13,
        Kind::Email => 12,
        Kind::Handle => 11,
        Kind::Bsn => 10,
        Kind::Phone => 9,
        Kind::DocumentNumber => 8,
        Kind::Date => 7,
        Kind::Birthday => 6,
        Kind::Postcode => 5,
        Kind::Plate => 4,
        Kind::Address => 3,
        Kind::School => 2,
        Kind::Name => 1,
    }
}

/// Keeps a non-overlapping subset, preferring longer spans, then more specific kinds,
/// and returns it sorted by start.
pub(super) fn resolve(mut spans: Vec<Span>) -> Vec<Span> {
    spans.retain(|s| s.start < s.end);
    spans.sort_unstable_by_key(|s| (s.start, Reverse(s.end)));
    let mut out = Vec::with_capacity(spans.len());
    // Spans that overlap only form small clusters; resolving each cluster on its own gives
    // the same result as a global greedy pass, at the cost of one sort.
    let mut i = 0;
    while i < spans.len() {
        let mut j = i + 1;
        let mut cluster_end = spans[i].end;
        while j < spans.len() && spans[j].start < cluster_end {
            cluster_end = cluster_end.max(spans[j].end);
            j += 1;
        }
        if j - i == 1 {
            out.push(spans[i]);
        } else {
            resolve_cluster(&mut spans[i..j], &mut out);
        }
        i = j;
    }
    out
}

fn resolve_cluster(cluster: &mut [Span], out: &mut Vec<Span>) {
    cluster.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(specificity(b.kind).cmp(&specificity(a.kind)))
            .then(a.start.cmp(&b.start))
    });
    let first = out.len();
    for &s in cluster.iter() {
        if out[first..].iter().all(|t| t.end <= s.start || s.end <= t.start) {
            out.push(s);
        }
    }
    out[first..].sort_unstable_by_key(|s| s.start);
}

/// The texts a single detector finds: shared by every detector's unit tests.
#[cfg(test)]
pub(super) fn found_by(find: fn(&str, &mut Vec<Span>), text: &str) -> Vec<&str> {
    let mut v = Vec::new();
    find(text, &mut v);
    v.iter().map(|s| &text[s.start..s.end]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longer_span_wins() {
        let out = resolve(vec![Span::new(Kind::Name, 4, 8), Span::new(Kind::Email, 0, 20)]);
        assert_eq!(out, vec![Span::new(Kind::Email, 0, 20)]);
    }

    #[test]
    fn specific_kind_wins_tie() {
        let out = resolve(vec![Span::new(Kind::Bsn, 0, 9), Span::new(Kind::Phone, 0, 9)]);
        assert_eq!(out, vec![Span::new(Kind::Bsn, 0, 9)]);
    }

    #[test]
    fn disjoint_spans_are_kept_sorted() {
        let out = resolve(vec![Span::new(Kind::Name, 10, 12), Span::new(Kind::Date, 0, 5)]);
        assert_eq!(out, vec![Span::new(Kind::Date, 0, 5), Span::new(Kind::Name, 10, 12)]);
    }

    #[test]
    fn chained_overlaps() {
        let out = resolve(vec![
            Span::new(Kind::Name, 0, 5),
            Span::new(Kind::Address, 3, 12),
            Span::new(Kind::Postcode, 10, 16),
        ]);
        assert_eq!(out, vec![Span::new(Kind::Address, 3, 12)]);
    }
}
