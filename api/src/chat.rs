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
    /// A shared contact ("名片"); its content is WeChat's XML.
    pub const CONTACT_CARD: i64 = 42;
    pub const VIDEO: i64 = 43;
    pub const EMOJI: i64 = 47;
    /// A shared location; its content is WeChat's XML.
    pub const LOCATION: i64 = 48;
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
    /// Whom a shared contact card introduces.
    ContactCard {
        name: Option<String>,
        /// The WeChat id people can search for (`alias`), else the account name.
        wechat_id: Option<String>,
        avatar: Option<String>,
    },
    Location {
        place: Option<String>,
        address: Option<String>,
        at: Option<Coordinates>,
    },
    System,
    Recalled,
    /// The `msgType` (or `49` for an unknown app sub-type without a URL).
    Unsupported(i64),
}

/// A point on the map in degrees (WGS-84 or GCJ-02, as WeChat sent it),
/// kept as the text it came in: a map link needs no float formatting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coordinates {
    pub latitude: String,
    pub longitude: String,
}

impl Coordinates {
    /// Only a real point: numbers, in range, and not the "0,0" of an empty field.
    pub fn parse(latitude: &str, longitude: &str) -> Option<Coordinates> {
        let (lat_text, lng_text) = (latitude.trim(), longitude.trim());
        let lat = lat_text.parse::<f64>().ok()?;
        let lng = lng_text.parse::<f64>().ok()?;
        let real = lat.is_finite()
            && lng.is_finite()
            && lat.abs() <= 90.0
            && lng.abs() <= 180.0
            && (lat, lng) != (0.0, 0.0);
        real.then(|| Coordinates {
            latitude: lat_text.to_owned(),
            longitude: lng_text.to_owned(),
        })
    }
}

/// The value of attribute `name` in WeChat's message XML, entities decoded;
/// `None` when absent or blank. A lookup, not a parser: a card or location
/// is one element of attributes, and anything malformed yields nothing.
pub fn xml_attr(xml: &str, name: &str) -> Option<String> {
    let pattern = format!("{name}=\"");
    let mut from = 0;
    while let Some(rel) = xml.get(from..)?.find(&pattern) {
        let at = from + rel;
        let value_start = at + pattern.len();
        let preceded = xml.get(..at)?.chars().next_back();
        if preceded.is_some_and(char::is_whitespace) {
            let rest = xml.get(value_start..)?;
            let value = decode_entities(rest.get(..rest.find('"')?)?);
            let value = value.trim();
            return (!value.is_empty()).then(|| value.to_owned());
        }
        from = value_start;
    }
    None
}

/// XML's five named entities and numeric character references.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let Some(semi) = tail.find(';').filter(|&i| i <= 10) else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        let entity = &tail[1..semi];
        let decoded = match entity {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| entity.strip_prefix('#').map(str::parse::<u32>))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &tail[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
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
            CONTACT_CARD => {
                let xml = self.content.as_deref().unwrap_or_default();
                MessageKind::ContactCard {
                    name: xml_attr(xml, "nickname").or_else(|| self.title.clone()),
                    wechat_id: xml_attr(xml, "alias").or_else(|| xml_attr(xml, "username")),
                    avatar: xml_attr(xml, "bigheadimgurl")
                        .or_else(|| xml_attr(xml, "smallheadimgurl"))
                        .or_else(|| self.thumb_url.clone()),
                }
            }
            LOCATION => {
                let xml = self.content.as_deref().unwrap_or_default();
                MessageKind::Location {
                    place: xml_attr(xml, "poiname").or_else(|| self.title.clone()),
                    address: xml_attr(xml, "label").or_else(|| self.description.clone()),
                    // WeChat writes the latitude as x and the longitude as y.
                    at: xml_attr(xml, "x")
                        .zip(xml_attr(xml, "y"))
                        .and_then(|(lat, lng)| Coordinates::parse(&lat, &lng)),
                }
            }
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

    #[test]
    fn a_contact_card_shows_whom_it_introduces() {
        let card = ChatMessage {
            msg_type: Some(42),
            content: Some(
                r#"<?xml version="1.0"?>
<msg bigheadimgurl="http://wx.qlogo.cn/mmhead/ver_1/a/0" smallheadimgurl="http://wx.qlogo.cn/mmhead/ver_1/a/132" username="wxid_8twmv8pkgvox22" nickname="售前-紅海 &amp; 小&#26446;" alias="honghai_88" sex="1" />"#
                    .into(),
            ),
            ..Default::default()
        };
        assert_eq!(
            card.kind(),
            MessageKind::ContactCard {
                name: Some("售前-紅海 & 小李".into()),
                wechat_id: Some("honghai_88".into()),
                avatar: Some("http://wx.qlogo.cn/mmhead/ver_1/a/0".into()),
            }
        );
        // No alias: the account name; nothing at all: nothing, not an error.
        let bare = ChatMessage {
            msg_type: Some(42),
            content: Some(r#"<msg username="wxid_x" nickname=""/>"#.into()),
            ..Default::default()
        };
        assert_eq!(
            bare.kind(),
            MessageKind::ContactCard {
                name: None,
                wechat_id: Some("wxid_x".into()),
                avatar: None
            }
        );
    }

    #[test]
    fn a_location_has_its_place_address_and_point() {
        let loc = ChatMessage {
            msg_type: Some(48),
            content: Some(
                "<msg>\n\t<location x=\"22.540503\" y=\"113.934528\" scale=\"15\" label=\"广东省深圳市南山区深南大道10000号\" maptype=\"roadmap\" poiname=\"腾讯大厦\" />\n</msg>"
                    .into(),
            ),
            ..Default::default()
        };
        assert_eq!(
            loc.kind(),
            MessageKind::Location {
                place: Some("腾讯大厦".into()),
                address: Some("广东省深圳市南山区深南大道10000号".into()),
                at: Some(Coordinates {
                    latitude: "22.540503".into(),
                    longitude: "113.934528".into()
                }),
            }
        );
        assert!(Coordinates::parse(" -22.5", "113.9 ").is_some());
        for (lat, lng) in [
            ("0", "0.0"),
            ("91", "1"),
            ("1", "-181"),
            ("NaN", "1"),
            ("", "1"),
        ] {
            assert_eq!(Coordinates::parse(lat, lng), None, "{lat},{lng}");
        }
        // Broken coordinates keep the place and address.
        let broken = ChatMessage {
            msg_type: Some(48),
            content: Some(r#"<location x="北纬" y="113.9" label="某地"/>"#.into()),
            ..Default::default()
        };
        assert_eq!(
            broken.kind(),
            MessageKind::Location {
                place: None,
                address: Some("某地".into()),
                at: None
            }
        );
    }

    #[test]
    fn attribute_lookup_is_exact_and_survives_broken_xml() {
        let xml = r#"<msg fullnickname="no" nickname="yes" bad="&bogus; &#xZZ; &lt;b&gt;"#;
        assert_eq!(xml_attr(xml, "nickname").as_deref(), Some("yes"));
        assert_eq!(xml_attr(xml, "bad"), None, "unterminated value");
        assert_eq!(
            xml_attr(r#"<a bad="&bogus; &#xZZ; &lt;b&gt;"/>"#, "bad").as_deref(),
            Some("&bogus; &#xZZ; <b>")
        );
        assert_eq!(xml_attr("<a x=", "x"), None);
        assert_eq!(xml_attr("", "x"), None);
    }
}
