//! Demo data for a new database: two tenants, their users, WeChat accounts,
//! contacts and customers. Deterministic (a fixed-seed splitmix64), so a
//! screenshot or a test can rely on what `--demo N` produces; only the times
//! follow the clock, so the data always looks recent.
//!
//! Some names and remarks are deliberately hostile (`<script>`, quotes,
//! `%`, `_`, `\`): the panel must show them as text, never as markup.

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use scrm_api::time::Timestamp;

use crate::auth::create_user;
use crate::error::ApiError;
use crate::time::now_ms;

/// The demo logins: (username, password, tenant).
pub const LOGINS: [(&str, &str, &str); 3] = [
    ("demo", "demo123", "星河医美(演示租户一)"),
    ("sales1", "sales123", "星河医美(演示租户一)"),
    ("other", "other123", "海岸贸易(演示租户二)"),
];

const DAY_MS: i64 = 86_400_000;

/// Numbers the demo data is known to contain in tenant one, for trying the
/// call pop-up: a customer record (source 1), a lead in `demo`'s assigned
/// pool (source 2), and a manual entry of `sales1` (source 3).
pub const KNOWN_CUSTOMER_PHONE: &str = "13800000001";
pub const KNOWN_POOL_PHONE: &str = "13800000002";
pub const KNOWN_MANUAL_PHONE: &str = "13800000003";
/// The customer with 10,000 chat messages: the newest of tenant one.
pub const BUSY_CHAT_CUSTOMER: &str = "陈聊天多";
pub const BUSY_CHAT_MESSAGES: usize = 10_000;
/// The clinic's demo WeChat app; its followers have openIds `oDemo0001`….
pub const CLINIC_WXAPP_ID: &str = "wx5c8ddemo0001";

/// splitmix64: tiny, fast and good enough for plausible-looking data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
    pub fn percent(&mut self, p: u64) -> bool {
        self.below(100) < p
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    pub fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }
    pub fn wxid(&mut self) -> String {
        const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
        let tail: String = (0..14).map(|_| char::from(*self.pick(ALNUM))).collect();
        format!("wxid_{tail}")
    }
}

pub const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
    "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏",
    "欧阳", "司马", "诸葛",
];

const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
    "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "文", "华", "红", "建华", "晓东", "丹",
    "婷", "雪", "琳", "欣怡", "子涵", "浩然", "宇轩", "梓萱", "思远", "佳琪", "一鸣", "雨桐",
    "嘉怡", "俊杰", "晨", "鑫", "颖", "倩", "海燕", "志强", "春梅", "国庆", "建国", "小红",
];

const PHONE_PREFIXES: &[&str] = &[
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
    "157", "158", "159", "166", "170", "176", "177", "180", "181", "182", "183", "185", "186",
    "187", "188", "189", "191", "198", "199",
];

/// Text that must never be interpreted as markup or as SQL/LIKE syntax.
pub const HOSTILE: &[&str] = &[
    "<b>粗体</b>",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "O'Brien \"老王\"",
    "100%_折扣\\客户",
];

const REMARKS: &[&str] = &[
    "老客户转介绍",
    "上次咨询价格,待回访",
    "对产品很感兴趣",
    "周末方便联系",
    "已报价,等待回复",
    "要求发送资料",
    "下午三点后联系",
    "朋友圈点赞较多",
    "",
    "",
    "<b>粗体</b>备注",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
];

const NICKS: &[&str] = &[
    "阳光",
    "小美",
    "Lucky",
    "追梦人",
    "🌸花开半夏",
    "Alice",
    "老王",
    "静待花开",
    "Tom",
    "一路向北",
    "快乐每一天",
    "木子",
    "晴天",
    "A-张总",
    "Coco",
];

const TITLES: &[&str] = &["总", "姐", "哥", "老师", "女士", "先生", "经理"];

const PLACES: &[(&str, &str)] = &[
    ("广东", "深圳"),
    ("广东", "广州"),
    ("福建", "厦门"),
    ("浙江", "杭州"),
    ("上海", "上海"),
    ("北京", "北京"),
    ("四川", "成都"),
    ("江苏", "南京"),
    ("湖北", "武汉"),
];

