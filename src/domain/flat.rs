//! A consultation read from inside a larger JSON object, in one pass: the stored record (the
//! consultation's fields beside `id`, `created`, `history`, ...) and input that carries the
//! keys `list --json` prints.
//!
//! serde's `flatten` would do this by first buffering every key and value of the object and
//! then reading the consultation from that buffer (a quarter of `verify`'s work went there).
//! Here the outer keys are taken as they pass, and every other key goes straight to the
//! consultation's own derived reader, which still refuses keys it does not know.

use super::record::{Consultation, HistoryEntry, Received, ReceivedAdvice, Record, Shared};
use chrono::{DateTime, Utc};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;

/// The keys around a consultation.
pub(crate) trait Around<'de> {
    /// The keys that are not the consultation's.
    const KEYS: &'static [&'static str];
    /// Reads the value of `key`, one of [`Around::KEYS`], from `map`.
    fn take<A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<(), A::Error>;
}

/// Reads the consultation in the object `map`, handing the keys of `around` to it.
pub(crate) fn consultation_within<'de, A: MapAccess<'de>, X: Around<'de>>(
    map: A,
    around: &mut X,
) -> Result<Consultation, A::Error> {
    Consultation::deserialize(de::value::MapAccessDeserializer::new(Rest { map, around }))
}

/// Reads the value of a key into its slot; a key given twice is refused, as the derived
/// readers do.
fn put<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    slot: &mut Option<T>,
    key: &'static str,
    map: &mut A,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(key));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// A key as the reader gives it: borrowed from the input when it can be.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(k) => k,
            Key::Owned(k) => k,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v))
            }
        }
        d.deserialize_identifier(KeyVisitor)
    }
}

/// The object's entries with the outer keys taken out on the way.
struct Rest<'a, A, X> {
    map: A,
    around: &'a mut X,
}

/// A key read from the object: one of the outer ones (with the consultation's key reader,
/// unused), or the consultation's as its reader took it. The consultation's reader sees the
/// key inside the object's own key read, so that its error (an unknown key) is reported at
/// that key.
enum Picked<'de, K: DeserializeSeed<'de>> {
    Outer(Key<'de>, K),
    Inner(K::Value),
}

struct Pick<K, X> {
    seed: K,
    around: std::marker::PhantomData<X>,
}

impl<'de, K: DeserializeSeed<'de>, X: Around<'de>> DeserializeSeed<'de> for Pick<K, X> {
    type Value = Picked<'de, K>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        let key = Key::deserialize(d)?;
        if X::KEYS.contains(&key.as_str()) {
            return Ok(Picked::Outer(key, self.seed));
        }
        match key {
            Key::Borrowed(k) => self.seed.deserialize(de::value::BorrowedStrDeserializer::new(k)),
            Key::Owned(k) => self.seed.deserialize(k.into_deserializer()),
        }
        .map(Picked::Inner)
    }
}

