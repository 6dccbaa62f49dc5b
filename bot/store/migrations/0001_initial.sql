-- 0001: the fact base.
-- An article owns its events, programme mentions, relations and people: replacing or deleting
-- it removes them (ON DELETE CASCADE). Programmes are shared by the articles that mention
-- them and are deleted by the store when the last mention goes.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE articles (
    id              INTEGER PRIMARY KEY,
    path            TEXT UNIQUE,           -- identity of an article read from a file
    sha256          TEXT NOT NULL UNIQUE,  -- the same content is stored once
    title           TEXT NOT NULL,
    published_on    TEXT,                  -- YYYY-MM-DD
    author          TEXT,
    source          TEXT,
    url             TEXT,                  -- the source when it is a web address
    event_count     INTEGER NOT NULL,      -- written with the facts, so listings need no COUNT
    programme_count INTEGER NOT NULL,
    person_count    INTEGER NOT NULL,
    ingested_at     TEXT NOT NULL          -- ISO 8601, UTC
);
-- Identity of an article without a path: its title and source.
CREATE INDEX articles_title_source ON articles(title, source) WHERE path IS NULL;
CREATE INDEX articles_published ON articles(published_on, id);

CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    date       TEXT NOT NULL,              -- YYYY | YYYY-MM | YYYY-MM-DD: sorts chronologically
    end_date   TEXT,
    precision  TEXT NOT NULL CHECK (precision IN ('day', 'month', 'year')),
    start_year INTEGER NOT NULL,
    end_year   INTEGER NOT NULL CHECK (end_year >= start_year),  -- start_year when not a range
    month      INTEGER,                    -- month and day only for day precision
    day        INTEGER,
    summary    TEXT NOT NULL,
    sentence   TEXT NOT NULL
);
CREATE INDEX events_article ON events(article_id);
-- Timeline order (date, end_year, id), covering the overlap test on end_year.
CREATE INDEX events_chrono ON events(date, end_year);
-- Ranges only: the few events that start before a year window and reach into it.
CREATE INDEX events_ranges ON events(date, end_year) WHERE end_year > start_year;
CREATE INDEX events_span ON events(end_year - start_year) WHERE end_year > start_year;
-- "On this date": day-precision events by calendar day, oldest first.
CREATE INDEX events_calendar ON events(month, day, date) WHERE month IS NOT NULL;

CREATE TABLE programmes (
    id          INTEGER PRIMARY KEY,
    acronym     TEXT,                      -- the forms most mentions use
    name        TEXT,
    explanation TEXT NOT NULL DEFAULT '',  -- the mentions' descriptions combined, oldest first
    mentions    INTEGER NOT NULL DEFAULT 0 -- articles that mention it, for ranking
);

-- Counts every write that changes programmes, so that a running bot notices an ingest made by
-- another process (python -m bot ingest) and reloads its in-memory programme index.
CREATE TABLE programme_generation (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    value INTEGER NOT NULL
);
INSERT INTO programme_generation (id, value) VALUES (1, 0);

-- One programme as one article describes it; the programme's names and explanation are
-- drawn from all of its mentions.
CREATE TABLE programme_mentions (
    article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    programme_id INTEGER NOT NULL REFERENCES programmes(id),
    acronym      TEXT,
    name         TEXT,
    acronym_key  TEXT,                     -- bot.store.names.acronym_key
    name_key     TEXT,                     -- bot.store.names.name_key
    description  TEXT NOT NULL,
    sentences    TEXT NOT NULL,            -- JSON array of strings
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX mentions_programme ON programme_mentions(programme_id);
CREATE INDEX mentions_acronym ON programme_mentions(acronym_key) WHERE acronym_key IS NOT NULL;
CREATE INDEX mentions_name ON programme_mentions(name_key) WHERE name_key IS NOT NULL;

CREATE TABLE programme_relations (
    programme_id INTEGER NOT NULL REFERENCES programmes(id),
    kind         TEXT NOT NULL CHECK (kind IN ('part_of', 'succeeded_by')),
    other_id     INTEGER NOT NULL REFERENCES programmes(id),
    article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (programme_id, kind, other_id, article_id)
) WITHOUT ROWID;
CREATE INDEX relations_other ON programme_relations(other_id, kind);
CREATE INDEX relations_article ON programme_relations(article_id);

-- Which programmes an event's sentence names. The event's dates are copied here so that a
-- topic timeline reads this table alone, in order.
CREATE TABLE event_programmes (
    programme_id INTEGER NOT NULL REFERENCES programmes(id),
    date         TEXT NOT NULL,
    end_year     INTEGER NOT NULL,
    event_id     INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    start_year   INTEGER NOT NULL,
    position     INTEGER NOT NULL,         -- order in which the sentence names them
    PRIMARY KEY (programme_id, date, end_year, event_id)
) WITHOUT ROWID;
CREATE INDEX event_programmes_event ON event_programmes(event_id);
CREATE INDEX event_programmes_ranges
    ON event_programmes(programme_id, date, end_year, event_id) WHERE end_year > start_year;

-- How many events start in each period and end in each year, for all events (programme_id 0)
-- and per programme: exact totals for any year window without counting rows, and deep pages
-- that skip whole periods. A period is a month ("1994-03": events dated in it) or a year
-- ("1994": events dated to that year only, and the ends of all events ending in it); periods
-- sort like the dates they hold.
CREATE TABLE event_counts (
    programme_id INTEGER NOT NULL,
    period       TEXT NOT NULL,
    starts       INTEGER NOT NULL,
    ends         INTEGER NOT NULL,
    PRIMARY KEY (programme_id, period)
) WITHOUT ROWID;

CREATE TABLE people (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    role       TEXT,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;

-- Full-text search. rowid = id * 4 + kind: 1 event (summary, sentence), 2 programme (label,
-- explanation), 3 article (title, source).
CREATE VIRTUAL TABLE search_index USING fts5(
    title, body, tokenize = 'porter unicode61 remove_diacritics 2'
);

-- The words of search_index (folded, unstemmed: bot.store.search.words_of) and how many of its
-- entries hold each: the last word of a query matches as a prefix of the most used words it
-- starts, and the counts tell which queries are too common to rank (see search.search).
CREATE TABLE search_words (
    word TEXT PRIMARY KEY,
    docs INTEGER NOT NULL
) WITHOUT ROWID;
