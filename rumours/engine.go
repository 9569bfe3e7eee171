package rumours

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"transferbot/rumours/gazetteer"
)

// Default values of Options.
const (
	DefaultUnknownTier = 3
	DefaultHalfLife    = 30 * 24 * time.Hour
	DefaultStaysWeight = 1.0
)

// DefaultTierWeights returns the default weight of each outlet tier:
// 1: 1.0, 2: 0.8, 3: 0.55, 4: 0.3.
func DefaultTierWeights() map[int]float64 {
	return map[int]float64{1: 1.0, 2: 0.8, 3: 0.55, 4: 0.3}
}

// ErrEmptyText is wrapped by the error Ingest returns for an article without
// text.
var ErrEmptyText = errors.New("empty text")

// Options tunes an Engine and the ranking. Zero fields take their defaults.
type Options struct {
	Outlets     []Outlet        // outlet table; default DefaultOutlets()
	TierWeights map[int]float64 // weight of each tier; merged over DefaultTierWeights()
	UnknownTier int             // tier of an outlet not in the table; default 3
	HalfLife    time.Duration   // recency half-life; default 30 days
	StaysWeight float64         // weight of "stays where he is"; default 1.0
	// AlertMinScore is the ranking score a new (player, club) link needs
	// to raise an alert (see IngestNews); default DefaultAlertMinScore. A
	// fresh talks report from a tier-1 outlet scores about 0.45, a tier-3
	// speculation about 0.08.
	AlertMinScore float64
	Now           func() time.Time // clock; default time.Now
	Logger        *slog.Logger     // default: discard
}

