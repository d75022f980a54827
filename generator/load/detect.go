package load

import (
	"bytes"
	"encoding/binary"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// A file whose encoding site.toml leaves to elreport is read through a detector: the bytes
// pass unchanged while they are ASCII, which reads the same in UTF-8 and Windows-1252. At the
// first byte beyond ASCII it decides, once: a valid UTF-8 character means the file is UTF-8,
// and the rest passes unchanged too; anything else means Windows-1252, and the rest is decoded
// from it. Either way the text before was ASCII, so it reads the same as if the whole file had
// been decoded from the first byte on, and the file is read once, with no copy on the way
// while it is ASCII or UTF-8 (Windows-1252 files are small school lists, not the large files).
//
// A file whose UTF-8 is followed by bytes that are not UTF-8 mixes two encodings; it is read
// as UTF-8, and the values with the bad bytes are rejected (reasonMixed).

// The decisions of a detector.
const (
	undecided = iota // ASCII so far
	isUTF8
	is1252
)

type detector struct {
	r     io.Reader // the file, after a byte order mark if any
	peek  func(n int) ([]byte, error)
	state int
	// offset is the number of bytes of the file before the decision (after the byte order
	// mark): the offset of the first byte beyond ASCII.
	offset int64
	cp     io.Reader // the Windows-1252 decoder, once decided
}

// newDetector returns a detector of br's bytes. src reads the bytes of br without copying
// them when it can (see read).
func newDetector(src io.Reader, peek func(n int) ([]byte, error)) *detector {
	return &detector{r: src, peek: peek}
}

func (d *detector) Read(p []byte) (int, error) {
	switch d.state {
	case isUTF8:
		return d.r.Read(p)
	case is1252:
		return d.cp.Read(p)
	}
	n, err := d.r.Read(p)
	i := firstNonASCII(p[:n])
	if i < 0 {
		d.offset += int64(n)
		return n, err
	}
	d.offset += int64(i)
	// The character at i, completed from the bytes that follow when p ends inside it.
	char := p[i:n]
	if !utf8.FullRune(char) && err == nil {
		if more, _ := d.peek(utf8.UTFMax - len(char)); len(more) > 0 {
			char = append(append([]byte(nil), char...), more...)
		}
	}
	if r, size := utf8.DecodeRune(char); r != utf8.RuneError || size > 1 {
		d.state = isUTF8
		return n, err
	}
	d.state = is1252
	rest := io.Reader(d.r)
	if err != nil {
		rest = errReader{err}
	}
	d.cp = charmap.Windows1252.NewDecoder().Reader(io.MultiReader(bytes.NewReader(bytes.Clone(p[i:n])), rest))
	if i > 0 {
		return i, nil
	}
	return d.cp.Read(p)
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// firstNonASCII returns the index of the first byte of data that is not ASCII, or -1. It
// looks at 32 bytes at a time: it runs over every byte of a file whose encoding is detected.
func firstNonASCII(data []byte) int {
	i := 0
	for ; i+32 <= len(data); i += 32 {
		w := data[i : i+32 : i+32]
		le := binary.LittleEndian
		if (le.Uint64(w[0:])|le.Uint64(w[8:])|le.Uint64(w[16:])|le.Uint64(w[24:]))&0x8080808080808080 != 0 {
			break
		}
	}
	for ; i < len(data); i++ {
		if data[i] >= utf8.RuneSelf {
			return i
		}
	}
	return -1
}

// lineAndWord returns the line (1-based) of the byte at offset in r and the word around it, as
// Windows-1252 text: for the notice of a file read as Windows-1252. It reads r up to a little
// past offset.
func lineAndWord(r io.Reader, offset int64) (int, string) {
	const around = 20
	buf := make([]byte, 32<<10)
	line := 1
	var tail []byte // the bytes before offset, at most around of them
	var read int64
	for read < offset {
		n, err := r.Read(buf[:min(int64(len(buf)), offset-read)])
		chunk := buf[:n]
		line += bytes.Count(chunk, []byte("\n"))
		tail = append(tail, chunk...)
		if len(tail) > around {
			tail = append(tail[:0], tail[len(tail)-around:]...)
		}
		read += int64(n)
		if err != nil {
			break
		}
	}
	after := make([]byte, around)
	n, _ := io.ReadFull(r, after)
	data := append(tail, after[:n]...)
	from, to := wordSpan(data, len(tail))
	word, err := charmap.Windows1252.NewDecoder().String(string(data[from:to]))
	if err != nil {
		word = ""
	}
	return line, word
}
