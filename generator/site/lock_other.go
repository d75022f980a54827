//go:build !(darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris || windows)

package site

import "os"

// tryLock cannot lock on this system: builds into one output folder are not kept apart here.
func tryLock(*os.File) error { return errNoLocking }

func (l *outLock) unlock() { l.f.Close() }
