// Package extract reads transfer links out of football news: for each
// article, the (player, destination club) pairs it reports, with the club he
// leaves, the stage (interest to done, denied or off), the outlets cited and
// whether the pair is what the article is about.
//
// The text passes through the stages in the order of the files:
//
//	prepare.go   clean the page, split paragraphs, items and sentences, tokenise
//	mentions.go  find clubs, players, outlets, people and references
//	roles.go     give each club a role in its clause and stage each destination
//	vocab.go     the words the stages match (role nouns, stage cues, ...)
//	outlets.go   the outlet table and who a story is credited to
//	extract.go   fold the mentions into one link per pair
//	explain.go   what -explain prints
//
// The Extractor is immutable once built and safe for concurrent use; the
// engine receives it through the small rumours.Extractor interface.
package extract
