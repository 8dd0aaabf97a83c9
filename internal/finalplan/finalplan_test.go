package finalplan

import (
	"context"
	"encoding/json"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/dynamicpb"
	"google.golang.org/protobuf/types/known/emptypb"
)

// frameworkPrivate encodes keys the way terraform-plugin-framework encodes
// private data: a JSON object of base64 values.
func frameworkPrivate(t *testing.T, keys ...string) []byte {
	t.Helper()
	data := map[string][]byte{}
	for _, key := range keys {
		data[key] = []byte("true")
	}
	encoded, err := json.Marshal(data)
	if err != nil {
		t.Fatal(err)
	}
	return encoded
}

// withUnknownPlannedPrivate is a request whose schema lacks field 9, as
// terraform-plugin-go v0.31's does, holding it among other unknown fields.
func withUnknownPlannedPrivate(private []byte) proto.Message {
	var raw []byte
	raw = protowire.AppendTag(raw, 1, protowire.BytesType)
	raw = protowire.AppendString(raw, "atlasx_stream_connection")
	raw = protowire.AppendTag(raw, 4, protowire.VarintType)
	raw = protowire.AppendVarint(raw, 1)
	raw = protowire.AppendTag(raw, plannedPrivateField, protowire.BytesType)
	raw = protowire.AppendBytes(raw, private)
	request := &emptypb.Empty{}
	request.ProtoReflect().SetUnknown(raw)
	return request
}

// withKnownPlannedPrivate is a request whose schema has field 9, as a later
// SDK release's will.
func withKnownPlannedPrivate(t *testing.T, private []byte) proto.Message {
	t.Helper()
	file, err := protodesc.NewFile(&descriptorpb.FileDescriptorProto{
		Name:    proto.String("finalplan_test.proto"),
		Package: proto.String("finalplantest"),
		Syntax:  proto.String("proto3"),
		MessageType: []*descriptorpb.DescriptorProto{{
			Name: proto.String("Request"),
			Field: []*descriptorpb.FieldDescriptorProto{{
				Name:     proto.String("planned_private"),
				JsonName: proto.String("plannedPrivate"),
				Number:   proto.Int32(int32(plannedPrivateField)),
				Type:     descriptorpb.FieldDescriptorProto_TYPE_BYTES.Enum(),
				Label:    descriptorpb.FieldDescriptorProto_LABEL_OPTIONAL.Enum(),
			}},
		}},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	descriptor := file.Messages().Get(0)
	request := dynamicpb.NewMessage(descriptor)
	request.Set(descriptor.Fields().ByNumber(plannedPrivateField), protoreflect.ValueOfBytes(private))
	return request
}

// planContext runs request through the interceptor as method and returns
// the context the handler saw.
func planContext(t *testing.T, method string, request any) context.Context {
	t.Helper()
	var seen context.Context
	_, err := UnaryServerInterceptor(t.Context(), request, &grpc.UnaryServerInfo{FullMethod: method},
		func(ctx context.Context, _ any) (any, error) {
			seen = ctx
			return nil, nil
		})
	if err != nil {
		t.Fatal(err)
	}
	return seen
}

func TestTheFinalPlanSeesWhatThePlanStored(t *testing.T) {
	for name, request := range map[string]proto.Message{
		"unknown field": withUnknownPlannedPrivate(frameworkPrivate(t, "checked", "other")),
		"known field":   withKnownPlannedPrivate(t, frameworkPrivate(t, "checked", "other")),
	} {
		t.Run(name, func(t *testing.T) {
			ctx := planContext(t, planResourceChange, request)
			if !HasKey(ctx, "checked") {
				t.Error("HasKey(checked) = false for planned private data that holds it")
			}
			if HasKey(ctx, "missing") {
				t.Error("HasKey(missing) = true for planned private data without it")
			}
		})
	}
}

func TestNothingIsHandedOnWithoutPlannedPrivateData(t *testing.T) {
	for name, seen := range map[string]context.Context{
		"a plan without field 9":             planContext(t, planResourceChange, withUnknownPlannedPrivate(nil)),
		"another method":                     planContext(t, "/tfplugin6.Provider/ApplyResourceChange", withUnknownPlannedPrivate(frameworkPrivate(t, "checked"))),
		"private data that is not framework": planContext(t, planResourceChange, withUnknownPlannedPrivate([]byte("not json"))),
		"a request that is not a message":    planContext(t, planResourceChange, "request"),
		"truncated unknown fields":           planContext(t, planResourceChange, truncated()),
	} {
		if HasKey(seen, "checked") {
			t.Errorf("%s: HasKey(checked) = true", name)
		}
	}
}

// truncated is a request whose unknown fields end inside field 9.
func truncated() proto.Message {
	raw := protowire.AppendTag(nil, plannedPrivateField, protowire.BytesType)
	raw = protowire.AppendVarint(raw, 100)
	request := &emptypb.Empty{}
	request.ProtoReflect().SetUnknown(append(raw, '{'))
	return request
}
