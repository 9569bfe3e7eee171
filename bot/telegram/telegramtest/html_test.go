package telegramtest

import "testing"

func TestVisibleHTML(t *testing.T) {
	cases := []struct {
		html, shown string
		ok          bool
	}{
		{"<b>bold</b> &amp; <i>it</i>", "bold & it", true},
		{`<a href="https://x.org/?a=1&amp;b=&quot;2&quot;">link</a>`, "link", true},
		{"&lt;tag&gt; &quot;q&quot; &#233;&#x1F600;", `<tag> "q" é😀`, true},
		{"<b>unclosed", "", false},
		{"<b><i>crossed</b></i>", "", false},
		{"<script>x</script>", "", false},
		{"a < b", "", false},
		{"a > b", "", false},
		{"AT&T", "", false},
		{"&nbsp;", "", false},
		{`<a href="javascript:alert(1)">x</a>`, "", false},
	}
	for _, c := range cases {
		shown, err := VisibleHTML(c.html)
		if (err == nil) != c.ok || shown != c.shown {
			t.Errorf("VisibleHTML(%q) = %q, %v; want %q, ok %v", c.html, shown, err, c.shown, c.ok)
		}
	}
	if n := Len("a😀é"); n != 4 {
		t.Errorf("Len = %d, want 4 UTF-16 units", n)
	}
}

func TestEntities(t *testing.T) {
	es := Entities("/where@my_bot Ramos, ask @my_bot or @other 😀 @x")
	want := []struct {
		typ       string
		off, size int
	}{{"bot_command", 0, 13}, {"mention", 25, 7}, {"mention", 36, 6}, {"mention", 46, 2}}
	if len(es) != len(want) {
		t.Fatalf("entities = %+v", es)
	}
	for i, w := range want {
		if es[i].Type != w.typ || es[i].Offset != w.off || es[i].Length != w.size {
			t.Errorf("entity %d = %+v, want %+v", i, es[i], w)
		}
	}
}
