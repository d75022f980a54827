package render

// This file holds the rendering of the jobs: a pool of workers renders the pages and their
// downloads, one goroutine writes the files (several when the Output is a ConcurrentOutput),
// and the errors are collected.

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// file is one file for the writer; buf, when set, goes back to the pool once written.
type file struct {
	name string
	data []byte
	buf  *bytes.Buffer
}

// renderJob renders a page, and its downloads when the job writes them.
func (r *run) renderJob(j job) ([]file, int, error) {
	pb, err := r.build(j)
	if err != nil {
		return nil, 0, err
	}
	if j.listed != nil {
		j.listed.record(j.path, pb)
	}
	buf := r.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	writeBlocksTo(pb.page, buf)
	if t := r.pages[pb.page.Kind]; r.shells[pb.page.Kind] {
		err = executeShell(t, buf, pb.page, r.mains[pb.page.Kind])
	} else {
		err = t.ExecuteTemplate(buf, "page", pb.page)
	}
	writeBlocksTo(pb.page, nil)
	if err != nil {
		r.bufs.Put(buf)
		return nil, 0, r.execError(j.path, err)
	}
	files := []file{{name: j.path, data: buf.Bytes(), buf: buf}}
	if j.writeCSV {
		for _, t := range pb.tables {
			if len(t.figs) == 0 && t.rows == nil {
				continue
			}
			f, err := r.tableDownload(t)
			if err != nil {
				for _, f := range files {
					r.bufs.Put(f.buf)
				}
				return nil, 0, fmt.Errorf("render %s: %w", t.csvPath, err)
			}
			files = append(files, f)
		}
	}
	return files, pb.charts, nil
}

// tableDownload returns the download of t, written into a buffer of the pool through a
// bufio.Writer of the pool (encoding/csv would make a bufio.Writer of its own for each of a
// state's 42,000 downloads, and the buffer would grow from nothing).
func (r *run) tableDownload(t *Table) (file, error) {
	buf := r.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	buf.Grow(csvSize(max(len(t.figs), len(t.rows))))
	bw := r.csvWriters.Get().(*bufio.Writer)
	bw.Reset(buf)
	err := writeTableCSV(bw, t)
	if err == nil {
		err = bw.Flush()
	}
	bw.Reset(nil)
	r.csvWriters.Put(bw)
	if err != nil {
		r.bufs.Put(buf)
		return file{}, err
	}
	return file{name: t.csvPath, data: buf.Bytes(), buf: buf}, nil
}

// errorList collects the errors of concurrent workers, up to a bound. A template's error is
// kept once, however many pages it fails (see templateExecError).
type errorList struct {
	mu   sync.Mutex
	errs []error
	more int
	// templates holds the template errors kept, by message.
	templates map[string]bool
}

func (e *errorList) add(err error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if te, ok := err.(templateExecError); ok {
		if e.templates[te.msg] {
			return
		}
		if e.templates == nil {
			e.templates = map[string]bool{}
		}
		e.templates[te.msg] = true
	}
	if len(e.errs) < 20 {
		e.errs = append(e.errs, err)
	} else {
		e.more++
	}
}

func (e *errorList) err() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.more > 0 {
		return errors.Join(append(e.errs, fmt.Errorf("and %d more errors", e.more))...)
	}
	return errors.Join(e.errs...)
}

