-- 009_notify.sql — every insert into the change log sends a notification
-- on the channel luoshi_changes, delivered at commit to each listening
-- server (src/store/watch.c), so that a server learns of another
-- process's writes without asking the store on every request. One per
-- statement, without payload: PostgreSQL folds the notifications of one
-- transaction into one.

CREATE OR REPLACE FUNCTION luoshi_notify_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('luoshi_changes', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER changes_notify AFTER INSERT ON changes
    FOR EACH STATEMENT EXECUTE FUNCTION luoshi_notify_change();
