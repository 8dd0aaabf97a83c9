package client

import (
	"fmt"
	"strings"
)

// FailoverConnection is one failover connection (the API's
// StreamsFailoverConnection): a Kafka or Cluster connection as it is reached
// from one of its workspace's failover regions, with its own endpoints,
// credentials and networking, or its own cluster. Its fields are the
// connection's own, spelled and nested the same, so it is the connection
// type under another name: what converts a Kafka or Cluster connection
// converts it too. Only id, name, type, region, state and the Kafka and
// Cluster fields apply. ID, assigned by Atlas, is the only key of its path;
// Name is always the parent connection's (Atlas fails with 500 without it,
// so the client sets it on every create and update). Write-only fields are
// never returned on reads.
type FailoverConnection StreamConnection

// MarshalJSON and UnmarshalJSON spell it as a StreamConnection.
func (f FailoverConnection) MarshalJSON() ([]byte, error) { return StreamConnection(f).MarshalJSON() }

func (f *FailoverConnection) UnmarshalJSON(data []byte) error {
	return (*StreamConnection)(f).UnmarshalJSON(data)
}

// checkAnswer refuses a success answer that decodes but does not describe a
// failover connection: without its id it cannot be read, updated or deleted
// again, and without its type or region it cannot be told apart.
func (f *FailoverConnection) checkAnswer() error {
	var missing []string
	for _, field := range []struct{ name, value string }{{"id", f.ID}, {"type", f.Type}, {"region", f.Region}} {
		if field.value == "" {
			missing = append(missing, field.name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("the answer is not a failover connection: it has no %s", strings.Join(missing, " and no "))
	}
	return nil
}

// PrivateNetworking says whether Atlas reaches the failover connection over
// VPC peering, PrivateLink or a transit gateway, which can keep it PENDING
// or DELETING for many minutes.
func (f *FailoverConnection) PrivateNetworking() bool {
	return (*StreamConnection)(f).PrivateNetworking()
}
