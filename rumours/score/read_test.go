package score

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestReadJSONL(t *testing.T) {
	in := "{\"id\": \"b\", \"links\": [{\"player\": \"P\", \"to\": \"T\", \"stage\": \"done\"}]}\r\n" +
		"\r\n" +
		" \u00a0{\"id\": \"a\", \"links\": null}\x1f\r" + // Python's strip() takes NBSP and U+001F
		"{\"id\": \"b\", \"links\": []}\n" + // b again: last wins, first position kept
		"{\"links\": [{}]}\n" + // no id: "None"
		"{\"id\": 7}\n{\"id\": -0}\n{\"id\": 1.50}\n{\"id\": 1e16}\n{\"id\": 0.00001}\n{\"id\": true}\n"
	docs, order, err := ReadJSONL(strings.NewReader(in), "x.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	wantOrder := []string{"b", "a", "None", "7", "0", "1.5", "1e+16", "1e-05", "True"}
	if strings.Join(order, "|") != strings.Join(wantOrder, "|") {
		t.Errorf("order = %q, want %q", order, wantOrder)
	}
	if len(docs) != len(wantOrder) {
		t.Errorf("%d docs, want %d", len(docs), len(wantOrder))
	}
	if l, ok := docs["b"]; !ok || len(l) != 0 {
		t.Errorf(`docs["b"] = %v, %v; want the last line's empty links`, l, ok)
	}
	if l := docs["None"]; len(l) != 1 || !l[0].noPlayer || !l[0].IsCertain() {
		t.Errorf(`docs["None"] = %+v, want one empty, certain link`, l)
	}
}

func TestReadLinkFields(t *testing.T) {
	tests := []struct {
		link      string
		primary   bool
		certain   bool
		from      string // "<nil>" when nil
		outlets   string
		stageAlt  string
		nullStage bool
	}{
		{`{"player": "P", "to": "T", "stage": "bid"}`, false, true, "<nil>", "", "", false},
		{`{"primary": true, "certain": false, "from": "F", "outlets": ["A", null]}`, true, false, "F", "A|", "", true},
		{`{"primary": 1, "certain": null, "from": null, "stage": null}`, true, false, "<nil>", "", "", true},
		{`{"primary": "", "certain": 0.0, "outlets": [], "stage_alt": "agreed"}`, false, false, "<nil>", "", "agreed", true},
		{`{"primary": [0], "certain": "no", "outlets": null}`, true, true, "<nil>", "", "", true},
		{`{"primary": {}, "certain": {"a": 1}}`, false, true, "<nil>", "", "", true},
		{`{"Player": "P", "certain": 1e-400}`, false, false, "<nil>", "", "", true}, // keys match exactly
	}
	for _, tt := range tests {
		docs, _, err := ReadJSONL(strings.NewReader(`{"id": "a", "links": [`+tt.link+`]}`), "x")
		if err != nil {
			t.Errorf("%s: %v", tt.link, err)
			continue
		}
		l := docs["a"][0]
		from := "<nil>"
		if l.From != nil {
			from = *l.From
		}
		if l.Primary != tt.primary || l.IsCertain() != tt.certain || from != tt.from ||
			strings.Join(l.Outlets, "|") != tt.outlets || l.StageAlt != tt.stageAlt || l.noStage != tt.nullStage {
			t.Errorf("%s: got primary %v certain %v from %q outlets %q stage_alt %q null stage %v",
				tt.link, l.Primary, l.IsCertain(), from, l.Outlets, l.StageAlt, l.noStage)
		}
		if tt.link == `{"Player": "P", "certain": 1e-400}` && l.Player != "" {
			t.Errorf("%s: Player = %q, want empty", tt.link, l.Player)
		}
	}
}

func TestReadJSONLErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"{\"id\": \"a\"}\n\n{\"id\": \"b\",}\n", "g.jsonl:3: not JSON: "},
		{"{\"id\": \"a\"}\r{'id': 'b'}\n", "g.jsonl:2: not JSON: "},
		{"[1, 2]\n", "g.jsonl:1: not a JSON object"},
		{"{\"id\": \"a\", \"links\": {\"x\": 1}}\n", "g.jsonl:1: links: not a list"},
		{"{\"id\": \"a\", \"links\": [1]}\n", "g.jsonl:1: links[0]: link: "},
		{"{\"id\": \"a\", \"links\": [null]}\n", "g.jsonl:1: links[0]: link: not an object"},
		{"{\"id\": \"a\", \"links\": [{\"player\": 5}]}\n", "g.jsonl:1: links[0]: link: player: not a string"},
		{"{\"id\": \"a\", \"links\": [{\"outlets\": \"AS\"}]}\n", "g.jsonl:1: links[0]: link: outlets: not a list of strings"},
		{"{\"id\": [1]}\n", "g.jsonl:1: id: not a string or number"},
		{"{\"id\": \"\xff\"}\n", "g.jsonl:1: not UTF-8"},
	}
	for _, tt := range tests {
		_, _, err := ReadJSONL(strings.NewReader(tt.in), "g.jsonl")
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("ReadJSONL(%q) error = %v, want prefix %q", tt.in, err, tt.want)
		}
	}
	_, _, err := ReadJSONL(errReader{}, "g.jsonl")
	if !errors.Is(err, errBoom) {
		t.Errorf("read error = %v, want it wrapped", err)
	}
}

var errBoom = errors.New("boom")

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errBoom }

func TestPyFloatRepr(t *testing.T) {
	tests := []struct {
		f    float64
		want string
	}{
		{0, "0.0"}, {1.5, "1.5"}, {-2, "-2.0"}, {1e15, "1000000000000000.0"}, {1e16, "1e+16"},
		{1.25e17, "1.25e+17"}, {0.0001, "0.0001"}, {0.00001, "1e-05"}, {123.456, "123.456"},
		{math.Inf(1), "inf"}, {math.Inf(-1), "-inf"}, {5e-324, "5e-324"},
	}
	for _, tt := range tests {
		if got := pyFloatRepr(tt.f); got != tt.want {
			t.Errorf("pyFloatRepr(%v) = %q, want %q", tt.f, got, tt.want)
		}
	}
}
