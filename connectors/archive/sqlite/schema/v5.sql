-- v5: nothing changes in SQLite. PostgreSQL's v5 indexes a unit's open cases on a column kept for
-- it, so that its status changes become HOT updates; SQLite updates only the indexes whose
-- columns an update names, and the writer's statement already leaves the place indexes alone.
-- The version is taken here too so that both backends keep one numbering.
SELECT 1;
