-- A SIM import from an uploaded file (issue 19), run on the job engine so that the panel can show its progress: the
-- file is checked whole first (nothing is written when a row is bad, unless the good rows were asked for), then its
-- SIMs are written in batches in one transaction; written_rows counts them as they go (committed on its own), the
-- rest is set when the import ends. The file itself is dropped then.
CREATE TABLE sim_import (
    id                  uuid          PRIMARY KEY,
    owner_id            uuid          NOT NULL REFERENCES account (id),
    owner_path          text COLLATE "C" NOT NULL,
    mode                text          NOT NULL CHECK (mode IN ('ALL', 'GOOD_ROWS')),
    status              text          NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'REJECTED', 'FAILED')),
    csv                 text,
    file_name           varchar(255),
    total_rows          integer       NOT NULL DEFAULT 0,
    to_write            integer       NOT NULL DEFAULT 0,
    written_rows        integer       NOT NULL DEFAULT 0,
    imported            integer       NOT NULL DEFAULT 0,
    rejected            jsonb         NOT NULL DEFAULT '[]',
    message             text,
    -- who started it, to audit the import as that caller
    actor_user_id       uuid,
    actor_account_id    uuid          NOT NULL,
    acting_account_id   uuid          NOT NULL,
    acting_account_path text COLLATE "C" NOT NULL,
    on_behalf_of_user_id uuid,
    request_id          text,
    created_at          timestamptz   NOT NULL,
    finished_at         timestamptz
);
CREATE INDEX sim_import_owner ON sim_import (owner_id, created_at);