const TAGS_ONE: &[&str] = &[
    "意向客户",
    "VIP",
    "已成交",
    "待回访",
    "新客户",
    "老客户",
    "高意向",
    "无效客户",
    "投诉",
    "<b>加粗标签</b>",
];
const TAGS_TWO: &[&str] = &["意向客户", "VIP", "已成交", "待回访", "经销商"];

pub fn chinese_name(rng: &mut Rng) -> String {
    let s = *rng.pick(SURNAMES);
    let g = *rng.pick(GIVEN);
    format!("{s}{g}")
}

pub fn mobile(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(PHONE_PREFIXES), rng.digits(8))
}

/// Whether the database has never been seeded (no tenant yet).
pub fn is_empty(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM tenant)", [], |r| r.get(0))
}

/// A WeChat account as the seeder needs it.
#[derive(Clone, Copy)]
pub struct Account {
    pub id: i64,
    pub admin_user_id: i64,
}

/// Ids the later seeding steps refer to.
pub struct Seeded {
    pub tenant_one: i64,
    pub tenant_two: i64,
    /// demo, sales1, sales2 (no login), other
    pub users: [i64; 4],
    pub accounts_one: Vec<Account>,
    pub accounts_two: Vec<Account>,
}

/// Seeds everything in one transaction: all or nothing.
pub fn seed(conn: &mut Connection, customers: u32) -> Result<Seeded, ApiError> {
    let mut rng = Rng::new(0x5C8D_2020_0422_0001);
    let now = now_ms();
    let tx = conn.transaction()?;
    let seeded = seed_people(&tx, &mut rng)?;
    let small = (customers / 4).max(customers.min(12));
    seed_customers(
        &tx,
        &mut rng,
        seeded.tenant_one,
        &seeded.accounts_one,
        TAGS_ONE,
        customers,
        now,
    )?;
    seed_customers(
        &tx,
        &mut rng,
        seeded.tenant_two,
        &seeded.accounts_two,
        TAGS_TWO,
        small,
        now,
    )?;
    mark_known_customer(&tx, now)?;
    seed_chats(&tx, &mut rng, seeded.tenant_one, 12, true, now)?;
    seed_chats(&tx, &mut rng, seeded.tenant_two, 3, false, now)?;
    let [demo, sales1, sales2, other] = seeded.users;
    seed_pool(&tx, &mut rng, seeded.tenant_one, &[demo, sales1], now)?;
    seed_pool(&tx, &mut rng, seeded.tenant_two, &[other], now)?;
    seed_manual(
        &tx,
        &mut rng,
        seeded.tenant_one,
        &[(demo, 25), (sales1, 12), (sales2, 8)],
        now,
    )?;
    seed_manual(&tx, &mut rng, seeded.tenant_two, &[(other, 5)], now)?;
    tx.execute(
        "UPDATE manual_entry SET customer_phone = ?1, customer_name = '手动录入演示'
          WHERE id = (SELECT min(id) FROM manual_entry WHERE tenant_id = 1 AND admin_user_id = ?2)",
        params![KNOWN_MANUAL_PHONE, sales1],
    )?;
    seed_clinic(&tx, &mut rng, seeded.tenant_one, 40, 80, now)?;
    seed_clinic(&tx, &mut rng, seeded.tenant_two, 5, 6, now)?;
    tx.commit()?;
    Ok(seeded)
}

