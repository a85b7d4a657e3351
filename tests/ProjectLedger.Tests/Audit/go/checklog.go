// An outside check of ProjectLedger's transparency log with Go's golang.org/x/mod/sumdb/note and
// sumdb/tlog: reads a JSON file (key, checkpoint, an older checkpoint, inclusion proofs with the
// leaf bytes, a consistency proof) and prints "ok" or what failed.
package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type proof struct {
	LeafIndex int64    `json:"leafIndex"`
	TreeSize  int64    `json:"treeSize"`
	LeafHash  string   `json:"leafHash"`
	Hashes    []string `json:"hashes"`
	LeafBytes string   `json:"leafBytes"`
}

type input struct {
	Key         string  `json:"key"`
	Checkpoint  string  `json:"checkpoint"`
	Older       string  `json:"older"`
	Inclusion   []proof `json:"inclusion"`
	Consistency proof   `json:"consistency"`
}

func hash(s string) tlog.Hash {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b) != 32 {
		fail("not a base64 hash: %q", s)
	}
	var h tlog.Hash
	copy(h[:], b)
	return h
}

func fail(format string, args ...interface{}) {
	fmt.Printf(format+"\n", args...)
	os.Exit(1)
}

func open(text string, verifiers note.Verifiers) (string, int64, tlog.Hash) {
	n, err := note.Open([]byte(text), verifiers)
	if err != nil {
		fail("note.Open: %v", err)
	}
	lines := strings.Split(n.Text, "\n")
	if len(lines) != 4 || lines[3] != "" {
		fail("checkpoint body has %d lines", len(lines))
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		fail("tree size: %v", err)
	}
	return lines[0], size, hash(lines[2])
}

func main() {
	raw, err := os.ReadFile(os.Args[1])
	if err != nil {
		fail("%v", err)
	}
	var in input
	if err := json.Unmarshal(raw, &in); err != nil {
		fail("%v", err)
	}
	verifier, err := note.NewVerifier(strings.TrimSpace(in.Key))
	if err != nil {
		fail("note.NewVerifier: %v", err)
	}
	verifiers := note.VerifierList(verifier)
	_, size, root := open(in.Checkpoint, verifiers)
	_, olderSize, olderRoot := open(in.Older, verifiers)
	for _, p := range in.Inclusion {
		leaf, _ := base64.StdEncoding.DecodeString(p.LeafBytes)
		if tlog.RecordHash(leaf) != hash(p.LeafHash) {
			fail("leaf %d: RecordHash of the leaf bytes differs from the leaf hash", p.LeafIndex)
		}
		var rp tlog.RecordProof
		for _, h := range p.Hashes {
			rp = append(rp, hash(h))
		}
		if p.TreeSize != size {
			fail("proof for size %d, checkpoint %d", p.TreeSize, size)
		}
		if err := tlog.CheckRecord(rp, size, root, p.LeafIndex, hash(p.LeafHash)); err != nil {
			fail("tlog.CheckRecord leaf %d: %v", p.LeafIndex, err)
		}
	}
	var tp tlog.TreeProof
	for _, h := range in.Consistency.Hashes {
		tp = append(tp, hash(h))
	}
	if err := tlog.CheckTree(tp, size, root, olderSize, olderRoot); err != nil {
		fail("tlog.CheckTree %d -> %d: %v", olderSize, size, err)
	}
	fmt.Println("ok")
}
