-- A billing run's work items are its chunks, not its buyers (ADR 0042): one row per chunk of buyers (1,000 by
-- default) names the chunk's buyers in their order, who holds it and how many of them are finished. A run of a
-- million buyers writes a thousand such rows instead of a million, and a chunk is claimed and confirmed by updating one
-- row instead of a thousand. A buyer whose billing failed is a row of billing_run_failure.
CREATE TABLE billing_run_chunk (
    run_id     uuid          NOT NULL REFERENCES billing_run (id),
    first_seq  integer       NOT NULL,                 -- the run's position of the chunk's first buyer (from 1)
    buyers     uuid[]        NOT NULL,                 -- the chunk's buyers, in the run's order
    state      text          NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'CLAIMED', 'DONE')),
    node       varchar(100),                           -- the node that claimed it last
    attempts   integer       NOT NULL DEFAULT 0,
    finished   integer       NOT NULL DEFAULT 0,       -- its first buyers written or failed, in order
    PRIMARY KEY (run_id, first_seq)
);

CREATE TABLE billing_run_failure (
    run_id    uuid           NOT NULL REFERENCES billing_run (id),
    seq       integer        NOT NULL,
    buyer_id  uuid           NOT NULL,
    error     varchar(1000)  NOT NULL,
    PRIMARY KEY (run_id, seq)
);

-- what the buyer items said: their failures, and for a run still running, its chunks as its jobs name them
INSERT INTO billing_run_failure (run_id, seq, buyer_id, error)
SELECT run_id, seq, buyer_id, COALESCE(error, 'failed') FROM billing_run_item WHERE state = 'FAILED';

INSERT INTO billing_run_chunk (run_id, first_seq, buyers, state, attempts, finished)
SELECT c.run_id, c.first_seq,
       (SELECT array_agg(i.buyer_id ORDER BY i.seq) FROM billing_run_item i
        WHERE i.run_id = c.run_id AND i.seq BETWEEN c.first_seq AND c.last_seq),
       CASE WHEN EXISTS (SELECT 1 FROM billing_run_item i
                         WHERE i.run_id = c.run_id AND i.seq BETWEEN c.first_seq AND c.last_seq
                           AND i.state IN ('PENDING', 'CLAIMED')) THEN 'PENDING' ELSE 'DONE' END,
       0,
       -- the items of a chunk finish in seq order: the finished ones are those before its first open one
       COALESCE((SELECT min(i.seq) FROM billing_run_item i
                 WHERE i.run_id = c.run_id AND i.seq BETWEEN c.first_seq AND c.last_seq
                   AND i.state IN ('PENDING', 'CLAIMED')) - c.first_seq, c.last_seq - c.first_seq + 1)
FROM (SELECT CAST(split_part(t.task_instance, '/', 1) AS uuid) AS run_id,
             CAST(split_part(split_part(t.task_instance, '/', 2), '-', 1) AS integer) AS first_seq,
             CAST(split_part(split_part(t.task_instance, '/', 2), '-', 2) AS integer) AS last_seq
      FROM scheduled_tasks t WHERE t.task_name = 'billing-chunk') c
JOIN billing_run r ON r.id = c.run_id AND r.status = 'RUNNING'
WHERE EXISTS (SELECT 1 FROM billing_run_item i WHERE i.run_id = c.run_id AND i.seq = c.first_seq);

DROP TABLE billing_run_item;
