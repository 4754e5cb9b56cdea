-- v1: every case as of its latest change, and its history.
-- Times are Unix milliseconds; booleans are 0/1. NULL = not known yet (the report's facts arrive
-- once, on the case's first record).
CREATE TABLE cases (
  id           TEXT PRIMARY KEY NOT NULL,
  seq          INTEGER NOT NULL,            -- case sequence of the newest record applied
  status       TEXT NOT NULL,
  workflow     TEXT NOT NULL DEFAULT '',
  stage        TEXT NOT NULL DEFAULT '',
  unit         TEXT NOT NULL DEFAULT '',
  category     TEXT NOT NULL DEFAULT '',
  urgency      TEXT NOT NULL DEFAULT '',
  request_type TEXT,
  grid         TEXT,
  community    TEXT,
  street       TEXT,
  district     TEXT,
  reported_at  INTEGER,
  closed_at    INTEGER,
  outcome      TEXT,
  merged_into  TEXT,
  description  TEXT,
  channel      TEXT,
  reporter     TEXT,
  address      TEXT,
  lat          REAL,
  lon          REAL,
  breached     INTEGER NOT NULL DEFAULT 0,  -- once 1, stays 1
  archived_at  INTEGER,
  updated_at   INTEGER NOT NULL
);

-- One row per record the engine published about a case; replays change nothing.
CREATE TABLE history (
  case_id TEXT NOT NULL,
  seq     INTEGER NOT NULL,
  at      INTEGER NOT NULL,
  type    TEXT NOT NULL,
  what    TEXT NOT NULL DEFAULT '',
  stage   TEXT NOT NULL DEFAULT '',
  unit    TEXT NOT NULL DEFAULT '',
  note    TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (case_id, seq)
) WITHOUT ROWID;
