// Package bot is transferbot's platform-neutral command core.
//
// Platform adapters (the console in package bot/console; Discord and Telegram
// later) turn what a user typed or clicked into a Request and hand it to
// Core.Handle. The core reads the text (Understand: an intent, a player, a
// club, a stage), asks the rumour engine (Engine) and answers with a
// structured Reply: a title, ranked lines with fields, notes, buttons whose
// actions are commands the core can handle again, and chart data
// (RenderChart draws it as a PNG).
//
// All wording a user sees is decided here. Adapters only lay a Reply out for
// their platform, or fall back to Reply.PlainText.
package bot
