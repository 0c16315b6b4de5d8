-- 006_loop.sql — the closed loop of 督办 (issue 14): evidence files kept in
-- the store, the 办结 request and the office's review of it, a progress
-- report that replaces an earlier one, and the figures of a report on a row
-- with several targets. Nothing here is ever updated or deleted: a review is
-- a new row, a correction is a new report that names the one it replaces.

-- 佐证材料: the bytes of a file, its name, type (read from its first bytes),
-- size and SHA-256, who stored it and when, the row and the report it backs
CREATE TABLE evidence (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES items(id),
    progress_id INTEGER REFERENCES progress(id),
    unit_id     INTEGER REFERENCES units(id),
    name        TEXT NOT NULL,
    type        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    data        BLOB NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
);
CREATE INDEX evidence_item ON evidence(item_id);

-- a report that corrects an earlier one of the same row names it here
ALTER TABLE progress ADD COLUMN replaces INTEGER REFERENCES progress(id);

-- the figure reached for each target of a row with several targets
CREATE TABLE progress_values (
    progress_id INTEGER NOT NULL REFERENCES progress(id),
    mention_id  INTEGER NOT NULL REFERENCES mentions(id),
    value       REAL NOT NULL,
    PRIMARY KEY (progress_id, mention_id)
);

-- 办结: a unit's request (with the report that says what was done), the
-- office's approval (销号) or return with a reason; the latest one of a row
-- is its state
CREATE TABLE reviews (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES items(id),
    action      TEXT NOT NULL CHECK (action IN ('request', 'approve', 'return')),
    progress_id INTEGER REFERENCES progress(id),
    unit_id     INTEGER REFERENCES units(id),
    reason      TEXT,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
);
CREATE INDEX reviews_item ON reviews(item_id, id);
