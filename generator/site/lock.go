package site

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Builds into one output folder take turns: each holds a lock on a file beside the folder
// (.<name>.lock) from before it creates its staging folder until its site is swapped in or
// discarded. The lock is the operating system's (flock, LockFileEx), so it is released when the
// process ends, however it ends: a killed build never leaves a stale lock.

// How long a build waits for another build of the same output folder, and how often it tries.
var (
	lockWait = 5 * time.Minute
	lockPoll = 200 * time.Millisecond
)

var (
	// errLocked is what tryLock returns when another process holds the lock.
	errLocked = errors.New("locked by another process")
	// errNoLocking is what tryLock returns when the file system cannot lock files.
	errNoLocking = errors.New("the file system cannot lock files")
)

// outLock is a held lock on an output folder.
type outLock struct {
	f    *os.File
	path string
}

// lockOut takes the lock of the output folder target (out as the user gave it, for messages),
// waiting up to lockWait while another build holds it. It returns a nil lock, after a warning,
// when the file system cannot lock files.
func lockOut(ctx context.Context, out, target string, log io.Writer) (*outLock, error) {
	path := filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+".lock")
	deadline := time.Now().Add(lockWait)
	said := false
	for tries := 0; ; tries++ {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("lock the output folder: %w", err)
		}
		err = tryLock(f)
		switch {
		case err == nil:
			if !sameFile(f, path) {
				// The build that held the lock removed the file as it finished, after this one
				// opened it: lock the file that is there now.
				f.Close()
				continue
			}
			f.Truncate(0)
			f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
			return &outLock{f: f, path: path}, nil
		case errors.Is(err, errNoLocking):
			f.Close()
			os.Remove(path)
			fmt.Fprintf(log, "warning: cannot lock %s (%v): builds into %s at the same time are not kept apart, and folders that stopped builds left beside it are not removed\n", path, err, out)
			return nil, nil
		case !errors.Is(err, errLocked):
			f.Close()
			return nil, fmt.Errorf("lock the output folder: %s: %w", path, err)
		}
		pid := readPID(f)
		f.Close()
		// The build holding the lock writes its pid just after taking it: a file still empty
		// on the first try is read again at the next, so that the notice can name it.
		if !said && (pid != "" || tries > 0) {
			fmt.Fprintf(log, "another build is writing %s%s; waiting\n", out, pid)
			said = true
			hook("waiting")
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("another build%s is still writing %s after %v; stopped waiting (run this build again when it has finished)", pid, out, lockWait)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("stopped while waiting for another build%s writing %s: %w", pid, out, ctx.Err())
		case <-time.After(lockPoll):
		}
	}
}

// readPID returns " (pid N)" for the process that wrote the lock file, or "" if it says none.
func readPID(f *os.File) string {
	b, err := io.ReadAll(io.LimitReader(f, 32))
	if err != nil {
		return ""
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 {
		return ""
	}
	return fmt.Sprintf(" (pid %d)", pid)
}

// sameFile reports whether f is still the file at path.
func sameFile(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	return err == nil && os.SameFile(a, b)
}