// withDefaults returns opts with every zero field set to its default.
func (opts Options) withDefaults() Options {
	if opts.Outlets == nil {
		opts.Outlets = DefaultOutlets()
	}
	tw := DefaultTierWeights()
	for t, w := range opts.TierWeights {
		tw[t] = w
	}
	opts.TierWeights = tw
	if opts.UnknownTier == 0 {
		opts.UnknownTier = DefaultUnknownTier
	}
	if opts.HalfLife == 0 {
		opts.HalfLife = DefaultHalfLife
	}
	if opts.StaysWeight == 0 {
		opts.StaysWeight = DefaultStaysWeight
	}
	if opts.AlertMinScore == 0 {
		opts.AlertMinScore = DefaultAlertMinScore
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return opts
}

// validate checks options that already have their defaults.
func (opts Options) validate() error {
	for t, w := range opts.TierWeights {
		if w < 0 || math.IsNaN(w) || math.IsInf(w, 0) {
			return fmt.Errorf("rumours: tier %d: weight %v is not a finite non-negative number", t, w)
		}
	}
	if opts.AlertMinScore < 0 || math.IsNaN(opts.AlertMinScore) || math.IsInf(opts.AlertMinScore, 0) {
		return fmt.Errorf("rumours: alert minimum score %v is not a finite non-negative number", opts.AlertMinScore)
	}
	if opts.UnknownTier < 0 {
		return fmt.Errorf("rumours: unknown tier %d is negative", opts.UnknownTier)
	}
	if opts.HalfLife < 0 {
		return fmt.Errorf("rumours: half-life %v is negative", opts.HalfLife)
	}
	if opts.StaysWeight < 0 || math.IsNaN(opts.StaysWeight) || math.IsInf(opts.StaysWeight, 0) {
		return fmt.Errorf("rumours: stays weight %v is not a finite non-negative number", opts.StaysWeight)
	}
	for _, o := range opts.Outlets {
		if strings.TrimSpace(o.Name) == "" {
			return errors.New("rumours: an outlet has no name")
		}
	}
	return nil
}

// Limits of the engine's queries.
const (
	defaultLimit      = 20   // Rumours and Complete without a limit
	maxLimit          = 1000 // largest limit Rumours honours
	clubEvidenceLimit = 5000 // evidence read for a ClubReport
)

// Engine is the rumour engine: it extracts links from articles, stores them,
// resolves names and ranks destinations. It is safe for concurrent use;
// Ingest calls are serialised so that near-duplicate detection sees every
// earlier article.
type Engine struct {
	store  Store
	g      *gazetteer.Gazetteer
	opts   Options
	x      Extractor
	rank   *ranker
	names  *nameIndex
	log    *slog.Logger
	ingest sync.Mutex // serialises Ingest: story lookup and save

	lastCycle int64 // the last alert cycle; guarded by ingest
}

// Extractor finds the transfer links an article reports, one per (player,
// destination) pair, primary links first. It stops early with ctx's error,
// and no links, when ctx is done. The extractor is package rumours/extract;
// an engine only needs this.
type Extractor interface {
	ExtractContext(ctx context.Context, a Article) ([]Link, error)
}

// New returns an engine over store and the gazetteer g that reads articles
// with x. It reads the players the store knows of to build its name index
// (with a background context, since New has none). It fails on invalid
// options or a store error.
func New(store Store, g *gazetteer.Gazetteer, x Extractor, opts Options) (*Engine, error) {
	if store == nil {
		return nil, errors.New("rumours: new engine: nil store")
	}
	if g == nil {
		return nil, errors.New("rumours: new engine: nil gazetteer")
	}
	if x == nil {
		return nil, errors.New("rumours: new engine: nil extractor")
	}
	opts = opts.withDefaults()
	if err := opts.validate(); err != nil {
		return nil, fmt.Errorf("rumours: new engine: %w", err)
	}
	stored, err := store.Players(context.Background())
	if err != nil {
		return nil, fmt.Errorf("rumours: new engine: list players: %w", err)
	}
	e := &Engine{
		store: store,
		g:     g,
		opts:  opts,
		x:     x,
		rank:  newRanker(opts),
		names: newNameIndex(g, stored),
		log:   opts.Logger,
	}
	return e, nil
}

// IngestResult reports what Ingest did with an article.
type IngestResult struct {
	ArticleID int64  // id of the stored article; 0 for a duplicate
	Links     []Link // links extracted (stored unless Duplicate)
	Duplicate bool   // an article with the same URL or text was already stored
	Story     int64  // story the article belongs to (its own id for a new story)
	// Alerts are the alerts written with the article (IngestNews only).
	Alerts []Alert
}

// IngestBatch ingests articles as Ingest does, faster: extraction runs on
// every core and the articles are stored with group commit (one transaction,
// a savepoint per article). results[i] and errs[i] describe arts[i]; a
// duplicate is a result with Duplicate set, not an error. Each article is
// stored whole or not at all; a crash loses at most the batch being written.
// Once ctx is done, the articles not yet read fail with its error.
func (e *Engine) IngestBatch(ctx context.Context, arts []Article) ([]IngestResult, []error) {
	return e.ingestBatch(ctx, arts, nil)
}

// ingestBatch is IngestBatch, writing alerts for the articles whose alert[i]
// is true (alert may be nil).
func (e *Engine) ingestBatch(ctx context.Context, arts []Article, alert []bool) ([]IngestResult, []error) {
	results := make([]IngestResult, len(arts))
	errs := make([]error, len(arts))
	prepared := make([]StoredArticle, len(arts))
	links := make([][]Link, len(arts))
	// extraction and fingerprints in parallel
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				a := arts[i]
				if strings.TrimSpace(a.Text) == "" {
					errs[i] = fmt.Errorf("rumours: ingest %q: %w", articleName(a), ErrEmptyText)
					continue
				}
				l, err := e.x.ExtractContext(ctx, a)
				if err != nil {
					errs[i] = fmt.Errorf("rumours: ingest %q: %w", articleName(a), err)
					continue
				}
				links[i] = l
				prepared[i] = StoredArticle{Article: a, TextHash: TextHash(a.Text), Simhash: Simhash(a.Text)}
			}
		}()
	}
	for i := range arts {
		next <- i
	}
	close(next)
	wg.Wait()

	e.ingest.Lock()
	defer e.ingest.Unlock()
	var al *alerter
	if slices.Contains(alert, true) {
		al = e.newAlerter()
	}
	var chunk []int // indexes of the articles to save together
	flush := func() {
		if len(chunk) == 0 {
			return
		}
		batch := make([]NewArticle, len(chunk))
		for k, i := range chunk {
			batch[k] = NewArticle{Article: prepared[i], Links: links[i]}
		}
		if al != nil {
			if err := al.alerts(ctx, batch, chunk, alert); err != nil {
				for _, i := range chunk {
					errs[i] = fmt.Errorf("rumours: ingest %q: alerts: %w", articleName(arts[i]), err)
				}
				chunk = chunk[:0]
				return
			}
		}
		ids, serrs := e.store.SaveArticles(ctx, batch)
		for k, i := range chunk {
			switch {
			case errors.Is(serrs[k], ErrDuplicate):
				results[i] = IngestResult{Links: links[i], Duplicate: true}
			case serrs[k] != nil:
				errs[i] = fmt.Errorf("rumours: ingest %q: %w", articleName(arts[i]), serrs[k])
			default:
				story := prepared[i].Story
				if story == 0 {
					story = ids[k]
				}
				results[i] = IngestResult{ArticleID: ids[k], Links: links[i], Story: story, Alerts: batch[k].Alerts}
				e.names.addLinks(links[i])
			}
		}
		chunk = chunk[:0]
	}
	for i := range arts {
		if errs[i] != nil {
			continue
		}
		// a near-duplicate of an article in this chunk must see it stored
		for _, k := range chunk {
			if Hamming(prepared[k].Simhash, prepared[i].Simhash) <= NearDuplicate {
				flush()
				break
			}
		}
		story, err := e.story(ctx, prepared[i].Simhash)
		if err != nil {
			errs[i] = fmt.Errorf("rumours: ingest %q: %w", articleName(arts[i]), err)
			continue
		}
		prepared[i].Story = story
		chunk = append(chunk, i)
	}
	flush()
	return results, errs
}

