-- accounts: what the licences along an account's path say about a feature (ADR 0038), so that another module can read a
-- licence in the same statement as its own rows (ADR 0041: the bearer authentication reads API_ACCESS with the token).
-- complete: every account on the path below the provider has a row for the feature (true for the provider, whose path
-- has no such account: it holds every feature without rows); ends_on: the earliest last day among those rows (NULL:
-- none ends). The account holds the feature on a day when complete AND (ends_on IS NULL OR ends_on >= that day); the
-- day comes from the application's clock, so the reader compares it (accounts.api.Licences.heldOn).
-- The rows along the path are those whose account_path is a prefix of the account's path ending at a '.': one scan of
-- the unique index (account_path, feature) with the prefixes as its keys, as LicenceStore.holds does.
CREATE VIEW account_licence_terms AS
SELECT a.id AS account_id, f.feature,
       along.rows_along = cardinality(c.chain) AS complete,
       along.ends_on
FROM account a
CROSS JOIN unnest(ARRAY['RESELLER', 'SIM_MANAGEMENT', 'OWN_PRODUCTS', 'STOREFRONT', 'API_ACCESS', 'WHITE_LABEL'])
    AS f (feature)
CROSS JOIN LATERAL (
    -- LicenceStore.chain: the path's prefixes ending at a '.', the provider's (the first) excepted
    SELECT ARRAY(SELECT left(a.path, i) FROM generate_series(1, length(a.path)) AS i
                 WHERE substr(a.path, i, 1) = '.' AND i > strpos(a.path, '.')) AS chain
) AS c
CROSS JOIN LATERAL (
    SELECT count(*) AS rows_along, min(l.ends_on) AS ends_on
    FROM licence l
    WHERE l.feature = f.feature AND l.account_path = ANY (c.chain)
) AS along;
