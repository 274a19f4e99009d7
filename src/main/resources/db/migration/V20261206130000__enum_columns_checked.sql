-- States and kinds are enums end to end (issue 14, ADR 0019): the text columns that still took any text now list
-- the values of the enum the code reads them into. Every row written so far has one of these values (the code
-- writes enum names, or copies the status column, which has its own CHECK); NULL still passes where it is allowed.

-- accounts.AccountStatus
ALTER TABLE account ADD CONSTRAINT account_status_before_suspension_known
    CHECK (status_before_suspension IN ('PENDING', 'ACTIVE', 'SUSPENDED', 'TERMINATED'));

-- subscriptions.SubscriptionStatus
ALTER TABLE subscription ADD CONSTRAINT subscription_status_before_suspension_known
    CHECK (status_before_suspension IN ('PENDING', 'ACTIVE', 'SUSPENDED', 'CANCELLED'));

-- billing's ChargeKey: a ChargeKey.Kind, with the resource type's code for the kinds per resource
ALTER TABLE billed_charge ADD CONSTRAINT billed_charge_charge_known
    CHECK (charge IN ('SETUP', 'FEE') OR charge LIKE 'EXTRA:_%' OR charge LIKE 'USAGE:_%');
