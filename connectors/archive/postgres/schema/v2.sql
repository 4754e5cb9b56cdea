-- v2: which instance serves which input partition, and the indexes of the read side (as the
-- SQLite archive's v2).

CREATE TABLE partition_owners (
  group_id     TEXT NOT NULL,
  partition    INTEGER NOT NULL,
  instance_id  TEXT NOT NULL,
  http_address TEXT NOT NULL,
  updated_at   BIGINT NOT NULL,
  PRIMARY KEY (group_id, partition)
);

-- Every list is ordered by (reported_at, id) newest first with unknown times last, as SQLite
-- orders them; each index ends with those two in that order, so a filtered page is an index
-- range scan with no sort.
CREATE INDEX cases_by_reported  ON cases (reported_at DESC NULLS LAST, id DESC);
CREATE INDEX cases_by_street    ON cases (street, reported_at DESC NULLS LAST, id DESC);
CREATE INDEX cases_by_community ON cases (community, reported_at DESC NULLS LAST, id DESC);
CREATE INDEX cases_by_grid      ON cases (grid, reported_at DESC NULLS LAST, id DESC);
CREATE INDEX cases_by_unit      ON cases (unit, reported_at DESC NULLS LAST, id DESC);
-- A unit's open cases: the work list, small beside all the unit ever had.
CREATE INDEX cases_open_by_unit ON cases (unit, reported_at DESC NULLS LAST, id DESC)
  WHERE status NOT IN ('closed', 'withdrawn', 'merged');
