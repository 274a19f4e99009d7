-- A vendor's own version of a mail kind's template in one language (issue 16): each part left null keeps the
-- default (classpath messages/<kind>/<lang>.*). A row whose parts are all null is no override; it is kept after a
-- reset so that the version, the resource's ETag, only ever counts up. Owner: messages.
CREATE TABLE mail_template_override (
    issuer_id   uuid         NOT NULL REFERENCES account (id),
    kind        varchar(60)  NOT NULL,
    language    varchar(2)   NOT NULL CHECK (language IN ('en', 'de')),
    subject     varchar(300),
    text_body   text         CHECK (length(text_body) <= 100000),
    html_body   text         CHECK (length(html_body) <= 100000),
    version     bigint       NOT NULL DEFAULT 0,
    updated_at  timestamptz  NOT NULL,
    PRIMARY KEY (issuer_id, kind, language)
);

-- A vendor's own sender address for the mail it issues (From, with its display name). Without a row, its mail goes
-- from the platform's address with the vendor's name, and replies go to its contact address. Owner: messages.
CREATE TABLE mail_sender (
    account_id  uuid         PRIMARY KEY REFERENCES account (id),
    email       varchar(254),
    name        varchar(200),
    version     bigint       NOT NULL DEFAULT 0,
    updated_at  timestamptz  NOT NULL
);
