package rumours

import (
	"fmt"
	"strings"
)

// UnknownError is returned when a name matches no known player or club.
// Suggestions holds the closest known names, best first.
type UnknownError struct {
	Kind        SubjectKind
	Query       string
	Suggestions []string
}

func (e *UnknownError) Error() string {
	return fmt.Sprintf("rumours: unknown %s %q", e.Kind, e.Query)
}

// AmbiguousError is returned when a name matches several players or clubs
// equally well. Candidates are canonical names, most linked first.
type AmbiguousError struct {
	Kind       SubjectKind
	Query      string
	Candidates []string
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("rumours: ambiguous %s %q: %s", e.Kind, e.Query, strings.Join(e.Candidates, ", "))
}

// ClubLink is one player linked with a club, in or out, in a ClubReport.
type ClubLink struct {
	Player string
	Club   string // the other club: destination for Out, origin for In ("" if unknown)
	Stage  Stage
	Best   Evidence
}

// ClubReport answers "who is CLUB linked with": players linked in and out.
type ClubReport struct {
	Club string
	In   []ClubLink // players linked with a move to the club, strongest first
	Out  []ClubLink // the club's players linked with a move away
}

// OutletTier is an outlet with its reliability tier (1 is most reliable) and
// the weight the ranking gives it.
type OutletTier struct {
	Name   string
	Tier   int
	Weight float64
}
