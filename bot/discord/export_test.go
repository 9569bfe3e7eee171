package discord

// SetCompletionCache empties the autocomplete cache and turns it on or off,
// so that benchmarks can measure the core's cost alone, or start cold.
func (d *Discord) SetCompletionCache(on bool) {
	d.completions = newCompleteCache()
	d.completions.off = !on
}
