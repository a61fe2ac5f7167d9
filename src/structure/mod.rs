//! The structure of an OpenAPI document, per version, as data.
//!
//! Each version is a [`Grammar`]: a table of [`ObjectType`]s written from the
//! specification text, one entry per object the specification defines, that
//! a reader can hold against it. A later version names the earlier one as its
//! `base` and lists only the objects it changes. `validate.rs` walks a
//! document against its version's grammar; `crate::suggest` finds the known
//! name closest to a misspelled one.
//!
//! Tables: `v2.rs` (Swagger 2.0), `v3_0.rs`, `v3_1.rs` (changes from 3.0),
//! `v3_2.rs` (changes from 3.1).

mod v2;
mod v3_0;
mod v3_1;
mod v3_2;
mod validate;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::model::SpecVersion;

pub use validate::{Problem, validate};

/// What a value must be.
#[derive(Debug)]
pub enum Kind {
    /// Data, not structure (`example`, `default`, `enum` items, `const`):
    /// anything, and keys inside it are never judged.
    Any,
    String,
    Boolean,
    Integer,
    Number,
    /// A string from a fixed set (`in`, a security scheme's `type`, `style`).
    Enum(&'static [&'static str]),
    /// `true`, and nothing else (a path parameter's `required`).
    True,
    /// An object of the named type of the grammar.
    Object(&'static str),
    /// A Reference Object (`$ref`), or an object of the named type. The
    /// target is checked as the named type.
    RefOr(&'static str),
    ListOf(&'static Kind),
    /// A mapping of exactly one entry (a parameter's `content`).
    OneEntry(&'static Kind),
    /// A mapping whose keys follow `keys` and whose values are of one kind.
    MapOf {
        keys: Keys,
        values: &'static Kind,
    },
    /// Any of these kinds (3.1 `type`: a name or a list of names; 3.1 Schema:
    /// an object or a boolean). The first whose shape fits the value judges it.
    OneOf(&'static [Kind]),
}

/// What the keys of a mapping must look like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keys {
    /// Any string.
    Any,
    /// `^[a-zA-Z0-9._-]+$`: the names of reusable components.
    ComponentName,
    /// Starts with `/` (the Paths Object).
    Path,
    /// `default`, a status code 100-599, or a range `1XX`-`5XX` (the 3.x
    /// Responses Object).
    ResponseCode,
    /// `default` or a status code 100-599 (the 2.0 Responses Object, which
    /// has no ranges).
    StatusCode,
    /// `x-` extensions only (everything else is a fixed field).
    Extension,
}

/// One fixed field of an object.
#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    /// What a security rule loses when this field is misspelled, missing or
    /// invalid: "the operation falls back to the document's security".
    pub consequence: Option<&'static str>,
}

/// A field: `field("summary", Kind::String)`.
pub const fn field(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        consequence: None,
    }
}

/// A field that a security rule reads, with what is lost when it is wrong.
pub const fn read_by_rules(name: &'static str, kind: Kind, consequence: &'static str) -> Field {
    Field {
        name,
        kind,
        consequence: Some(consequence),
    }
}

/// Keys other than the fixed fields.
#[derive(Debug)]
pub enum Others {
    /// Only `x-` extensions; anything else is an unknown field.
    Extensions,
    /// Patterned fields (`/pets` in Paths, `200` in Responses) of one kind,
    /// besides `x-` extensions.
    Patterned { keys: Keys, values: &'static Kind },
    /// JSON Schema 2020-12: unknown keywords are annotations, legal; only a
    /// near miss of a fixed field (`maxLenght`) is reported.
    Annotations,
}

/// One object of the specification (Operation, Parameter, ...).
#[derive(Debug)]
pub struct ObjectType {
    /// The grammar's key for this type, e.g. `Parameter`, `Parameter.path`.
    pub name: &'static str,
    /// How messages call it: "parameter", "security scheme".
    pub label: &'static str,
    /// Groups of fixed fields, so that a version or a variant can share an
    /// earlier group and add its own.
    pub fields: &'static [&'static [Field]],
    pub required: &'static [&'static str],
    /// At least one of these fields (a 3.x parameter needs `schema` or
    /// `content`).
    pub required_one_of: &'static [&'static str],
    /// Must hold at least one entry besides `x-` extensions (the Responses
    /// Object).
    pub non_empty: bool,
    pub others: Others,
    /// Pairs of fields the specification forbids together.
    pub exclusive: &'static [(&'static str, &'static str)],
    /// An object whose valid fields depend on the value of one of them
    /// (a security scheme's `type`, a parameter's `in`).
    pub variants: Option<Variants>,
    /// `true` or `false` stands for the whole object (JSON Schema 2020-12's
    /// boolean schemas).
    pub boolean_form: bool,
}

