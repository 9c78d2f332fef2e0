-- An operator's report (Ctrl+R on a camera of the wall): an incident that no node sent. It names
-- the camera it was raised from and the operator who raised it, and has no node; a node's
-- incident has a node and neither of the two.
ALTER TABLE incident ALTER COLUMN node_id DROP NOT NULL;
ALTER TABLE incident ADD COLUMN camera VARCHAR(100);
ALTER TABLE incident ADD COLUMN reported_by VARCHAR(100);
ALTER TABLE incident ADD CONSTRAINT incident_source
    CHECK ((node_id IS NULL AND camera IS NOT NULL AND reported_by IS NOT NULL)
        OR (node_id IS NOT NULL AND camera IS NULL AND reported_by IS NULL));
