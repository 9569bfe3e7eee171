-- 0002_state: small named values that adapters keep across restarts (the
-- Telegram update offset, the fingerprint of the registered Discord
-- commands, long button actions). key is namespaced by the adapter, e.g.
-- "telegram/offset"; updated is an RFC 3339 UTC time.
CREATE TABLE state (
    key     TEXT NOT NULL PRIMARY KEY CHECK (key <> ''),
    value   TEXT NOT NULL,
    updated TEXT NOT NULL
) WITHOUT ROWID;

-- Pausing a channel updates every subscription of one channel.
CREATE INDEX subscriptions_channel ON subscriptions (platform, channel);