// story returns the story of the stored article nearest to simhash within
// the near-duplicate threshold, or 0 for a new story. Call with e.ingest held.
func (e *Engine) story(ctx context.Context, simhash uint64) (int64, error) {
	refs, err := e.store.FindSimilar(ctx, simhash)
	if err != nil {
		return 0, err
	}
	best := NearDuplicate + 1
	var bestID, story int64
	for _, r := range refs {
		d := Hamming(r.Simhash, simhash)
		if d < best || (d == best && r.ID < bestID) {
			best, bestID = d, r.ID
			story = r.Story
			if story == 0 {
				story = r.ID
			}
		}
	}
	return story, nil
}

func articleName(a Article) string {
	if a.ID != "" {
		return a.ID
	}
	return a.URL
}

// Ingest extracts the links of a and stores the article with them. An
// article whose URL, GUID or normalised text is already stored is reported
// as Duplicate, without an error. An article whose Simhash is within
// NearDuplicate bits of a stored article joins that article's story (the
// closest one); otherwise it starts a new story. Ingest writes no alerts. It
// fails, wrapping ErrEmptyText, on an article without text, and on store
// errors. Calls are serialised.
func (e *Engine) Ingest(ctx context.Context, a Article) (IngestResult, error) {
	name := articleName(a)
	if strings.TrimSpace(a.Text) == "" {
		return IngestResult{}, fmt.Errorf("rumours: ingest %q: %w", name, ErrEmptyText)
	}
	links, err := e.x.ExtractContext(ctx, a)
	if err != nil {
		return IngestResult{}, fmt.Errorf("rumours: ingest %q: %w", name, err)
	}
	sa := StoredArticle{Article: a, TextHash: TextHash(a.Text), Simhash: Simhash(a.Text)}

	e.ingest.Lock()
	defer e.ingest.Unlock()
	story, err := e.story(ctx, sa.Simhash)
	if err != nil {
		return IngestResult{}, fmt.Errorf("rumours: ingest %q: %w", name, err)
	}
	sa.Story = story
	id, err := e.store.SaveArticle(ctx, sa, links)
	if errors.Is(err, ErrDuplicate) {
		e.log.DebugContext(ctx, "duplicate article", "article", name)
		return IngestResult{Links: links, Duplicate: true}, nil
	}
	if err != nil {
		return IngestResult{}, fmt.Errorf("rumours: ingest %q: %w", name, err)
	}
	e.names.addLinks(links)
	res := IngestResult{ArticleID: id, Links: links, Story: sa.Story}
	if res.Story == 0 {
		res.Story = id
	}
	e.log.DebugContext(ctx, "ingested article", "article", name, "id", id, "links", len(links), "story", res.Story)
	return res, nil
}

