-- v2: which instance serves which input partition, and the indexes of the read side.

CREATE TABLE partition_owners (
  group_id     TEXT NOT NULL,
  partition    INTEGER NOT NULL,
  instance_id  TEXT NOT NULL,
  http_address TEXT NOT NULL,
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (group_id, partition)
) WITHOUT ROWID;

-- Every list is ordered by (reported_at, id) newest first, so each index ends with those two and
-- a filtered page is a range scan read backwards, with no sort.
CREATE INDEX cases_by_reported  ON cases (reported_at, id);
CREATE INDEX cases_by_street    ON cases (street, reported_at, id);
CREATE INDEX cases_by_community ON cases (community, reported_at, id);
CREATE INDEX cases_by_grid      ON cases (grid, reported_at, id);
CREATE INDEX cases_by_unit      ON cases (unit, reported_at, id);
-- A unit's open cases: the work list, small beside all the unit ever had.
CREATE INDEX cases_open_by_unit ON cases (unit, reported_at, id)
  WHERE status NOT IN ('closed', 'withdrawn', 'merged');
