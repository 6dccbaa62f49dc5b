-- Daily "on this date" posts (bot.store.servers, bot.daily).
-- Instants are unix seconds (UTC); local dates are "YYYY-MM-DD" in the server's own time zone.

-- One row per server that ever ran /dailypost set.
CREATE TABLE daily_post_settings (
    guild_id       INTEGER PRIMARY KEY,
    channel_id     INTEGER NOT NULL,
    post_time      TEXT    NOT NULL,                 -- "HH:MM", 24-hour, server-local
    timezone       TEXT    NOT NULL,                 -- IANA name or "UTC+04:00" (bot.timezones)
    fallback       TEXT    NOT NULL DEFAULT 'archive' CHECK (fallback IN ('skip', 'archive')),
    enabled        INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    paused_reason  TEXT,                             -- NULL while running, else why it stopped
    paused_detail  TEXT,
    paused_at      INTEGER,
    next_due_utc   INTEGER,                          -- NULL while off or paused
    next_due_date  TEXT,                             -- the local date next_due_utc posts for
    updated_at     INTEGER NOT NULL,
    updated_by     INTEGER                           -- the admin's Discord user id
);

-- The scheduler reads the earliest due servers; off and paused servers are not in the index.
CREATE INDEX daily_post_settings_due
    ON daily_post_settings (next_due_utc, guild_id)
    WHERE next_due_utc IS NOT NULL;

-- The exactly-once record: at most one post per server and local date. A row is claimed as
-- 'sending' in the same transaction that moves the server's next_due on, before the message
-- is sent, and finished afterwards (docs/daily-posts.md, "Exactly once").
CREATE TABLE daily_post_log (
    guild_id     INTEGER NOT NULL,
    local_date   TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (
        status IN ('sending', 'sent', 'empty', 'failed', 'undelivered', 'interrupted')
    ),
    channel_id   INTEGER NOT NULL,
    nonce        TEXT    NOT NULL,                   -- Discord deduplicates sends by nonce
    message_id   INTEGER,
    kind         TEXT,                               -- 'on_this_date' | 'archive' | NULL
    attempts     INTEGER NOT NULL DEFAULT 1,
    claimed_at   INTEGER NOT NULL,
    finished_at  INTEGER,
    detail       TEXT,
    PRIMARY KEY (guild_id, local_date)
) WITHOUT ROWID;

CREATE INDEX daily_post_log_sending ON daily_post_log (status) WHERE status = 'sending';

-- What the archive fallback showed each server, so it does not repeat within 30 days.
CREATE TABLE daily_archive_shown (
    guild_id  INTEGER NOT NULL,
    kind      TEXT    NOT NULL CHECK (kind IN ('event', 'programme')),
    item_id   INTEGER NOT NULL,
    shown_on  TEXT    NOT NULL,                      -- the server-local date of the post
    PRIMARY KEY (guild_id, kind, item_id)
) WITHOUT ROWID;
