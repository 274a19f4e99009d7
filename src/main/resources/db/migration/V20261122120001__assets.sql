-- Assets: an account's inventory of SIM cards (issue 4, seed 004). See docs/adr/0013-sim-assets.md.
CREATE TABLE asset (
    id               uuid         PRIMARY KEY,
    kind             text         NOT NULL DEFAULT 'SIM' CHECK (kind IN ('SIM')),
    -- the account whose inventory holds it (a reseller or the provider), and its materialized path
    owner_id         uuid         NOT NULL REFERENCES account (id),
    owner_path       text COLLATE "C" NOT NULL,
    -- a physical card exists once: its numbers are unique platform-wide
    iccid            varchar(20)  COLLATE "C" NOT NULL UNIQUE CHECK (iccid ~ '^[0-9]{19,20}$'),
    imsi             char(15)     COLLATE "C" NOT NULL UNIQUE CHECK (imsi ~ '^[0-9]{15}$'),
    msisdn           varchar(15)  COLLATE "C" UNIQUE CHECK (msisdn ~ '^[0-9]{6,15}$'),
    state            text         NOT NULL
                     CHECK (state IN ('IN_STOCK', 'ASSIGNED', 'ACTIVE', 'SUSPENDED', 'RETIRED')),
    -- the owner's customer it is assigned to, and that customer's path
    customer_id      uuid         REFERENCES account (id),
    customer_path    text COLLATE "C",
    -- the customer's iot subscription it counts one SIM against while ACTIVE or SUSPENDED
    subscription_id  uuid         REFERENCES subscription (id),
    version          integer      NOT NULL DEFAULT 0,
    created_at       timestamptz  NOT NULL,
    updated_at       timestamptz  NOT NULL,
    CONSTRAINT asset_assignment CHECK ((customer_id IS NULL) = (customer_path IS NULL)
        AND ((customer_id IS NULL) = (state IN ('IN_STOCK', 'RETIRED')))),
    CONSTRAINT asset_activation CHECK ((subscription_id IS NOT NULL) = (state IN ('ACTIVE', 'SUSPENDED')))
);
-- inventory pages in ICCID order, with and without a state filter; ICCID prefixes use the same ranges
CREATE INDEX asset_owner_iccid ON asset (owner_id, iccid);
CREATE INDEX asset_owner_state_iccid ON asset (owner_id, state, iccid);
-- a customer's SIMs (its own list, a customer user's lists, the lifecycle that follows its status)
CREATE INDEX asset_customer_iccid ON asset (customer_path, iccid) WHERE customer_path IS NOT NULL;
CREATE INDEX asset_customer_state ON asset (customer_id, state) WHERE customer_id IS NOT NULL;
-- the SIMs counting against one subscription
CREATE INDEX asset_subscription ON asset (subscription_id) WHERE subscription_id IS NOT NULL;
