-- Spring Modulith's event publication registry (schema v2 of spring-modulith-events-jdbc 2.1, PostgreSQL), owned by
-- Flyway instead of the library's schema initialization (ADR 0018). One row per after-commit listener of a published
-- event, written in the publishing transaction; the row is deleted once the listener has completed
-- (spring.modulith.events.completion-mode=delete), so what stays is what is still to do.
CREATE TABLE event_publication
(
    id                     uuid        NOT NULL PRIMARY KEY,
    listener_id            text        NOT NULL,
    event_type             text        NOT NULL,
    serialized_event       text        NOT NULL,
    publication_date       timestamptz NOT NULL,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamptz
);
CREATE INDEX event_publication_serialized_event_hash_idx ON event_publication USING hash (serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);
