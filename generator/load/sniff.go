package load

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf8"
)

// sniffUTF8 reads r to its end and reports whether it is UTF-8 text with at least one
// character beyond ASCII: line is then the line of the first such character (1-based) and
// example the word around it; line is 0 when the text is not valid UTF-8 (it stops reading at
// the first byte that is not) or is all ASCII. A file starting with a UTF-8 byte order mark
// gives 0 too: the reader reports it on its own. Errors are failures to read.
//
// A Windows-1252 file with any letter beyond ASCII is almost never valid UTF-8 ("é" is the
// single byte 0xE9, which UTF-8 never has alone), so a valid UTF-8 file with such letters is a
// UTF-8 file.
func sniffUTF8(r io.Reader) (line int, example string, err error) {
	buf := make([]byte, 64<<10)
	carry := 0 // bytes of an incomplete character left at the start of buf
	lines := 1 // the line at the start of the unscanned part (until the first character)
	start := true
	for {
		n, rerr := io.ReadFull(r, buf[carry:])
		eof := rerr == io.EOF || rerr == io.ErrUnexpectedEOF
		if rerr != nil && !eof {
			return 0, "", rerr
		}
		data := buf[:carry+n]
		if start {
			if bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
				return 0, "", nil
			}
			start = false
		}
		end := len(data)
		if !eof {
			end = completeRunes(data)
		}
		if !utf8.Valid(data[:end]) {
			return 0, "", nil
		}
		if line == 0 {
			if i := firstNonASCII(data[:end]); i >= 0 {
				line = lines + bytes.Count(data[:i], []byte("\n"))
				example = wordAt(data[:end], i)
			} else {
				lines += bytes.Count(data[:end], []byte("\n"))
			}
		}
		if eof {
			return line, example, nil
		}
		carry = copy(buf, data[end:])
	}
}

// completeRunes returns the length of the longest prefix of data that does not end in the
// middle of a UTF-8 sequence.
func completeRunes(data []byte) int {
	for back := 1; back <= utf8.UTFMax && back <= len(data); back++ {
		i := len(data) - back
		if utf8.RuneStart(data[i]) {
			if utf8.FullRune(data[i:]) {
				return len(data)
			}
			return i
		}
	}
	return len(data)
}

// wordAt returns the word of UTF-8 data around index i, at most about 40 bytes, for a
// message.
func wordAt(data []byte, i int) string {
	from, to := wordSpan(data, i)
	for from < to && !utf8.RuneStart(data[from]) {
		from++
	}
	for to > from && to < len(data) && !utf8.RuneStart(data[to]) {
		to--
	}
	return strings.ToValidUTF8(string(data[from:to]), "")
}

// wordSpan returns the bounds of the word of data around index i: at most 20 bytes on either
// side, up to a space, a comma, a semicolon or a quote.
func wordSpan(data []byte, i int) (from, to int) {
	const most = 20
	isBreak := func(c byte) bool { return c <= ' ' || c == ',' || c == ';' || c == '"' }
	from = i
	for from > 0 && i-from < most && !isBreak(data[from-1]) {
		from--
	}
	to = i
	for to < len(data) && to-i < most && !isBreak(data[to]) {
		to++
	}
	return from, to
}
