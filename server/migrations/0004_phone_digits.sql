-- Phones are kept as their digits (scrm_api::validate::normalize_phone), so
-- that a number saved with separators before this version is found by the
-- lookups, which send digits: spaces, dashes, dots, brackets and slashes are
-- dropped, then a +86 or 0086 prefix. A value that does not come down to
-- digits (a masked number such as 138****1786) stays as it was.

CREATE TEMP TABLE phone_fix (tbl TEXT NOT NULL, r INTEGER NOT NULL, s TEXT NOT NULL);
INSERT INTO phone_fix SELECT 'customer', rowid, replace(replace(replace(replace(replace(replace(customer_phone, ' ', ''), '-', ''), '.', ''), '(', ''), ')', ''), '/', '')
  FROM customer WHERE customer_phone GLOB '*[^0-9]*';
INSERT INTO phone_fix SELECT 'pool_customer', rowid, replace(replace(replace(replace(replace(replace(customer_phone, ' ', ''), '-', ''), '.', ''), '(', ''), ')', ''), '/', '')
  FROM pool_customer WHERE customer_phone GLOB '*[^0-9]*';
INSERT INTO phone_fix SELECT 'manual_entry', rowid, replace(replace(replace(replace(replace(replace(customer_phone, ' ', ''), '-', ''), '.', ''), '(', ''), ')', ''), '/', '')
  FROM manual_entry WHERE customer_phone GLOB '*[^0-9]*';
INSERT INTO phone_fix SELECT 'clinic_customer', rowid, replace(replace(replace(replace(replace(replace(telnum, ' ', ''), '-', ''), '.', ''), '(', ''), ')', ''), '/', '')
  FROM clinic_customer WHERE telnum GLOB '*[^0-9]*';
UPDATE phone_fix SET s = substr(s, 4) WHERE s LIKE '+86%';
UPDATE phone_fix SET s = substr(s, 5) WHERE s LIKE '0086%';
DELETE FROM phone_fix WHERE s = '' OR s GLOB '*[^0-9]*';
UPDATE customer SET customer_phone = (SELECT s FROM phone_fix WHERE tbl = 'customer' AND r = customer.rowid)
 WHERE rowid IN (SELECT r FROM phone_fix WHERE tbl = 'customer');
UPDATE pool_customer SET customer_phone = (SELECT s FROM phone_fix WHERE tbl = 'pool_customer' AND r = pool_customer.rowid)
 WHERE rowid IN (SELECT r FROM phone_fix WHERE tbl = 'pool_customer');
UPDATE manual_entry SET customer_phone = (SELECT s FROM phone_fix WHERE tbl = 'manual_entry' AND r = manual_entry.rowid)
 WHERE rowid IN (SELECT r FROM phone_fix WHERE tbl = 'manual_entry');
UPDATE clinic_customer SET telnum = (SELECT s FROM phone_fix WHERE tbl = 'clinic_customer' AND r = clinic_customer.rowid)
 WHERE rowid IN (SELECT r FROM phone_fix WHERE tbl = 'clinic_customer');
DROP TABLE phone_fix;
