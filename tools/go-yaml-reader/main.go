// Command go-yaml-reader is a test oracle: it reads YAML the way kubectl does and prints what
// kubectl would see, so that tests can compare the project's own YAML reader and writer with it.
//
// kubectl splits a stream into documents with k8s.io/apimachinery/pkg/util/yaml (YAMLReader),
// then converts each document with sigs.k8s.io/yaml.YAMLToJSON, which parses with go-yaml v2
// (YAML 1.1 scalar resolution) and re-encodes the result as JSON. Debian packages
// sigs.k8s.io/yaml and go-yaml v2 but not apimachinery, so splitDocuments below re-implements
// the splitting rules of apimachinery's YAMLReader.Read and LineReader.Read. Not reproduced:
// NewYAMLOrJSONDecoder first tries a stream whose first non-space byte is "{" as JSON; here it
// is always read as YAML (go-yaml then reads only the first of several JSON objects).
//
// Usage:
//
//	go-yaml-reader [-strict] < stream.yaml
//	go-yaml-reader [-strict] -batch < frames
//
// For each document it prints one JSON line:
//
//	{"json": <the document as YAMLToJSON converts it>}
//	{"error": "<go's error text>"}
//	{"empty": true}   (only blank and comment lines: kubectl skips it)
//
// -strict converts with YAMLToJSONStrict, which refuses duplicate keys.
//
// -batch reads many streams in one run: stdin holds frames, each the decimal byte length of a
// stream, a newline, then that many bytes. For each frame it prints one line: the JSON array of
// that stream's document lines.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"sigs.k8s.io/yaml"
)

// result is one output line; exactly one field is set.
type result struct {
	JSON  *json.RawMessage `json:"json,omitempty"`
	Error *string          `json:"error,omitempty"`
	Empty bool             `json:"empty,omitempty"`
}

// splitDocuments cuts a stream into documents as apimachinery's YAMLReader does:
//   - the stream is read line by line with bufio.Reader.ReadLine, so "\r\n" and "\n" are both
//     dropped and every line is given back a plain "\n" (a CRLF file reaches go-yaml as LF);
//   - a line starting with "---" is a separator if what follows it, trimmed of Unicode space,
//     is empty or starts with "#"; any other "---..." line is an error that ends the stream
//     ("invalid Yaml document separator: ...", kubectl 1.22 and later);
//   - separator lines are not part of any document, and a document with no bytes at all (two
//     separators in a row, or a separator first) is not returned;
//   - "---" must be at byte 0 of the line: after a byte order mark it is not a separator.
//
// It returns the documents found and, if the stream ended on a bad separator, that error.
func splitDocuments(stream []byte) ([][]byte, error) {
	reader := bufio.NewReader(bytes.NewReader(stream))
	var documents [][]byte
	var current bytes.Buffer
	for {
		line, err := readLine(reader)
		if err != nil && err != io.EOF {
			return documents, err
		}
		if bytes.HasPrefix(line, []byte("---")) {
			rest := strings.TrimSpace(string(line[3:]))
			if rest != "" && rest[0] != '#' {
				return documents, fmt.Errorf("invalid Yaml document separator: %s", rest)
			}
			if current.Len() > 0 {
				documents = append(documents, append([]byte(nil), current.Bytes()...))
				current.Reset()
			}
			if err == io.EOF {
				return documents, nil
			}
			continue
		}
		if err == io.EOF {
			// The last "line" at end of stream is only the "\n" readLine adds: it is dropped.
			if current.Len() > 0 {
				documents = append(documents, current.Bytes())
			}
			return documents, nil
		}
		current.Write(line)
	}
}

// readLine returns one line with a "\n" appended, joining the pieces of a line longer than the
// reader's buffer, and io.EOF (with just "\n") once the stream is exhausted.
func readLine(reader *bufio.Reader) ([]byte, error) {
	var line bytes.Buffer
	for {
		piece, isPrefix, err := reader.ReadLine()
		line.Write(piece)
		if !isPrefix || err != nil {
			line.WriteByte('\n')
			return line.Bytes(), err
		}
	}
}

// isBlank tells whether a document holds only blank and comment lines; YAMLToJSON gives "null"
// for it, as for "~", but kubectl skips it as no document at all.
func isBlank(document []byte) bool {
	for _, line := range strings.Split(string(document), "\n") {
		trimmed := strings.TrimLeft(line, " \t\r")
		if trimmed != "" && trimmed[0] != '#' {
			return false
		}
	}
	return true
}

// readStream converts every document of one stream. A document that go-yaml rejects gives an
// error line and the next documents are still read (kubectl would stop at the first error).
func readStream(stream []byte, strict bool) []result {
	convert := yaml.YAMLToJSON
	if strict {
		convert = yaml.YAMLToJSONStrict
	}
	documents, splitErr := splitDocuments(stream)
	results := make([]result, 0, len(documents)+1)
	for _, document := range documents {
		if isBlank(document) {
			results = append(results, result{Empty: true})
			continue
		}
		converted, err := convert(document)
		if err != nil {
			text := err.Error()
			results = append(results, result{Error: &text})
			continue
		}
		raw := json.RawMessage(converted)
		results = append(results, result{JSON: &raw})
	}
	if splitErr != nil {
		text := splitErr.Error()
		results = append(results, result{Error: &text})
	}
	return results
}

// readFrames splits -batch input into its streams.
func readFrames(input []byte) ([][]byte, error) {
	var frames [][]byte
	for len(input) > 0 {
		newline := bytes.IndexByte(input, '\n')
		if newline < 0 {
			return nil, errors.New("batch input: a frame header has no newline")
		}
		size, err := strconv.Atoi(string(input[:newline]))
		if err != nil || size < 0 || size > len(input)-newline-1 {
			return nil, fmt.Errorf("batch input: bad frame length %q", input[:newline])
		}
		frames = append(frames, input[newline+1:newline+1+size])
		input = input[newline+1+size:]
	}
	return frames, nil
}

func main() {
	strict := flag.Bool("strict", false, "convert with YAMLToJSONStrict (duplicate keys are errors)")
	batch := flag.Bool("batch", false, "read length-prefixed streams and print one JSON array per stream")
	flag.Parse()

	input, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "go-yaml-reader:", err)
		os.Exit(1)
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	encoder := json.NewEncoder(out) // Encode ends every value with "\n": one line each

	if !*batch {
		for _, r := range readStream(input, *strict) {
			if err := encoder.Encode(r); err != nil {
				fmt.Fprintln(os.Stderr, "go-yaml-reader:", err)
				os.Exit(1)
			}
		}
		return
	}
	frames, err := readFrames(input)
	if err != nil {
		fmt.Fprintln(os.Stderr, "go-yaml-reader:", err)
		os.Exit(1)
	}
	for _, frame := range frames {
		if err := encoder.Encode(readStream(frame, *strict)); err != nil {
			fmt.Fprintln(os.Stderr, "go-yaml-reader:", err)
			os.Exit(1)
		}
	}
}
