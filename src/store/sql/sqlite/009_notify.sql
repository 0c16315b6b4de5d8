-- 009_notify.sql — nothing for SQLite: PostgreSQL's 009 makes the change
-- log notify listening servers; a server over SQLite reads the newest
-- change id of its own file on each request (one index lookup, no
-- round trip), so it needs no notification. Kept so that both dialects
-- number their migrations alike.
SELECT 1;
