-- 007_cycles.sql — the reporting cycle of the office (docs/ledger.md, luoshi
-- cycle set): units report every month or every quarter, by day 'due_day' of
-- the month after the period. Each setting is a new row (the latest is in
-- force), so that an earlier cycle is never overwritten; the change log has
-- it too.

CREATE TABLE cycles (
    id       INTEGER PRIMARY KEY,
    every    TEXT NOT NULL CHECK (every IN ('month', 'quarter')),
    due_day  INTEGER NOT NULL CHECK (due_day BETWEEN 1 AND 31),
    set_at   TEXT NOT NULL,
    set_by   TEXT NOT NULL
);