impl<'de, A: MapAccess<'de>, X: Around<'de>> MapAccess<'de> for Rest<'_, A, X> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, mut seed: K) -> Result<Option<K::Value>, A::Error> {
        loop {
            let pick = Pick::<K, X> { seed, around: std::marker::PhantomData };
            match self.map.next_key_seed(pick)? {
                None => return Ok(None),
                Some(Picked::Inner(v)) => return Ok(Some(v)),
                Some(Picked::Outer(key, unused)) => {
                    self.around.take(key.as_str(), &mut self.map)?;
                    seed = unused;
                }
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

/// The stored record's own keys.
#[derive(Default)]
struct RecordKeys {
    id: Option<String>,
    created: Option<DateTime<Utc>>,
    updated: Option<DateTime<Utc>>,
    history: Option<Vec<HistoryEntry>>,
    received: Option<Option<Received>>,
    received_advice: Option<Vec<ReceivedAdvice>>,
    shared: Option<Vec<Shared>>,
}

/// The keys of a stored record that are not the consultation's: what the vault keeps about
/// it (`list --json` prints them; input may not set them).
pub(crate) const RECORD_KEYS: [&str; 7] =
    ["id", "created", "updated", "history", "received", "received_advice", "shared"];

impl<'de> Around<'de> for RecordKeys {
    const KEYS: &'static [&'static str] = &RECORD_KEYS;

    fn take<A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<(), A::Error> {
        match key {
            "id" => put(&mut self.id, "id", map),
            "created" => put(&mut self.created, "created", map),
            "updated" => put(&mut self.updated, "updated", map),
            "history" => put(&mut self.history, "history", map),
            "received" => put(&mut self.received, "received", map),
            "received_advice" => put(&mut self.received_advice, "received_advice", map),
            "shared" => put(&mut self.shared, "shared", map),
            _ => map.next_value::<de::IgnoredAny>().map(drop),
        }
    }
}

/// The flat stored form (see [`Record`]): the consultation's fields beside the record's own.
impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Record, D::Error> {
        struct RecordVisitor;
        impl<'de> Visitor<'de> for RecordVisitor {
            type Value = Record;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a stored consultation (a JSON object)")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Record, A::Error> {
                let mut keys = RecordKeys::default();
                let consultation = consultation_within(map, &mut keys)?;
                let missing = de::Error::missing_field;
                Ok(Record {
                    id: keys.id.ok_or_else(|| missing("id"))?,
                    consultation,
                    created: keys.created.ok_or_else(|| missing("created"))?,
                    updated: keys.updated.ok_or_else(|| missing("updated"))?,
                    history: keys.history.unwrap_or_default(),
                    received: keys.received.flatten(),
                    received_advice: keys.received_advice.unwrap_or_default(),
                    shared: keys.shared.unwrap_or_default(),
                })
            }
        }
        d.deserialize_map(RecordVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Date;
    use serde_json::json;

    fn record() -> Record {
        let mut c = Consultation::new(Date::parse_iso("2026-01-02").unwrap());
        c.forms = vec!["abandonment".into()];
        c.prompts.insert("facts".into(), "tekst met \"aanhalingstekens\" en é".into());
        let at = "2026-01-02T10:00:00Z".parse().unwrap();
        let mut r = Record::new("x".into(), c, at);
        r.history.push(HistoryEntry { at, action: "created".into(), fields: vec![] });
        r.shared.push(Shared { to: vec!["lkha".into()], at });
        r
    }

    #[test]
    fn reads_what_it_writes_from_text_and_from_a_value() {
        let r = record();
        let text = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<Record>(&text).unwrap(), r);
        assert_eq!(serde_json::from_value::<Record>(r.to_json()).unwrap(), r);
        // Keys in any order, the record's own ones between the consultation's.
        let mixed = json!({"forms": ["abandonment"], "id": "x", "consulted_on": "2026-01-02",
            "updated": "2026-01-02T10:00:00Z", "prompts": {"facts": "t"}, "created": "2026-01-02T10:00:00Z"});
        let back: Record = serde_json::from_str(&mixed.to_string()).unwrap();
        assert_eq!((back.id.as_str(), back.consultation.prompts["facts"].as_str()), ("x", "t"));
        assert!(back.history.is_empty() && back.received.is_none());
    }

    #[test]
    fn refuses_what_the_derived_readers_refuse() {
        let mut v = record().to_json();
        v["colour"] = json!("blue");
        let e = serde_json::from_value::<Record>(v).unwrap_err().to_string();
        assert!(e.contains("unknown field `colour`"), "{e}");
        let mut v = record().to_json();
        v.as_object_mut().unwrap().remove("created");
        let e = serde_json::from_value::<Record>(v).unwrap_err().to_string();
        assert!(e.contains("missing field `created`"), "{e}");
        let mut v = record().to_json();
        v.as_object_mut().unwrap().remove("consulted_on");
        let e = serde_json::from_value::<Record>(v).unwrap_err().to_string();
        assert!(e.contains("missing field `consulted_on`"), "{e}");
        let twice = r#"{"id":"x","id":"y","consulted_on":"2026-01-02","created":"2026-01-02T10:00:00Z","updated":"2026-01-02T10:00:00Z"}"#;
        let e = serde_json::from_str::<Record>(twice).unwrap_err().to_string();
        assert!(e.contains("duplicate field `id`"), "{e}");
        assert!(serde_json::from_str::<Record>("[1]").is_err());
    }
}
