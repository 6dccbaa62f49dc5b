-- 0004: the year totals of event_counts, kept beside it (bot.store.ingest writes both), so that
-- a timeline reads one row per year instead of one per month: its page total, and the year
-- and then the month where a deep page starts (bot.store.queries).
CREATE TABLE event_year_counts (
    programme_id INTEGER NOT NULL,          -- 0: all events
    year         INTEGER NOT NULL,
    starts       INTEGER NOT NULL,          -- events starting in the year
    ends         INTEGER NOT NULL,          -- events ending in the year
    PRIMARY KEY (programme_id, year)
) WITHOUT ROWID;

INSERT INTO event_year_counts (programme_id, year, starts, ends)
SELECT programme_id, CAST(substr(period, 1, 4) AS INTEGER), sum(starts), sum(ends)
FROM event_counts
GROUP BY programme_id, substr(period, 1, 4);
