-- v1: every case as of its latest change, and its history (the same tables and columns as the
-- SQLite archive's v1). Times are Unix milliseconds. NULL = not known yet (the report's facts
-- arrive once, on the case's first record).
CREATE TABLE cases (
  id           TEXT PRIMARY KEY,
  seq          BIGINT NOT NULL,             -- case sequence of the newest record applied
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
  reported_at  BIGINT,
  closed_at    BIGINT,
  outcome      TEXT,
  merged_into  TEXT,
  description  TEXT,
  channel      TEXT,
  reporter     TEXT,
  address      TEXT,
  lat          DOUBLE PRECISION,
  lon          DOUBLE PRECISION,
  breached     BOOLEAN NOT NULL DEFAULT FALSE,  -- once true, stays true
  archived_at  BIGINT,
  updated_at   BIGINT NOT NULL
);

-- One row per record the engine published about a case; replays change nothing.
CREATE TABLE history (
  case_id TEXT NOT NULL,
  seq     BIGINT NOT NULL,
  at      BIGINT NOT NULL,
  type    TEXT NOT NULL,
  what    TEXT NOT NULL DEFAULT '',
  stage   TEXT NOT NULL DEFAULT '',
  unit    TEXT NOT NULL DEFAULT '',
  note    TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (case_id, seq)
);
