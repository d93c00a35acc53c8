//! Closed vocabularies with stable names: one definition gives the enum, its serde
//! name, `ALL`, `as_str` and `parse`, so no hand-kept string match can drift from the
//! wire. Used here (roles, statuses, audiences, rule fields) and by `ecab-protocol`
//! (error codes, feed entities and operations).

/// A closed set of names that are stored and sent on the wire.
pub trait Vocabulary: Copy + Eq + std::fmt::Debug + 'static {
    /// Every value, in declaration order.
    const ALL: &'static [Self];

    /// The stable text form (the serde name).
    fn as_str(self) -> &'static str;

    /// The value with this text form, if any.
    fn parse(text: &str) -> Option<Self>;
}

/// Declare a vocabulary: `Name { Variant = "text", … }`. Each variant's text is its serde
/// name too (the calling crate needs `serde`; with its `openapi` feature, `utoipa`).
#[macro_export]
macro_rules! vocabulary {
    ($(#[$m:meta])* $vis:vis $name:ident { $($(#[$vm:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        $vis enum $name { $($(#[$vm])* #[serde(rename = $text)] $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable text form used in storage and on the wire.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl $crate::vocabulary::Vocabulary for $name {
            const ALL: &'static [$name] = $name::ALL;

            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }

            fn parse(text: &str) -> Option<Self> {
                $name::parse(text)
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
