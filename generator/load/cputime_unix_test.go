//go:build unix

package load

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time the process has used so far, user and system, on all
// threads (the loader's two goroutines and the garbage collector included).
func processCPU() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
