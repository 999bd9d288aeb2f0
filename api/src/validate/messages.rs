//! Field labels and problem sentences in the panel's three languages. They
//! live here, not in the panel's locale files, so the reference server can
//! answer in the same words the panel would show.

use super::{FieldError, Lang, PhoneError, Problem};

/// (field, zh-CN, zh-TW, en). Unknown fields fall back to their wire name.
const LABELS: &[(&str, &str, &str, &str)] = &[
    ("customerName", "客户姓名", "客戶姓名", "Customer name"),
    ("customerPhone", "联系方式", "聯系方式", "Phone"),
    ("phoneGeo", "所在地区", "所在地區", "Region"),
    ("uin", "目标微信号", "目標微信號", "Target WeChat account"),
    ("userName", "微信号", "微信號", "WeChat ID"),
    ("nickName", "昵称", "暱稱", "Nickname"),
    ("custName", "客户昵称", "客戶暱稱", "Customer nickname"),
    ("nickNames", "个性称呼", "個性稱呼", "Personal nicknames"),
    ("remarks", "备注", "備註", "Remarks"),
    ("remarkName", "备注名", "備註名", "Remark name"),
    ("tags", "标签", "標籤", "Tags"),
    ("xfield1", "自定义字段", "自訂欄位", "Custom field"),
    ("customerId", "客户ID", "客戶ID", "Customer ID"),
    (
        "wechatContactId",
        "微信联系人",
        "微信聯絡人",
        "WeChat contact",
    ),
    ("adminUserId", "账号", "帳號", "Account"),
    ("address", "地址", "地址", "Address"),
    ("company", "公司", "公司", "Company"),
    ("isOpen", "弹窗开关", "彈窗開關", "Pop-up switch"),
    ("isStar", "星标", "星標", "Star"),
    ("v1", "v1", "v1", "v1"),
    ("name", "顾客姓名", "顧客姓名", "Customer name"),
    ("telnum", "手机号", "手機號", "Mobile number"),
    ("erpId", "会员ID", "會員ID", "Member ID"),
    ("sex", "性别", "性別", "Sex"),
    ("birthday", "生日", "生日", "Birthday"),
    ("channelName", "渠道名称", "渠道名稱", "Channel"),
    ("channelUserName", "渠道人员", "渠道人員", "Channel contact"),
    (
        "preConsultName",
        "网电人员",
        "網電人員",
        "Online consultant",
    ),
    ("ownerName", "建档人员", "建檔人員", "Record owner"),
    ("description", "网电备注", "網電備註", "Consultant notes"),
    ("cusId", "顾客ID", "顧客ID", "Customer ID"),
    ("teamId", "企业ID", "企業ID", "Company ID"),
    ("type", "预约类型", "預約類型", "Appointment type"),
    ("content", "预约内容", "預約內容", "Appointment details"),
    ("comment", "预约备注", "預約備註", "Appointment notes"),
    (
        "appointmentTime",
        "预约时间",
        "預約時間",
        "Appointment time",
    ),
    ("appointmentTime1", "结束时间", "結束時間", "End time"),
    ("pId", "预约项目", "預約項目", "Treatments"),
    ("doctorId", "医生", "醫生", "Doctor"),
    ("technicianId", "技师", "技師", "Technician"),
    ("id", "预约记录", "預約記錄", "Appointment"),
    ("limit", "每页条数", "每頁筆數", "Page size"),
    ("pageNo", "页码", "頁碼", "Page"),
    ("beginTime", "开始时间", "開始時間", "Start time"),
    ("endTime", "结束时间", "結束時間", "End time"),
    ("dialStatus", "拨打状态", "撥打狀態", "Call status"),
];

/// The label the panel shows for a wire field name.
pub fn field_label(field: &str, lang: Lang) -> &str {
    LABELS
        .iter()
        .find(|row| row.0 == field)
        .map(|&(_, cn, tw, en)| match lang {
            Lang::ZhCn => cn,
            Lang::ZhTw => tw,
            Lang::En => en,
        })
        .unwrap_or(field)
}

/// Like [`field_label`], but the custom fields after the first are numbered
/// (`xfield7` → 自定义字段 7): a form may show all ten of them.
fn problem_label(field: &str, lang: Lang) -> String {
    match field.strip_prefix("xfield") {
        Some(n) if n != "1" && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
            format!("{} {n}", field_label("xfield1", lang))
        }
        _ => field_label(field, lang).to_owned(),
    }
}

pub(super) fn message(e: &FieldError, lang: Lang) -> String {
    let l = problem_label(e.field, lang);
    let t = |cn: String, tw: String, en: String| match lang {
        Lang::ZhCn => cn,
        Lang::ZhTw => tw,
        Lang::En => en,
    };
    match e.problem {
        Problem::Required | Problem::Phone(PhoneError::Empty) => t(
            format!("{l}不能为空"),
            format!("{l}不能為空"),
            format!("{l} is required"),
        ),
        Problem::TooLong { max } => t(
            format!("{l}不能超过{max}个字"),
            format!("{l}不能超過{max}個字"),
            format!("{l} must be at most {max} characters"),
        ),
        Problem::Phone(PhoneError::BadCharacters) => t(
            format!("{l}只能包含数字"),
            format!("{l}只能包含數字"),
            format!("{l} may contain only digits"),
        ),
        Problem::Phone(PhoneError::WrongLength(n)) => t(
            format!("{l}应为11位手机号（当前{n}位）"),
            format!("{l}應為11位手機號碼（目前{n}位）"),
            format!("{l} must be an 11-digit mobile number ({n} digits given)"),
        ),
        Problem::Phone(PhoneError::NotMobile) => t(
            format!("{l}不是有效的中国大陆手机号"),
            format!("{l}不是有效的中國大陸手機號碼"),
            format!("{l} is not a mainland China mobile number"),
        ),
        Problem::NotDigits { max } => t(
            format!("{l}只能是不超过{max}位的数字"),
            format!("{l}只能是不超過{max}位的數字"),
            format!("{l} must be at most {max} digits"),
        ),
        Problem::InvalidDate => t(
            format!("{l}不是有效日期（格式：年-月-日）"),
            format!("{l}不是有效日期（格式：年-月-日）"),
            format!("{l} must be a real date (YYYY-MM-DD)"),
        ),
        Problem::NotOneOf => t(
            format!("{l}的取值无效"),
            format!("{l}的取值無效"),
            format!("{l} has an invalid value"),
        ),
        Problem::OnlyForSurgery => t(
            format!("只有手术预约可以指定{l}"),
            format!("只有手術預約可以指定{l}"),
            format!("{l} can only be set for a surgery appointment"),
        ),
        Problem::BeforeStart => t(
            format!("{l}不能早于开始时间"),
            format!("{l}不能早於開始時間"),
            format!("{l} cannot be before the start time"),
        ),
        Problem::OutOfRange { min, max } => t(
            format!("{l}应在{min}到{max}之间"),
            format!("{l}應在{min}到{max}之間"),
            format!("{l} must be between {min} and {max}"),
        ),
        Problem::EitherRequired { other } => {
            let o = field_label(other, lang);
            t(
                format!("{l}和{o}至少填写一个"),
                format!("{l}和{o}至少填寫一個"),
                format!("Either {l} or {o} is required"),
            )
        }
    }
}