// Where ranks the likely destinations of player, a canonical name (see
// ResolvePlayer), from the evidence published up to asOf; a zero asOf means
// now. His current club comes from his timeline: the record's moves and the
// completed moves the news reports (see Timeline), else from what the news
// calls him ("Rennes midfielder"). A player who is neither in the
// gazetteer nor linked in the store gives an error wrapping ErrNotFound; a
// known player without links gets a Ranking with Stays = 1.
func (e *Engine) Where(ctx context.Context, player string, asOf time.Time) (Ranking, error) {
	asOf = e.asOf(asOf)
	ev, err := e.store.PlayerEvidence(ctx, player, asOf)
	if err != nil {
		return Ranking{}, fmt.Errorf("rumours: where %q: %w", player, err)
	}
	if len(ev) == 0 && !e.names.knowsPlayer(player) {
		return Ranking{}, fmt.Errorf("rumours: where %q: %w", player, ErrNotFound)
	}
	return e.rank.rank(player, recordTimeline(e.g, player), ev, asOf), nil
}

// asOf returns the query time for t: now when t is zero, in UTC, so that the
// store's day-granular bound (it compares calendar dates) and the engine's
// filtering of evidence after asOf agree.
func (e *Engine) asOf(t time.Time) time.Time {
	if t.IsZero() {
		t = e.opts.Now()
	}
	return t.UTC()
}

// Rumours returns stored evidence, newest first, at most limit (default 20,
// at most 1000): the latest overall when name is "", else the evidence about
// the player or the club name (canonical). A zero asOf means now.
func (e *Engine) Rumours(ctx context.Context, kind SubjectKind, name string, asOf time.Time, limit int) ([]Evidence, error) {
	if limit <= 0 {
		limit = defaultLimit
	}
	limit = min(limit, maxLimit)
	asOf = e.asOf(asOf)
	var ev []Evidence
	var err error
	switch {
	case name == "":
		ev, err = e.store.LatestEvidence(ctx, asOf, limit)
	case kind == KindPlayer:
		ev, err = e.store.PlayerEvidence(ctx, name, asOf)
	case kind == KindClub:
		ev, err = e.store.ClubEvidence(ctx, name, asOf, limit)
	default:
		return nil, fmt.Errorf("rumours: rumours: unknown subject kind %q", kind)
	}
	if err != nil {
		return nil, fmt.Errorf("rumours: rumours %s %q: %w", kind, name, err)
	}
	ev = slices.DeleteFunc(ev, func(x Evidence) bool { return !x.Published.IsZero() && x.Published.After(asOf) })
	slices.SortStableFunc(ev, func(a, b Evidence) int {
		switch {
		case newer(&a, &b):
			return -1
		case newer(&b, &a):
			return 1
		}
		return 0
	})
	if len(ev) > limit {
		ev = ev[:limit]
	}
	return ev, nil
}

