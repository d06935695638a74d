-- Model versions: a version row claims the name (its primary key refuses a second save), its files go in with it
-- in one transaction.
CREATE TABLE model_versions
(
    version  varchar(64) PRIMARY KEY,
    saved_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE model_files
(
    version varchar(64) NOT NULL REFERENCES model_versions (version),
    name    varchar(256) NOT NULL,
    content bytea NOT NULL,
    PRIMARY KEY (version, name)
);
