-- The ledger's key moves onto the invoice line (ADR 0047). Every ledger row had exactly one line (the line that
-- billed it, billed_charge.invoice_line_id) and every charged line one ledger row, so the two rows become one: a
-- billing run writes one row and one heap tuple less per charge, a million and more per run. The line keeps what it
-- shows (its days, quantity, price, amount, plan); the ledger's columns say what it billed: the charge, the full
-- period the days belong to, the terms record, the days charged (the line shows a setup fee's day as one day, the
-- ledger as the day and the next), the direction and the period price the days were prorated from. A line that
-- billed no charge (a credit note's line, a late fee) leaves them null. The plan charged is the line's plan_id.
ALTER TABLE invoice_line
    ADD COLUMN charge              varchar(80),
    ADD COLUMN charge_period_start date,
    ADD COLUMN charge_period_end   date,
    ADD COLUMN terms_id            bigint,
    ADD COLUMN from_day            date,
    ADD COLUMN to_day              date,
    ADD COLUMN direction           text,
    ADD COLUMN period_amount       numeric(19, 4);

-- the lines are append-only; this migration is the one writer allowed to fill the columns it has just added
ALTER TABLE invoice_line DISABLE TRIGGER invoice_line_append_only;
UPDATE invoice_line l
SET charge = c.charge, charge_period_start = c.period_start, charge_period_end = c.period_end, terms_id = c.terms_id,
    from_day = c.from_day, to_day = c.to_day, direction = c.direction, period_amount = c.period_amount,
    plan_id = coalesce(l.plan_id, c.plan_id)
FROM billed_charge c
WHERE c.invoice_line_id = l.id;
ALTER TABLE invoice_line ENABLE TRIGGER invoice_line_append_only;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM billed_charge c WHERE NOT EXISTS (SELECT 1 FROM invoice_line l WHERE l.id = c.invoice_line_id)) THEN
        RAISE EXCEPTION 'a ledger row without its invoice line: the ledger cannot move onto the lines';
    END IF;
END $$;

ALTER TABLE invoice_line ADD CONSTRAINT invoice_line_charge_known
    CHECK (charge IS NULL OR charge IN ('SETUP', 'FEE') OR charge LIKE 'EXTRA:_%' OR charge LIKE 'USAGE:_%'
           OR charge LIKE 'ADDON:_%' OR charge LIKE 'ADDON_SETUP:_%');
-- a line billed a whole ledger row or none, and a charge is always a subscription's
ALTER TABLE invoice_line ADD CONSTRAINT invoice_line_charge_whole
    CHECK (num_nulls(charge, charge_period_start, charge_period_end, terms_id, from_day, to_day, direction,
                     period_amount) IN (0, 8)
           AND (charge IS NULL OR subscription_id IS NOT NULL));
ALTER TABLE invoice_line ADD CONSTRAINT invoice_line_direction_known
    CHECK (direction IN ('CHARGE', 'CREDIT'));

-- the ledger's key, as billed_charge_once was: billing the same days twice fails in the database whatever the code
-- does. It also serves the run's reads of a chunk's ledger (by subscription).
CREATE UNIQUE INDEX invoice_line_charged_once
    ON invoice_line (subscription_id, charge, charge_period_start, terms_id, from_day, direction)
    WHERE charge IS NOT NULL;

DROP TABLE billed_charge;
