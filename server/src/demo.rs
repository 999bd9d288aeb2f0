//! Demo data for a new database: two tenants, their users, WeChat accounts,
//! contacts and customers. Deterministic (a fixed-seed splitmix64), so a
//! screenshot or a test can rely on what `--demo N` produces; only the times
//! follow the clock, so the data always looks recent.
//!
//! Some names and remarks are deliberately hostile (`<script>`, quotes,
//! `%`, `_`, `\`): the panel must show them as text, never as markup.

use rusqlite::{params, Connection, Transaction};

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
        let created = now - rng.below(365 * DAY_MS as u64) as i64;
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