impl ObjectType {
    pub fn fields(&self) -> impl Iterator<Item = &'static Field> + '_ {
        self.fields.iter().flat_map(|group| group.iter())
    }

    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields().find(|f| f.name == name)
    }
}

/// A discriminated object: the value of `by` picks the type that judges it.
#[derive(Debug)]
pub struct Variants {
    pub by: &'static str,
    /// (value of `by`, type name).
    pub types: &'static [(&'static str, &'static str)],
    /// What rules lose when `by` is missing or invalid.
    pub consequence: Option<&'static str>,
}

/// An empty object type with only a name and a label; tables fill in the
/// rest with struct update syntax.
pub const fn object(name: &'static str, label: &'static str) -> ObjectType {
    ObjectType {
        name,
        label,
        fields: &[],
        required: &[],
        required_one_of: &[],
        non_empty: false,
        others: Others::Extensions,
        exclusive: &[],
        variants: None,
        boolean_form: false,
    }
}

/// The structure of one version of the specification.
pub struct Grammar {
    pub version: &'static str,
    /// The type of the document's root.
    pub root: &'static str,
    pub types: &'static [ObjectType],
    /// The version this one changes; types not listed here are its.
    pub base: Option<&'static Grammar>,
}

impl Grammar {
    pub fn for_version(version: SpecVersion) -> &'static Grammar {
        match version {
            SpecVersion::Swagger2 => &v2::GRAMMAR,
            SpecVersion::OpenApi30 => &v3_0::GRAMMAR,
            SpecVersion::OpenApi31 => &v3_1::GRAMMAR,
            SpecVersion::OpenApi32 => &v3_2::GRAMMAR,
        }
    }

    /// The type of that name, from this version or the one it builds on.
    pub fn get(&'static self, name: &str) -> Option<&'static ObjectType> {
        self.index().get(name).copied()
    }

    fn index(&'static self) -> &'static TypeIndex {
        static INDEXES: [OnceLock<TypeIndex>; 4] = [const { OnceLock::new() }; 4];
        let slot = match self.version {
            "2.0" => 0,
            "3.0" => 1,
            "3.1" => 2,
            _ => 3,
        };
        INDEXES[slot].get_or_init(|| {
            let mut chain = Vec::new();
            let mut grammar = Some(self);
            while let Some(g) = grammar {
                chain.push(g);
                grammar = g.base;
            }
            let mut index = TypeIndex::default();
            // Oldest first, so a later version's entry replaces its base's.
            for g in chain.iter().rev() {
                for t in g.types {
                    index.insert(t.name, t);
                }
            }
            index
        })
    }
}

type TypeIndex = HashMap<&'static str, &'static ObjectType, BuildHasherDefault<Fnv>>;

/// FNV-1a: the walk hashes a type name and a node per object it checks,
/// and SipHash cost a sixth of the walk. Only keys oasguard makes itself
/// go through it (type names of the tables, node ids, type addresses), so
/// a document cannot choose colliding keys.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every type a table names exists, in every version: a typo in a table
    /// would otherwise silently skip a whole subtree.
    #[test]
    fn every_named_type_exists() {
        let mut missing = Vec::new();
        for version in [
            SpecVersion::Swagger2,
            SpecVersion::OpenApi30,
            SpecVersion::OpenApi31,
            SpecVersion::OpenApi32,
        ] {
            let grammar = Grammar::for_version(version);
            let mut names = vec![grammar.root];
            for t in grammar.index().values() {
                for f in t.fields() {
                    collect_names(&f.kind, &mut names);
                }
                if let Others::Patterned { values, .. } = &t.others {
                    collect_names(values, &mut names);
                }
                for (_, name) in t.variants.iter().flat_map(|v| v.types) {
                    names.push(name);
                }
            }
            for name in names {
                if grammar.get(name).is_none() {
                    missing.push(format!("{}: {name}", grammar.version));
                }
            }
        }
        missing.sort();
        missing.dedup();
        assert!(missing.is_empty(), "unknown types: {missing:?}");
    }

    fn collect_names(kind: &'static Kind, names: &mut Vec<&'static str>) {
        match kind {
            Kind::Object(name) | Kind::RefOr(name) => names.push(name),
            Kind::ListOf(inner) | Kind::OneEntry(inner) | Kind::MapOf { values: inner, .. } => {
                collect_names(inner, names)
            }
            Kind::OneOf(kinds) => kinds.iter().for_each(|k| collect_names(k, names)),
            _ => {}
        }
    }
}
