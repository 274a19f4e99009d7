-- Brands and panel hosts (issue 18, ADR 0033).

-- brands: a vendor's brand. account_path is the vendor's materialized path (accounts never move), so that the brand an
-- account shows is one indexed read of its path's prefixes. Colours are #rrggbb; the logo is PNG or sanitised SVG.
CREATE TABLE brand (
    account_id     uuid             PRIMARY KEY REFERENCES account (id),
    account_path   text COLLATE "C" NOT NULL UNIQUE,
    display_name   varchar(100)     NOT NULL,
    primary_colour char(7)          NOT NULL CHECK (primary_colour ~ '^#[0-9a-f]{6}$'),
    accent_colour  char(7)          NOT NULL CHECK (accent_colour ~ '^#[0-9a-f]{6}$'),
    logo_type      text             CHECK (logo_type IN ('image/png', 'image/svg+xml')),
    logo           bytea,
    support_email  varchar(254),
    support_phone  varchar(40),
    support_url    varchar(255),
    legal_footer   varchar(1000),
    sender_name    varchar(100),
    sender_address varchar(254),
    version        bigint           NOT NULL DEFAULT 0,
    updated_at     timestamptz      NOT NULL,
    CHECK ((logo IS NULL) = (logo_type IS NULL))
);

-- brands: the panel host names a vendor attaches. Names are lower case without a trailing dot, unique platform-wide;
-- only a verified host picks a brand, a sign-in subtree or a storefront.
CREATE TABLE panel_host (
    host               varchar(253)     PRIMARY KEY,
    account_id         uuid             NOT NULL REFERENCES account (id),
    account_path       text COLLATE "C" NOT NULL,
    verification_token varchar(64)      NOT NULL,
    verified_at        timestamptz,
    created_at         timestamptz      NOT NULL
);
CREATE INDEX panel_host_account ON panel_host (account_id);
