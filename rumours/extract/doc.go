// Package extract reads transfer links out of football news: for each
// article, the (player, destination club) pairs it reports, with the club he
// leaves, the stage (interest to done, denied or off), the outlets cited and
// whether the pair is what the article is about.
//
// The text passes through the stages in the order of the files:
//
//	prepare.go   clean the page, split paragraphs, items and sentences, tokenise
//	mentions.go  find clubs, players, people and references
//	outlets.go   find the outlets cited and what each citation covers
//	roles.go     give each club a role in its clause and stage each destination
//	vocab.go     the words the stages match (role nouns, stage cues, ...)
//	features.go  every (player, club) pair the text holds, as a candidate with features
//	model.go     the learned link model that decides which candidates are links
//	extract.go   fold the rules' evidence into links; credit the outlets
//	explain.go   what -explain prints
//
// The link model's weights (model.json) are trained by internal/train on the
// labelled article sets; the rules' decisions are among its features.
//
// The Extractor is immutable once built and safe for concurrent use; the
// engine receives it through the small rumours.Extractor interface.
package extract
