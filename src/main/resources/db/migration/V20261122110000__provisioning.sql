-- Provisioning tasks (docs/adr/0011-provisioning-tasks.md): every provisioning operation is a row, claimed by the
-- runner of any node with FOR UPDATE SKIP LOCKED and held by a lease while it runs.

CREATE TABLE provisioning_task (
    id                 uuid          PRIMARY KEY,
    seq                bigserial     NOT NULL UNIQUE,       -- request order; a subject's tasks run in this order
    account_id         uuid          NOT NULL REFERENCES account (id),
    account_path       text COLLATE "C" NOT NULL,
    service_id         uuid          NOT NULL REFERENCES service (id),
    adapter            varchar(64)   NOT NULL,
    operation          text          NOT NULL CHECK (operation IN ('PROVISION', 'CHANGE', 'SUSPEND', 'RESUME',
                                                                   'DEPROVISION')),
    subject_type       varchar(32)   NOT NULL,
    subject_id         uuid          NOT NULL,
    subscription_id    uuid          REFERENCES subscription (id),
    payload            jsonb         NOT NULL DEFAULT '{}',
    status             text          NOT NULL CHECK (status IN ('PENDING', 'RUNNING', 'DONE', 'FAILED')),
    attempts           integer       NOT NULL DEFAULT 0,
    max_attempts       integer       NOT NULL,
    last_error         varchar(1000),
    next_attempt_at    timestamptz   NOT NULL,
    lease_token        uuid,                                 -- the claim that may finish the task
    lease_until        timestamptz,                          -- a RUNNING task whose lease passed is claimed again
    awaiting_callback  boolean       NOT NULL DEFAULT false, -- the remote answered 202 and reports completion later
    external_ref       varchar(200),
    requested_by       uuid,
    version            integer       NOT NULL DEFAULT 0,
    created_at         timestamptz   NOT NULL,
    updated_at         timestamptz   NOT NULL,
    finished_at        timestamptz
);
CREATE INDEX provisioning_task_due ON provisioning_task (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX provisioning_task_lease ON provisioning_task (lease_until) WHERE status = 'RUNNING';
CREATE INDEX provisioning_task_open_subject ON provisioning_task (subject_id, seq)
    WHERE status IN ('PENDING', 'RUNNING');
CREATE INDEX provisioning_task_account ON provisioning_task (account_id, created_at, id);
CREATE INDEX provisioning_task_subscription ON provisioning_task (subscription_id) WHERE subscription_id IS NOT NULL;

-- A subscription is ACTIVE only once its service is provisioned: the first PROVISION request and its completion.
ALTER TABLE subscription ADD COLUMN provisioning_requested_at timestamptz;
ALTER TABLE subscription ADD COLUMN provisioned_at timestamptz;
-- subscriptions that were live before provisioning existed count as provisioned
UPDATE subscription SET provisioning_requested_at = created_at, provisioned_at = created_at
WHERE status IN ('ACTIVE', 'CANCELLED')
   OR (status = 'SUSPENDED' AND COALESCE(status_before_suspension, 'ACTIVE') <> 'PENDING');
