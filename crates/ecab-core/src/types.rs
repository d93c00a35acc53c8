//! The domain's small closed vocabularies. Serialized in `snake_case`; these names are
//! stored in the database and sent on the wire, so renaming one is a migration.

crate::vocabulary! {
    /// A user's role in the organisation. Meeting-level relations (owner, chair of this
    /// meeting, invited) are in [`crate::Relation`].
    pub Role {
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

crate::vocabulary! {
    /// Soạn thảo → Trình duyệt → Đã duyệt → Đã phát hành → Đang họp → Đã kết thúc → Lưu trữ.
    pub MeetingStatus {
        Draft = "draft",
        InReview = "in_review",
        Approved = "approved",
        Published = "published",
        Live = "live",
        Ended = "ended",
        Archived = "archived",
    }
}

crate::vocabulary! {
    /// Who must approve next while a meeting is in review.
    pub ReviewStage { ChiefOfOffice = "chief_of_office", Chair = "chair" }
}

crate::vocabulary! {
    pub MeetingKind {
        /// Họp thường kỳ UBND.
        Regular = "regular",
        /// Họp chuyên đề.
        Thematic = "thematic",
        /// Ban Chỉ đạo (e.g. the daily 07:15 meeting).
        SteeringCommittee = "steering_committee",
        /// Họp giao ban.
        Briefing = "briefing",
        /// Lấy ý kiến thành viên bằng văn bản: no sitting, the members answer polls.
        Written = "written",
    }
}

crate::vocabulary! {
    /// The language of what people read: the ui, the reports the server makes.
    pub Lang { Vi = "vi", En = "en" }
}

/// Vietnamese unless English is asked for.
impl Default for Lang {
    fn default() -> Self {
        Lang::Vi
    }
}

impl Lang {
    pub fn other(self) -> Self {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }

    /// The Vietnamese or the English of a text.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

crate::vocabulary! {
    /// Mật / Thường.
    pub Confidentiality { Normal = "normal", Confidential = "confidential" }
}

crate::vocabulary! {
    pub Recurrence { None = "none", Daily = "daily", Weekdays = "weekdays" }
}

crate::vocabulary! {
    /// Tờ trình, Dự thảo, Báo cáo, other.
    pub DocumentKind { Submission = "submission", Draft = "draft", Report = "report", Other = "other" }
}

crate::vocabulary! {
    /// Sở, ban, ngành / Huyện, thị xã, thành phố / Văn phòng.
    pub UnitKind { Department = "department", District = "district", Office = "office" }
}

impl MeetingStatus {
    /// Invitees see a meeting from publication on; before that only its staff do.
    pub fn is_published(self) -> bool {
        matches!(self, Self::Published | Self::Live | Self::Ended | Self::Archived)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::vocabulary::Vocabulary;
    use serde::Serialize;
    use serde::de::DeserializeOwned;

    /// Every value's serde name is its `as_str`, and both read back to the value.
    pub(crate) fn round_trips<V: Vocabulary + Serialize + DeserializeOwned>() {
        assert!(!V::ALL.is_empty());
        for &v in V::ALL {
            let text = v.as_str();
            assert_eq!(serde_json::to_value(v).unwrap(), serde_json::Value::String(text.into()), "{v:?}");
            assert_eq!(V::parse(text), Some(v), "{text}");
            assert_eq!(serde_json::from_value::<V>(serde_json::Value::String(text.into())).unwrap(), v);
            assert_eq!(V::ALL.iter().filter(|w| w.as_str() == text).count(), 1, "{text} names one value");
        }
        assert_eq!(V::parse(""), None);
        assert_eq!(V::parse(&V::ALL[0].as_str().to_uppercase()), None, "names are case-sensitive");
    }

    #[test]
    fn text_forms_round_trip() {
        round_trips::<Role>();
        round_trips::<MeetingStatus>();
        round_trips::<ReviewStage>();
        round_trips::<MeetingKind>();
        round_trips::<Confidentiality>();
        round_trips::<Recurrence>();
        round_trips::<DocumentKind>();
        round_trips::<UnitKind>();
        round_trips::<Lang>();
        assert_eq!(Role::parse("root"), None);
    }
}
