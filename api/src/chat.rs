//! Chat history with a customer (`getRedisMessageRecord`). The document only
//! shows an empty list, so the record follows how WeChat chat archives carry
//! messages: WeChat's own numeric `msgType`, with type 49 ("app message")
//! refined by `appMsgType`, and the structured parts as optional fields. The
//! wire record stays flat; [`ChatMessage::kind`] gives the panel a closed enum.

use serde::{Deserialize, Serialize};

use crate::lenient::{opt_i64, opt_string, opt_text};
use crate::page::PageReply;
use crate::time::{lossy_timestamp, opt_timestamp, Timestamp};

/// WeChat's `msgType` codes.
pub mod msg_type {
    pub const TEXT: i64 = 1;
    pub const IMAGE: i64 = 3;
    pub const VOICE: i64 = 34;
    pub const VIDEO: i64 = 43;
    pub const EMOJI: i64 = 47;
    /// App message: link card, file, mini-program ... see [`super::app_msg_type`].
    pub const APP: i64 = 49;
    pub const SYSTEM: i64 = 10000;
    pub const RECALLED: i64 = 10002;
}

/// WeChat's `appmsg` sub-types of `msgType` 49.
pub mod app_msg_type {
    pub const LINK: i64 = 5;
    pub const FILE: i64 = 6;
    pub const MINI_PROGRAM: i64 = 33;
    pub const MINI_PROGRAM_CARD: i64 = 36;
}

/// One message between a company WeChat account and a contact.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ChatMessage {
    /// WeChat's message id: a 64-bit unsigned number, so text.
    #[serde(deserialize_with = "opt_string")]
    pub msg_id: Option<String>,
    #[serde(deserialize_with = "opt_i64")]
    pub wechat_user_id: Option<i64>,
    #[serde(deserialize_with = "opt_i64")]
    pub wechat_contact_id: Option<i64>,
    #[serde(deserialize_with = "opt_i64")]
    pub admin_user_id: Option<i64>,
    /// `1`: sent by the company account, `0`: received from the contact.
    #[serde(deserialize_with = "opt_i64")]
    pub is_send: Option<i64>,
    #[serde(deserialize_with = "opt_i64")]
    pub msg_type: Option<i64>,
    /// Sub-type of `msgType` 49.
    #[serde(deserialize_with = "opt_i64")]
    pub app_msg_type: Option<i64>,
    /// Text of a text or system message; raw XML or a caption otherwise.
    #[serde(deserialize_with = "opt_string")]
    pub content: Option<String>,
    /// Where the image, voice, video, emoji or file can be downloaded.
    #[serde(deserialize_with = "opt_string")]
    pub media_url: Option<String>,
    #[serde(deserialize_with = "opt_string")]
    pub thumb_url: Option<String>,
    #[serde(deserialize_with = "opt_string")]
    pub title: Option<String>,
    #[serde(deserialize_with = "opt_string")]
    pub description: Option<String>,
    #[serde(deserialize_with = "opt_string")]
    pub url: Option<String>,
    #[serde(deserialize_with = "opt_string")]
    pub file_name: Option<String>,
    /// Bytes.
    #[serde(deserialize_with = "opt_i64")]
    pub file_size: Option<i64>,
    /// Voice and video length.
    #[serde(deserialize_with = "opt_i64")]
    pub duration_sec: Option<i64>,
    #[serde(deserialize_with = "lossy_timestamp")]
    pub create_time: Option<Timestamp>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Sent,
    Received,
}

/// What the panel draws for a message. Unknown codes are [`Unsupported`]
/// rather than an error so one odd message never hides a conversation.
///
/// [`Unsupported`]: MessageKind::Unsupported
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MessageKind {
    Text,
    Image,
    Voice {
        duration_sec: Option<i64>,
    },
    Video {
        duration_sec: Option<i64>,
    },
    Emoji,
    Link,
    File {
        name: Option<String>,
        size: Option<i64>,
    },
    MiniProgram,
    System,
    Recalled,
    /// The `msgType` (or `49` for an unknown app sub-type without a URL).
    Unsupported(i64),
}

impl ChatMessage {
    pub fn direction(&self) -> Direction {
        if self.is_send == Some(1) {
            Direction::Sent
        } else {
            Direction::Received
        }
    }

    pub fn kind(&self) -> MessageKind {
        use msg_type::*;
        match self.msg_type.unwrap_or(TEXT) {
            TEXT => MessageKind::Text,
            IMAGE => MessageKind::Image,
            VOICE => MessageKind::Voice {
                duration_sec: self.duration_sec,
            },
            VIDEO => MessageKind::Video {
                duration_sec: self.duration_sec,
            },
            EMOJI => MessageKind::Emoji,
            APP => match self.app_msg_type {
                Some(app_msg_type::LINK) => MessageKind::Link,
                Some(app_msg_type::FILE) => MessageKind::File {
                    name: self.file_name.clone(),
                    size: self.file_size,
                },
                Some(app_msg_type::MINI_PROGRAM | app_msg_type::MINI_PROGRAM_CARD) => {
                    MessageKind::MiniProgram
                }
                _ if self.url.as_deref().is_some_and(|u| !u.is_empty()) => MessageKind::Link,
                _ => MessageKind::Unsupported(APP),
            },
            SYSTEM => MessageKind::System,
            RECALLED => MessageKind::Recalled,
            other => MessageKind::Unsupported(other),
        }
    }
}

/// getRedisMessageRecord query. The reply is newest first; `pageNo` 1 is the
/// latest messages, so scrolling up asks for the next page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ChatRecordRequest {
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
    pub admin_user_id: Option<i64>,
    /// Comma-separated account ids.
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_text")]
    pub wechat_user_ids: Option<String>,
    /// Comma-separated contact ids.
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_text")]
    pub wechat_contact_ids: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_timestamp")]
    pub begin_time: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_timestamp")]
    pub end_time: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
    pub limit: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
    pub page_no: Option<i64>,
}

endpoint!(
    /// Chat history, newest first.
    GetRedisMessageRecord, Get, Vendor, "/wechat_api/message/getRedisMessageRecord",
    ChatRecordRequest, PageReply<ChatMessage>
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_types_are_unsupported_not_errors() {
        let m: ChatMessage =
            serde_json::from_str(r#"{"msgType":"9999","isSend":1}"#).unwrap_or_default();
        assert_eq!(m.kind(), MessageKind::Unsupported(9999));
        assert_eq!(m.direction(), Direction::Sent);
        let app = ChatMessage {
            msg_type: Some(49),
            app_msg_type: Some(57),
            ..Default::default()
        };
        assert_eq!(app.kind(), MessageKind::Unsupported(49));
    }
}
