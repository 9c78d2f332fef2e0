-- The certificate (PEM) of the authority that signed a broker's or a webhook receiver's TLS
-- certificate, where it is the site's own rather than one the system trusts.
ALTER TABLE alert_target ADD COLUMN ca_certificate VARCHAR(20000);
