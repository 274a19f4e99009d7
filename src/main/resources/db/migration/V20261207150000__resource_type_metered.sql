-- A resource type is either counted (its quantity is what a subscription orders: mailboxes, SIMs; priced by
-- unitPrice) or metered (its quantity is the usage reported for it: storage, data; priced by usagePrice). Usage is
-- accepted only on metered types and a usagePrice only for them. Existing types are metered when a plan ever gave
-- them a usage price or when their service's adapter records data usage as them (iot: dataResourceType).
ALTER TABLE resource_type ADD COLUMN metered boolean NOT NULL DEFAULT false;

UPDATE resource_type rt SET metered = true
WHERE EXISTS (SELECT 1 FROM plan_price pp, jsonb_each(pp.resource_prices) AS p(code, price)
              WHERE p.code = rt.code AND jsonb_typeof(p.price -> 'usagePrice') IN ('string', 'number'))
   OR EXISTS (SELECT 1 FROM service s
              WHERE s.id = rt.service_id AND s.adapter_config ->> 'dataResourceType' = rt.code);

-- every new type says which it is
ALTER TABLE resource_type ALTER COLUMN metered DROP DEFAULT;

-- the owner view shows it (a new column goes last, so CREATE OR REPLACE keeps the view's dependents)
CREATE OR REPLACE VIEW catalog_resource_types AS
SELECT rt.id, rt.code, rt.name, rt.unit, rt.service_id, sv.adapter AS service_adapter,
       sv.adapter_config AS service_config, rt.metered
FROM resource_type rt
LEFT JOIN service sv ON sv.id = rt.service_id;
