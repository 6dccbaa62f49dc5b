-- The programme index (bot.store.programme_index) is built at every start from each
-- programme's names and the name keys of its mentions. Without these covering indexes that
-- read the whole of both tables, explanations and descriptions included: on a 1,000,000-event
-- database, 47 MB of pages read and 40 MB more resident memory at start (docs/benchmarks.md).
CREATE INDEX mentions_programme_keys ON programme_mentions (programme_id, acronym_key, name_key);
DROP INDEX IF EXISTS mentions_programme;  -- a prefix of the one above
CREATE INDEX programmes_names ON programmes (id, acronym, name, mentions);