// Club reports the players linked with club (canonical) as of asOf (zero:
// now): In holds one entry per player linked with a move to the club, Out one
// per (player, destination) pair of links away from it. Each entry shows the
// strongest evidence and the stage (denied/off when that is the latest news);
// entries are ordered by stage, strongest first, then by evidence weight.
// An unknown club without links gives an error wrapping ErrNotFound.
func (e *Engine) Club(ctx context.Context, club string, asOf time.Time) (ClubReport, error) {
	asOf = e.asOf(asOf)
	ev, err := e.store.ClubEvidence(ctx, club, asOf, clubEvidenceLimit)
	if err != nil {
		return ClubReport{}, fmt.Errorf("rumours: club %q: %w", club, err)
	}
	if len(ev) == 0 && !gazKnowsClub(e.g, club) {
		return ClubReport{}, fmt.Errorf("rumours: club %q: %w", club, ErrNotFound)
	}
	type pairKey struct{ player, club string }
	type pair struct {
		link   ClubLink
		newest *Evidence
		bestW  float64
		hasPos bool
		origin *Evidence // newest evidence with a From (In only)
	}
	in := map[pairKey]*pair{}
	out := map[pairKey]*pair{}
	for i := range ev {
		x := &ev[i]
		if !x.Stage.Valid() || (!x.Published.IsZero() && x.Published.After(asOf)) {
			continue
		}
		var m map[pairKey]*pair
		var k pairKey
		switch {
		case x.To == club:
			m, k = in, pairKey{x.Player, ""}
		case x.From == club:
			m, k = out, pairKey{x.Player, x.To}
		default:
			continue
		}
		p := m[k]
		if p == nil {
			p = &pair{link: ClubLink{Player: x.Player, Club: k.club}}
			m[k] = p
		}
		if p.newest == nil || newer(x, p.newest) {
			p.newest = x
		}
		if x.From != "" && (p.origin == nil || newer(x, p.origin)) {
			p.origin = x
		}
		if x.Stage.Negative() {
			continue
		}
		w := e.rank.weight(x, asOf)
		if !p.hasPos || w > p.bestW || (w == p.bestW && newer(x, &p.link.Best)) {
			p.link.Best, p.bestW = *x, w
		}
		p.hasPos = true
		if x.Stage > p.link.Stage {
			p.link.Stage = x.Stage
		}
	}
	finish := func(m map[pairKey]*pair, setOrigin bool) []ClubLink {
		ps := make([]*pair, 0, len(m))
		for _, p := range m {
			if !p.hasPos {
				p.link.Best = *p.newest // only denials or collapses
			}
			if p.newest.Stage.Negative() {
				p.link.Stage = p.newest.Stage
			}
			if setOrigin && p.origin != nil {
				p.link.Club = p.origin.From
			}
			ps = append(ps, p)
		}
		slices.SortFunc(ps, func(a, b *pair) int {
			if c := cmp.Compare(stageRank(b.link.Stage), stageRank(a.link.Stage)); c != 0 {
				return c
			}
			if c := cmp.Compare(b.bestW, a.bestW); c != 0 {
				return c
			}
			if c := strings.Compare(a.link.Player, b.link.Player); c != 0 {
				return c
			}
			return strings.Compare(a.link.Club, b.link.Club)
		})
		links := make([]ClubLink, len(ps))
		for i, p := range ps {
			links[i] = p.link
		}
		return links
	}
	return ClubReport{Club: club, In: finish(in, true), Out: finish(out, false)}, nil
}

// stageRank orders stages for reports: positive stages by strength, then
// denials and collapses below every positive stage.
func stageRank(s Stage) int {
	if s.Negative() {
		return -int(s)
	}
	return int(s)
}

// Subscribe stores s after checking it: a known platform and channel, a kind
// of player or club, a canonical Target of that kind and a MinStage that is
// StageUnknown or a positive stage. It sets Created to now and Active. A
// Target that is not a canonical name gives a *UnknownError.
func (e *Engine) Subscribe(ctx context.Context, s Subscription) error {
	if strings.TrimSpace(s.Platform) == "" || strings.TrimSpace(s.Channel) == "" {
		return errors.New("rumours: subscribe: missing platform or channel")
	}
	if s.MinStage != StageUnknown && (!s.MinStage.Valid() || s.MinStage.Negative()) {
		return fmt.Errorf("rumours: subscribe: invalid minimum stage %v", s.MinStage)
	}
	switch s.Kind {
	case KindPlayer:
		if !e.names.knowsPlayer(s.Target) {
			return &UnknownError{Kind: KindPlayer, Query: s.Target, Suggestions: e.names.playerSuggestions(foldKey(s.Target))}
		}
	case KindClub:
		if !gazKnowsClub(e.g, s.Target) {
			return &UnknownError{Kind: KindClub, Query: s.Target, Suggestions: e.names.clubSuggestions(foldKey(s.Target))}
		}
	default:
		return fmt.Errorf("rumours: subscribe: unknown subject kind %q", s.Kind)
	}
	s.Created = e.opts.Now()
	s.Active = true
	if err := e.store.Subscribe(ctx, s); err != nil {
		return fmt.Errorf("rumours: subscribe %s %q: %w", s.Kind, s.Target, err)
	}
	return nil
}

