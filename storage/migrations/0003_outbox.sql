-- 0003_outbox: the alerts outbox as the dispatcher uses it, and feed item
-- GUIDs on articles. Times in the outbox are UTC text of fixed width
-- (YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ, storage.outboxLayout), so that comparing
-- them as text compares them as times.

-- The alerts tables of 0001 were never written to; they are replaced.
DROP TABLE alert_deliveries;
DROP TABLE alerts;

-- alerts is the outbox of alerts to deliver: one row per rumours.Alert,
-- written in the transaction of the article (article_id) that caused it.
-- cycle groups the alerts of one ingest call. previous is the pair's stage
-- before the news, 'unknown' for a new link. payload is a JSON object with
-- the alert's other fields (from club, outlet, date, title, quote, URL,
-- current club, ranking and share of staying). Alerts are never deleted;
-- there is no index on article_id.
CREATE TABLE alerts (
    id         INTEGER PRIMARY KEY,
    cycle      INTEGER NOT NULL,
    created    TEXT    NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    player     TEXT    NOT NULL CHECK (player <> ''),
    club       TEXT    NOT NULL CHECK (club <> ''),
    stage      TEXT    NOT NULL CHECK (stage IN ('speculation', 'interest', 'talks', 'bid', 'agreed', 'medical', 'done', 'denied', 'off')),
    previous   TEXT    NOT NULL CHECK (previous IN ('unknown', 'speculation', 'interest', 'talks', 'bid', 'agreed', 'medical', 'done', 'denied', 'off')),
    payload    TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(payload))
);
CREATE INDEX alerts_created ON alerts (created);

-- alert_deliveries holds each alert's delivery to one channel: pending until
-- the platform accepted it (sent) or the dispatcher gave up (dropped).
-- attempts counts failed attempts; next_try is when a pending delivery is
-- due again, '' meaning at once; note says why the last attempt failed or
-- why it was dropped; done_at is when it was sent or dropped. kind and
-- target name the subscription that asked for it (the player's when the
-- channel follows both him and a club), for the unsubscribe button.
CREATE TABLE alert_deliveries (
    alert_id INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    platform TEXT    NOT NULL CHECK (platform <> ''),
    channel  TEXT    NOT NULL CHECK (channel <> ''),
    kind     TEXT    NOT NULL CHECK (kind IN ('player', 'club')),
    target   TEXT    NOT NULL CHECK (target <> ''),
    state    TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dropped')),
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_try TEXT    NOT NULL DEFAULT '',
    note     TEXT    NOT NULL DEFAULT '',
    done_at  TEXT,
    PRIMARY KEY (alert_id, platform, channel)
) WITHOUT ROWID;
-- Sent and dropped deliveries pile up; this index holds the pending ones
-- only. PendingDeliveries reads a platform's due deliveries from it,
-- DropChannelDeliveries a platform's pending ones, and ExpireDeliveries all
-- of them. An index on (platform, channel) for DropChannelDeliveries, which
-- is rare, would make fan-out to 10,000 channels half as fast again when
-- deliveries are backed up.
CREATE INDEX alert_deliveries_due ON alert_deliveries (platform, next_try) WHERE state = 'pending';

-- guid identifies a feed item (rumours.Article.GUID); NULL for articles not
-- read from a feed. Like url, it identifies duplicates.
ALTER TABLE articles ADD COLUMN guid TEXT CHECK (guid IS NULL OR guid <> '');
CREATE UNIQUE INDEX articles_guid ON articles (guid);
