//! The domain's small closed vocabularies. Serialized in `snake_case`; these names are
//! stored in the database and sent on the wire, so renaming one is a migration.

use serde::{Deserialize, Serialize};

macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable text form used in storage and on the wire.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// A user's role in the organisation. Meeting-level relations (owner, chair of this
    /// meeting, invited) are in [`crate::Relation`].
    Role {
        Admin = "admin",
        /// Thư ký: builds meetings.
        Secretary = "secretary",
        /// Chánh Văn phòng: first reviewer of every meeting.
        ChiefOfOffice = "chief_of_office",
        /// Chủ tịch / Phó Chủ tịch: chairs meetings, final approval.
        Chair = "chair",
        /// Đại biểu.
        Delegate = "delegate",
        /// Điểm cầu: a device account of a connected room.
        BridgePoint = "bridge_point",
    }
}

vocabulary! {
    /// Soạn thảo → Trình duyệt → Đã duyệt → Đã phát hành → Đang họp → Đã kết thúc → Lưu trữ.
    MeetingStatus {
        Draft = "draft",
        InReview = "in_review",
        Approved = "approved",
        Published = "published",
        Live = "live",
        Ended = "ended",
        Archived = "archived",
    }
}

vocabulary! {
    /// Who must approve next while a meeting is in review.
    ReviewStage { ChiefOfOffice = "chief_of_office", Chair = "chair" }
}

vocabulary! {
    MeetingKind {
        /// Họp thường kỳ UBND.
        Regular = "regular",
        /// Họp chuyên đề.
        Thematic = "thematic",
        /// Ban Chỉ đạo (e.g. the daily 07:15 meeting).
        SteeringCommittee = "steering_committee",
        /// Họp giao ban.
        Briefing = "briefing",
    }
}

vocabulary! {
    /// Mật / Thường.
    Confidentiality { Normal = "normal", Confidential = "confidential" }
}

vocabulary! {
    Recurrence { None = "none", Daily = "daily", Weekdays = "weekdays" }
}

vocabulary! {
    /// Tờ trình, Dự thảo, Báo cáo, other.
    DocumentKind { Submission = "submission", Draft = "draft", Report = "report", Other = "other" }
}

vocabulary! {
    /// Sở, ban, ngành / Huyện, thị xã, thành phố / Văn phòng.
    UnitKind { Department = "department", District = "district", Office = "office" }
}

impl MeetingStatus {
    /// Invitees see a meeting from publication on; before that only its staff do.
    pub fn is_published(self) -> bool {
        matches!(self, Self::Published | Self::Live | Self::Ended | Self::Archived)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_forms_round_trip() {
        for s in MeetingStatus::ALL {
            assert_eq!(MeetingStatus::parse(s.as_str()), Some(*s));
        }
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(*r));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
