-- Brand management (issue 18, ADR 0033).

-- brands: the SHA-256 of the logo (hex), its public name at /brand-assets/{sha256}.{png|svg}: cacheable for ever,
-- and it names no account.
ALTER TABLE brand ADD COLUMN logo_sha256 char(64) CHECK (logo_sha256 ~ '^[0-9a-f]{64}$');
CREATE INDEX brand_logo_sha256 ON brand (logo_sha256) WHERE logo_sha256 IS NOT NULL;

-- brands: one row per vendor whose brand was ever set or chosen: the version of its brand resource (its ETag; kept
-- when the brand is removed, so that it only counts up) and what it shows without a brand of its own (own_name:
-- a plain brand of its company name instead of the nearest brand above, when the provider allows it).
CREATE TABLE brand_setting (
    account_id   uuid             PRIMARY KEY REFERENCES account (id),
    account_path text COLLATE "C" NOT NULL UNIQUE,
    own_name     boolean          NOT NULL DEFAULT false,
    version      bigint           NOT NULL DEFAULT 0,
    updated_at   timestamptz      NOT NULL
);

-- brands: the provider's brand policy, one row: whether a vendor without a brand may show its own name instead of
-- the nearest brand above it.
CREATE TABLE brand_policy (
    id                        boolean     PRIMARY KEY DEFAULT true CHECK (id),
    vendors_may_show_own_name boolean     NOT NULL DEFAULT false,
    version                   bigint      NOT NULL DEFAULT 0,
    updated_at                timestamptz NOT NULL
);
INSERT INTO brand_policy (id, updated_at) VALUES (true, now());
