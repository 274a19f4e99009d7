-- A licence's API_ACCESS seats are the live API keys of the holder's subtree (ADR 0038). They were counted by joining
-- every account of the subtree to its users and their tokens: 1.5 s on the own account page of a reseller with
-- 100,000 accounts below (docs/benchmarks.md, P7). A token now carries its account's path (paths never change), and
-- the live API keys have an index of their own, so the count reads only the subtree's live keys (issue 20).
ALTER TABLE api_token ADD COLUMN account_path text COLLATE "C";

UPDATE api_token t SET account_path = a.path
FROM app_user u JOIN account a ON a.id = u.account_id
WHERE u.id = t.user_id;

ALTER TABLE api_token ALTER COLUMN account_path SET NOT NULL;

CREATE INDEX api_token_live_keys ON api_token (account_path, expires_at)
    WHERE revoked_at IS NULL AND NOT panel_session;
