package render

import (
	"bytes"
	"context"
	"errors"
	"io"
	"sync/atomic"
	"testing"
)

// streamOutput is a memOutput that also takes files as streams (StreamOutput), as the build's
// staging folder does.
type streamOutput struct {
	*memOutput
	streamed []string
}

func (s *streamOutput) WritesConcurrently() {}

func (s *streamOutput) CreateFile(name string) (io.WriteCloser, error) {
	s.mu.Lock()
	s.streamed = append(s.streamed, name)
	s.mu.Unlock()
	return &streamFile{name: name, out: s.memOutput}, nil
}

// streamFile is written to the memOutput when it is closed.
type streamFile struct {
	bytes.Buffer
	name string
	out  *memOutput
}

func (f *streamFile) Close() error { return f.out.WriteFile(f.name, f.Bytes()) }

// TestStreamedMetrics renders the golden site into an output that takes streams: every file
// is the same as written whole, data/metrics.csv among them, and it is the one streamed.
func TestStreamedMetrics(t *testing.T) {
	whole, s1 := renderSite(t, testSite(t))
	out := &streamOutput{memOutput: newMemOutput()}
	s2, err := Render(t.Context(), testSite(t), out)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.streamed) != 1 || out.streamed[0] != "data/metrics.csv" {
		t.Errorf("streamed %q, want data/metrics.csv alone", out.streamed)
	}
	if len(out.files) != len(whole.files) {
		t.Errorf("got %d files, want %d", len(out.files), len(whole.files))
	}
	for name, data := range whole.files {
		if !bytes.Equal(out.files[name], data) {
			t.Errorf("%s differs when streamed", name)
		}
	}
	if s1.Pages != s2.Pages || s1.Downloads != s2.Downloads {
		t.Errorf("stats differ: %+v, %+v", s1, s2)
	}
}

// TestStreamCSVStops checks that a stream stops with the context: a build that failed or was
// interrupted does not go on writing a million rows.
func TestStreamCSVStops(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	out := &streamOutput{memOutput: newMemOutput()}
	var writing atomic.Int64
	err := streamCSV(ctx, out, "data/metrics.csv", fixtureResult().Figures, &writing)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
	if got := out.files["data/metrics.csv"]; len(got) != 0 {
		t.Errorf("wrote %d bytes after the context was done", len(got))
	}
}
