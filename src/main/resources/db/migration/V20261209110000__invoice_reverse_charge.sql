-- The tax rule's decision as issued (docs/billing.md, "Tax"): a reverse-charge invoice carries 0 % tax, the legal
-- note and the buyer's VAT id as it was then; a later change of the buyer's tax id changes no issued invoice.
ALTER TABLE invoice ADD COLUMN reverse_charge boolean NOT NULL DEFAULT false;
ALTER TABLE invoice ADD COLUMN buyer_vat_id varchar(64);
ALTER TABLE invoice ADD CONSTRAINT invoice_reverse_charge_names_vat_id
    CHECK (reverse_charge = (buyer_vat_id IS NOT NULL));
-- like invoice_is_issued: the decision is part of the issued document
CREATE FUNCTION invoice_tax_decision_is_issued() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.reverse_charge, NEW.buyer_vat_id) IS DISTINCT FROM (OLD.reverse_charge, OLD.buyer_vat_id) THEN
        RAISE EXCEPTION 'invoice % is issued and cannot be changed; issue a credit note', OLD.number;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER invoice_tax_decision_issued BEFORE UPDATE ON invoice FOR EACH ROW
    EXECUTE FUNCTION invoice_tax_decision_is_issued();
