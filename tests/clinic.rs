//! End-to-end tests of the clinic module (`/clinic`, `/clinic/appointments`)
//! in headless Chromium against the reference server's `/clinic_api/`.
//! Run with `SCRM_DIST=$PWD/dist cargo test -p scrm-panel --test clinic`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use fantoccini::Locator;
use scrm_server::demo::CLINIC_WXAPP_ID;
use scrm_server::time::{format_ms, now_ms};
use support::Env;

async fn field(env: &Env, name: &str) -> String {
    env.text(&format!("#clinic-profile [data-field='{name}']"))
        .await
}

/// `id|row text` of every row of a table, read in one round trip.
async fn rows(env: &Env, css: &str) -> Vec<(String, String)> {
    let v = env
        .browser
        .execute(
            "return Array.from(document.querySelectorAll(arguments[0])).map(r => [r.dataset.id || '', r.innerText]);",
            vec![serde_json::json!(css)],
        )
        .await
        .unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r[0].as_str().unwrap().to_owned(),
                r[1].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn assert_unique(rows: &[(String, String)]) {
    let mut ids: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "a record is shown twice: {rows:?}");
}

/// The number after `#` in the new-appointment confirmation.
async fn created_id(env: &Env) -> String {
    env.wait_text("#appt-new-result", "#").await;
    let t = env.text("#appt-new-result").await;
    t.rsplit('#').next().unwrap().trim().to_owned()
}

async fn create(env: &Env, kind: &str, content: &str, start: &str) -> String {
    env.select("#an-type", kind).await;
    env.fill("#an-content", content).await;
    env.fill("#an-appointmentTime", start).await;
    env.click("#appt-new-submit").await;
    let id = created_id(env).await;
    // Cleared for the next one.
    env.wait_text("#feed-table", content).await;
    id
}

