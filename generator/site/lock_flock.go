//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris

package site

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// tryLock takes an exclusive flock on f without waiting. flock locks belong to the open file,
// so two builds in one process exclude each other too, and end with the process.
func tryLock(f *os.File) error {
	err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.EWOULDBLOCK):
		return errLocked
	case errors.Is(err, unix.ENOLCK), errors.Is(err, unix.EOPNOTSUPP), errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EINVAL):
		return errors.Join(errNoLocking, err)
	}
	return err
}

// unlock removes the lock file and releases the lock. The file goes first, while the lock is
// still held: a build waiting on the old file then finds it is no longer the one at the path
// (lockOut compares them) and locks the new one, so two builds never both hold "the" lock.
func (l *outLock) unlock() {
	os.Remove(l.path)
	l.f.Close()
}