fn seed_people(tx: &Transaction, rng: &mut Rng) -> Result<Seeded, ApiError> {
    tx.execute(
        "INSERT INTO tenant (id, name) VALUES (1, ?1), (2, ?2)",
        params![LOGINS[0].2, LOGINS[2].2],
    )?;
    tx.execute(
        "INSERT INTO department (id, tenant_id, name) VALUES (1, 1, '销售一部'), (2, 1, '销售二部'), (3, 2, '市场部')",
        [],
    )?;
    let demo = create_user(tx, 1, Some(1), LOGINS[0].0, "张经理", LOGINS[0].1)?;
    let sales1 = create_user(tx, 1, Some(2), LOGINS[1].0, "李小琳", LOGINS[1].1)?;
    // A colleague who never logs in: '!' is no valid hash, so no password matches.
    tx.execute(
        "INSERT INTO admin_user (tenant_id, department_id, username, real_name, password_hash, created_at)
         VALUES (1, 2, 'sales2', '黄文榕', '!', ?1)",
        params![now_ms()],
    )?;
    let sales2 = tx.last_insert_rowid();
    let other = create_user(tx, 2, Some(3), LOGINS[2].0, "王其他", LOGINS[2].1)?;

    let mut insert = tx.prepare_cached(
        "INSERT INTO wechat_user (tenant_id, admin_user_id, uin, user_name, nick_name, alias, head_img_url, is_online)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, '', ?7)",
    )?;
    let mut accounts = |tenant: i64, owners: &[(i64, &str, bool)], rng: &mut Rng| {
        let mut out = Vec::new();
        for (owner, nick, online) in owners {
            let uin = format!("{}{}", 1 + rng.below(9), rng.digits(8));
            let alias = format!("xinghe_{}", rng.digits(4));
            insert.execute(params![tenant, owner, uin, rng.wxid(), nick, alias, online])?;
            out.push(Account {
                id: tx.last_insert_rowid(),
                admin_user_id: *owner,
            });
        }
        Ok::<_, rusqlite::Error>(out)
    };
    let accounts_one = accounts(
        1,
        &[
            (demo, "星河-张经理", true),
            (demo, "星河客服小张", true),
            (sales1, "星河-小琳", true),
            (sales1, "小琳备用号", false),
            (sales2, "星河-文榕", false),
        ],
        rng,
    )?;
    let accounts_two = accounts(
        2,
        &[(other, "海岸-老王", true), (other, "海岸贸易客服", false)],
        rng,
    )?;
    Ok(Seeded {
        tenant_one: 1,
        tenant_two: 2,
        users: [demo, sales1, sales2, other],
        accounts_one,
        accounts_two,
    })
}

