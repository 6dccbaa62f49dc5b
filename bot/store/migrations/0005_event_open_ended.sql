-- "since 1997": an event whose range started at its date and is still running (end_date NULL).
ALTER TABLE events ADD COLUMN open_ended INTEGER NOT NULL DEFAULT 0;
