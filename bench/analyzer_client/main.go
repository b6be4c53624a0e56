// Command analyzer-client replays recorded Analyze and AnalyzeStack requests against a
// policy pack's Analyzer, one after the other, as the Pulumi engine (a Go gRPC client)
// sends them. The requests are serialized beforehand (bench/policy_scale.py); each
// response is written back, length-prefixed, so the caller can check the answers. The time
// spent in each method is printed on stderr.
package main

import (
	"bufio"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"time"

	"google.golang.org/grpc"
)

// raw passes serialized messages through unchanged: the client needs no generated code.
type raw struct{}

func (raw) Marshal(v interface{}) ([]byte, error) { return *(v.(*[]byte)), nil }
func (raw) Unmarshal(data []byte, v interface{}) error {
	*(v.(*[]byte)) = append([]byte(nil), data...)
	return nil
}
func (raw) Name() string { return "proto" }

func read(r io.Reader) (byte, []byte, error) {
	var head [5]byte
	if _, err := io.ReadFull(r, head[:]); err != nil {
		return 0, nil, err
	}
	body := make([]byte, binary.BigEndian.Uint32(head[1:]))
	_, err := io.ReadFull(r, body)
	return head[0], body, err
}

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: analyzer-client ADDRESS REQUESTS RESPONSES")
		os.Exit(2)
	}
	in, err := os.Open(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var requests [][]byte
	var kinds []byte
	reader := bufio.NewReader(in)
	for {
		kind, body, err := read(reader)
		if err == io.EOF {
			break
		} else if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		kinds, requests = append(kinds, kind), append(requests, body)
	}
	conn, err := grpc.Dial(os.Args[1], grpc.WithInsecure(), grpc.WithBlock())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	defer conn.Close()
	out, err := os.Create(os.Args[3])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	writer := bufio.NewWriter(out)
	methods := map[byte]string{'a': "/pulumirpc.Analyzer/Analyze", 's': "/pulumirpc.Analyzer/AnalyzeStack"}
	spent := map[byte]time.Duration{}
	calls := map[byte]int{}
	for i, body := range requests {
		var response []byte
		request := body
		began := time.Now()
		if err := conn.Invoke(context.Background(), methods[kinds[i]], &request, &response, grpc.ForceCodec(raw{})); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		spent[kinds[i]] += time.Since(began)
		calls[kinds[i]]++
		var head [5]byte
		head[0] = kinds[i]
		binary.BigEndian.PutUint32(head[1:], uint32(len(response)))
		writer.Write(head[:])
		writer.Write(response)
	}
	if err := writer.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	// where the time went, per method, for the bench's breakdown (stderr: the caller may ignore it)
	for _, kind := range []byte{'a', 's'} {
		fmt.Fprintf(os.Stderr, "%s %d calls %.3f s\n", methods[kind], calls[kind], spent[kind].Seconds())
	}
}
