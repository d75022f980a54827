package site

import (
	"fmt"
	"sync"
)

// Memory is a render.Output that keeps a site's files in memory, for a build that is served
// rather than written (elreport serve: Options.Output). It is safe for concurrent use; a
// finished build's Memory is only read.
type Memory struct {
	mu    sync.RWMutex
	files map[string][]byte
	bytes int64
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory {
	return &Memory{files: map[string][]byte{}}
}

// WriteFile keeps a copy of data (Render reuses its buffers) as the file name, a slash path
// relative to the site root. As when a build writes a folder, writing the same name twice is
// an error.
func (m *Memory) WriteFile(name string, data []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.files[name]; ok {
		return fmt.Errorf("write %q: written twice", name)
	}
	m.files[name] = append([]byte(nil), data...)
	m.bytes += int64(len(data))
	return nil
}

// File returns the file name (a slash path relative to the site root, as written) and whether
// the site has it. The bytes are the Memory's own: do not change them.
func (m *Memory) File(name string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	data, ok := m.files[name]
	return data, ok
}

// Size returns the number of files and their bytes.
func (m *Memory) Size() (files int, bytes int64) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.files), m.bytes
}
