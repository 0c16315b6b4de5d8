-- 008_fengong.sql — a 分工方案 as offices write it (issue 13): several lead
-- units of one row (the first, items.lead_unit_id, is the 牵头 of record;
-- the others are kept beside the co units with joint = 1, and all of them
-- may report), the placeholders an office writes where a unit would stand
-- (有关单位, 各县区, 省(中)直有关单位), kept as text and never as units, and
-- the office's own number of the line (一、 (1) 1.).

ALTER TABLE item_co_units ADD COLUMN joint INTEGER NOT NULL DEFAULT 0;
ALTER TABLE items ADD COLUMN others TEXT;
ALTER TABLE items ADD COLUMN office_no TEXT;
