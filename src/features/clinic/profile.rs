//! A clinic customer's whole record, readable: every field of the SDK's
//! getCusInfoByCusId list plus the linked people, channel and official
//! accounts. Everything is shown as text; the head image only if http(s).

use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::components::A;
use scrm_api::clinic::{ClinicCustomer, CustomerBrief};

use crate::core::text::{shown, NO_VALUE};
use crate::features::clinic::profile_fields::{followed_accounts, is_http_url, related_name};
use crate::platform::i18n::{t_string, use_i18n};
use crate::ui::phone_actions::PhoneActions;

fn text(v: Option<String>) -> String {
    shown(v.as_deref())
}

/// One `<dt>`/`<dd>` pair; `field` (the SDK's name) marks the value for tests.
fn row(label: &'static str, field: &'static str, value: String) -> impl IntoView {
    view! {
        <div class="kv">
            <dt>{label}</dt>
            <dd data-field=field>{value}</dd>
        </div>
    }
}

/// A phone row: the number with copy and call, or the "no value" mark.
fn phone_row(label: &'static str, field: &'static str, value: Option<String>) -> impl IntoView {
    let value = value.filter(|p| !p.trim().is_empty());
    view! {
        <div class="kv">
            <dt>{label}</dt>
            <dd data-field=field>
                {match value {
                    Some(phone) => Either::Left(view! { <PhoneActions phone=phone/> }),
                    None => Either::Right(NO_VALUE),
                }}
            </dd>
        </div>
    }
}

#[component]
pub fn ClinicProfile(
    customer: ClinicCustomer,
    /// The follower summary when the look-up was by WeChat openId.
    #[prop(optional)]
    brief: Option<CustomerBrief>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Labels are plain text read here; the whole record is redrawn when the
    // locale changes (cheaper in wasm than one reactive closure per label).
    move || profile(i18n, &customer, brief.as_ref())
}

fn profile(
    i18n: leptos_i18n::I18nContext<crate::platform::i18n::Locale>,
    c: &ClinicCustomer,
    brief: Option<&CustomerBrief>,
) -> impl IntoView {
    let sex = match c.sex {
        Some(1) => t_string!(i18n, clinic_sex_male).to_owned(),
        Some(2) => t_string!(i18n, clinic_sex_female).to_owned(),
        _ => t_string!(i18n, clinic_unknown).to_owned(),
    };
    let model = match c.model {
        Some(0) => t_string!(i18n, clinic_model_0).to_owned(),
        Some(1) => t_string!(i18n, clinic_model_1).to_owned(),
        Some(2) => t_string!(i18n, clinic_model_2).to_owned(),
        _ => t_string!(i18n, clinic_unknown).to_owned(),
    };
    let big = match c.is_big_order {
        Some(1) => t_string!(i18n, clinic_yes).to_owned(),
        Some(_) => t_string!(i18n, clinic_no).to_owned(),
        None => NO_VALUE.to_owned(),
    };
    let accounts = followed_accounts(&c.wx_scenes_bind);
    let accounts = (!accounts.is_empty()).then(|| accounts.join("、"));
    let head = c.headimg.clone().filter(|u| is_http_url(u));
    let name = c.name.clone().unwrap_or_default();
    let appointments = c.id.map(|id| format!("/clinic/appointments?cusId={id}"));
    let follow = brief.map(|b| match b.status {
        Some(1) => t_string!(i18n, clinic_status_following).to_owned(),
        Some(2) => t_string!(i18n, clinic_status_unfollowed).to_owned(),
        _ => t_string!(i18n, clinic_unknown).to_owned(),
    });
    view! {
        <article class="clinic-profile" id="clinic-profile" aria-labelledby="clinic-profile-name">
            <header class="clinic-profile-head">
                {head.map(|src| view! { <img class="avatar" src=src alt="" width="48" height="48"/> })}
                <h2 id="clinic-profile-name">{name}</h2>
                {appointments.map(|href| view! {
                    <A href=crate::core::nav::href(&href) attr:id="clinic-profile-appointments">{t_string!(i18n, clinic_view_appointments)}</A>
                })}
            </header>
            <dl class="kv-list">
                {row(t_string!(i18n, clinic_f_id), "id", text(c.id.map(|v| v.to_string())))}
                {follow.map(|f| row(t_string!(i18n, clinic_f_status), "status", f))}
                {phone_row(t_string!(i18n, clinic_f_telnum), "telnum", c.telnum.clone())}
                {phone_row(t_string!(i18n, clinic_f_telnum1), "telnum1", c.telnum1.clone())}
                {row(t_string!(i18n, clinic_f_birthday), "birthday", text(c.birthday.clone()))}
                {row(t_string!(i18n, clinic_f_sex), "sex", sex)}
                {row(t_string!(i18n, clinic_f_description), "description", text(c.description.clone()))}
                {row(t_string!(i18n, clinic_f_wx_last_op_time), "wxLastOpTime", text(c.wx_last_op_time.as_ref().map(|t| t.display().to_owned())))}
                {row(t_string!(i18n, clinic_f_intention), "intention", text(c.intention.clone()))}
                {row(t_string!(i18n, clinic_f_big_order), "isBigOrder", big)}
                {row(t_string!(i18n, clinic_f_points), "points", text(c.points.clone()))}
                {row(t_string!(i18n, clinic_f_commission), "commission", text(c.commission.clone()))}
                {row(t_string!(i18n, clinic_f_gold), "gold", text(c.gold.clone()))}
                {row(t_string!(i18n, clinic_f_stored_principal), "storedPrincipal", text(c.stored_principal.clone()))}
                {row(t_string!(i18n, clinic_f_stored_give), "storedGive", text(c.stored_give.clone()))}
                {row(t_string!(i18n, clinic_f_model), "model", model)}
                {row(t_string!(i18n, clinic_f_channel), "channel", text(related_name(&c.channel)))}
                {row(t_string!(i18n, clinic_f_user), "user", text(related_name(&c.user)))}
                {row(t_string!(i18n, clinic_f_first_pre_consult), "firstpreconsult", text(related_name(&c.firstpreconsult)))}
                {row(t_string!(i18n, clinic_f_pre_consult), "preconsult", text(related_name(&c.preconsult)))}
                {row(t_string!(i18n, clinic_f_consult), "consult", text(related_name(&c.consult)))}
                {row(t_string!(i18n, clinic_f_scenes), "wxScenesBind", text(accounts))}
            </dl>
        </article>
    }
}
