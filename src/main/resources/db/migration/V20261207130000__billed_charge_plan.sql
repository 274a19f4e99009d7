-- The plan a ledger row charged: a later credit of the same days names that plan on its invoice line, so that the
-- credit reaches the commission statement and the margin's holding like the charge did. Rows written before have
-- none (a credit of them takes the plan from the subscription's terms record).
ALTER TABLE billed_charge ADD COLUMN plan_id uuid;
