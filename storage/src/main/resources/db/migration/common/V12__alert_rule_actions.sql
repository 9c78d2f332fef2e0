-- A rule may also run a site action when it sends an incident (a siren on a violation in a zone):
-- the action's name, or null.
ALTER TABLE alert_rule ADD COLUMN action_name VARCHAR(100);
