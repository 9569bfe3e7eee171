package telegram

import "testing"

func TestStripMention(t *testing.T) {
	cases := []struct {
		text, want string
		found      bool
	}{
		{"@transferbot where is Ramos?", "where is Ramos?", true},
		{"where is Ramos @TransferBot?", "where is Ramos ?", true},
		{"hey @transferbot, where is Ramos", "hey , where is Ramos", true},
		{"@transferbot_fan where is Ramos", "@transferbot_fan where is Ramos", false},
		{"mail@transferbot where", "mail@transferbot where", false},
		{"@transferbot", "", true},
		{"Ramos, Ramos¿ @transferbot @transferbot", "Ramos, Ramos¿", true},
		{"no mention", "no mention", false},
		{"@transferbo", "@transferbo", false},
	}
	for _, c := range cases {
		got, found := stripMention(c.text, "transferbot")
		if got != c.want || found != c.found {
			t.Errorf("stripMention(%q) = %q, %v; want %q, %v", c.text, got, found, c.want, c.found)
		}
	}
}
