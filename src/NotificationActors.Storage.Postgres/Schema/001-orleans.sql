-- Orleans' ADO.NET providers read their statements from the OrleansQuery table by key and bind named
-- parameters (@DeploymentId, @GrainIdHash, ...); the result columns must carry the names Orleans reads
-- (PostgreSQL folds them to lower case, which Npgsql matches). The tables are the project's own: snake_case,
-- and every optimistic check is a single statement, so no plpgsql is needed.

CREATE TABLE orleansquery
(
    querykey  varchar(64) PRIMARY KEY,
    querytext text NOT NULL
);

-- Membership: one version row per cluster (optimistic table versioning) and one row per silo generation.
CREATE TABLE orleans_membership_version
(
    deployment_id varchar(150) PRIMARY KEY,
    changed_at    timestamptz NOT NULL DEFAULT now(),
    version       integer NOT NULL DEFAULT 0
);

CREATE TABLE orleans_membership
(
    deployment_id   varchar(150) NOT NULL REFERENCES orleans_membership_version (deployment_id),
    address         varchar(45) NOT NULL,
    port            integer NOT NULL,
    generation      integer NOT NULL,
    silo_name       varchar(150) NOT NULL,
    host_name       varchar(150) NOT NULL,
    status          integer NOT NULL,
    proxy_port      integer,
    suspect_times   text,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Grain state. A cleared state stays as a tombstone (payload NULL, version kept) so that a writer holding an
-- ETag from before the clear is still refused; reads skip tombstones and a first write takes one over.
CREATE TABLE orleans_grain_state
(
    service_id      varchar(150) NOT NULL,
    grain_id_hash   integer NOT NULL,
    grain_type_hash integer NOT NULL,
    grain_id_n0     bigint NOT NULL,
    grain_id_n1     bigint NOT NULL,
    grain_type      varchar(512) NOT NULL,
    grain_key       varchar(512) NOT NULL, -- the string key or key extension; '' when the grain has none
    payload         bytea,
    version         integer NOT NULL,
    modified_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, grain_type, grain_key)
);

-- Reminders. grain_hash is the grain's uniform hash as an unsigned 32-bit number, so ring ranges compare as
-- Orleans' ring does whatever sign the provider binds the hash with.
CREATE TABLE orleans_reminder
(
    service_id    varchar(150) NOT NULL,
    grain_id      varchar(512) NOT NULL,
    reminder_name varchar(150) NOT NULL,
    start_time    timestamptz NOT NULL,
    period_ms     bigint NOT NULL,
    grain_hash    bigint NOT NULL,
    version       integer NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX orleans_reminder_ring ON orleans_reminder (service_id, grain_hash);

INSERT INTO orleansquery (querykey, querytext) VALUES

('InsertMembershipVersionKey', $q$
WITH inserted AS (
    INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT DO NOTHING
    RETURNING 1)
SELECT count(*)::int FROM inserted;
$q$),

-- The version row is locked only if it still holds the version the silo read; the row is inserted and the
-- version bumped only then, all in one statement, so a concurrent change makes this return 0 and change nothing.
('InsertMembershipKey', $q$
WITH expected AS (
    SELECT deployment_id FROM orleans_membership_version
    WHERE deployment_id = @DeploymentId AND version = @Version::int
    FOR UPDATE),
inserted AS (
    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status,
                                    proxy_port, start_time, i_am_alive_time)
    SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
           @StartTime, @IAmAliveTime
    FROM expected
    ON CONFLICT DO NOTHING
    RETURNING deployment_id),
bumped AS (
    UPDATE orleans_membership_version v SET version = v.version + 1, changed_at = now()
    FROM inserted WHERE v.deployment_id = inserted.deployment_id
    RETURNING 1)
SELECT count(*)::int FROM bumped;
$q$),

('UpdateMembershipKey', $q$
WITH expected AS (
    SELECT deployment_id FROM orleans_membership_version
    WHERE deployment_id = @DeploymentId AND version = @Version::int
    FOR UPDATE),
updated AS (
    UPDATE orleans_membership m
    SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    FROM expected
    WHERE m.deployment_id = expected.deployment_id
      AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING m.deployment_id),
bumped AS (
    UPDATE orleans_membership_version v SET version = v.version + 1, changed_at = now()
    FROM updated WHERE v.deployment_id = updated.deployment_id
    RETURNING 1)
SELECT count(*)::int FROM bumped;
$q$),

('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;
$q$),

-- The version row comes back even when the silo has no row yet (the left join), as Orleans expects.
('MembershipReadRowKey', $q$
SELECT v.deployment_id AS deploymentid, m.address, m.port, m.generation, m.silo_name AS siloname,
       m.host_name AS hostname, m.status, m.proxy_port AS proxyport, m.suspect_times AS suspecttimes,
       m.start_time AS starttime, m.i_am_alive_time AS iamalivetime, v.version
FROM orleans_membership_version v
LEFT JOIN orleans_membership m
       ON m.deployment_id = v.deployment_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId;
$q$),

