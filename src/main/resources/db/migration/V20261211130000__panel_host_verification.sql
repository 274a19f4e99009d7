-- brands: how a panel host was verified (issue 18, ADR 0035). DNS: its TXT record held the token when the platform
-- looked; MANUAL: the provider's staff marked it verified by hand (verified_by names the user, the audit log the rest).
ALTER TABLE panel_host
    ADD COLUMN verification_method varchar(10) CHECK (verification_method IN ('DNS', 'MANUAL')),
    ADD COLUMN verified_by uuid,
    ADD CONSTRAINT panel_host_verified_how CHECK ((verified_at IS NULL) = (verification_method IS NULL)),
    ADD CONSTRAINT panel_host_lower_case CHECK (host = lower(host));