fn seed_customers(
    tx: &Transaction,
    rng: &mut Rng,
    tenant: i64,
    accounts: &[Account],
    tag_names: &[&str],
    count: u32,
    now: i64,
) -> Result<(), ApiError> {
    let mut tags = Vec::new();
    {
        let mut ins = tx.prepare_cached("INSERT INTO tag (tenant_id, name) VALUES (?1, ?2)")?;
        for name in tag_names {
            ins.execute(params![tenant, name])?;
            tags.push(tx.last_insert_rowid());
        }
    }
    let mut contact = tx.prepare_cached(
        "INSERT INTO wechat_contact (tenant_id, wechat_user_id, uin, user_name, nick_name, remark_name, alias,
                                     sex, province, city, customer_nick_name, is_star)
         VALUES (?1, ?2, '0', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    let mut customer = tx.prepare_cached(
        "INSERT INTO customer (tenant_id, wechat_contact_id, customer_name, customer_phone, nick_name, remarks,
                               xfield1, is_cust, create_time, last_update_time)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let mut tag = tx.prepare_cached(
        "INSERT OR IGNORE INTO customer_tag (customer_id, tag_id) VALUES (?1, ?2)",
    )?;
    for i in 0..count {
        let surname = *rng.pick(SURNAMES);
        let name = if i % 50 == 7 {
            (*rng.pick(HOSTILE)).to_owned()
        } else {
            format!("{surname}{}", rng.pick(GIVEN))
        };
        let phone = mobile(rng);
        let remarks = *rng.pick(REMARKS);
        let nick = if rng.percent(40) {
            name.clone()
        } else {
            (*rng.pick(NICKS)).to_owned()
        };
        // Ids grow with creation time, as in a live system: the newest-first
        // index then walks the table in storage order.
        let span = 365 * DAY_MS;
        let slot = span / i64::from(count.max(1));
        let created = now - span + i64::from(i) * slot + rng.below(slot.max(1) as u64) as i64;
        let updated = created + rng.below((now - created).max(1) as u64) as i64;
        let contact_id = if rng.percent(92) {
            let account = rng.pick(accounts);
            let (province, city) = *rng.pick(PLACES);
            let remark_name = if rng.percent(60) {
                name.clone()
            } else {
                String::new()
            };
            let address = if rng.percent(35) {
                Some(format!("{surname}{}", rng.pick(TITLES)))
            } else {
                None
            };
            let sex = if rng.percent(55) { "2" } else { "1" };
            let alias = if rng.percent(30) {
                format!("a{}", rng.digits(6))
            } else {
                String::new()
            };
            contact.execute(params![
                tenant,
                account.id,
                rng.wxid(),
                nick,
                remark_name,
                alias,
                sex,
                province,
                city,
                address,
                rng.percent(10),
            ])?;
            Some(tx.last_insert_rowid())
        } else {
            None
        };
        let xfield1 = if rng.percent(20) {
            format!("来源:{}", rng.pick(&["抖音", "朋友圈", "转介绍", "展会"]))
        } else {
            String::new()
        };
        customer.execute(params![
            tenant,
            contact_id,
            name,
            phone,
            nick,
            remarks,
            xfield1,
            rng.percent(30),
            created,
            updated,
        ])?;
        let customer_id = tx.last_insert_rowid();
        for _ in 0..rng.below(4) {
            tag.execute(params![customer_id, rng.pick(&tags)])?;
        }
    }
    Ok(())
}

/// The newest customer of tenant one gets a known name and phone, the busy
/// chat and a contact (so the first row of the list is the interesting one).
fn mark_known_customer(tx: &Transaction, now: i64) -> Result<(), ApiError> {
    let id: Option<i64> = tx
        .query_row(
            "SELECT id FROM customer WHERE tenant_id = 1 AND wechat_contact_id IS NOT NULL ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = id {
        tx.execute(
            "UPDATE customer SET customer_name = ?2, customer_phone = ?3, remarks = '聊天记录一万条',
                    create_time = ?4, last_update_time = ?4
              WHERE id = ?1",
            params![id, BUSY_CHAT_CUSTOMER, KNOWN_CUSTOMER_PHONE, now],
        )?;
    }
    Ok(())
}

const PHRASES: &[&str] = &[
    "您好,请问现在方便聊吗?",
    "好的,我看一下",
    "价格能再优惠一点吗?",
    "这周六下午可以到店",
    "收到,谢谢!",
    "资料我已经发您邮箱了",
    "明天上午十点我再联系您",
    "嗯嗯",
    "👍👍",
    "<b>粗体</b>不应该变粗",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "100% 满意 & 5_折 \\ 'quoted' \"double\"",
];

/// A demo picture served by [`crate::demo_media`] (a root-relative path the
/// panel resolves against its API base), in a random colour.
fn picture(rng: &mut Rng, kind: &str) -> String {
    crate::demo_media::svg_path(kind, rng.below(360))
}

/// What one chat message row holds besides its ids and time.
#[derive(Default)]
struct Msg {
    msg_type: i64,
    app_msg_type: Option<i64>,
    content: String,
    media_url: Option<String>,
    thumb_url: Option<String>,
    title: Option<String>,
    description: Option<String>,
    url: Option<String>,
    file_name: Option<String>,
    file_size: Option<i64>,
    duration_sec: Option<i64>,
}

/// Every ninth message is of a random non-text kind, so every kind appears.
fn demo_message(rng: &mut Rng, nick: &str, n: usize) -> Msg {
    let kind = if n.is_multiple_of(9) {
        rng.below(13)
    } else {
        0
    };
    match kind {
        1 => Msg {
            msg_type: 3,
            content: "[图片]".into(),
            media_url: Some(picture(rng, "image")),
            thumb_url: Some(picture(rng, "thumb")),
            ..Msg::default()
        },
        2 => {
            let seconds = 1 + rng.below(59);
            Msg {
                msg_type: 34,
                content: "[语音]".into(),
                media_url: Some(format!("{}/voice-{seconds}.wav", crate::demo_media::PREFIX)),
                duration_sec: Some(seconds as i64),
                ..Msg::default()
            }
        }
        3 => Msg {
            msg_type: 43,
            content: "[视频]".into(),
            // The demo has no video files: a poster only, so nothing links
            // to a missing file.
            thumb_url: Some(picture(rng, "video")),
            duration_sec: Some(3 + rng.below(120) as i64),
            ..Msg::default()
        },
        4 => Msg {
            msg_type: 47,
            content: "[动画表情]".into(),
            media_url: Some(picture(rng, "emoji")),
            ..Msg::default()
        },
        5 => Msg {
            msg_type: 49,
            app_msg_type: Some(5),
            content: "[链接]".into(),
            thumb_url: Some(picture(rng, "article")),
            title: Some("春季焕颜活动,限时8折".into()),
            description: Some("<b>点击</b>查看活动详情".into()),
            url: Some("https://example.com/activity?id=2020&from=<script>".into()),
            ..Msg::default()
        },
        6 => Msg {
            msg_type: 49,
            app_msg_type: Some(6),
            content: "[文件]".into(),
            media_url: Some(format!("{}/file-{n}.pdf", crate::demo_media::PREFIX)),
            file_name: Some(format!("报价单_{n}.pdf")),
            file_size: Some(10_000 + rng.below(5_000_000) as i64),
            ..Msg::default()
        },
        7 => Msg {
            msg_type: 49,
            app_msg_type: Some(33),
            content: "[小程序]".into(),
            thumb_url: Some(picture(rng, "mini")),
            title: Some("星河医美预约".into()),
            description: Some("在线预约,到店核销".into()),
            url: Some("pages/booking/index".into()),
            ..Msg::default()
        },
        8 => Msg {
            msg_type: 10000,
            content: format!("你已添加了{nick},现在可以开始聊天了。"),
            ..Msg::default()
        },
        9 => Msg {
            msg_type: 10002,
            content: format!("\"{nick}\" 撤回了一条消息"),
            ..Msg::default()
        },
        // Cards and locations carry WeChat's XML, as chat archives do.
        10 => Msg {
            msg_type: 42,
            content: format!(
                "<?xml version=\"1.0\"?>\n<msg bigheadimgurl=\"{}\" username=\"wxid_card{n}\" \
                 nickname=\"陈医生 &amp; 助理\" alias=\"chen_doctor_88\" sex=\"2\" />",
                picture(rng, "avatar")
            ),
            ..Msg::default()
        },
        11 => Msg {
            msg_type: 48,
            content:
                "<?xml version=\"1.0\"?>\n<msg>\n\t<location x=\"24.479834\" y=\"118.089425\" \
                      scale=\"15\" label=\"福建省厦门市思明区湖滨南路90号\" maptype=\"roadmap\" \
                      poiname=\"星河医美(湖滨店)\" />\n</msg>"
                    .into(),
            ..Msg::default()
        },
        // A voice or video call invitation: a kind the panel does not draw.
        12 => Msg {
            msg_type: 50,
            content: "<voipinvitemsg><status>1</status></voipinvitemsg>".into(),
            ..Msg::default()
        },
        _ => Msg {
            msg_type: 1,
            content: (*rng.pick(PHRASES)).to_owned(),
            ..Msg::default()
        },
    }
}

/// Conversations with the newest `people` contacted customers of a tenant:
/// a few hundred messages each, and (when `busy`) 10,000 with the newest.
/// The first conversation also holds one message of every kind in a row.
fn seed_chats(
    tx: &Transaction,
    rng: &mut Rng,
    tenant: i64,
    people: i64,
    busy: bool,
    now: i64,
) -> Result<(), ApiError> {
    let mut pick = tx.prepare(
        "SELECT wc.id, wc.wechat_user_id, c.customer_name FROM customer c
           JOIN wechat_contact wc ON wc.id = c.wechat_contact_id
          WHERE c.tenant_id = ?1 ORDER BY c.create_time DESC, c.id DESC LIMIT ?2",
    )?;
    let chats = pick
        .query_map(params![tenant, people], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO chat_message (tenant_id, wechat_user_id, wechat_contact_id, is_send, msg_type, app_msg_type,
            content, media_url, thumb_url, title, description, url, file_name, file_size, duration_sec, create_time)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?;
    for (i, (contact, account, nick)) in chats.iter().enumerate() {
        let count = if busy && i == 0 {
            BUSY_CHAT_MESSAGES
        } else {
            200 + rng.below(400) as usize
        };
        // Walk back from now so the newest message is recent.
        let mut times = Vec::with_capacity(count);
        let mut t = now - 60_000 - rng.below(3_600_000) as i64;
        let gap = if count > 1000 { 1_800_000 } else { 10_800_000 };
        for _ in 0..count {
            times.push(t);
            t -= 10_000 + rng.below(gap) as i64;
        }
        times.reverse();
        let every_kind = count.saturating_sub(14);
        for (n, at) in times.into_iter().enumerate() {
            let m = if i == 0 && n >= every_kind {
                // The newest dozen messages of the first chat: one of each kind.
                let k = n - every_kind;
                let mut probe = Rng::new(k as u64);
                let mut m = demo_message(&mut probe, nick, 0);
                for _ in 0..64 {
                    if m.msg_type != 1 && kind_index(&m) == k % 13 {
                        break;
                    }
                    m = demo_message(&mut probe, nick, 0);
                }
                m
            } else {
                demo_message(rng, nick, n)
            };
            stmt.execute(params![
                tenant,
                account,
                contact,
                rng.percent(50),
                m.msg_type,
                m.app_msg_type,
                m.content,
                m.media_url,
                m.thumb_url,
                m.title,
                m.description,
                m.url,
                m.file_name,
                m.file_size,
                m.duration_sec,
                at
            ])?;
        }
    }
    Ok(())
}

/// Position of a message kind in [`demo_message`]'s list (text is 0).
fn kind_index(m: &Msg) -> usize {
    match (m.msg_type, m.app_msg_type) {
        (3, _) => 1,
        (34, _) => 2,
        (43, _) => 3,
        (47, _) => 4,
        (49, Some(5)) => 5,
        (49, Some(6)) => 6,
        (49, _) => 7,
        (10000, _) => 8,
        (10002, _) => 9,
        (42, _) => 10,
        (48, _) => 11,
        (50, _) => 12,
        _ => 0,
    }
}

const COMPANIES: &[&str] = &[
    "厦门星河科技有限公司",
    "深圳海岸贸易",
    "杭州云端网络",
    "个体户",
    "<b>粗体公司</b>",
    "O'Reilly & Sons",
];

fn seed_pool(
    tx: &Transaction,
    rng: &mut Rng,
    tenant: i64,
    owners: &[i64],
    now: i64,
) -> Result<(), ApiError> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO pool_customer (tenant_id, admin_user_id, customer_name, customer_phone, company, remarks, assign_time)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (k, owner) in owners.iter().enumerate() {
        for i in 0..15 {
            let known = tenant == 1 && k == 0 && i == 0;
            let phone = if known {
                KNOWN_POOL_PHONE.to_owned()
            } else {
                mobile(rng)
            };
            let name = if known {
                "客户池演示".to_owned()
            } else {
                chinese_name(rng)
            };
            stmt.execute(params![
                tenant,
                owner,
                name,
                phone,
                rng.pick(COMPANIES),
                rng.pick(REMARKS),
                now - rng.below(30 * DAY_MS as u64) as i64
            ])?;
        }
    }
    Ok(())
}

fn seed_manual(
    tx: &Transaction,
    rng: &mut Rng,
    tenant: i64,
    owners: &[(i64, u32)],
    now: i64,
) -> Result<(), ApiError> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO manual_entry (tenant_id, admin_user_id, customer_name, customer_phone, address, nick_name,
            user_name, company, tags, phone_geo, xfield1, remarks, dial_status, add_status, order_num,
            assign_time, create_time, last_update_time)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16, ?17)",
    )?;
    for (owner, count) in owners {
        for i in 0..*count {
            let (province, city) = *rng.pick(PLACES);
            let surname = *rng.pick(SURNAMES);
            let name = format!("{surname}{}", rng.pick(GIVEN));
            let phone = mobile(rng);
            let created = now - rng.below(60 * DAY_MS as u64) as i64;
            let user_name = if rng.percent(50) {
                rng.wxid()
            } else {
                phone.clone()
            };
            let street = *rng.pick(&["中山", "人民", "解放", "建设"]);
            let address = format!("{province}省{city}市{street}路{}号", 1 + rng.below(300));
            let nick = rng
                .percent(50)
                .then(|| format!("{surname}{}", rng.pick(TITLES)));
            stmt.execute(params![
                tenant,
                owner,
                name,
                phone,
                address,
                nick,
                user_name,
                rng.pick(COMPANIES),
                rng.percent(40).then_some("意向客户"),
                city,
                rng.percent(30).then_some("展会名单"),
                rng.pick(REMARKS),
                rng.percent(40),
                rng.percent(20),
                i64::from(i) + 1,
                created,
                created + rng.below(DAY_MS as u64) as i64
            ])?;
        }
    }
    Ok(())
}

