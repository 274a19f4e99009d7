-- Usage records partitioned by month (issue 20, P8; docs/adr/0046-usage-records-by-month.md). At IoT scale the raw
-- records are by far the largest table (100 million rows is 20GB with its key) and only their key is ever read again:
-- to tell a retried record from a new one. Summaries, limits and billing read usage_daily. So the records are kept in
-- one partition per month of their time (UTC), a month's partition goes whole when it leaves the retention
-- (cascade.usage.retention-months, default 13), and the key index that every insert walks is the month's, not the
-- whole history's.
--
-- A record's key is now (subscription, submitter, record id, month of its time): PostgreSQL can only keep a key
-- unique across partitions when it contains the partition's column. A retry sends the same record, so it is still a
-- duplicate; the same id sent again with a time in another month is a record of its own. The SIM usage of the assets
-- module is keyed (and partitioned) the same way, so that a record the usage module takes as a duplicate is a
-- duplicate there too.
--
-- The partitions of the months that hold records are created here, the rest by the application (MonthlyPartitions):
-- the months kept, next month ahead, and any month a record arrives for.

ALTER TABLE usage_record RENAME TO usage_record_before;
ALTER INDEX usage_record_pkey RENAME TO usage_record_before_pkey;
CREATE TABLE usage_record (
    subscription_id   uuid           NOT NULL,
    submitter_id      uuid           NOT NULL,
    record_id         varchar(100)   NOT NULL,
    resource_type_id  uuid           NOT NULL,
    quantity          numeric(19, 4) NOT NULL,
    occurred_at       timestamptz    NOT NULL,
    received_at       timestamptz    NOT NULL,
    -- the first day of occurred_at's month (UTC): the partition
    month             date           NOT NULL,
    CONSTRAINT usage_record_pkey PRIMARY KEY (subscription_id, submitter_id, record_id, month)
) PARTITION BY RANGE (month);

ALTER TABLE sim_usage RENAME TO sim_usage_before;
ALTER INDEX sim_usage_pkey RENAME TO sim_usage_before_pkey;
ALTER INDEX sim_usage_customer RENAME TO sim_usage_before_customer;
CREATE TABLE sim_usage (
    subscription_id     uuid           NOT NULL,
    submitter_id        uuid           NOT NULL,
    record_id           varchar(100)   NOT NULL,
    asset_id            uuid           NOT NULL,
    -- the customer the SIM is assigned to, and the simple customer of that customer holding it (or null)
    customer_id         uuid           NOT NULL,
    simple_customer_id  uuid,
    quantity            numeric(19, 4) NOT NULL,
    occurred_at         timestamptz    NOT NULL,
    month               date           NOT NULL,
    CONSTRAINT sim_usage_pkey PRIMARY KEY (subscription_id, submitter_id, record_id, month)
) PARTITION BY RANGE (month);
CREATE INDEX sim_usage_customer ON sim_usage (customer_id, occurred_at);

DO $$
DECLARE
    t text;
    m date;
BEGIN
    FOREACH t IN ARRAY ARRAY['usage_record', 'sim_usage'] LOOP
        FOR m IN EXECUTE format('SELECT DISTINCT CAST(date_trunc(''month'', occurred_at AT TIME ZONE ''UTC'') AS date)
                                 FROM %I', t || '_before') LOOP
            EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                           t || '_' || to_char(m, 'YYYYMM'), t, m, CAST(m + interval '1 month' AS date));
        END LOOP;
    END LOOP;
END
$$;

INSERT INTO usage_record (subscription_id, submitter_id, record_id, resource_type_id, quantity, occurred_at,
                          received_at, month)
SELECT subscription_id, submitter_id, record_id, resource_type_id, quantity, occurred_at, received_at,
       CAST(date_trunc('month', occurred_at AT TIME ZONE 'UTC') AS date)
FROM usage_record_before;
INSERT INTO sim_usage (subscription_id, submitter_id, record_id, asset_id, customer_id, simple_customer_id, quantity,
                       occurred_at, month)
SELECT subscription_id, submitter_id, record_id, asset_id, customer_id, simple_customer_id, quantity, occurred_at,
       CAST(date_trunc('month', occurred_at AT TIME ZONE 'UTC') AS date)
FROM sim_usage_before;
DROP TABLE usage_record_before;
DROP TABLE sim_usage_before;
