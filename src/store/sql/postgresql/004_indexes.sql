-- 004_indexes.sql (PostgreSQL, as sql/sqlite/004_indexes.sql) — an index for reading a target's baseline: without it
-- every read of rows built a temporary index over all links (measured by
-- bench/bench_store.c: a filtered tasks query on 10,000 reports).

CREATE INDEX links_target ON links(target_id);
