-- Initial schema. Every row that belongs to a customer business carries
-- tenant_id so that each query can be scoped by the caller's tenant alone,
-- whatever ids the caller sends. Times are Unix milliseconds (UTC) unless the
-- column name says otherwise; the clinic tables keep the SDK's own
-- 'YYYY-MM-DD HH:MM:SS' (UTC+8) text, which sorts correctly as text.

CREATE TABLE tenant (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE department (
    id        INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenant(id),
    name      TEXT NOT NULL
);
CREATE INDEX department_tenant ON department(tenant_id);

CREATE TABLE admin_user (
    id                 INTEGER PRIMARY KEY,
    tenant_id          INTEGER NOT NULL REFERENCES tenant(id),
    department_id      INTEGER REFERENCES department(id),
    username           TEXT NOT NULL UNIQUE,
    real_name          TEXT NOT NULL DEFAULT '',
    password_hash      TEXT NOT NULL,
    is_open_after_call INTEGER NOT NULL DEFAULT 0,
    created_at         INTEGER NOT NULL
);
CREATE INDEX admin_user_tenant ON admin_user(tenant_id);

CREATE TABLE session (
    token_hash    TEXT PRIMARY KEY,
    admin_user_id INTEGER NOT NULL REFERENCES admin_user(id) ON DELETE CASCADE,
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL
);
CREATE INDEX session_expires ON session(expires_at);
CREATE INDEX session_user ON session(admin_user_id);

CREATE TABLE tag (
    id        INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenant(id),
    name      TEXT NOT NULL,
    UNIQUE (tenant_id, name)
);

-- A WeChat account operated by an admin user (the sales person's phone).
CREATE TABLE wechat_user (
    id            INTEGER PRIMARY KEY,
    tenant_id     INTEGER NOT NULL REFERENCES tenant(id),
    admin_user_id INTEGER NOT NULL REFERENCES admin_user(id),
    uin           TEXT NOT NULL DEFAULT '',
    user_name     TEXT NOT NULL DEFAULT '',
    nick_name     TEXT NOT NULL DEFAULT '',
    alias         TEXT NOT NULL DEFAULT '',
    head_img_url  TEXT NOT NULL DEFAULT '',
    is_online     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX wechat_user_tenant ON wechat_user(tenant_id, admin_user_id);

-- A friend of one WeChat account.
CREATE TABLE wechat_contact (
    id                 INTEGER PRIMARY KEY,
    tenant_id          INTEGER NOT NULL REFERENCES tenant(id),
    wechat_user_id     INTEGER NOT NULL REFERENCES wechat_user(id) ON DELETE CASCADE,
    uin                TEXT NOT NULL DEFAULT '0',
    user_name          TEXT NOT NULL DEFAULT '',
    nick_name          TEXT NOT NULL DEFAULT '',
    remark_name        TEXT NOT NULL DEFAULT '',
    alias              TEXT NOT NULL DEFAULT '',
    head_img_url       TEXT NOT NULL DEFAULT '',
    sex                TEXT NOT NULL DEFAULT '0',
    province           TEXT NOT NULL DEFAULT '',
    city               TEXT NOT NULL DEFAULT '',
    py_initial         TEXT NOT NULL DEFAULT '',
    py_quan_pin        TEXT NOT NULL DEFAULT '',
    is_delete          INTEGER NOT NULL DEFAULT 0,
    is_star            INTEGER NOT NULL DEFAULT 0,
    -- 個性稱呼 (batchSaveNickName)
    customer_nick_name TEXT
);
CREATE INDEX wechat_contact_user ON wechat_contact(wechat_user_id);
CREATE INDEX wechat_contact_tenant ON wechat_contact(tenant_id);

CREATE TABLE customer (
    id                INTEGER PRIMARY KEY,
    tenant_id         INTEGER NOT NULL REFERENCES tenant(id),
    wechat_contact_id INTEGER REFERENCES wechat_contact(id) ON DELETE SET NULL,
    customer_name     TEXT NOT NULL DEFAULT '',
    customer_phone    TEXT NOT NULL DEFAULT '',
    nick_name         TEXT NOT NULL DEFAULT '',
    remarks           TEXT NOT NULL DEFAULT '',
    xfield1           TEXT NOT NULL DEFAULT '',
    is_cust           INTEGER NOT NULL DEFAULT 0,
    create_time       INTEGER NOT NULL,
    last_update_time  INTEGER NOT NULL
);
-- Newest-first paging within a tenant, and the exact-phone lookup of calls.
CREATE INDEX customer_tenant_time ON customer(tenant_id, create_time DESC, id DESC);
CREATE INDEX customer_tenant_phone ON customer(tenant_id, customer_phone);
CREATE INDEX customer_contact ON customer(wechat_contact_id);

CREATE TABLE customer_tag (
    customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
    tag_id      INTEGER NOT NULL REFERENCES tag(id) ON DELETE CASCADE,
    PRIMARY KEY (customer_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX customer_tag_tag ON customer_tag(tag_id, customer_id);

-- One chat message between a WeChat account and one of its contacts.
CREATE TABLE chat_message (
    id                INTEGER PRIMARY KEY,
    tenant_id         INTEGER NOT NULL REFERENCES tenant(id),
    wechat_user_id    INTEGER NOT NULL REFERENCES wechat_user(id) ON DELETE CASCADE,
    wechat_contact_id INTEGER NOT NULL REFERENCES wechat_contact(id) ON DELETE CASCADE,
    -- 1: sent by the account, 0: received from the contact
    is_send           INTEGER NOT NULL,
    -- WeChat message type (1 text, 3 image, 34 voice, 43 video, 47 emoji, 49 link/file, 10000 system ...)
    msg_type          INTEGER NOT NULL,
    content           TEXT NOT NULL DEFAULT '',
    create_time       INTEGER NOT NULL
);
CREATE INDEX chat_message_contact_time ON chat_message(wechat_contact_id, create_time DESC, id DESC);
CREATE INDEX chat_message_user_time ON chat_message(wechat_user_id, create_time DESC, id DESC);

-- "Customer pool": phone leads assigned to a sales person (source 2 of getCustomerInfoByCall).
CREATE TABLE pool_customer (
    id             INTEGER PRIMARY KEY,
    tenant_id      INTEGER NOT NULL REFERENCES tenant(id),
    admin_user_id  INTEGER NOT NULL REFERENCES admin_user(id),
    customer_name  TEXT NOT NULL DEFAULT '',
    customer_phone TEXT NOT NULL DEFAULT '',
    company        TEXT,
    remarks        TEXT,
    assign_time    INTEGER NOT NULL
);
CREATE INDEX pool_customer_phone ON pool_customer(tenant_id, admin_user_id, customer_phone);

-- 手動錄入: leads a sales person typed in by hand, grouped per admin user as a "task".
CREATE TABLE manual_entry (
    id               INTEGER PRIMARY KEY,
    tenant_id        INTEGER NOT NULL REFERENCES tenant(id),
    admin_user_id    INTEGER NOT NULL REFERENCES admin_user(id),
    customer_name    TEXT NOT NULL DEFAULT '',
    customer_phone   TEXT NOT NULL DEFAULT '',
    address          TEXT,
    nick_name        TEXT,
    user_name        TEXT,
    company          TEXT,
    tags             TEXT,
    phone_geo        TEXT,
    xfield1          TEXT, xfield2 TEXT, xfield3 TEXT, xfield4 TEXT, xfield5 TEXT,
    xfield6          TEXT, xfield7 TEXT, xfield8 TEXT, xfield9 TEXT, xfield10 TEXT,
    v1               TEXT,
    uin              TEXT,
    remarks          TEXT,
    syn              INTEGER NOT NULL DEFAULT 1,
    dial_status      INTEGER NOT NULL DEFAULT 0,
    add_status       INTEGER NOT NULL DEFAULT 0,
    task_id          INTEGER NOT NULL DEFAULT -1,
    order_num        INTEGER NOT NULL DEFAULT 0,
    assign_time      INTEGER,
    create_time      INTEGER NOT NULL,
    last_update_time INTEGER NOT NULL
);
CREATE INDEX manual_entry_user ON manual_entry(tenant_id, admin_user_id, id);
CREATE INDEX manual_entry_phone ON manual_entry(tenant_id, customer_phone);

-- Clinic SDK ------------------------------------------------------------

-- Named people and channels that addCustomer refers to by name and creates when missing.
CREATE TABLE clinic_channel (
    id        INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenant(id),
    name      TEXT NOT NULL,
    UNIQUE (tenant_id, name)
);

CREATE TABLE clinic_staff (
    id        INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenant(id),
    name      TEXT NOT NULL,
    UNIQUE (tenant_id, name)
);

CREATE TABLE clinic_customer (
    id                   INTEGER PRIMARY KEY,
    tenant_id            INTEGER NOT NULL REFERENCES tenant(id),
    erp_id               INTEGER,
    open_id              TEXT,
    wxappid              TEXT,
    status               INTEGER NOT NULL DEFAULT 1,
    name                 TEXT NOT NULL,
    telnum               TEXT NOT NULL,
    telnum1              TEXT,
    birthday             TEXT,
    sex                  INTEGER NOT NULL DEFAULT 0,
    description          TEXT,
    wx_last_op_time      TEXT,
    uid                  INTEGER REFERENCES clinic_staff(id),
    channel_id           INTEGER REFERENCES clinic_channel(id),
    consult_id           INTEGER REFERENCES clinic_staff(id),
    first_pre_consult_id INTEGER REFERENCES clinic_staff(id),
    pre_consult_id       INTEGER REFERENCES clinic_staff(id),
    owner_id             INTEGER REFERENCES clinic_staff(id),
    intention            INTEGER,
    is_big_order         INTEGER NOT NULL DEFAULT 0,
    points               INTEGER NOT NULL DEFAULT 0,
    commission           TEXT NOT NULL DEFAULT '0.00',
    gold                 TEXT NOT NULL DEFAULT '0.00',
    stored_principal     TEXT NOT NULL DEFAULT '0.00',
    stored_give          TEXT NOT NULL DEFAULT '0.00',
    headimg              TEXT,
    model                INTEGER NOT NULL DEFAULT 0,
    wx_scenes_bind       TEXT,
    create_time          TEXT NOT NULL,
    UNIQUE (tenant_id, erp_id)
);
CREATE INDEX clinic_customer_tel ON clinic_customer(tenant_id, telnum);
CREATE INDEX clinic_customer_openid ON clinic_customer(tenant_id, open_id, wxappid);

CREATE TABLE clinic_appointment (
    id                INTEGER PRIMARY KEY,
    tenant_id         INTEGER NOT NULL REFERENCES tenant(id),
    team_id           TEXT NOT NULL DEFAULT '',
    cus_id            INTEGER NOT NULL REFERENCES clinic_customer(id),
    u_id              INTEGER,
    type              INTEGER NOT NULL DEFAULT 2,
    content           TEXT NOT NULL DEFAULT '',
    comment           TEXT NOT NULL DEFAULT '',
    create_time       TEXT NOT NULL,
    appointment_time  TEXT,
    appointment_time1 TEXT,
    cancel_time       TEXT,
    cancel_comment    TEXT,
    complete_time     TEXT,
    doctor_id         INTEGER,
    technician_id     INTEGER,
    p_id              TEXT
);
-- One index per incremental mode: "time >= T order by (time, id)".
CREATE INDEX clinic_appt_create ON clinic_appointment(tenant_id, create_time, id);
CREATE INDEX clinic_appt_complete ON clinic_appointment(tenant_id, complete_time, id);
CREATE INDEX clinic_appt_appoint ON clinic_appointment(tenant_id, appointment_time, id);
CREATE INDEX clinic_appt_cancel ON clinic_appointment(tenant_id, cancel_time, id);
CREATE INDEX clinic_appt_cus ON clinic_appointment(tenant_id, cus_id);
