//go:build windows

package site

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// tryLock locks, without waiting, one byte of f far past its end, so that the process id written
// at its start stays readable by a waiting build (Windows locks are mandatory).
func tryLock(f *os.File) error {
	ol := &windows.Overlapped{Offset: 0, OffsetHigh: 0x7fffffff}
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, windows.ERROR_LOCK_VIOLATION), errors.Is(err, windows.ERROR_IO_PENDING):
		return errLocked
	case errors.Is(err, windows.ERROR_NOT_SUPPORTED), errors.Is(err, windows.ERROR_INVALID_FUNCTION):
		return errors.Join(errNoLocking, err)
	}
	return err
}

// unlock releases the lock by closing the file. The file itself stays: Windows cannot remove a
// file another build may have open, and removing it could let two builds lock different files.
func (l *outLock) unlock() { l.f.Close() }
