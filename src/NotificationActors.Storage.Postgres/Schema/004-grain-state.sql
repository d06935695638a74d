-- The project's own grain storage (Storage/PostgresGrainStorage.cs): a row per service, grain type, grain key and
-- state name, its integer version the ETag. A cleared state stays as a tombstone (payload NULL, version kept), so
-- versions never go back. Rows are rewritten in place on every decision: the free space fillfactor leaves on each
-- page lets PostgreSQL do that without touching the index (a HOT update).
CREATE TABLE grain_state
(
    service_id  varchar(150) NOT NULL,
    grain_type  text NOT NULL,
    grain_key   text NOT NULL,
    state_name  text NOT NULL,
    version     bigint NOT NULL,
    payload     bytea,
    modified_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_type, grain_key, state_name)
) WITH (fillfactor = 70);

-- The rows Orleans' ADO.NET storage wrote (orleans_grain_state) are not copied: they do not hold the grain's type,
-- and a key Orleans read as a hexadecimal number is kept only as that number ("12345" and "012345" alike, "abc" and
-- "ABC"), so the key cannot be rebuilt. The new storage instead reads a state it does not hold from there, by the key
-- that storage derived from the grain id, and the state's next write moves it here at the next version.
CREATE INDEX orleans_grain_state_by_key ON orleans_grain_state (service_id, grain_type, grain_key, grain_id_n0, grain_id_n1);
