-- Service nodes (docs/adr/0040-service-nodes.md): the provider's servers, which services they host and how many
-- units of each resource type they take, their state and health; where provisioning placed each resource.

CREATE TABLE service_node (
    id                     uuid          PRIMARY KEY,
    name                   varchar(100)  NOT NULL,
    address                varchar(255)  NOT NULL,
    services               uuid[]        NOT NULL DEFAULT '{}',   -- the catalog's services the node hosts
    capacity               jsonb         NOT NULL DEFAULT '{}',   -- resource type code -> units the node takes
    state                  text          NOT NULL CHECK (state IN ('ACTIVE', 'DRAINING', 'DOWN', 'RETIRED')),
    state_before_down      text          CHECK (state_before_down IN ('ACTIVE', 'DRAINING')),
    health_check           text          NOT NULL CHECK (health_check IN ('HTTP', 'TCP')),
    health_url             varchar(2000),
    health_port            integer       CHECK (health_port BETWEEN 1 AND 65535),
    probe_interval_seconds integer       NOT NULL CHECK (probe_interval_seconds BETWEEN 5 AND 86400),
    probe_timeout_ms       integer       NOT NULL CHECK (probe_timeout_ms BETWEEN 100 AND 60000),
    fail_after             integer       NOT NULL CHECK (fail_after BETWEEN 1 AND 100),
    consecutive_failures   integer       NOT NULL DEFAULT 0,
    last_probe_at          timestamptz,
    last_probe_ok          boolean,
    next_probe_at          timestamptz   NOT NULL,
    down_since             timestamptz,
    version                integer       NOT NULL DEFAULT 0,
    created_at             timestamptz   NOT NULL,
    updated_at             timestamptz   NOT NULL
);
CREATE UNIQUE INDEX service_node_name ON service_node (lower(name));
CREATE INDEX service_node_due ON service_node (next_probe_at) WHERE state <> 'RETIRED';
CREATE INDEX service_node_services ON service_node USING gin (services);

-- One row per placed resource (a provisioning subject): the node it is on, the node it is being moved to, and the
-- units it takes there. A subject inside a placed subscription (a mailbox) follows it and takes no units of its own.
CREATE TABLE node_placement (
    subject_id        uuid          PRIMARY KEY,
    subject_type      varchar(32)   NOT NULL,
    node_id           uuid          NOT NULL REFERENCES service_node (id),
    target_node_id    uuid          REFERENCES service_node (id),
    move_task_id      uuid,
    parent_subject_id uuid,
    service_id        uuid          NOT NULL,
    subscription_id   uuid,
    account_id        uuid          NOT NULL,
    account_path      text COLLATE "C" NOT NULL,
    units             jsonb         NOT NULL DEFAULT '{}',
    placed_at         timestamptz   NOT NULL
);
CREATE INDEX node_placement_node ON node_placement (node_id, subject_id);
CREATE INDEX node_placement_target ON node_placement (target_node_id) WHERE target_node_id IS NOT NULL;
CREATE INDEX node_placement_parent ON node_placement (parent_subject_id) WHERE parent_subject_id IS NOT NULL;

-- The health history: the last probes of each node (older ones are deleted as new ones arrive).
CREATE TABLE node_probe (
    id          bigserial     PRIMARY KEY,
    node_id     uuid          NOT NULL REFERENCES service_node (id),
    probed_at   timestamptz   NOT NULL,
    ok          boolean       NOT NULL,
    duration_ms integer       NOT NULL,
    detail      varchar(300)
);
CREATE INDEX node_probe_node ON node_probe (node_id, id DESC);

-- Provisioning tasks name the node their subject is placed on (moves: the node it goes to), wait while it is DOWN,
-- and a resource is moved to another node by a MOVE task.
ALTER TABLE provisioning_task ADD COLUMN node_id uuid;
ALTER TABLE provisioning_task ADD COLUMN node_wait boolean NOT NULL DEFAULT false;
CREATE INDEX provisioning_task_node_pending ON provisioning_task (node_id) WHERE status = 'PENDING' AND node_id IS NOT NULL;
ALTER TABLE provisioning_task DROP CONSTRAINT provisioning_task_operation_check;
ALTER TABLE provisioning_task ADD CONSTRAINT provisioning_task_operation_check
    CHECK (operation IN ('PROVISION', 'CHANGE', 'SUSPEND', 'RESUME', 'DEPROVISION', 'ENFORCE', 'LIFT', 'MOVE'));
