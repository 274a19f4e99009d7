-- Feature licences (issue 19, ADR 0038): what an account may use, granted by the account above it.
-- An account holds a feature when it and every account above it up to (not including) the provider have an
-- unexpired row for it; the provider holds every feature without rows. account_path is the account's (immutable)
-- materialized path, so that the check is one indexed read of the path's prefixes.
CREATE TABLE licence (
    account_id    uuid        NOT NULL REFERENCES account (id),
    account_path  text COLLATE "C" NOT NULL,
    feature       text        NOT NULL CHECK (feature IN ('RESELLER', 'SIM_MANAGEMENT', 'OWN_PRODUCTS', 'STOREFRONT',
                                                          'API_ACCESS', 'WHITE_LABEL')),
    seats         integer     CHECK (seats IS NULL OR seats BETWEEN 1 AND 1000000),
    ends_on       date,
    version       integer     NOT NULL DEFAULT 1,
    granted_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (account_id, feature)
);
CREATE UNIQUE INDEX licence_path_feature ON licence (account_path, feature);

-- Existing installations keep what they can do today: every reseller holds every feature, every customer the two that
-- apply to customers, without seats or end. The provider narrows them from here.
INSERT INTO licence (account_id, account_path, feature, granted_at, updated_at)
SELECT a.id, a.path, f.feature, now(), now()
FROM account a
CROSS JOIN (VALUES ('RESELLER'), ('SIM_MANAGEMENT'), ('OWN_PRODUCTS'), ('STOREFRONT'), ('API_ACCESS'),
                   ('WHITE_LABEL')) AS f (feature)
WHERE a.type = 'RESELLER' OR (a.type = 'CUSTOMER' AND f.feature IN ('SIM_MANAGEMENT', 'API_ACCESS'));

-- API keys are the tokens a user takes for the REST API; a panel session's token is not one (it takes no seat).
ALTER TABLE api_token ADD COLUMN panel_session boolean NOT NULL DEFAULT false;
UPDATE api_token SET panel_session = true WHERE name = 'panel';
