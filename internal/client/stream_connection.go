package client

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
)

// Connection types as the API spells them in the `type` discriminator.
const (
	TypeSample                = "Sample"
	TypeCluster               = "Cluster"
	TypeKafka                 = "Kafka"
	TypeHTTPS                 = "Https"
	TypeAWSLambda             = "AWSLambda"
	TypeS3                    = "S3"
	TypeAWSKinesisDataStreams = "AWSKinesisDataStreams"
	TypeSchemaRegistry        = "SchemaRegistry"
	TypeAzureBlobStorage      = "AzureBlobStorage"
	TypeGCPPubSub             = "GCPPubSub"
)

// Connection states reported by the API.
const (
	StatePending  = "PENDING"
	StateReady    = "READY"
	StateDeleting = "DELETING"
	StateFailed   = "FAILED"
)

// StreamConnection is one stream connection as the API sends and receives
// it: its identity, and its type's own fields (Settings) as the API spells
// and nests them. Which fields a type has is the connection core's type table
// (internal/connection), so the client carries them as they come and needs no
// change when a type gains one. Read-only fields (ID, State) are ignored by
// the API on writes; write-only fields (ConnectionSecrets) are never
// returned on reads.
type StreamConnection struct {
	Name   string
	Type   string
	ID     string
	State  string
	Region string
	// Settings are the type's fields, decoded JSON: strings, lists of
	// strings and objects of them.
	Settings map[string]any
}

// identityKeys are the JSON keys of StreamConnection's own fields, which
// Settings never holds.
var identityKeys = []string{"name", "type", "id", "state", "region"}

func (c *StreamConnection) identity() []*string {
	return []*string{&c.Name, &c.Type, &c.ID, &c.State, &c.Region}
}

// MarshalJSON writes the identity (each field that is set) and then the
// settings, in the order of their keys, at the top level, as the API has
// them.
func (c StreamConnection) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	write := func(key string, value any) error {
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(key)
		v, err := json.Marshal(value)
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
		return err
	}
	for i, field := range c.identity() {
		if *field != "" {
			_ = write(identityKeys[i], *field)
		}
	}
	for _, key := range slices.Sorted(maps.Keys(c.Settings)) {
		if slices.Contains(identityKeys, key) {
			continue
		}
		if err := write(key, c.Settings[key]); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads the identity and keeps every other field in Settings.
// An identity field of another JSON type is an error that names it; the
// settings' types are the connection core's to check, which knows them.
func (c *StreamConnection) UnmarshalJSON(data []byte) error {
	var identity struct {
		Name   string `json:"name"`
		Type   string `json:"type"`
		ID     string `json:"id"`
		State  string `json:"state"`
		Region string `json:"region"`
	}
	if err := json.Unmarshal(data, &identity); err != nil {
		return err
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		return err
	}
	for _, key := range identityKeys {
		delete(doc, key)
	}
	*c = StreamConnection{Name: identity.Name, Type: identity.Type, ID: identity.ID, State: identity.State, Region: identity.Region}
	if len(doc) > 0 {
		c.Settings = doc
	}
	return nil
}

// Setting is the value at path in the settings ("authentication",
// "password"), and whether it is there.
func (c *StreamConnection) Setting(path ...string) (any, bool) {
	return ValueAt(c.Settings, path...)
}

// ValueAt is the value at path in a decoded JSON object, and whether it is
// there.
func ValueAt(object map[string]any, path ...string) (any, bool) {
	var v any = object
	for _, key := range path {
		object, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = object[key]; !ok {
			return nil, false
		}
	}
	return v, true
}

// SetSetting puts value at path in the settings, making the objects on the
// way.
func (c *StreamConnection) SetSetting(value any, path ...string) {
	if c.Settings == nil {
		c.Settings = map[string]any{}
	}
	object := c.Settings
	for _, key := range path[:len(path)-1] {
		next, ok := object[key].(map[string]any)
		if !ok {
			next = map[string]any{}
			object[key] = next
		}
		object = next
	}
	object[path[len(path)-1]] = value
}

// ConnectionPatch is the body of an update: only the top-level fields that
// changed. A nil value is sent as an explicit JSON null, which clears the field.
type ConnectionPatch map[string]any

// StreamWorkspace is a stream workspace (the API's "tenant").
type StreamWorkspace struct {
	ID                string             `json:"_id,omitempty"`
	GroupID           string             `json:"groupId,omitempty"`
	Name              string             `json:"name,omitempty"`
	DataProcessRegion *DataProcessRegion `json:"dataProcessRegion,omitempty"`
	StreamConfig      *StreamConfig      `json:"streamConfig,omitempty"`
	Hostnames         []string           `json:"hostnames,omitempty"`

	// FailoverRegions (at most two) are where its Kafka and Cluster
	// connections may have failover connections.
	FailoverRegions []DataProcessRegion `json:"failoverRegions,omitempty"`
	// Connections are its connections, returned only when asked for
	// (GetStreamWorkspaceWithConnections).
	Connections []StreamConnection `json:"connections,omitempty"`
}

// StreamConfig sizes a workspace.
type StreamConfig struct {
	Tier string `json:"tier,omitempty"` // SP2, SP5, SP10, SP30 or SP50
}

// DataProcessRegion is the cloud and region a workspace runs in.
type DataProcessRegion struct {
	CloudProvider string `json:"cloudProvider"`
	Region        string `json:"region"`
}
