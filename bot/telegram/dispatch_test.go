package telegram

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// TestDispatcherOrdersByChat checks that one chat's updates are handled in
// order, one at a time, while another chat goes ahead.
func TestDispatcherOrdersByChat(t *testing.T) {
	release := make(chan struct{})
	var mu sync.Mutex
	var order []int
	handled := make(chan int, 100)
	d := newDispatcher(func(ctx context.Context, u *tgbotapi.Update) {
		if u.UpdateID == 1 {
			<-release // chat 10 is stuck on its first update
		}
		mu.Lock()
		order = append(order, u.UpdateID)
		mu.Unlock()
		handled <- u.UpdateID
	}, 50, slog.New(slog.DiscardHandler))
	submit := func(id int, chat int64) {
		d.submit(&job{id: id, chat: chat, update: &tgbotapi.Update{UpdateID: id}, done: func(bool) {}})
	}
	submit(1, 10)
	submit(2, 10)
	submit(3, 20)
	if got := <-handled; got != 3 {
		t.Fatalf("first handled %d, want chat 20's update while chat 10 is stuck", got)
	}
	close(release)
	<-handled
	<-handled
	d.drain(time.Minute)
	if len(order) != 3 || order[1] != 1 || order[2] != 2 {
		t.Errorf("order = %v, want 3, 1, 2", order)
	}
}

func TestDispatcherDropsBeyondTheQueueAndDrains(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{}, 1)
	d := newDispatcher(func(ctx context.Context, u *tgbotapi.Update) {
		select {
		case started <- struct{}{}:
		default:
		}
		select {
		case <-release:
		case <-ctx.Done():
		}
	}, 2, slog.New(slog.DiscardHandler))
	results := make([]chan bool, 5)
	for i := range results {
		results[i] = make(chan bool, 1)
		ch := results[i]
		d.submit(&job{id: i, chat: 1, update: &tgbotapi.Update{UpdateID: i}, done: func(h bool) { ch <- h }})
		if i == 0 {
			<-started // the first is running; the queue holds 2 more
		}
	}
	// Updates 3 and 4 did not fit: dropped, as handled.
	for _, i := range []int{3, 4} {
		if h := <-results[i]; !h {
			t.Errorf("dropped update %d reported unhandled", i)
		}
	}
	// A drain that times out cancels the handler: the running and queued
	// updates are reported unhandled, to be answered after a restart.
	d.drain(time.Millisecond)
	for _, i := range []int{0, 1, 2} {
		if h := <-results[i]; h {
			t.Errorf("update %d reported handled after a cancelled drain", i)
		}
	}
	if d.submit(&job{id: 9, chat: 1, update: &tgbotapi.Update{}, done: func(bool) {}}) {
		t.Errorf("submit after drain succeeded")
	}
	close(release)
}
