//go:build !unix

package load

import "time"

// processCPU is not measured on this system: benchmarks report a CPU time of 0.
func processCPU() time.Duration { return 0 }
