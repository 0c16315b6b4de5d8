-- 001_ledger.sql — the ledger: reports as read, their outline, clauses and
-- quantities, the rows a supervision office tracks (items), the units that
-- own them, progress reports, and the append-only change log.
-- Offsets (start_byte, end_byte) point into reports.text, the UTF-8 text
-- that luoshi parse reads; every row can show the sentence it came from.

CREATE TABLE governments (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE
);

CREATE TABLE reports (
    id            INTEGER PRIMARY KEY,
    government_id INTEGER NOT NULL REFERENCES governments(id),
    year          INTEGER NOT NULL,
    version       INTEGER NOT NULL,          -- 1, 2, … for new texts of one year
    doc_id        TEXT NOT NULL,             -- luoshi parse's document id
    sha256        TEXT NOT NULL UNIQUE,      -- of the file's bytes: one import per file
    source_name   TEXT NOT NULL,
    encoding      TEXT NOT NULL,
    from_html     INTEGER NOT NULL,
    text          TEXT NOT NULL,             -- the verbatim UTF-8 text
    imported_at   TEXT NOT NULL,
    imported_by   TEXT NOT NULL,
    UNIQUE (government_id, year, version)
);

CREATE TABLE headings (
    id          INTEGER PRIMARY KEY,
    report_id   INTEGER NOT NULL REFERENCES reports(id),
    seq         INTEGER NOT NULL,
    parent_id   INTEGER REFERENCES headings(id),
    level       INTEGER NOT NULL,
    title       TEXT NOT NULL,
    part        TEXT NOT NULL,
    start_byte  INTEGER NOT NULL,
    end_byte    INTEGER NOT NULL,
    UNIQUE (report_id, seq)
);

-- clauses: the tasks of the plan and the achievements of the review
CREATE TABLE tasks (
    id          INTEGER PRIMARY KEY,
    report_id   INTEGER NOT NULL REFERENCES reports(id),
    key         TEXT NOT NULL,               -- the stable id of luoshi parse
    achievement INTEGER NOT NULL,
    part        TEXT NOT NULL,
    heading_id  INTEGER REFERENCES headings(id),
    path        TEXT NOT NULL,               -- heading titles, outermost first, " / "
    start_byte  INTEGER NOT NULL,
    end_byte    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    entities    TEXT NOT NULL,               -- JSON array of named things
    UNIQUE (report_id, key)
);

-- quantity mentions (docs/extraction.md); targets are those of kind 'target'
CREATE TABLE mentions (
    id          INTEGER PRIMARY KEY,
    report_id   INTEGER NOT NULL REFERENCES reports(id),
    seq         INTEGER NOT NULL,
    task_id     INTEGER REFERENCES tasks(id),
    start_byte  INTEGER NOT NULL,
    end_byte    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    value       REAL NOT NULL,
    value_max   REAL,
    unit        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    op          TEXT NOT NULL,
    change      TEXT,                      -- increase, decrease or NULL
    metric      TEXT NOT NULL,
    part        TEXT NOT NULL,
    UNIQUE (report_id, seq)
);

CREATE TABLE links (
    id          INTEGER PRIMARY KEY,
    report_id   INTEGER NOT NULL REFERENCES reports(id),
    target_id   INTEGER NOT NULL REFERENCES mentions(id),
    baseline_id INTEGER NOT NULL REFERENCES mentions(id),
    similarity  REAL NOT NULL,
    change_abs  REAL NOT NULL,
    change_pct  REAL
);

-- departments (牵头单位, 配合单位)
CREATE TABLE units (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    removed_at  TEXT
);

-- the ledger rows: one per task, one per headline target
CREATE TABLE items (
    id             INTEGER PRIMARY KEY,
    report_id      INTEGER NOT NULL REFERENCES reports(id),
    seq            INTEGER NOT NULL,         -- 序号 within the report's ledger
    kind           TEXT NOT NULL CHECK (kind IN ('task', 'target')),
    task_id        INTEGER REFERENCES tasks(id),
    mention_id     INTEGER REFERENCES mentions(id),
    part           TEXT NOT NULL,
    path           TEXT NOT NULL,
    text           TEXT NOT NULL,            -- the verbatim sentence
    start_byte     INTEGER NOT NULL,
    end_byte       INTEGER NOT NULL,
    suggested_lead TEXT,                     -- from the metric→department dictionary
    lead_unit_id   INTEGER REFERENCES units(id),
    leader         TEXT,                     -- 分管领导
    due            TEXT,                     -- YYYY-MM-DD
    removed_at     TEXT,
    UNIQUE (report_id, seq)
);

CREATE TABLE item_co_units (
    item_id     INTEGER NOT NULL REFERENCES items(id),
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    PRIMARY KEY (item_id, unit_id)
);

-- the quarterly 报送 form: 进展情况, 存在问题, 下一步措施
CREATE TABLE progress (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES items(id),
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    report_date TEXT NOT NULL,
    value       REAL,
    percent     REAL,
    done_text   TEXT NOT NULL,
    problems    TEXT,
    next_steps  TEXT,
    evidence    TEXT,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
);

-- every write: who, when, what, old and new value; never updated or deleted
CREATE TABLE changes (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   INTEGER,
    item_id     INTEGER,
    field       TEXT,
    old_value   TEXT,
    new_value   TEXT
);

CREATE TRIGGER changes_no_update BEFORE UPDATE ON changes
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
CREATE TRIGGER changes_no_delete BEFORE DELETE ON changes
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;

CREATE INDEX items_report ON items(report_id);
CREATE INDEX items_lead ON items(lead_unit_id);
CREATE INDEX mentions_task ON mentions(task_id);
CREATE INDEX tasks_report ON tasks(report_id);
CREATE INDEX progress_item ON progress(item_id, report_date);
CREATE INDEX changes_item ON changes(item_id);
