// Package rumours is the transfer-rumour engine: it turns football news
// articles into links (player, destination club, stage, outlets, date), keeps
// them in a Store and ranks each player's likely destinations with the
// evidence behind each.
//
// The domain types (Article, Link, Evidence, Ranking, Subscription) and the
// Store interface that the storage package implements live here, so that the
// command core, the engine and the store share one vocabulary.
package rumours
