package site

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Cache keeps, from one build of a site to the next, the inputs loaded and the figures
// computed, so that a build after a change to the site's guides, translations or templates
// only renders again (elreport serve: loading and computing the sample take about half of a
// build). A build with a Cache (Options.Cache) reuses what it keeps unless, since the build
// that filled it, Changed was told of a file outside the content/ and templates/ folders
// beside site.toml, or of one in the data or public data folder, or site.toml reads
// differently. A failed load or computation empties it.
//
// The zero Cache is empty and ready to use; a nil *Cache keeps nothing. It is safe for
// concurrent use.
type Cache struct {
	mu sync.Mutex
	pr *prepared
	// config is the text of site.toml when pr was prepared.
	config []byte
	// dir is the folder of site.toml; inputs are the folders of the inputs, the data folder
	// as site.toml names it and with its links resolved, and the public data folder.
	dir    string
	inputs []string
}

// Changed tells the cache that the file or folder path (an operating system path, absolute
// or relative to the working folder) changed. What is kept stays only if path is in the
// content/ or templates/ folder beside site.toml and not in a data or public data folder
// that is itself inside one of them.
func (c *Cache) Changed(path string) {
	if c == nil {
		return
	}
	abs, err := filepath.Abs(path)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pr == nil {
		return
	}
	if err != nil || !(within(abs, filepath.Join(c.dir, "content")) || within(abs, filepath.Join(c.dir, "templates"))) {
		c.pr = nil
		return
	}
	for _, dir := range c.inputs {
		// A data folder inside content/ or templates/ (a data folder holding the site's
		// folder, as [data] dir = "." does, holds its files beside site.toml, not there).
		if within(abs, dir) && !within(c.dir, dir) {
			c.pr = nil
		}
	}
}

// within reports whether path is dir or inside it; an empty dir holds nothing.
func within(path, dir string) bool {
	if dir == "" {
		return false
	}
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// prepare returns what c keeps for p, with p's own templates and content (read afresh by
// the rendering), or prepares p and keeps the result.
func (c *Cache) prepare(ctx context.Context, p *project, logw io.Writer) (*prepared, error) {
	if c == nil {
		return p.prepare(ctx, logw)
	}
	config, err := os.ReadFile(filepath.Join(p.dir, filepath.Base(p.configName)))
	if err != nil {
		config = nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if kept := c.pr; kept != nil && config != nil && c.dir == p.dir && bytes.Equal(config, c.config) {
		fmt.Fprintln(logw, "reusing the inputs and figures loaded before (only content/ or templates/ changed)")
		pr := *kept
		pr.site.Templates, pr.site.Content, pr.site.Log = p.templates, p.content, logw
		return &pr, nil
	}
	c.pr = nil
	pr, err := p.prepare(ctx, logw)
	if err != nil || config == nil {
		return pr, err
	}
	c.pr, c.config = pr, config
	c.dir, c.inputs = p.dir, []string{p.cfg.DataFolder(p.dir), p.dataDir, p.cfg.PublicFolder(p.dir)}
	return pr, nil
}
