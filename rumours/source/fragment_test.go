package source

import "testing"

func TestFragmentText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"white space", " \n\t ", ""},
		{"plain text", "Kane  wanted by Bayern.", "Kane wanted by Bayern."},
		{"plain text paragraphs", "Kane wanted.\r\n\r\n  Spurs   refuse.\nFor now.", "Kane wanted.\n\nSpurs refuse.\nFor now."},
		{"entities in plain text", "Gündoğan &amp; Barça &lt;3", "Gündoğan & Barça <3"},
		{
			"paragraphs",
			"<p>Arsenal are in <b>talks</b> with Brighton.</p>\n<p>Caicedo wants the move.</p>",
			"Arsenal are in talks with Brighton.\n\nCaicedo wants the move.",
		},
		{
			"lists, headings and divs",
			"<h2>Latest</h2><ul><li>One</li><li>Two</li></ul><div>Three <a href='/x'>link</a></div>",
			"Latest\n\nOne\n\nTwo\n\nThree link",
		},
		{
			"single br is a new line, double br a new paragraph",
			"Line one<br>line two<br/> <br>\nNew paragraph",
			"Line one\nline two\n\nNew paragraph",
		},
		{
			"scripts, styles and images dropped",
			`<p>Text<script>alert(1)</script><style>p{}</style><img src="x.jpg" alt="photo"></p>`,
			"Text",
		},
		{
			"head elements in a fragment",
			"<title>Not text?</title><p>Body</p>",
			"Not text?\n\nBody",
		},
		{"unclosed tags", "<p>Open <i>italic", "Open italic"},
		{"only markup", "<p></p><br><img src=x>", ""},
		{"CDATA-style text with tags", "Rice &lt;b&gt;agrees&lt;/b&gt;", "Rice <b>agrees</b>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FragmentText(tt.in); got != tt.want {
				t.Errorf("FragmentText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
