-- A clip asked of a camera and not yet stored: the row goes when the clip (or the reason it is
-- missing) is stored, in the same transaction. One left when Vigil starts again was cut short by
-- a crash or a kill, and becomes a missing clip that says so: no clip goes unaccounted for.
CREATE TABLE clip_pending (
    incident_id  BIGINT NOT NULL,
    camera       VARCHAR(100) NOT NULL,
    asked_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT clip_pending_key PRIMARY KEY (incident_id, camera),
    CONSTRAINT clip_pending_incident FOREIGN KEY (incident_id) REFERENCES incident (id)
);
