package contract

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v4"
)

// Excerpt cuts the published Atlas Administration API document down to what
// the contract checks: the stream workspace, stream connection and failover
// connection operations, every component they reference, and the security
// schemes. It makes the one correction the excerpt in shared/ also makes:
// "S3" joins the StreamsConnection type enum, which the document's own
// discriminator mapping lists and the service accepts. The GitHub workflows
// run it on the document they fetch (scripts/fetch-openapi.sh), so every CI
// checks traffic against the same selection.
func Excerpt(published []byte) ([]byte, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(published, &root); err != nil {
		return nil, fmt.Errorf("parse the published document: %w", err)
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) != 1 || root.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("the published document is not a YAML mapping")
	}
	doc := root.Content[0]
	paths, components := mappingValue(doc, "paths"), mappingValue(doc, "components")
	if paths == nil || components == nil {
		return nil, fmt.Errorf("the published document has no paths or no components")
	}
	keepEntries(paths, isStreamConnectionPath)
	if len(paths.Content) == 0 {
		return nil, fmt.Errorf("the published document has no stream workspace or connection paths")
	}
	keepReferenced(components, paths)
	if err := addS3ToConnectionTypes(components); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(&root); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

const streamsPath = "/api/atlas/v2/groups/{groupId}/streams"

// isStreamConnectionPath selects the workspace collection and item, and
// everything under a workspace's connections (failover connections
// included); processors, private links and the rest are left out.
func isStreamConnectionPath(path string) bool {
	return path == streamsPath ||
		path == streamsPath+"/{tenantName}" ||
		strings.HasPrefix(path, streamsPath+"/{tenantName}/connections")
}

// keepReferenced keeps, in each section of components, the entries that
// paths reference directly or through other components (a $ref, or a
// discriminator mapping's value), and every security scheme.
func keepReferenced(components, paths *yaml.Node) {
	wanted := map[string]bool{} // "schemas/Name"
	queue := []*yaml.Node{paths}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, ref := range references(n) {
			if wanted[ref] {
				continue
			}
			wanted[ref] = true
			section, name, _ := strings.Cut(ref, "/")
			if entry := mappingValue(mappingValue(components, section), name); entry != nil {
				queue = append(queue, entry)
			}
		}
	}
	for i := 0; i+1 < len(components.Content); i += 2 {
		section := components.Content[i].Value
		if section == "securitySchemes" {
			continue
		}
		keepEntries(components.Content[i+1], func(name string) bool { return wanted[section+"/"+name] })
	}
	keepEntries(components, func(section string) bool {
		return len(mappingValue(components, section).Content) > 0
	})
}

// references lists the "#/components/..." targets named anywhere under n.
func references(n *yaml.Node) []string {
	var refs []string
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode {
			if ref, ok := strings.CutPrefix(n.Value, "#/components/"); ok {
				refs = append(refs, ref)
			}
			return
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	return refs
}

func addS3ToConnectionTypes(components *yaml.Node) error {
	connection := mappingValue(mappingValue(components, "schemas"), "StreamsConnection")
	enum := mappingValue(mappingValue(mappingValue(connection, "properties"), "type"), "enum")
	if enum == nil || enum.Kind != yaml.SequenceNode {
		return fmt.Errorf("the published document has no StreamsConnection type enum")
	}
	if !slices.ContainsFunc(enum.Content, func(v *yaml.Node) bool { return v.Value == "S3" }) {
		enum.Content = append(enum.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "S3"})
	}
	return nil
}

// mappingValue is the value under key in mapping m, or nil.
func mappingValue(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// keepEntries drops the entries of mapping m whose key keep refuses.
func keepEntries(m *yaml.Node, keep func(key string) bool) {
	kept := m.Content[:0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if keep(m.Content[i].Value) {
			kept = append(kept, m.Content[i], m.Content[i+1])
		}
	}
	m.Content = kept
}
