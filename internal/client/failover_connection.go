package client

import (
	"fmt"
	"strings"
)

// FailoverConnection is one failover connection (the API's
// StreamsFailoverConnection): a Kafka or Cluster connection as it is reached
// from one of its workspace's failover regions, with its own endpoints,
// credentials and networking, or its own cluster. Type says which fields
// apply; they are the connection's own types. ID and State are read-only;
// write-only fields (passwords, keys) are never returned on reads.
type FailoverConnection struct {
	// ID is assigned by Atlas and is the only key of the object's path.
	ID string `json:"id,omitempty"`
	// Name is always the parent connection's: Atlas fails (500) without it,
	// so the client sets it on every create and update.
	Name   string `json:"name,omitempty"`
	Type   string `json:"type,omitempty"` // TypeKafka or TypeCluster
	Region string `json:"region,omitempty"`
	State  string `json:"state,omitempty"`

	// Cluster
	ClusterName     string           `json:"clusterName,omitempty"`
	ClusterGroupID  string           `json:"clusterGroupId,omitempty"`
	DBRoleToExecute *DBRoleToExecute `json:"dbRoleToExecute,omitempty"`

	// Kafka
	BootstrapServers string               `json:"bootstrapServers,omitempty"`
	Config           map[string]string    `json:"config,omitempty"`
	Authentication   *KafkaAuthentication `json:"authentication,omitempty"`
	Security         *KafkaSecurity       `json:"security,omitempty"`
	Networking       *Networking          `json:"networking,omitempty"`
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
	return (&StreamConnection{Networking: f.Networking}).PrivateNetworking()
}