fn today() -> String {
    format_ms(now_ms())[..10].to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_customer_is_found_by_id_by_phone_and_by_openid() {
    let env = Env::demo().await;
    env.goto("/clinic").await;

    // By customer id (the first demo follower).
    env.select("#lookup-by", "cusId").await;
    env.fill("#lookup-value", "1").await;
    env.click("#lookup-submit").await;
    env.wait_path("/clinic?cusId=1").await;
    let name = env.text("#clinic-profile-name").await;
    assert!(!name.is_empty());
    let phone = field(&env, "telnum").await;
    assert_eq!(phone.len(), 11, "verified phone shown: {phone}");
    for f in [
        "birthday",
        "sex",
        "wxLastOpTime",
        "intention",
        "points",
        "commission",
        "gold",
        "storedPrincipal",
        "storedGive",
        "model",
        "channel",
        "user",
        "firstpreconsult",
        "preconsult",
        "consult",
    ] {
        let v = field(&env, f).await;
        assert!(!v.is_empty() && v != "—", "{f} is shown: {v:?}");
    }
    assert!(field(&env, "sex").await == "男" || field(&env, "sex").await == "女");
    assert_eq!(field(&env, "wxScenesBind").await, "星河医美服务号");
    assert!(env.exists("#clinic-profile [data-field='telnum1']").await);
    assert!(
        env.exists("#clinic-profile [data-field='isBigOrder']")
            .await
    );
    assert!(
        env.exists("#clinic-profile [data-field='description']")
            .await
    );

    // By phone: the same customer.
    env.select("#lookup-by", "telnum").await;
    env.fill("#lookup-value", &phone).await;
    env.click("#lookup-submit").await;
    env.wait_path(&format!("/clinic?telnum={phone}")).await;
    env.wait_text("#clinic-profile [data-field='id']", "1")
        .await;
    assert_eq!(env.text("#clinic-profile-name").await, name);
    assert_eq!(field(&env, "id").await, "1");

    // By openId + wxappId: the same customer, with the follow state.
    env.select("#lookup-by", "openId").await;
    env.fill("#lookup-open-id", "oDemo0001").await;
    env.fill("#lookup-wxapp-id", CLINIC_WXAPP_ID).await;
    env.click("#lookup-submit").await;
    env.text("#clinic-profile [data-field='status']").await;
    assert_eq!(field(&env, "id").await, "1");
    assert_eq!(env.text("#clinic-profile-name").await, name);
    assert_eq!(field(&env, "telnum").await, phone);
    // A reload shows the same look-up.
    env.browser.refresh().await.unwrap();
    env.text("#clinic-profile [data-field='status']").await;
    assert_eq!(env.text("#clinic-profile-name").await, name);

    env.assert_no_console_errors().await;

    // Switching the language relabels the profile and keeps it.
    env.select("#locale-select", "en").await;
    env.wait_text("#clinic-profile", "Verified phone").await;
    env.wait_text("#clinic-profile", "Followed official accounts")
        .await;
    assert_eq!(field(&env, "telnum").await, phone);
    env.wait_text("#add-customer", "Add a customer").await;
    env.select("#locale-select", "zh-CN").await;
    env.wait_text("#clinic-profile", "已认证手机号").await;
    let errors = env.console_errors().await;
    assert!(
        errors.is_empty(),
        "console errors after relabelling: {errors:?}"
    );

    // An unknown customer: the server's words (the browser logs the 404).
    env.goto("/clinic?cusId=999999").await;
    env.wait_text(".clinic-result .error-view", "顾客不存在")
        .await;

    // The profile links to that customer's appointments.
    env.goto("/clinic?cusId=1").await;
    env.click("#clinic-profile-appointments").await;
    env.wait_path("/clinic/appointments?cusId=1").await;
    env.text("#feed-table").await;
    for (_, row) in rows(&env, "#feed-table tbody tr").await {
        assert!(
            row.split('\t').nth(1) == Some("1"),
            "only customer 1: {row}"
        );
    }
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_customer_explains_each_rule_then_saves() {
    let env = Env::demo().await;
    env.goto("/clinic").await;

    // Nothing typed: both required fields are named.
    env.click("#add-customer-submit").await;
    env.wait_text("#ac-name-error", "顾客姓名不能为空").await;
    env.wait_text("#ac-telnum-error", "手机号不能为空").await;

    env.fill("#ac-name", &"长".repeat(51)).await;
    env.fill("#ac-telnum", "1380013").await;
    env.fill("#ac-erpId", "12ab").await;
    env.fill("#ac-birthday", "2021-02-30").await;
    env.click("#add-customer-submit").await;
    env.wait_text("#ac-name-error", "顾客姓名不能超过50个字")
        .await;
    env.wait_text("#ac-telnum-error", "应为11位手机号").await;
    env.wait_text("#ac-erpId-error", "会员ID只能是不超过11位的数字")
        .await;
    env.wait_text("#ac-birthday-error", "生日不是有效日期")
        .await;

    // erpId: twelve digits are too many.
    env.fill("#ac-erpId", "123456789012").await;
    env.fill("#ac-name", "测试新顾客").await;
    env.click("#add-customer-submit").await;
    env.wait_text("#ac-erpId-error", "会员ID只能是不超过11位的数字")
        .await;
    assert_eq!(env.text("#ac-name-error").await, "");

    // What was typed survives a reload.
    env.browser.refresh().await.unwrap();
    assert_eq!(env.value("#ac-name").await, "测试新顾客");

    // Valid now.
    env.fill("#ac-telnum", "13912345678").await;
    env.fill("#ac-erpId", "98765432101").await;
    env.fill("#ac-birthday", "1990-05-06").await;
    env.select("#ac-sex", "2").await;
    env.fill("#ac-channelName", "测试渠道").await;
    env.fill("#ac-preConsultName", "测试咨询师").await;
    env.click("#add-customer-submit").await;
    env.text("#add-customer-created a").await;
    for id in ["name", "telnum", "erpId", "birthday"] {
        assert_eq!(env.text(&format!("#ac-{id}-error")).await, "");
    }
    env.click("#add-customer-created a").await;
    env.wait_text("#clinic-profile-name", "测试新顾客").await;
    // The look-up fields follow the link.
    let shown = env
        .browser
        .find(Locator::Css("#lookup-by"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(shown.as_deref(), Some("cusId"));
    assert_eq!(field(&env, "telnum").await, "13912345678");
    assert_eq!(field(&env, "birthday").await, "1990-05-06");
    assert_eq!(field(&env, "sex").await, "女");
    assert_eq!(field(&env, "channel").await, "测试渠道");
    assert_eq!(field(&env, "preconsult").await, "测试咨询师");

    // The same member id again: the server's errMsg, as given.
    env.fill("#ac-name", "另一位顾客").await;
    env.fill("#ac-telnum", "13912345679").await;
    env.fill("#ac-erpId", "98765432101").await;
    env.click("#add-customer-submit").await;
    env.wait_text("#add-customer-error", "erpId已存在").await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn appointments_of_each_type_are_created_changed_and_cancelled() {
    let env = Env::demo().await;
    env.goto("/clinic/appointments?cusId=2").await;
    env.text("#feed-table").await;
    let day = today();

    // Bad input is explained next to the fields, nothing is sent.
    env.fill("#an-appointmentTime", "明天上午").await;
    env.click("#appt-new-submit").await;
    env.wait_text("#an-appointmentTime-error", "年-月-日").await;
    env.fill("#an-appointmentTime", &format!("{day} 10:00"))
        .await;
    env.fill("#an-appointmentTime1", &format!("{day} 09:00"))
        .await;
    env.click("#appt-new-submit").await;
    env.wait_text("#an-appointmentTime1-error", "结束时间不能早于开始时间")
        .await;
    env.fill("#an-appointmentTime1", &format!("{day} 11:00"))
        .await;

    // Doctor only for surgery.
    env.select("#an-type", "0").await;
    assert!(!env.exists("#an-doctorId").await);
    env.select("#an-type", "1").await;
    env.fill("#an-doctorId", "1").await;

    let mut ids = Vec::new();
    for kind in ["1", "0", "3", "2"] {
        let content = format!("类型{kind}测试");
        ids.push(create(&env, kind, &content, &format!("{day} 10:0{kind}")).await);
        assert_eq!(env.text("#appt-new-error").await, "");
    }
    let table = rows(&env, "#feed-table tbody tr").await;
    for (kind, label) in [
        ("1", "手术预约"),
        ("0", "员工新增在线预约"),
        ("3", "员工新增店内预约"),
        ("2", "顾客在线预约"),
    ] {
        let row = table
            .iter()
            .find(|r| r.1.contains(&format!("类型{kind}测试")))
            .unwrap();
        assert!(row.1.contains(label), "{row:?} shows {label}");
    }

    // Change the in-store one. Escape closes the panel and gives the focus
    // back to the button that opened it.
    let id = &ids[2];
    env.click(&format!("#feed-table tr[data-id='{id}'] button.manage"))
        .await;
    env.text("#appt-manage").await;
    env.press("\u{E00C}").await;
    env.wait_gone("#appt-manage").await;
    let focused = env
        .browser
        .execute("return document.activeElement.id", vec![])
        .await
        .unwrap();
    assert_eq!(focused.as_str(), Some(format!("manage-{id}").as_str()));
    env.click(&format!("#feed-table tr[data-id='{id}'] button.manage"))
        .await;
    env.text("#appt-manage").await;
    env.fill("#ae-content", "改期到下午").await;
    // What was typed survives a reload.
    env.browser.refresh().await.unwrap();
    env.click(&format!("#feed-table tr[data-id='{id}'] button.manage"))
        .await;
    assert_eq!(env.value("#ae-content").await, "改期到下午");
    env.fill("#ae-appointmentTime", &format!("{day} 15:30"))
        .await;
    env.click("#appt-change-submit").await;
    env.wait_gone("#appt-manage").await;
    env.wait_text(&format!("#feed-table tr[data-id='{id}']"), "改期到下午")
        .await;
    env.wait_text(&format!("#feed-table tr[data-id='{id}']"), "15:30")
        .await;
    // The server has it too: a fresh page shows the change.
    env.browser.refresh().await.unwrap();
    env.wait_text(&format!("#feed-table tr[data-id='{id}']"), "改期到下午")
        .await;

    // Cancel it with a reason.
    env.click(&format!("#feed-table tr[data-id='{id}'] button.manage"))
        .await;
    env.fill("#appt-cancel-reason", "顾客临时出差").await;
    env.click("#appt-cancel-submit").await;
    env.wait_gone("#appt-manage").await;
    env.wait_text(&format!("#feed-table tr[data-id='{id}']"), "已取消")
        .await;
    // And it is in the list by cancelled time.
    env.click("#feed-cancelled").await;
    env.wait_path("/clinic/appointments?cusId=2&feed=cancelled")
        .await;
    env.wait_text(&format!("#feed-table tr[data-id='{id}']"), "改期到下午")
        .await;
    env.assert_no_console_errors().await;

    // The customer's profile lists their appointments, cancelled one included.
    env.goto("/clinic?cusId=2").await;
    env.wait_text("#customer-appointments-table", "类型1测试")
        .await;
    env.wait_text(
        &format!("#customer-appointments-table tr[data-id='{id}']"),
        "已取消",
    )
    .await;
    for (_, row) in rows(&env, "#customer-appointments-table tbody tr").await {
        assert_eq!(row.split('\t').nth(1), Some("2"), "only customer 2: {row}");
    }
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn records_sharing_a_timestamp_show_exactly_once() {
    // The demo's six appointments created at one moment, yesterday 09:30
    // as of when the server seeded them (read "now" before and after, so a
    // run across midnight, China time, knows both days).
    let yesterday_0930 =
        |now: i64| format_ms(scrm_api_day_start(now) - 86_400_000 + 9 * 3_600_000 + 30 * 60_000);
    let seeded_before = now_ms();
    let env = Env::demo().await;
    let seeded_after = now_ms();
    let shared = [yesterday_0930(seeded_before), yesterday_0930(seeded_after)];
    env.goto("/clinic/appointments?feed=created").await;
    env.wait_text("#feed-status", "新增记录").await;
    let first = rows(&env, "#feed-table tbody tr").await;
    assert_unique(&first);
    // The created column is the seventh.
    let at_shared = |r: &[(String, String)]| {
        r.iter()
            .filter(|x| {
                x.1.split('\t')
                    .nth(6)
                    .is_some_and(|t| shared.contains(&t.trim().to_owned()))
            })
            .count()
    };
    assert_eq!(at_shared(&first), 6, "{shared:?}: {first:?}");
    env.click("#feed-load-newer").await;
    env.wait_text("#feed-status", "新增记录: 0").await;
    let again = rows(&env, "#feed-table tbody tr").await;
    assert_eq!(again, first, "loading newer repeats nothing");

    // A group at the newest time, which every "load newer" asks again
    // from: two now, a third arriving later at the same time.
    env.goto("/clinic/appointments?cusId=5&feed=appointed")
        .await;
    env.wait_text("#feed-status", "新增记录").await;
    let late = "2099-01-01 10:00";
    create(&env, "0", "同一时刻一", late).await;
    create(&env, "3", "同一时刻二", late).await;
    env.click("#feed-load-newer").await;
    env.wait_text("#feed-status", "新增记录: 0").await;
    let count = |r: &[(String, String)]| r.iter().filter(|x| x.1.contains(late)).count();
    let r = rows(&env, "#feed-table tbody tr").await;
    assert_unique(&r);
    assert_eq!(count(&r), 2, "{r:?}");
    create(&env, "2", "同一时刻三", late).await;
    env.wait_text("#feed-status", "新增记录: 1").await;
    env.click("#feed-load-newer").await;
    env.wait_text("#feed-status", "新增记录: 0").await;
    let r = rows(&env, "#feed-table tbody tr").await;
    assert_unique(&r);
    assert_eq!(count(&r), 3, "{r:?}");
    env.close().await;
}

/// Midnight (China time) of the day containing `ms`.
fn scrm_api_day_start(ms: i64) -> i64 {
    let offset = 8 * 3_600_000;
    (ms + offset).div_euclid(86_400_000) * 86_400_000 - offset
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_agenda_shows_today_in_time_order() {
    let env = Env::demo().await;
    env.goto("/clinic/appointments?cusId=3").await;
    env.text("#agenda").await;
    let day = today();
    // Booked out of order: the later one first.
    create(&env, "0", "晚一点的预约", &format!("{day} 00:02")).await;
    create(&env, "3", "早一点的预约", &format!("{day} 00:01")).await;
    let today_css = "#agenda .agenda-day[data-today='true'] .agenda-item";
    env.wait_text("#agenda .agenda-day[data-today='true']", "晚一点的预约")
        .await;
    env.wait_text("#agenda .agenda-day[data-today='true']", "早一点的预约")
        .await;
    let items = rows(&env, today_css).await;
    assert!(
        items[0].1.starts_with("00:01") && items[0].1.contains("早一点的预约"),
        "{items:?}"
    );
    assert!(
        items[1].1.starts_with("00:02") && items[1].1.contains("晚一点的预约"),
        "{items:?}"
    );
    // All of today's appointments, in time order, for the whole clinic too.
    env.goto("/clinic/appointments").await;
    env.wait_text("#agenda .agenda-day[data-today='true']", "早一点的预约")
        .await;
    let items = rows(&env, today_css).await;
    let times: Vec<&str> = items.iter().map(|r| r.1.get(..5).unwrap_or("")).collect();
    let mut sorted = times.clone();
    sorted.sort();
    assert_eq!(times, sorted, "today in time order");
    // Usable at 360 px: the page itself never scrolls sideways (the table
    // scrolls inside its own box).
    env.browser.set_window_size(360, 800).await.unwrap();
    let overflow = env
        .browser
        .execute(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        overflow.as_i64(),
        Some(0),
        "no sideways scrolling at 360 px"
    );
    assert_eq!(
        env.browser
            .find(Locator::Css("#agenda .agenda-day[data-today='true']"))
            .await
            .unwrap()
            .attr("data-date")
            .await
            .unwrap()
            .as_deref(),
        Some(day.as_str())
    );
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clinic_pages_show_a_notice_when_disabled() {
    let env =
        Env::with(|o| o.config_json = Some(r#"{"locale":"en","clinic":{"enabled":false}}"#.into()))
            .await;
    env.login("demo", "demo123").await;
    assert!(!env.exists("nav.sidebar a[href='/clinic']").await);
    for path in ["/clinic", "/clinic/appointments"] {
        env.goto(path).await;
        env.wait_text("main .notice", "not enabled").await;
        assert!(!env.exists("#clinic-lookup").await);
        assert!(!env.exists("#agenda").await);
    }
    env.close().await;
}

/// Not a check: saves screenshots of the clinic pages at desktop and 360 px
/// widths into target/screenshots for a person to look at.
/// `SCRM_DIST=dist cargo test --test clinic -- --ignored clinic_screenshots`
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore]
async fn clinic_screenshots() {
    let env = Env::demo().await;
    for (w, h) in [(1280, 1600), (360, 1600)] {
        env.browser.set_window_size(w, h).await.unwrap();
        for (name, path, marker) in [
            ("clinic", "/clinic?cusId=1", "#clinic-profile"),
            ("clinic-appointments", "/clinic/appointments", "#feed-table"),
        ] {
            env.goto(path).await;
            env.text(marker).await;
            env.screenshot(&format!("{name}-{w}")).await;
        }
    }
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn adding_a_known_number_names_the_clinic_customer_and_the_customer_record() {
    let env = Env::demo().await;
    env.goto("/clinic?cusId=1").await;
    let name = env.text("#clinic-profile-name").await;
    let phone = field(&env, "telnum").await;
    env.goto("/clinic").await;
    env.fill("#ac-telnum", &phone).await;
    env.wait_text("#ac-known", &format!("已是诊所顾客：{name}"))
        .await;
    // A number of the customer records, and none of the clinic's.
    env.fill("#ac-telnum", "138 0000 0001").await;
    env.wait_text("#ac-known", "已是客户").await;
    assert!(!env.text("#ac-known").await.contains("诊所顾客"));
    env.fill("#ac-telnum", "13911119999").await;
    env.wait_js(
        "return document.getElementById('ac-known').textContent.trim() === '';",
        "no warning for a new number",
    )
    .await;
    env.close().await;
}
