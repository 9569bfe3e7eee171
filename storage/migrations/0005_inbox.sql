-- 0005_inbox: the updates a chat platform sent the bot (Telegram's, by
-- update_id), kept from when they are received until they are answered,
-- so that a bot killed in between answers them after its restart, and
-- kept a while after, so that one delivered again is not answered twice.
-- source names the platform ('telegram'); body is the update as received
-- (emptied once answered); received and answered are UTC text of fixed
-- width (storage.outboxLayout); answered is NULL until the update is
-- answered. The highest update_id of a source is where polling resumes, so
-- pruning keeps it.
CREATE TABLE inbox (
    source    TEXT    NOT NULL CHECK (source <> ''),
    update_id INTEGER NOT NULL,
    body      BLOB    NOT NULL,
    received  TEXT    NOT NULL,
    answered  TEXT,
    PRIMARY KEY (source, update_id)
) WITHOUT ROWID;

-- Loading the updates left unanswered at start.
CREATE INDEX inbox_unanswered ON inbox (source, update_id) WHERE answered IS NULL;
