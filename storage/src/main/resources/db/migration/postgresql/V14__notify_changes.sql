-- Tells the other desks of a shared store that incidents or actions were written: one notification
-- per statement on the channel vigil_changes, naming the table. They then read the rows past the last
-- ids they saw, so a notification lost while a desk was away costs nothing. (PostgreSQL only: H2's
-- store is one process's, and has no version 14.)
CREATE FUNCTION vigil_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('vigil_changes', TG_TABLE_NAME);
    RETURN NULL;
END;
$$;

CREATE TRIGGER incident_notify AFTER INSERT ON incident
    FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_change();
CREATE TRIGGER incident_action_notify AFTER INSERT ON incident_action
    FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_change();
