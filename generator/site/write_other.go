//go:build !linux

package site

// swap puts stage in place of out and returns where the previous site now is ("" if there was
// none). Only Linux has an atomic exchange of two folders that this package uses
// (write_linux.go); elsewhere swapByRenames is the best available.
func swap(stage, out string) (old string, err error) { return swapByRenames(stage, out) }