func (r *run) render(ctx context.Context, out Output) (Stats, error) {
	logw := r.site.Log
	var pages, downloads, charts atomic.Int64
	var writing atomic.Int64 // nanoseconds
	write := func(name string, data []byte) error {
		start := time.Now()
		err := out.WriteFile(name, data)
		writing.Add(int64(time.Since(start)))
		if err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
		return nil
	}

	// The files around the pages, first, from this goroutine.
	if err := r.writeStatic(write); err != nil {
		return Stats{}, err
	}
	if err := r.writeLook(write); err != nil {
		return Stats{}, err
	}
	for _, f := range []struct {
		name string
		t    *template.Template
		data any
	}{
		{"index.html", r.root, r.rootPage()},
		{"404.html", r.notFound, r.notFoundPage()},
	} {
		var buf bytes.Buffer
		if err := f.t.Execute(&buf, f.data); err != nil {
			return Stats{}, r.execError(f.name, err)
		}
		if err := write(f.name, buf.Bytes()); err != nil {
			return Stats{}, err
		}
		pages.Add(1)
	}
	if len(r.goals.all) > 0 {
		goals, err := rowsCSV(r.goals.csv())
		if err != nil {
			return Stats{}, err
		}
		if err := write("data/goals.csv", goals); err != nil {
			return Stats{}, err
		}
		downloads.Add(1)
	}

	// The pages, concurrently; one writer, or one per core for a ConcurrentOutput.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var errs errorList
	jobsCh := make(chan job)
	filesCh := make(chan file, 64)
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobsCh {
				if ctx.Err() != nil {
					continue
				}
				files, n, err := r.renderJob(j)
				if err != nil {
					errs.add(err)
					cancel()
					continue
				}
				charts.Add(int64(n))
				for _, f := range files {
					filesCh <- f
				}
			}
		}()
	}
	writers := 1
	if _, ok := out.(ConcurrentOutput); ok {
		writers = max(2, workers)
	}
	var failed atomic.Bool
	var writersDone sync.WaitGroup
	for range writers {
		writersDone.Go(func() {
			for f := range filesCh {
				if !failed.Load() {
					if err := write(f.name, f.data); err != nil {
						errs.add(err)
						failed.Store(true)
						cancel()
					} else if strings.HasSuffix(f.name, ".html") {
						pages.Add(1)
					} else {
						downloads.Add(1)
					}
				}
				if f.buf != nil {
					r.bufs.Put(f.buf)
				}
			}
		})
	}
	// data/metrics.csv, every figure (a million rows at state scale), beside the pages: it
	// took a core alone for half a second before them.
	wg.Go(func() {
		if ctx.Err() != nil {
			return // a page failed already
		}
		if so, ok := out.(StreamOutput); ok {
			if err := streamCSV(ctx, so, "data/metrics.csv", r.ix.result.Figures, &writing); err != nil {
				// Stopped for what stopped the build (reported already), or failed itself.
				if done := ctx.Err(); done == nil || !errors.Is(err, done) {
					errs.add(fmt.Errorf("write data/metrics.csv: %w", err))
					cancel()
				}
				return
			}
			downloads.Add(1)
			return
		}
		metrics, err := figuresCSV(r.ix.result.Figures)
		if err != nil {
			errs.add(fmt.Errorf("render data/metrics.csv: %w", err))
			cancel()
			return
		}
		filesCh <- file{name: "data/metrics.csv", data: metrics}
	})
	var paths []string
produce:
	for _, lang := range r.cfg.Languages {
		jobs := r.jobs(lang)
		fmt.Fprintf(logw, "rendering %s: %d pages\n", lang.Code, len(jobs))
		for _, j := range jobs {
			paths = append(paths, j.path)
			select {
			case jobsCh <- j:
			case <-ctx.Done():
				break produce
			}
		}
	}
	close(jobsCh)
	wg.Wait()
	close(filesCh)
	writersDone.Wait()
	if err := errs.err(); err != nil {
		return Stats{}, err
	}
	if err := ctx.Err(); err != nil {
		return Stats{}, err
	}
	if unknown := r.bundle.Unknown(); len(unknown) > 0 {
		return Stats{}, fmt.Errorf("render: unknown translation keys (not in %s.toml): %s",
			r.cfg.DefaultLanguage, strings.Join(unknown, ", "))
	}
	if err := r.writeSitemap(write, paths); err != nil {
		return Stats{}, err
	}
	stats := Stats{Pages: int(pages.Load()), Downloads: int(downloads.Load()), Charts: int(charts.Load()), Writing: time.Duration(writing.Load()),
		Missing: r.bundle.Missing(), Coverage: r.coverage(), Warnings: r.warnings()}
	fmt.Fprintf(logw, "rendered %d pages, %d charts, %d downloads\n", stats.Pages, stats.Charts, stats.Downloads)
	return stats, nil
}
