package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestSplitParagraphs checks how page text becomes paragraphs: lines,
// hard wraps, tweets, inline roundup items and the noise around stories.
func TestSplitParagraphs(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []paragraph
	}{
		{"one line a paragraph, headline without a full stop",
			"Raphinha gets his Barcelona move\nLeeds accepted the offer.\nThe fee is £55m.",
			[]paragraph{{text: "Raphinha gets his Barcelona move"}, {text: "Leeds accepted the offer."}, {text: "The fee is £55m."}}},
		{"a hard wrap mid-sentence is joined",
			"Leeds have accepted an offer worth up to\n£55m from Barcelona,\nwhich ends the saga.",
			[]paragraph{{text: "Leeds have accepted an offer worth up to £55m from Barcelona, which ends the saga."}}},
		{"an embedded tweet keeps its text, not its signature",
			"Fee agreed with Leeds. Done deal ✅ pic.twitter.com/rAph1naFCB\n— Matteo Moretto (@MatteMoretto) July 13, 2022\nChelsea had agreed a fee.",
			[]paragraph{{text: "Fee agreed with Leeds. Done deal ✅"}, {text: "Chelsea had agreed a fee."}}},
		{"bullet items inline become items",
			"Your round-up • Chelsea are preparing a third offer for John Stones • Spurs have had a bid turned down (The Times)",
			[]paragraph{{text: "Your round-up", item: true}, {text: "Chelsea are preparing a third offer for John Stones", item: true}, {text: "Spurs have had a bid turned down (The Times)", item: true}}},
		{"two spaced dashes before capitals separate items",
			"Arsenal want Zaha (Mirror) - Liverpool eye Lemar (Sky Sports) - Everton bid for Walcott",
			[]paragraph{{text: "Arsenal want Zaha (Mirror)", item: true}, {text: "Liverpool eye Lemar (Sky Sports)", item: true}, {text: "Everton bid for Walcott", item: true}}},
		{"one dash is an aside, a score is not a separator",
			"Kane scored in the 2 - 1 win - a relief for Spurs.",
			[]paragraph{{text: "Kane scored in the 2 - 1 win - a relief for Spurs."}}},
		{"wire dateline and credits are not prose",
			"WASHINGTON (Reuters) - Wayne Rooney will leave D.C. United.\n(Reporting by Dan Halloran in Washington; Editing by Clare Fallon)",
			[]paragraph{{text: "Wayne Rooney will leave D.C. United."}}},
		{"by-lines, date lines and teasers are dropped",
			"By Oliver Pratt\n13/07/2022 - 20:37\nREAD MORE | Marsch praises Raphinha\nRaphinha is set to join Barcelona.\nSign up for our newsletter",
			[]paragraph{{text: "Raphinha is set to join Barcelona."}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := splitParagraphs(tt.text)
			for i := range got {
				got[i].gap, got[i].bullet = false, false // TestHeadingLines checks these
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("splitParagraphs:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// TestHeadingLines: a heading in capitals on a line of its own starts an
// item that its lines belong to, up to the next blank line.
func TestHeadingLines(t *testing.T) {
	sents := splitArticle("", "Where every club stands.\n\nAL-HILAL\nNeymar arrived from PSG.\nMalcom came from Zenit.\n\nThe window is shut.", nil)
	var got []string
	for _, s := range sents {
		got = append(got, fmt.Sprintf("%d %v %s", s.item, s.header, s.text))
	}
	want := []string{"-1 false Where every club stands.", "0 true AL-HILAL", "0 false Neymar arrived from PSG.", "0 false Malcom came from Zenit.", "-1 false The window is shut."}
	if !slices.Equal(got, want) {
		t.Errorf("splitArticle:\n got %q\nwant %q", got, want)
	}
	sents = splitArticle("", "What the window told us.\n\n2. Napoli rebuilt in one summer\nKim arrived from Fenerbahce.\n\n3. Roma are serious\nDybala chose them.", nil)
	got = got[:0]
	for _, s := range sents {
		got = append(got, fmt.Sprintf("%d %v %s", s.item, s.header, s.text))
	}
	want = []string{"-1 false What the window told us.", "0 true Napoli rebuilt in one summer", "0 false Kim arrived from Fenerbahce.", "1 true Roma are serious", "1 false Dybala chose them."}
	if !slices.Equal(got, want) {
		t.Errorf("splitArticle, numbered headings:\n got %q\nwant %q", got, want)
	}
}

// TestSplitSentencesInitials: dotted initials and abbreviations do not end
// sentences ("D.C. United", "U.S. international").
func TestSplitSentencesInitials(t *testing.T) {
	got := splitSentences("Rooney will leave D.C. United. Leeds signed U.S. international Tyler Adams.")
	want := []string{"Rooney will leave D.C. United.", "Leeds signed U.S. international Tyler Adams."}
	if !slices.Equal(got, want) {
		t.Errorf("splitSentences = %q, want %q", got, want)
	}
}

// TestDefaultModel: the committed model loads and was trained on the
// features the extractor computes.
func TestDefaultModel(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	if m.Threshold <= 0 || m.Threshold >= 1 {
		t.Errorf("threshold %v outside (0, 1)", m.Threshold)
	}
	bad := *m
	bad.Features = bad.Features[1:]
	if err := bad.check(); err == nil {
		t.Error("a model with other features passed the check")
	}
}

// TestSpaceScans checks spacedHyphen against the search it stands for.
func TestSpaceScans(t *testing.T) {
	for _, p := range []string{"", " ", "  ", "a  b", "a b", "a\tb", "a\rb", "ab ", "-", " - ", "a - b", "a-b", "a -b", "a- b", "--", " -- ", "- ", " -", "a b - ", "x-y - z", "x-y -z-"} {
		if got, want := spacedHyphen(p), strings.Contains(p, " - "); got != want {
			t.Errorf("spacedHyphen(%q) = %v", p, got)
		}
	}
}