// Unsubscribe removes a subscription; the error wraps ErrNotFound if there
// was none.
func (e *Engine) Unsubscribe(ctx context.Context, platform, channel string, kind SubjectKind, target string) error {
	if err := e.store.Unsubscribe(ctx, platform, channel, kind, target); err != nil {
		return fmt.Errorf("rumours: unsubscribe %s %q: %w", kind, target, err)
	}
	return nil
}

// Subscriptions lists the subscriptions of a channel; an empty platform
// lists all.
func (e *Engine) Subscriptions(ctx context.Context, platform, channel string) ([]Subscription, error) {
	subs, err := e.store.Subscriptions(ctx, platform, channel)
	if err != nil {
		return nil, fmt.Errorf("rumours: subscriptions: %w", err)
	}
	return subs, nil
}

// Sources lists every outlet of the engine's table with its tier and
// ranking weight, by tier, then by name.
func (e *Engine) Sources() []OutletTier {
	out := make([]OutletTier, 0, len(e.opts.Outlets))
	for _, o := range e.opts.Outlets {
		out = append(out, OutletTier{Name: o.Name, Tier: o.Tier, Weight: e.rank.tierWeight(o.Tier)})
	}
	slices.SortFunc(out, func(a, b OutletTier) int {
		if c := cmp.Compare(a.Tier, b.Tier); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

// Complete returns up to limit (default 20) canonical names of kind that
// start with prefix, ignoring case and accents: names whose whole form or one
// of whose words starts with the prefix, then, for prefixes of five letters
// or more, names within two edits. Players with stored links come first. An
// empty prefix lists the most linked players (clubs: none).
func (e *Engine) Complete(ctx context.Context, kind SubjectKind, prefix string, limit int) []string {
	if limit <= 0 {
		limit = defaultLimit
	}
	limit = min(limit, maxLimit)
	if len(prefix) > maxQuery {
		return nil
	}
	switch kind {
	case KindPlayer:
		return e.names.completePlayers(foldKey(prefix), limit)
	case KindClub:
		return e.names.completeClubs(foldKey(prefix), limit)
	}
	return nil
}

// SetChannelActive pauses (active false) or resumes every subscription of a
// channel, and returns how many changed. Adapters pause a channel when the
// platform refuses delivery for good (bot blocked or removed, channel
// deleted) and resume it when the channel is heard from again.
func (e *Engine) SetChannelActive(ctx context.Context, platform, channel string, active bool) (int, error) {
	n, err := e.store.SetChannelActive(ctx, platform, channel, active)
	if err != nil {
		return 0, fmt.Errorf("rumours: set channel active: %w", err)
	}
	return n, nil
}

// MoveChannel moves a channel's subscriptions to its new id; see
// Store.MoveChannel.
func (e *Engine) MoveChannel(ctx context.Context, platform, from, to string) (int, error) {
	n, err := e.store.MoveChannel(ctx, platform, from, to)
	if err != nil {
		return 0, fmt.Errorf("rumours: move channel: %w", err)
	}
	return n, nil
}

// State returns a value an adapter keeps across restarts; see Store.State.
func (e *Engine) State(ctx context.Context, key string) (string, bool, error) {
	v, ok, err := e.store.State(ctx, key)
	if err != nil {
		return "", false, fmt.Errorf("rumours: %w", err)
	}
	return v, ok, nil
}

// SetState stores a value an adapter keeps across restarts; see Store.SetState.
func (e *Engine) SetState(ctx context.Context, key, value string) error {
	if err := e.store.SetState(ctx, key, value); err != nil {
		return fmt.Errorf("rumours: %w", err)
	}
	return nil
}
