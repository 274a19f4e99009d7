-- Resellers' own products and add-ons (issue 19, ADR 0036).

-- A service belongs to the provider (owner_id NULL, the platform's catalog every signed-in user reads) or to the
-- reseller that defined it (its own product, visible only in its own subtree). version: the ETag of PATCH.
ALTER TABLE service ADD COLUMN owner_id uuid REFERENCES account (id);
ALTER TABLE service ADD COLUMN owner_path text COLLATE "C";
ALTER TABLE service ADD COLUMN version integer NOT NULL DEFAULT 0;
ALTER TABLE service ADD CONSTRAINT service_owner_path CHECK ((owner_id IS NULL) = (owner_path IS NULL));
CREATE INDEX service_owner ON service (owner_id) WHERE owner_id IS NOT NULL;

-- the owner view shows whose service a resource type belongs to (a new column goes last)
CREATE OR REPLACE VIEW catalog_resource_types AS
SELECT rt.id, rt.code, rt.name, rt.unit, rt.service_id, sv.adapter AS service_adapter,
       sv.adapter_config AS service_config, rt.metered, sv.owner_id AS service_owner_id
FROM resource_type rt
LEFT JOIN service sv ON sv.id = rt.service_id;

-- An add-on: a priced item a vendor attaches to one of its plans (extra storage, a support package). Its buyer orders
-- it on top of a subscription of that plan; it is billed with the subscription: the setup fee once when first
-- ordered, the recurring fee per unit in advance per period of the plan, prorated by days. Prices never change (retire
-- it and define another); an ACTIVE add-on can be ordered, a RETIRED one stays billed where it was ordered.
CREATE TABLE plan_addon (
    id              uuid           PRIMARY KEY,
    plan_id         uuid           NOT NULL REFERENCES plan (id),
    code            varchar(64)    NOT NULL,
    name            varchar(200)   NOT NULL,
    description     varchar(2000),
    setup_fee       numeric(19, 4) NOT NULL CHECK (setup_fee >= 0),
    recurring_fee   numeric(19, 4) NOT NULL CHECK (recurring_fee >= 0),
    max_quantity    integer        NOT NULL CHECK (max_quantity BETWEEN 1 AND 10000),
    status          text           NOT NULL CHECK (status IN ('ACTIVE', 'RETIRED')),
    created_at      timestamptz    NOT NULL,
    retired_at      timestamptz,
    UNIQUE (plan_id, code)
);

-- The add-ons ordered on a subscription (subscription items): what it holds now. The terms history records them too.
CREATE TABLE subscription_addon (
    subscription_id  uuid         NOT NULL REFERENCES subscription (id),
    addon_id         uuid         NOT NULL REFERENCES plan_addon (id),
    plan_id          uuid         NOT NULL,
    quantity         integer      NOT NULL CHECK (quantity > 0),
    added_on         date         NOT NULL,
    PRIMARY KEY (subscription_id, addon_id)
);

-- the terms history: the add-ons held from effective_from on, {"<add-on id>": "<quantity>"}
ALTER TABLE subscription_terms ADD COLUMN addons jsonb NOT NULL DEFAULT '{}';

-- billing's ChargeKey: add-ons are charged per add-on code (recurring, and the setup fee once)
ALTER TABLE billed_charge DROP CONSTRAINT billed_charge_charge_known;
ALTER TABLE billed_charge ADD CONSTRAINT billed_charge_charge_known
    CHECK (charge IN ('SETUP', 'FEE') OR charge LIKE 'EXTRA:_%' OR charge LIKE 'USAGE:_%'
           OR charge LIKE 'ADDON:_%' OR charge LIKE 'ADDON_SETUP:_%');
