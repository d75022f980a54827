package site

import (
	"errors"
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// swap puts stage in place of out and returns where the previous site now is ("" if there was
// none). Linux exchanges the two folders in one step (renameat2 with RENAME_EXCHANGE): at every
// instant out is either the whole previous site or the whole new one, and the previous site
// ends up at stage's path, to be removed. A file system that cannot exchange (EINVAL, or an
// old kernel: ENOSYS) gets swapByRenames, the best available without it.
func swap(stage, out string) (old string, err error) {
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		// The first site: rename, failing rather than replacing whatever appeared meanwhile.
		err := unix.Renameat2(unix.AT_FDCWD, stage, unix.AT_FDCWD, out, unix.RENAME_NOREPLACE)
		if err == nil {
			return "", nil
		}
		if !unsupported(err) {
			return "", &os.LinkError{Op: "rename", Old: stage, New: out, Err: err}
		}
		return swapByRenames(stage, out)
	}
	err = unix.Renameat2(unix.AT_FDCWD, stage, unix.AT_FDCWD, out, unix.RENAME_EXCHANGE)
	if err == nil {
		hook("exchanged")
		return stage, nil
	}
	if !unsupported(err) {
		return "", &os.LinkError{Op: "exchange", Old: stage, New: out, Err: err}
	}
	hook("exchange-unsupported")
	return swapByRenames(stage, out)
}

// unsupported reports whether renameat2 failed because the kernel or the file system lacks the
// flag, not because of the folders.
func unsupported(err error) bool {
	return errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EOPNOTSUPP)
}