('MembershipReadAllKey', $q$
SELECT v.deployment_id AS deploymentid, m.address, m.port, m.generation, m.silo_name AS siloname,
       m.host_name AS hostname, m.status, m.proxy_port AS proxyport, m.suspect_times AS suspecttimes,
       m.start_time AS starttime, m.i_am_alive_time AS iamalivetime, v.version
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId;
$q$),

('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership WHERE deployment_id = @DeploymentId;
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId;
$q$),

('GatewaysQueryKey', $q$
SELECT address, proxy_port AS proxyport, generation
FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;
$q$),

-- Status 3 is Active: silos that stopped heart-beating before the cutoff and are not active go.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3;
$q$),

-- Status 6 is Dead: a dead silo generation never comes back, so its row may go once Orleans has chosen it.
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
  AND status = 6;
$q$),

('ReadFromStorageKey', $q$
SELECT payload AS payloadbinary, version
FROM orleans_grain_state
WHERE service_id = @ServiceId AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
  AND grain_key = COALESCE(@GrainIdExtensionString, '') AND payload IS NOT NULL;
$q$),

-- With an ETag: update only that version. Without one: insert, or take over a tombstone. When neither lands
-- the statement returns the ETag it was given, which Orleans reports as a version conflict.
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleans_grain_state
    SET payload = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE @GrainStateVersion::int IS NOT NULL
      AND service_id = @ServiceId AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
      AND grain_key = COALESCE(@GrainIdExtensionString, '') AND version = @GrainStateVersion::int
    RETURNING version),
inserted AS (
    INSERT INTO orleans_grain_state AS s (service_id, grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1,
                                          grain_type, grain_key, payload, version)
    SELECT @ServiceId, @GrainIdHash, @GrainTypeHash, @GrainIdN0, @GrainIdN1, @GrainTypeString,
           COALESCE(@GrainIdExtensionString, ''), @PayloadBinary, 1
    WHERE @GrainStateVersion::int IS NULL
    ON CONFLICT (service_id, grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, grain_type, grain_key)
    DO UPDATE SET payload = excluded.payload, version = s.version + 1, modified_at = now()
    WHERE s.payload IS NULL
    RETURNING s.version)
SELECT COALESCE((SELECT version FROM updated), (SELECT version FROM inserted), @GrainStateVersion::int)
       AS newgrainstateversion;
$q$),

('ClearStorageKey', $q$
WITH cleared AS (
    UPDATE orleans_grain_state
    SET payload = NULL, version = version + 1, modified_at = now()
    WHERE service_id = @ServiceId AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
      AND grain_key = COALESCE(@GrainIdExtensionString, '') AND version = @GrainStateVersion::int
      AND payload IS NOT NULL
    RETURNING version)
SELECT COALESCE((SELECT version FROM cleared), @GrainStateVersion::int) AS newgrainstateversion;
$q$),

('UpsertReminderRowKey', $q$
INSERT INTO orleans_reminder AS r (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period::bigint, @GrainHash::bigint & 4294967295, 0)
ON CONFLICT (service_id, grain_id, reminder_name)
DO UPDATE SET start_time = excluded.start_time, period_ms = excluded.period_ms, grain_hash = excluded.grain_hash,
              version = r.version + 1
RETURNING r.version;
$q$),

('ReadReminderRowsKey', $q$
SELECT grain_id AS grainid, reminder_name AS remindername, start_time AS starttime, period_ms AS period, version
FROM orleans_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId;
$q$),

('ReadReminderRowKey', $q$
SELECT grain_id AS grainid, reminder_name AS remindername, start_time AS starttime, period_ms AS period, version
FROM orleans_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName;
$q$),

-- Orleans picks one of the two range keys by its own test of whether (begin, end] wraps; both hold the same
-- statement, which decides on the unsigned hashes itself, so the answer never depends on that choice.
('ReadRangeRows1Key', $q$
WITH ring AS (SELECT @BeginHash::bigint & 4294967295 AS b, @EndHash::bigint & 4294967295 AS e)
SELECT grain_id AS grainid, reminder_name AS remindername, start_time AS starttime, period_ms AS period, version
FROM orleans_reminder, ring
WHERE service_id = @ServiceId
  AND CASE WHEN b < e THEN grain_hash > b AND grain_hash <= e ELSE grain_hash > b OR grain_hash <= e END;
$q$),

('ReadRangeRows2Key', $q$
WITH ring AS (SELECT @BeginHash::bigint & 4294967295 AS b, @EndHash::bigint & 4294967295 AS e)
SELECT grain_id AS grainid, reminder_name AS remindername, start_time AS starttime, period_ms AS period, version
FROM orleans_reminder, ring
WHERE service_id = @ServiceId
  AND CASE WHEN b < e THEN grain_hash > b AND grain_hash <= e ELSE grain_hash > b OR grain_hash <= e END;
$q$),

('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM orleans_reminder
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
      AND version = @Version::int
    RETURNING 1)
SELECT count(*)::int FROM deleted;
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM orleans_reminder WHERE service_id = @ServiceId;
$q$);
