-- One record per member and week (the member grain's week close); JSON so that analysts can query it in place.
CREATE TABLE learning_log
(
    member_id  varchar(512) NOT NULL,
    week       varchar(8) NOT NULL, -- ISO week, "2026-W48"
    record     jsonb NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (member_id, week)
);

CREATE INDEX learning_log_week ON learning_log (week);
