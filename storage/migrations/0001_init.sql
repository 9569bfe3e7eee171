-- 0001_init: articles, players, clubs, links, subscriptions and the alerts
-- outbox. Dates are ISO text (YYYY-MM-DD) or NULL; stages are stored by name
-- (rumours.Stage.String).

-- articles holds every ingested article except its text. url is NULL for
-- local files; text_hash and url (when present) identify duplicates. simhash
-- is the 64-bit fingerprint stored as the int64 with the same bits;
-- band0..band3 are its four 16-bit bands (band0 = low 16 bits), each indexed
-- for FindSimilar. story is the id of the story the article repeats (its own
-- id for a new story).
CREATE TABLE articles (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL DEFAULT '',
    url         TEXT    UNIQUE CHECK (url IS NULL OR url <> ''),
    title       TEXT    NOT NULL DEFAULT '',
    outlet      TEXT    NOT NULL DEFAULT '',
    published   TEXT    CHECK (published IS NULL OR published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    text_hash   TEXT    NOT NULL UNIQUE CHECK (text_hash <> ''),
    simhash     INTEGER NOT NULL,
    band0       INTEGER NOT NULL,
    band1       INTEGER NOT NULL,
    band2       INTEGER NOT NULL,
    band3       INTEGER NOT NULL,
    story       INTEGER NOT NULL,
    ingested_at TEXT    NOT NULL
);
CREATE INDEX articles_band0 ON articles (band0);
CREATE INDEX articles_band1 ON articles (band1);
CREATE INDEX articles_band2 ON articles (band2);
CREATE INDEX articles_band3 ON articles (band3);

-- article_texts holds the article bodies apart, so that the rows of articles
-- stay small and the evidence queries that join them touch few pages.
CREATE TABLE article_texts (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id),
    text       TEXT NOT NULL
);

-- clubs are canonical club names.
CREATE TABLE clubs (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (name <> '')
);

-- players are canonical player names; key is the folded name (lower case,
-- accents removed) for lookups that ignore case and accents. links, club_id
-- and club_date are kept up to date by SaveArticle so that Players needs no
-- scan of links: links counts the player's links, club_id is the from club of
-- the newest link that has one and club_date that link's date key (see
-- links.published_key).
CREATE TABLE players (
    id        INTEGER PRIMARY KEY,
    name      TEXT    NOT NULL UNIQUE CHECK (name <> ''),
    key       TEXT    NOT NULL,
    links     INTEGER NOT NULL DEFAULT 0,
    club_id   INTEGER REFERENCES clubs (id),
    club_date TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX players_key ON players (key);

-- links are the (player, destination club) pairs an article reports; seq is
-- the link's position in its article. The table is clustered by player and
-- date (WITHOUT ROWID), so that PlayerEvidence reads one contiguous range.
-- published_key copies the article's date: YYYY-MM-DD, or '' when the date is
-- unknown, so that undated links sort oldest and pass every asOf bound with a
-- plain range scan. (published_key, article_id, seq) orders links from oldest
-- to newest. outlets is a JSON array of strings.
CREATE TABLE links (
    player_id     INTEGER NOT NULL REFERENCES players (id),
    published_key TEXT    NOT NULL,
    article_id    INTEGER NOT NULL REFERENCES articles (id),
    seq           INTEGER NOT NULL CHECK (seq >= 0),
    to_club_id    INTEGER NOT NULL REFERENCES clubs (id),
    from_club_id  INTEGER REFERENCES clubs (id),
    stage         TEXT    NOT NULL CHECK (stage IN ('speculation', 'interest', 'talks', 'bid', 'agreed', 'medical', 'done', 'denied', 'off')),
    outlets       TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(outlets)),
    is_primary    INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
    confidence    REAL    NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    quote         TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (player_id, published_key, article_id, seq)
) WITHOUT ROWID;
-- ClubEvidence: newest first per destination and per origin club.
CREATE INDEX links_to_club ON links (to_club_id, published_key, article_id, seq);
CREATE INDEX links_from_club ON links (from_club_id, published_key, article_id, seq) WHERE from_club_id IS NOT NULL;
-- LatestEvidence: newest first overall.
CREATE INDEX links_published ON links (published_key, article_id, seq);
-- There is no index on links (article_id): articles are never deleted. A
-- migration that adds deletion must add one.

-- subscriptions ask for alerts about a player or a club in one channel.
-- min_stage is a stage name, or 'unknown' for every stage.
CREATE TABLE subscriptions (
    id        INTEGER PRIMARY KEY,
    platform  TEXT    NOT NULL CHECK (platform <> ''),
    channel   TEXT    NOT NULL CHECK (channel <> ''),
    kind      TEXT    NOT NULL CHECK (kind IN ('player', 'club')),
    target    TEXT    NOT NULL CHECK (target <> ''),
    min_stage TEXT    NOT NULL DEFAULT 'unknown' CHECK (min_stage IN ('unknown', 'speculation', 'interest', 'talks', 'bid', 'agreed', 'medical', 'done', 'denied', 'off')),
    active    INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created   TEXT    NOT NULL,
    UNIQUE (platform, channel, kind, target)
);
-- Alert fan-out: who follows this player or club.
CREATE INDEX subscriptions_target ON subscriptions (kind, target);

-- alerts is the outbox of alerts to deliver: one row per alert, written in
-- the same transaction as the news that caused it. payload is JSON.
CREATE TABLE alerts (
    id      INTEGER PRIMARY KEY,
    created TEXT NOT NULL,
    player  TEXT NOT NULL,
    club    TEXT NOT NULL,
    stage   TEXT NOT NULL CHECK (stage IN ('speculation', 'interest', 'talks', 'bid', 'agreed', 'medical', 'done', 'denied', 'off')),
    payload TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload))
);
CREATE INDEX alerts_created ON alerts (created);

-- alert_deliveries records each alert's delivery to one channel; sent_at is
-- NULL until the delivery succeeded.
CREATE TABLE alert_deliveries (
    alert_id INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    platform TEXT    NOT NULL,
    channel  TEXT    NOT NULL,
    sent_at  TEXT,
    PRIMARY KEY (alert_id, platform, channel)
) WITHOUT ROWID;
CREATE INDEX alert_deliveries_pending ON alert_deliveries (alert_id) WHERE sent_at IS NULL;