const STAFF: &[&str] = &["李医生", "王咨询", "赵护士", "陈前台", "刘经理", "周医生"];
const CHANNELS: &[&str] = &["美团", "抖音", "老带新", "大众点评", "<b>渠道</b>"];
const PROJECTS: &[&str] = &[
    "韩式三点双眼皮",
    "全身白瓷3次",
    "水光针",
    "皮秒祛斑",
    "热玛吉",
    "<script>alert(1)</script>",
];
const APPT_COMMENTS: &[&str] = &[
    "",
    "预约备注",
    "顾客要求女医生",
    "首次到店",
    "<img src=x onerror=alert(1)>",
];

/// Clinic customers and appointments around today. Six appointments share
/// one creation time and four one appointment time, so the incremental
/// feeds' equal-timestamp groups can be seen at work.
fn seed_clinic(
    tx: &Transaction,
    rng: &mut Rng,
    tenant: i64,
    customers: u32,
    appointments: u32,
    now: i64,
) -> Result<(), ApiError> {
    use crate::time::format_ms;
    let epoch = |text: &str| Timestamp::parse(text).map(|t| t.epoch_ms());
    let mut staff = Vec::new();
    for name in STAFF {
        tx.execute(
            "INSERT INTO clinic_staff (tenant_id, name) VALUES (?1, ?2)",
            params![tenant, name],
        )?;
        staff.push(tx.last_insert_rowid());
    }
    let mut channels = Vec::new();
    for name in CHANNELS {
        tx.execute(
            "INSERT INTO clinic_channel (tenant_id, name) VALUES (?1, ?2)",
            params![tenant, name],
        )?;
        channels.push(tx.last_insert_rowid());
    }
    let mut ins = tx.prepare_cached(
        "INSERT INTO clinic_customer (tenant_id, erp_id, open_id, wxappid, status, name, telnum, telnum1, birthday,
            sex, description, wx_last_op_time, uid, channel_id, consult_id, first_pre_consult_id, pre_consult_id,
            owner_id, intention, is_big_order, points, commission, gold, stored_principal, stored_give, model,
            wx_scenes_bind, create_time)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,
            ?22, ?23, ?24, ?25, ?26, ?27, ?28)",
    )?;
    let mut ids = Vec::new();
    for i in 0..customers {
        let i = i64::from(i);
        let bound = i < 10;
        let pre = *rng.pick(&staff);
        let name = if i % 17 == 5 {
            (*rng.pick(HOSTILE)).to_owned()
        } else {
            chinese_name(rng)
        };
        // Some followers have not registered a phone yet.
        let tel = if bound && i % 4 == 3 {
            String::new()
        } else {
            mobile(rng)
        };
        let tel1 = rng.percent(20).then(|| mobile(rng));
        let birthday = format!(
            "{}-{:02}-{:02}",
            1965 + rng.below(40),
            1 + rng.below(12),
            1 + rng.below(28)
        );
        let money: Vec<String> = (0..4)
            .map(|_| format!("{}.{:02}", rng.below(5000), rng.below(100)))
            .collect();
        ins.execute(params![
            tenant,
            (i % 3 == 0).then_some(tenant * 10_000_000 + i),
            bound.then(|| format!("oDemo{:04}", i + 1 + (tenant - 1) * 100)),
            bound.then_some(CLINIC_WXAPP_ID),
            if rng.percent(85) { 1 } else { 2 },
            name,
            tel,
            tel1,
            birthday,
            1 + rng.below(2) as i64,
            *rng.pick(REMARKS),
            format_ms(now - rng.below(20 * DAY_MS as u64) as i64),
            rng.pick(&staff),
            rng.pick(&channels),
            rng.pick(&staff),
            pre,
            pre,
            rng.pick(&staff),
            1 + rng.below(5) as i64,
            rng.percent(15),
            rng.below(3000) as i64,
            money[0],
            money[1],
            money[2],
            money[3],
            rng.below(3) as i64,
            bound.then(|| format!(
                "[{{\"appid\":\"{CLINIC_WXAPP_ID}\",\"name\":\"星河医美服务号\"}}]"
            )),
            format_ms(now - (30 + rng.below(300)) as i64 * DAY_MS),
        ])?;
        ids.push(tx.last_insert_rowid());
    }
    let today = epoch(&format_ms(now)[..10]).unwrap_or(now);
    let shared_create = format_ms(today - DAY_MS + 9 * 3_600_000 + 30 * 60_000);
    let shared_appoint = format_ms(today + DAY_MS + 10 * 3_600_000);
    let mut appt = tx.prepare_cached(
        "INSERT INTO clinic_appointment (tenant_id, team_id, cus_id, u_id, type, content, comment, create_time,
            appointment_time, appointment_time1, cancel_time, cancel_comment, complete_time, doctor_id, p_id)
         VALUES (?1, 'demo', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    for i in 0..appointments {
        let created_ms = now - 60_000 - rng.below(14 * DAY_MS as u64) as i64;
        let create = if i < 6 {
            shared_create.clone()
        } else {
            format_ms(created_ms)
        };
        let slot =
            today + (rng.below(21) as i64 - 7) * DAY_MS + (18 + rng.below(18) as i64) * 1_800_000;
        let appoint = if (6..10).contains(&i) {
            shared_appoint.clone()
        } else {
            format_ms(slot)
        };
        let appoint_ms = epoch(&appoint).unwrap_or(slot);
        let end = rng.percent(30).then(|| format_ms(appoint_ms + 3_600_000));
        let completed = appoint_ms + 5_400_000 < now && rng.percent(60);
        let cancelled = !completed && rng.percent(12);
        let kind = rng.below(4) as i64;
        let cancel_time =
            cancelled.then(|| format_ms(now - 60_000 - rng.below(2 * DAY_MS as u64) as i64));
        let complete_time =
            completed.then(|| format_ms(appoint_ms + 1_800_000 + rng.below(3_600_000) as i64));
        let projects = rng
            .percent(50)
            .then(|| format!("{},{}", 1 + rng.below(5), 6 + rng.below(5)));
        appt.execute(params![
            tenant,
            rng.pick(&ids),
            rng.pick(&staff),
            kind,
            rng.pick(PROJECTS),
            rng.pick(APPT_COMMENTS),
            create,
            appoint,
            end,
            cancel_time,
            cancelled.then_some("顾客临时有事"),
            complete_time,
            (kind == 1).then(|| *rng.pick(&staff)),
            projects,
        ])?;
    }
    Ok(())
}
